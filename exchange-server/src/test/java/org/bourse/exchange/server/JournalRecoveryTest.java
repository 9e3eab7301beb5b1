package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.replay.Replay;
import org.bourse.protocol.SessionHash;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal seen from outside: what the stream sent is events.jsonl, a replay of the journal writes the live
 * files byte for byte, and an exchange restarted on its journal continues the same market.
 */
class JournalRecoveryTest {
    private static final String[] TRADERS = {"alice", "bob", "carol"};

    @TempDir
    Path dir;

    /**
     * A seeded stream of every kind of frame from three traders, sent without waiting (so the gateway and the
     * engine interleave them as they come), then one cancel each whose reject says every earlier frame is answered.
     */
    private static void trade(Exchange exchange, long seed, int frames) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<TestClient> clients = new ArrayList<>();
        try {
            for (String trader : TRADERS) {
                TestClient client = TestClient.connect(exchange.gatewayUri());
                client.request(Harness.hello(trader));
                clients.add(client);
            }
            for (int i = 0; i < frames; i++) {
                int who = random.nextInt(TRADERS.length);
                String trader = TRADERS[who];
                String side = random.nextBoolean() ? "buy" : "sell";
                String price = String.format(Locale.ROOT, "%.2f", 99.50 + random.nextInt(100) / 100.0);
                String frame = switch (random.nextInt(12)) {
                    case 0 -> Harness.market(trader, side, 1 + random.nextInt(3), "m" + i);
                    case 1 -> Harness.cancel(trader, 1 + random.nextInt(i + 1));
                    case 2 -> Harness.replace(trader, 1 + random.nextInt(i + 1), price, null);
                    case 3 -> Harness.cancelAll(trader);
                    case 4 -> Harness.limitWith(trader, side, price, 1 + random.nextInt(4), "i" + i, "\"tif\":\"ioc\"");
                    default -> Harness.limit(trader, side, price, 1 + random.nextInt(4), "l" + i);
                };
                clients.get(who).send(frame);
                if (i == frames / 2) {
                    Harness.post(exchange, "/halt");
                    Harness.post(exchange, "/resume");
                }
            }
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).send(Harness.cancel(TRADERS[i], 999_999_999));
                clients.get(i).nextJson(node -> "cancel_rejected".equals(node.path("type").asText())
                        && node.path("order_id").asLong() == 999_999_999);
            }
        } finally {
            clients.forEach(TestClient::close);
        }
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void theStreamIsTheEventsFileAndAReplayWritesTheLiveFilesByteForByte() throws Exception {
        Harness.Config config = Harness.config(dir).journaled();
        Exchange exchange = config.start();
        TestClient feed = TestClient.connect(exchange.streamUri());
        List<String> streamed = new ArrayList<>();
        String liveHash;
        try {
            feed.nextJson("snapshot");
            trade(exchange, 7, 1_500);
        } finally {
            // everything up to the closing valuation and the stream's end: the traders' disconnects included
            exchange.close();
            liveHash = exchange.sessionHash();
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.closeCode != -1);
            for (String text; (text = feed.received.poll()) != null; ) {
                streamed.add(text);
            }
            feed.close();
        }

        assertThat(streamed).as("events compared").hasSizeGreaterThan(300);
        assertThat(lines(config.events)).isEqualTo(streamed);
        assertThat(liveHash).isEqualTo(SessionHash.ofFile(config.events)).isEqualTo(SessionHash.of(streamed));
        assertThat(lines(config.tradesCsv())).hasSizeGreaterThan(50);

        Path out = dir.resolve("replay");
        Replay.Result replay = Replay.run(config.journal, out, Replay.Until.END);
        assertThat(replay.sessionHash()).isEqualTo(liveHash);
        assertThat(replay.damage()).isNull();
        assertThat(replay.tail()).isNull();
        for (String file : List.of("trades.csv", "performance.csv", "events.jsonl")) {
            assertThat(Files.readAllBytes(out.resolve(file))).as(file).isEqualTo(Files.readAllBytes(dir.resolve(file)));
        }
    }

    @Test
    void anExchangeRestartedOnItsJournalContinuesTheSameMarket() throws Exception {
        // the traders leave before the restart: their resting orders must stay for this test
        Harness.Config config = Harness.config(dir).journaled().keepOrdersOnDisconnect();
        JsonNode aliceBefore;
        JsonNode snapshotBefore;
        byte[] eventsBefore;
        try (Exchange first = config.start()) {
            trade(first, 11, 800);
            TestClient alice = TestClient.connect(first.gatewayUri());
            alice.send(Harness.limit("alice", "buy", "95.00", 3, "resting"));
            alice.nextJson("order_accepted"); // an order that rests for sure
            Harness.post(first, "/halt");
            aliceBefore = alice.request(Harness.hello("alice"));
            alice.close();
            TestClient feed = TestClient.connect(first.streamUri());
            snapshotBefore = feed.nextJson("snapshot");
            feed.close();
        }
        eventsBefore = Files.readAllBytes(config.events);
        byte[] tradesBefore = Files.readAllBytes(config.tradesCsv());

        try (Exchange second = config.start()) {
            TestClient feed = TestClient.connect(second.streamUri());
            JsonNode snapshot = feed.nextJson("snapshot");
            // the same market, and the closing valuation of the first run, one position update per account
            assertThat(without(without(snapshot, "timestamp"), "seq"))
                    .isEqualTo(without(without(snapshotBefore, "timestamp"), "seq"));
            assertThat(snapshot.get("seq").asLong()).isEqualTo(snapshotBefore.get("seq").asLong()
                    + snapshotBefore.get("accounts").size());
            assertThat(snapshot.get("trading_halted").asBoolean()).isTrue();

            TestClient alice = TestClient.connect(second.gatewayUri());
            JsonNode welcome = alice.request(Harness.hello("alice"));
            assertThat(without(welcome, "timestamp")).isEqualTo(without(aliceBefore, "timestamp"));
            assertThat(welcome.get("open_orders").toString()).contains("\"client_order_id\":\"resting\"");
            assertThat(alice.request(Harness.limit("alice", "buy", "95.00", 1, "refused")).get("reason").asText())
                    .as("the halt carried over").isEqualTo("trading_halted");

            Harness.post(second, "/resume");
            long maxOrderIdBefore = maxOrderId(eventsBefore, welcome);
            JsonNode accepted = alice.request(Harness.limit("alice", "buy", "95.01", 1, "after"));
            assertThat(accepted.get("order_id").asLong()).isEqualTo(maxOrderIdBefore + 1);
            long seq = snapshot.get("seq").asLong();
            assertThat(feed.nextJson("trading_status").get("seq").asLong()).isEqualTo(seq + 1);
            assertThat(feed.nextJson("book_update").get("seq").asLong()).isEqualTo(seq + 2);
            assertThat(accepted.get("timestamp").asLong()).isGreaterThanOrEqualTo(snapshot.get("recent_trades")
                    .path(0).path("timestamp").asLong());
            alice.close();
            feed.close();
        }
        // and the files grew from where they were, as a replay says they must
        Replay.Result replay = Replay.run(config.journal, dir.resolve("replay"), Replay.Until.END);
        assertThat(Files.readAllBytes(dir.resolve("replay").resolve("events.jsonl")))
                .isEqualTo(Files.readAllBytes(config.events));
        assertThat(Files.readAllBytes(dir.resolve("replay").resolve("performance.csv")))
                .isEqualTo(Files.readAllBytes(config.performanceCsv()));
        // rewritten from the journal on recovery, then continued: what they held before, then the new events
        assertThat(new String(Files.readAllBytes(config.events), StandardCharsets.UTF_8))
                .startsWith(new String(eventsBefore, StandardCharsets.UTF_8));
        assertThat(new String(Files.readAllBytes(config.tradesCsv()), StandardCharsets.UTF_8))
                .startsWith(new String(tradesBefore, StandardCharsets.UTF_8));
        assertThat(replay.sessionHash()).isEqualTo(SessionHash.ofFile(config.events));
    }

    /** The highest order id the market has used: in trades, liquidations and alice's open orders. */
    private static long maxOrderId(byte[] events, JsonNode welcome) throws Exception {
        long max = 0;
        for (String line : new String(events, StandardCharsets.UTF_8).split("\n")) {
            JsonNode event = WireJson.mapper().readTree(line);
            max = Math.max(max, Math.max(event.path("buy_order_id").asLong(), event.path("sell_order_id").asLong()));
            max = Math.max(max, event.path("order_id").asLong());
        }
        for (JsonNode order : welcome.get("open_orders")) {
            max = Math.max(max, order.get("order_id").asLong());
        }
        return max;
    }

    private static JsonNode without(JsonNode node, String field) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = node.deepCopy();
        copy.remove(field);
        return copy;
    }

    @Test
    void freshStartsANewMarketAndKeepsTheOldJournalAside() throws Exception {
        Harness.Config config = Harness.config(dir).journaled();
        try (Exchange first = config.start()) {
            trade(first, 3, 200);
        }
        long oldSize = Files.size(config.journal);

        try (Exchange second = config.fresh(true).start()) {
            TestClient feed = TestClient.connect(second.streamUri());
            assertThat(feed.nextJson("snapshot").get("seq").asLong()).isZero();
            feed.close();
        }
        assertThat(dir.resolve("journal.1")).hasSize(oldSize);
        assertThat(Files.size(config.journal)).isLessThan(oldSize);
        assertThat(dir.resolve("trades.1.csv")).exists();
    }

    @Test
    void aJournalOfAnotherMarketIsRefusedAndNothingIsTouched() throws Exception {
        Harness.Config config = Harness.config(dir).journaled();
        try (Exchange first = config.start()) {
            trade(first, 5, 100);
        }
        byte[] trades = Files.readAllBytes(config.tradesCsv());

        assertThatThrownBy(() -> config.engine(EngineConfig.defaults().withStartingCash(5_000_000)).start())
                .isInstanceOf(StartupException.class)
                .hasMessage(config.journal + " holds a market with other settings: --starting-cash 10000.00 (now "
                        + "50000.00); restart with the journal's settings, or start a new market with --fresh (or "
                        + "another --journal)");
        assertThat(Files.readAllBytes(config.tradesCsv())).isEqualTo(trades);
        assertThat(dir.resolve("trades.1.csv")).doesNotExist();
    }

    @Test
    void withoutAJournalAnEarlierRunsCsvIsKeptAsideNotAppendedTo() throws Exception {
        Harness.Config config = Harness.config(dir);
        try (Exchange first = config.start()) {
            trade(first, 9, 300);
        }
        byte[] earlier = Files.readAllBytes(config.tradesCsv());

        try (Exchange second = config.start()) {
            assertThat(Files.readAllBytes(dir.resolve("trades.1.csv"))).isEqualTo(earlier);
            assertThat(lines(config.tradesCsv())).containsExactly("timestamp,price,qty,buy_trader,sell_trader");
        }
    }
}
