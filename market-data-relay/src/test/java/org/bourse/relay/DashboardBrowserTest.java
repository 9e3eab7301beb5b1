package org.bourse.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.bourse.relay.Fixtures.limit;
import static org.bourse.relay.Fixtures.market;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bourse.cli.BotEnding;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.testkit.HeadlessChromium;
import org.bourse.testkit.RawWebSocket;
import org.bourse.testkit.TestClient;
import org.bourse.transport.AllowedOrigins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The live dashboard in a real browser (headless Chromium), served by a real relay in front of a real exchange,
 * traded on by scripted clients: what a user sees, and what the relay does with a tab or a page it must refuse.
 */
class DashboardBrowserTest {
    private static final List<String> FIELDS = List.of("position", "cash", "avg_entry_price", "realized_pnl",
            "unrealized_pnl", "total_equity");

    @TempDir
    Path dir;

    private Exchange exchange;
    private Relay relay;
    private HeadlessChromium browser;
    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        clients.forEach(TestClient::close);
        if (relay != null) {
            relay.close();
        }
        if (exchange != null) {
            exchange.close();
        }
    }

    private TestClient connect(String uri) throws InterruptedException {
        TestClient client = TestClient.connect(uri);
        clients.add(client);
        return client;
    }

    private void start() throws Exception {
        exchange = Fixtures.exchange(dir, 0);
        startRelay();
    }

    private void startRelay() throws Exception {
        relay = Relay.start(new Relay.Settings(URI.create(exchange.streamUri()), "127.0.0.1", 0, 10_000,
                Duration.ofMillis(50), Duration.ofMillis(200), TickScale.cents(), 0, AllowedOrigins.LOOPBACK));
    }

    private static void accepted(TestClient trader, String order) throws Exception {
        trader.send(order);
        trader.nextJson("order_accepted");
    }

    private String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    /** The trader table's traders as the page shows them: trader → field → text. */
    private Map<String, Map<String, String>> shownAccounts() {
        Map<String, Map<String, String>> shown = new TreeMap<>();
        for (WebElement row : browser.driver().findElements(By.cssSelector("#traders tbody tr[data-trader]"))) {
            Map<String, String> fields = new TreeMap<>();
            for (String field : FIELDS) {
                fields.put(field, row.findElement(By.cssSelector("td[data-field=" + field + "]")).getText());
            }
            shown.put(row.getAttribute("data-trader"), fields);
        }
        return shown;
    }

    /**
     * An account as the exchange stated it, as the page prints it: the exchange's exact decimals, and a dash for
     * what it left null (the average entry of a flat account).
     */
    private static Map<String, String> asPrinted(long position, BigDecimal... money) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("position", Long.toString(position));
        for (int i = 0; i < money.length; i++) {
            fields.put(FIELDS.get(i + 1), money[i] == null ? "—" : money[i].toPlainString());
        }
        return fields;
    }

    @Test
    void thePageShowsTheMarketLiveWithTheExchangesOwnAccountsAndTellsWhenTheExchangeIsDown() throws Exception {
        exchange = Fixtures.exchange(dir, 0);
        // a trader who joined and never traded: in the exchange's snapshot, so the page must show it too
        TestClient idle = connect(exchange.gatewayUri());
        accepted(idle, limit("idle_1", "buy", "90.00", 1, "i1"));
        startRelay();
        TestClient watcher = connect(relay.uri());
        Map<String, Map<String, String>> expected = new TreeMap<>();
        watcher.awaitSnapshot();
        watcher.close();
        watcher = connect(relay.uri());
        ServerMessage.Snapshot snapshot = watcher.next(ServerMessage.Snapshot.class);
        for (ServerMessage.AccountState a : snapshot.accounts()) {
            expected.put(a.traderId(), asPrinted(a.position(), a.cash(), a.avgEntryPrice(), a.realizedPnl(),
                    a.unrealizedPnl(), a.totalEquity()));
        }
        assertThat(expected).containsKey("idle_1");
        TestClient maker = connect(exchange.gatewayUri());
        TestClient taker = connect(exchange.gatewayUri());
        accepted(maker, limit("maker_1", "sell", "100.10", 5, "m1"));
        accepted(maker, limit("maker_1", "buy", "99.90", 5, "m2"));
        accepted(taker, market("taker_1", "buy", 2));

        browser = HeadlessChromium.start(1400, 1000);
        browser.driver().get(relay.dashboardUri());
        browser.waitAtMost(Duration.ofSeconds(20)).until(d -> "CONNECTED".equals(text("status")));

        // trades after the page connected arrive as events, and so does a trader who joins now and never trades
        accepted(taker, market("taker_1", "sell", 3));
        accepted(maker, limit("maker_1", "sell", "100.05", 4, "m3"));
        accepted(connect(exchange.gatewayUri()), limit("idle_2", "buy", "90.00", 1, "i2"));
        accepted(taker, market("taker_1", "buy", 1));
        long last = Fixtures.lastSeq(exchange);
        for (ServerMessage.Event event = watcher.next(ServerMessage.Event.class); ;
                event = watcher.next(ServerMessage.Event.class)) {
            if (event instanceof ServerMessage.PositionUpdate u) {
                expected.put(u.traderId(), asPrinted(u.position(), u.cash(), u.avgEntryPrice(), u.realizedPnl(),
                        u.unrealizedPnl(), u.totalEquity()));
            }
            if (event.seq() >= last) {
                break;
            }
        }
        // the exchange's accounts: the first idle trader's from the snapshot, the others' from their last updates
        browser.waitAtMost(Duration.ofSeconds(20)).until(d -> text("seq").equals("seq " + last));
        Map<String, Map<String, String>> shown = shownAccounts();
        assertThat(shown.keySet()).containsExactlyInAnyOrder("maker_1", "taker_1", "idle_1", "idle_2");
        assertThat(shown).containsAllEntriesOf(expected);
        assertThat(text("trade-count")).isEqualTo("3");
        assertThat(browser.driver().findElements(By.cssSelector("#tape tbody tr.buy, #tape tbody tr.sell")))
                .hasSize(3);
        assertThat(text("best-ask")).isEqualTo("100.05");
        assertThat(text("best-bid")).isEqualTo("99.90");
        assertThat(chartDrawn("price-chart")).as("the price chart drew its trades").isTrue();
        assertThat(browser.console()).as("no errors in the page").noneMatch(line -> line.contains("SEVERE"));

        exchange.close();
        exchange = null;
        browser.waitAtMost(Duration.ofSeconds(20)).until(d -> "EXCHANGE DOWN".equals(text("status")));
        assertThat(text("status-detail")).contains("cannot reach the exchange");
        relay.close();
        relay = null;
        browser.waitAtMost(Duration.ofSeconds(20)).until(d -> "RELAY DOWN".equals(text("status")));
    }

    @Test
    void thePageSaysStaleWhenTheFeedFallsSilentBehindAnOpenConnection() throws Exception {
        // an exchange that sends its snapshot, then freezes with its connection open: the relay vouches for it with
        // heartbeats for a few seconds, then falls silent too
        StreamIntegrityTest.FakeStream frozen = StreamIntegrityTest.FakeStream.start(
                List.of(List.of(StreamIntegrityTest.snapshot(5))), List.of());
        try {
            relay = Relay.start(new Relay.Settings(URI.create("ws://127.0.0.1:" + frozen.getPort()), "127.0.0.1", 0,
                    10_000, Duration.ofMillis(50), Duration.ofMillis(200), TickScale.cents(), 0,
                    AllowedOrigins.LOOPBACK));
            browser = HeadlessChromium.start(1400, 1000);
            browser.driver().get(relay.dashboardUri() + "?stale-after=1.5");
            browser.waitAtMost(Duration.ofSeconds(20)).until(d -> "CONNECTED".equals(text("status")));
            assertThat(text("subtitle")).endsWith(" · stale after 1.5 s");

            browser.waitAtMost(Duration.ofSeconds(20)).until(d -> "STALE".equals(text("status")));
            assertThat(text("status-detail")).startsWith("nothing from the relay for ").contains("not even a heartbeat");
            assertThat(text("seq")).isEqualTo("seq 5");
            assertThat(browser.console()).as("no errors in the page").noneMatch(line -> line.contains("SEVERE"));
        } finally {
            frozen.stop(1_000);
        }
    }

    @Test
    void aBotThatEndsOnItsOwnIsShownWhileTheOthersTrade() throws Exception {
        exchange = Fixtures.exchange(dir, 0);
        Path endings = dir.resolve("bot-endings.tsv");
        relay = Relay.start(new Relay.Settings(URI.create(exchange.streamUri()), "127.0.0.1", 0, 10_000,
                Duration.ofMillis(50), Duration.ofMillis(200), TickScale.cents(), 0, AllowedOrigins.LOOPBACK, null,
                endings));
        browser = HeadlessChromium.start(1400, 1000);
        browser.driver().get(relay.dashboardUri());
        browser.waitAtMost(Duration.ofSeconds(20)).until(d -> "CONNECTED".equals(text("status")));
        assertThat(text("bot-endings")).isEqualTo("none so far"); // no file yet: the battle has not written one

        // as the battle appends them
        Files.writeString(endings, new BotEnding("maker_2", "failed", "exit code 1: unknown parameter 'sprad'").line());
        browser.waitAtMost(Duration.ofSeconds(20)).until(d -> text("bot-endings").contains("maker_2"));
        Files.writeString(endings, new BotEnding("taker_1", "exited", "exit code 0").line(),
                StandardOpenOption.APPEND);
        browser.waitAtMost(Duration.ofSeconds(20)).until(d -> text("bot-endings").contains("taker_1"));

        assertThat(text("bot-endings").lines()).containsExactly(
                "maker_2 failed: exit code 1: unknown parameter 'sprad'", "taker_1 exited: exit code 0");
        assertThat(browser.driver().findElement(By.cssSelector("#bot-endings .failed")).getText())
                .startsWith("maker_2");
        assertThat(browser.console()).as("no errors in the page, the CSP allows the fetch")
                .noneMatch(line -> line.contains("SEVERE"));
    }

    @Test
    void withoutABattleThePageHasNoBotEndings() throws Exception {
        start();
        browser = HeadlessChromium.start(1400, 1000);
        browser.driver().get(relay.dashboardUri());
        browser.waitAtMost(Duration.ofSeconds(20)).until(d -> "CONNECTED".equals(text("status")));
        assertThat(browser.driver().findElement(By.id("bot-endings-panel")).isDisplayed()).isFalse();
    }

    @Test
    void aStaleAfterThatIsNotANumberOfSecondsIsSaidAndTheDefaultUsed() throws Exception {
        start();
        browser = HeadlessChromium.start(1400, 1000);
        browser.driver().get(relay.dashboardUri() + "?stale-after=soon");
        browser.waitAtMost(Duration.ofSeconds(20)).until(d -> "CONNECTED".equals(text("status")));
        assertThat(text("subtitle")).endsWith(" · stale after 3 s (stale-after=soon is not a number of seconds (up to "
                + "86400); using 3)");
    }

    @Test
    void theCrowdIsOneRowAfterTheBotsThatAddsUpItsTradersAndListsEachOnDemand() throws Exception {
        start();
        TestClient crowd = connect(exchange.gatewayUri());
        crowd.send("{\"type\":\"hello\",\"trader_id\":\"crowd\",\"crowd\":[\"bg_mm_1\",\"bg_noise_1\"]}");
        crowd.nextJson("welcome");
        crowd.nextJson("welcome");
        TestClient maker = connect(exchange.gatewayUri());
        TestClient taker = connect(exchange.gatewayUri());
        accepted(crowd, limit("bg_mm_1", "sell", "100.10", 5, "c1"));
        accepted(crowd, limit("bg_mm_1", "buy", "99.90", 5, "c2"));
        accepted(taker, market("taker_1", "buy", 2));
        accepted(crowd, market("bg_noise_1", "sell", 3));
        accepted(maker, limit("maker_1", "sell", "100.05", 4, "m1"));
        accepted(crowd, market("bg_noise_1", "buy", 1));
        long last = Fixtures.lastSeq(exchange);
        // the exchange's accounts after the last trade, as the relay's snapshot states them
        ServerMessage.Snapshot snapshot;
        do {
            TestClient watcher = connect(relay.uri());
            snapshot = watcher.next(ServerMessage.Snapshot.class);
            watcher.close();
        } while (snapshot.seq() < last);
        Map<String, Map<String, String>> expected = new TreeMap<>();
        long position = 0;
        BigDecimal[] sums = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        for (ServerMessage.AccountState a : snapshot.accounts()) {
            expected.put(a.traderId(), asPrinted(a.position(), a.cash(), a.avgEntryPrice(), a.realizedPnl(),
                    a.unrealizedPnl(), a.totalEquity()));
            if (a.traderId().startsWith("bg_")) {
                position += a.position();
                BigDecimal[] amounts = {a.cash(), a.realizedPnl(), a.unrealizedPnl(), a.totalEquity()};
                for (int i = 0; i < sums.length; i++) {
                    sums[i] = sums[i].add(amounts[i]);
                }
            }
        }
        assertThat(expected).containsKeys("bg_mm_1", "bg_noise_1", "maker_1", "taker_1");

        browser = HeadlessChromium.start(1400, 1000);
        browser.driver().get(relay.dashboardUri());
        browser.waitAtMost(Duration.ofSeconds(20)).until(d -> text("seq").equals("seq " + last));

        // the bots, then the crowd's one row: no crowd trader of its own
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#traders tbody tr"));
        assertThat(rows).hasSize(3);
        assertThat(rows.subList(0, 2).stream().map(row -> row.getAttribute("data-trader")))
                .containsExactlyInAnyOrder("maker_1", "taker_1");
        WebElement total = rows.get(2);
        assertThat(total.getAttribute("class")).contains("crowd-total");
        assertThat(total.getText()).contains("crowd (2 bg_ traders)");
        assertThat(total.findElement(By.cssSelector("td[data-field=position]")).getText())
                .isEqualTo(Long.toString(position));
        List<String> moneyFields = List.of("cash", "realized_pnl", "unrealized_pnl", "total_equity");
        for (int i = 0; i < moneyFields.size(); i++) {
            assertThat(total.findElement(By.cssSelector("td[data-field=" + moneyFields.get(i) + "]")).getText())
                    .as(moneyFields.get(i)).isEqualTo(sums[i].toPlainString());
        }
        assertThat(total.findElement(By.cssSelector("td[data-field=avg_entry_price]")).getText()).isEqualTo("—");
        assertThat(chartDrawn("price-chart")).isTrue();

        // the toggle lists each of its traders, with the exchange's figures, and hides them again
        total.findElement(By.tagName("button")).click();
        Map<String, Map<String, String>> shown = shownAccounts();
        assertThat(shown.keySet()).containsExactlyInAnyOrder("maker_1", "taker_1", "bg_mm_1", "bg_noise_1");
        assertThat(shown).containsAllEntriesOf(expected);
        assertThat(browser.driver().findElements(By.cssSelector("#traders tr.crowd-member"))).hasSize(2);
        browser.driver().findElement(By.cssSelector("#traders tr.crowd-total button")).click();
        assertThat(browser.driver().findElements(By.cssSelector("#traders tr.crowd-member"))).isEmpty();
        assertThat(browser.console()).as("no errors in the page").noneMatch(line -> line.contains("SEVERE"));
    }

    /** Whether the chart's canvas has anything drawn on it. */
    private boolean chartDrawn(String id) {
        Object drawn = browser.driver().executeScript("""
                const canvas = document.querySelector('#' + arguments[0] + ' canvas');
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) return true; }
                return false;""", id);
        return Boolean.TRUE.equals(drawn);
    }

    @Test
    void thePageKeepsUpWithABurstAndABrowserThatGoesAwayMidStreamIsJustASubscriberLeaving() throws Exception {
        start();
        browser = HeadlessChromium.start(1200, 900);
        browser.driver().get(relay.dashboardUri());
        browser.waitAtMost(Duration.ofSeconds(20)).until(d -> "CONNECTED".equals(text("status")));
        TestClient trader = connect(exchange.gatewayUri());
        burst(trader, 1_500, "first");
        long last = Fixtures.lastSeq(exchange);
        browser.waitAtMost(Duration.ofSeconds(30)).until(d -> text("seq").equals("seq " + last));
        assertThat(text("status")).isEqualTo("CONNECTED");

        TestClient other = connect(relay.uri());
        other.awaitSnapshot();
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.subscriberCount() == 2);
        burst(trader, 100, null);
        browser.close(); // mid-stream
        browser = null;
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.subscriberCount() == 1);
        accepted(trader, limit("burst_1", "sell", "102.00", 1, "after"));
        long end = Fixtures.lastSeq(exchange);
        List<String> texts = other.readUpTo(end);
        assertThat(texts).as("the other subscriber got every event, in order").isNotEmpty();
        assertThat(relay.disconnectedTooSlow()).isZero();
    }

    /**
     * Sends {@code pairs} orders each followed by its cancel, two book changes a pair, without waiting for the
     * answers; with a {@code marker}, then waits until all are answered (answers come in order).
     */
    private static void burst(TestClient trader, int pairs, String marker) throws Exception {
        for (int i = 0; i < pairs; i++) {
            trader.send(limit("burst_1", i % 2 == 0 ? "buy" : "sell", i % 2 == 0 ? "99.00" : "101.00", 1, "b" + i));
            trader.send(Fixtures.cancel("burst_1", "b" + i));
        }
        if (marker != null) {
            trader.send(limit("burst_1", "buy", "98.00", 1, marker));
            trader.nextJson(node -> marker.equals(node.path("client_order_id").asText()));
        }
    }

    @Test
    void aPageFromAnotherMachineCannotUseTheFeedOrTheDashboardAndUnknownPathsAre404() throws Exception {
        start();
        assertThatThrownBy(() -> RawWebSocket.connect(relay.uri(), 64 * 1024, "Origin: https://evil.example\r\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("handshake refused");
        try (RawWebSocket local = RawWebSocket.connect(relay.uri(), 64 * 1024,
                "Origin: " + relay.dashboardUri().replaceAll("/$", "") + "\r\n")) {
            assertThat(local.handshakeResponse).startsWith("HTTP/1.1 101");
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create(relay.dashboardUri()))
                .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(relay.dashboardUri() + "nope"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("not found\n");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(relay.dashboardUri())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"feedPort\":" + relay.port())
                .doesNotContainPattern("(src|href)=\"(https?:)?//");
    }
}
