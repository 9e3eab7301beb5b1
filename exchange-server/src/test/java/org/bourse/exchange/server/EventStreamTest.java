package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.exchange.server.Harness.levels;
import static org.bourse.exchange.server.Harness.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;

/**
 * The event stream: a subscriber that connects while orders are flowing gets a snapshot of everything so far,
 * then every later event exactly once, in seq order, the same as everybody else.
 */
class EventStreamTest extends RunningExchangeTest {


    private long lastSeq() throws Exception {
        return WireJson.mapper().readTree(Harness.get(exchange.adminUri() + "/status").body()).get("seq").asLong();
    }

    /** Everything a subscriber received up to and including {@code last}: the snapshot first, then the events. */
    private static List<String> readUpTo(TestClient subscriber, long last) throws Exception {
        List<String> texts = new ArrayList<>();
        long seq = -1;
        while (seq < last) {
            String text = subscriber.nextText();
            texts.add(text);
            seq = WireJson.mapper().readTree(text).get("seq").asLong();
        }
        return texts;
    }

    @Test
    void aSubscriberJoiningMidSessionGetsASnapshotThenEveryLaterEventOnce() throws Exception {
        TestClient early = connect(exchange.streamUri());
        assertThat(early.nextJson().get("seq").asLong()).isZero();
        TestClient maker = connect(exchange.gatewayUri());
        TestClient taker = connect(exchange.gatewayUri());
        for (int i = 0; i < 5; i++) {
            maker.request(Harness.limit("maker", "buy", "99.5" + i, 2, null));
            maker.request(Harness.limit("maker", "sell", "100.5" + i, 2, null));
        }
        taker.send(Harness.market("taker", "buy", 3, null));
        taker.send(Harness.limit("taker", "sell", "99.53", 1, null));

        // two pumps trade with each other, pipelined, while subscribers join
        TestClient pump1 = connect(exchange.gatewayUri());
        TestClient pump2 = connect(exchange.gatewayUri());
        int rounds = 1_000;
        CompletableFuture<Void> pumping = CompletableFuture.runAsync(() -> {
            for (int r = 0; r < rounds; r++) {
                boolean even = r % 2 == 0;
                pump1.send(Harness.limit("pump_1", even ? "sell" : "buy", "100.00", 1 + r % 3, null));
                pump2.send(Harness.limit("pump_2", even ? "buy" : "sell", "100.00", 1 + r % 3, null));
                if (r % 100 == 99) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        List<TestClient> late = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(10 + 15 * i);
            late.add(connect(exchange.streamUri()));
        }
        pumping.get(20, TimeUnit.SECONDS);
        // every order answered: the engine has published everything
        for (TestClient pump : List.of(pump1, pump2)) {
            int answers = 0;
            while (answers < rounds) {
                String type = pump.nextJson().path("type").asText();
                if (type.equals("order_accepted") || type.equals("order_rejected")) {
                    answers++;
                }
            }
        }
        long last = lastSeq();

        List<String> all = readUpTo(early, last);
        assertThat(all).hasSize((int) last);
        Map<Long, String> bySeq = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            JsonNode event = WireJson.mapper().readTree(all.get(i));
            assertThat(event.get("seq").asLong()).isEqualTo(i + 1);
            bySeq.put(event.get("seq").asLong(), all.get(i));
        }
        List<Long> snapshotSeqs = new ArrayList<>();
        for (TestClient subscriber : late) {
            List<String> texts = readUpTo(subscriber, last);
            JsonNode snapshot = WireJson.mapper().readTree(texts.get(0));
            assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
            long s = snapshot.get("seq").asLong();
            snapshotSeqs.add(s);
            // then exactly s+1 .. last, each identical to what the early subscriber got
            assertThat(texts).hasSize((int) (last - s) + 1);
            for (int i = 1; i < texts.size(); i++) {
                assertThat(texts.get(i)).isEqualTo(bySeq.get(s + i));
            }
            assertMatchesHistory(snapshot, all.subList(0, (int) s));
            subscriber.expectSilence(Duration.ZERO);
        }
        System.out.printf("EventStreamTest: snapshots at seq %s of %d%n", snapshotSeqs, last);
        assertThat(snapshotSeqs).as("joined mid-session").anySatisfy(s -> assertThat(s).isBetween(30L, last - 1));
    }

    /** The snapshot states what the events up to its seq add up to. */
    private static void assertMatchesHistory(JsonNode snapshot, List<String> history) throws Exception {
        JsonNode lastBook = null;
        List<JsonNode> trades = new ArrayList<>();
        Map<String, JsonNode> accounts = new HashMap<>();
        for (String text : history) {
            JsonNode event = WireJson.mapper().readTree(text);
            switch (event.path("type").asText()) {
                case "book_update" -> lastBook = event;
                case "trade" -> trades.add(event);
                case "position_update" -> accounts.put(event.get("trader_id").asText(), event);
                default -> { }
            }
        }
        String at = "snapshot at seq " + snapshot.get("seq");
        assertThat(snapshot.get("trade_count").asLong()).as(at).isEqualTo(trades.size());
        if (lastBook != null) {
            assertThat(levels(snapshot.get("bids"))).as(at).isEqualTo(levels(lastBook.get("bids")));
            assertThat(levels(snapshot.get("asks"))).as(at).isEqualTo(levels(lastBook.get("asks")));
            assertThat(snapshot.get("best_bid").isNull()).isEqualTo(lastBook.get("best_bid").isNull());
            if (!lastBook.get("best_bid").isNull()) {
                assertThat(num(snapshot, "best_bid")).isEqualByComparingTo(num(lastBook, "best_bid"));
            }
        }
        if (!trades.isEmpty()) {
            assertThat(num(snapshot, "last_trade_price")).isEqualByComparingTo(num(trades.get(trades.size() - 1), "price"));
            JsonNode recent = snapshot.get("recent_trades");
            assertThat(recent.size()).isEqualTo(Math.min(100, trades.size()));
            assertThat(recent.get(recent.size() - 1).get("trade_id").asLong())
                    .isEqualTo(trades.get(trades.size() - 1).get("trade_id").asLong());
        }
        Map<String, JsonNode> snapshotAccounts = new HashMap<>();
        for (JsonNode account : snapshot.get("accounts")) {
            snapshotAccounts.put(account.get("trader_id").asText(), account);
        }
        for (Map.Entry<String, JsonNode> entry : accounts.entrySet()) {
            JsonNode account = snapshotAccounts.get(entry.getKey());
            assertThat(account).as("%s: account of %s", at, entry.getKey()).isNotNull();
            assertThat(account.get("position").asLong()).as(at).isEqualTo(entry.getValue().get("position").asLong());
            assertThat(num(account, "cash")).as(at).isEqualByComparingTo(num(entry.getValue(), "cash"));
            assertThat(num(account, "realized_pnl")).as(at).isEqualByComparingTo(num(entry.getValue(), "realized_pnl"));
        }
        for (Map.Entry<String, JsonNode> entry : snapshotAccounts.entrySet()) {
            if (!accounts.containsKey(entry.getKey())) {
                assertThat(entry.getValue().get("position").asLong()).as(at).isZero();
                assertThat(num(entry.getValue(), "cash")).as(at).isEqualByComparingTo("10000");
            }
        }
    }

    @Test
    void whatASubscriberSendsIsIgnored() throws Exception {
        TestClient subscriber = connect(exchange.streamUri());
        subscriber.nextJson("snapshot");
        TestClient trader = connect(exchange.gatewayUri());
        trader.request(Harness.limit("alice", "buy", "99.00", 1, null));
        subscriber.nextJson("book_update");
        long seq = subscriber.nextJson("position_update").get("seq").asLong(); // her first order opened her account

        subscriber.send(Harness.limit("mallory", "sell", "99.00", 1, null));
        subscriber.send(Harness.cancelAll("alice"));
        subscriber.send("garbage");
        subscriber.sendBinary(new byte[] {(byte) 0xff, 0});
        subscriber.expectSilence(Duration.ofMillis(300));

        JsonNode status = WireJson.mapper().readTree(Harness.get(exchange.adminUri() + "/status").body());
        assertThat(status.get("resting_orders").asLong()).isEqualTo(1);
        assertThat(status.get("traders").asLong()).isEqualTo(1);
        assertThat(status.get("seq").asLong()).isEqualTo(seq);
        trader.request(Harness.limit("alice", "buy", "98.00", 1, null));
        JsonNode next = subscriber.nextJson();
        assertThat(next.get("seq").asLong()).isEqualTo(seq + 1);
        assertThat(levels(next.get("bids"))).containsExactly("99x1", "98x1");
        assertThat(subscriber.closeCode).isEqualTo(-1);
    }
}
