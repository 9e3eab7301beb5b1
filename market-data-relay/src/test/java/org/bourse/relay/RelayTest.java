package org.bourse.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.relay.Fixtures.cancel;
import static org.bourse.relay.Fixtures.limit;
import static org.bourse.relay.Fixtures.market;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.Scheduling;
import org.bourse.testkit.TestClient;
import org.bourse.transport.TimeSlice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay in front of a real exchange: what subscribers get, whenever they join, and what they cannot do. */
class RelayTest {

    @TempDir
    Path dir;

    private Exchange exchange;
    private Relay relay;
    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
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

    /** Sends an order and waits for its acceptance (fills that come with it are skipped). */
    private static void accepted(TestClient trader, String order) throws Exception {
        trader.send(order);
        trader.nextJson("order_accepted");
    }

    /** The text without its last member, the snapshot's own {@code timestamp}. */
    private static String withoutTimestamp(String snapshot) {
        return snapshot.replaceFirst(",\"timestamp\":\\d+}$", "}");
    }

    @Test
    void aLateJoinerGetsAStatusThenTheExchangesOwnSnapshotThenEveryLaterEvent() throws Exception {
        exchange = Fixtures.exchange(dir, 0);
        TestClient depth = connect(exchange.gatewayUri());
        TestClient maker = connect(exchange.gatewayUri());
        TestClient taker = connect(exchange.gatewayUri());
        // before the relay: 15 levels a side (deeper than a book_update or a snapshot shows), a trade, three accounts
        for (int i = 0; i < 15; i++) {
            BigDecimal cents = BigDecimal.valueOf(i, 2);
            accepted(depth, limit("depth", "buy", new BigDecimal("99.00").subtract(cents).toPlainString(), 1, null));
            accepted(depth, limit("depth", "sell", new BigDecimal("101.00").add(cents).toPlainString(), 1, null));
        }
        accepted(maker, limit("maker", "sell", "100.50", 5, "m1"));
        accepted(taker, limit("taker", "buy", "100.50", 2, "t1"));

        relay = Fixtures.relay(exchange.streamUri(), 10_000);
        TestClient early = connect(relay.uri());
        assertThat(early.awaitSnapshot().get("seq").asLong()).isEqualTo(Fixtures.lastSeq(exchange));

        // through the relay: trades eating into the deep book, a new best bid, a trade, a mark that moves after
        // the last trade (so that every account must be valued again), the kill switch
        accepted(taker, market("taker", "buy", 5));
        accepted(maker, limit("maker", "buy", "99.50", 2, "m2"));
        accepted(taker, limit("taker", "sell", "99.50", 1, "t2"));
        accepted(maker, limit("maker", "buy", "99.60", 1, "m3"));
        Fixtures.post(exchange, "/halt");
        long last = Fixtures.lastSeq(exchange);
        early.readUpTo(last);

        TestClient late = connect(relay.uri());
        JsonNode status = late.nextJson();
        assertThat(status.get("type").asText()).isEqualTo("status");
        assertThat(status.get("exchange_connected").asBoolean()).isTrue();
        assertThat(status.get("upstream").asText()).isEqualTo(exchange.streamUri());
        assertThat(status.get("detail").isNull()).isTrue();
        String relaySnapshot = late.nextText();
        TestClient direct = connect(exchange.streamUri());
        String exchangeSnapshot = direct.nextText();
        assertThat(WireJson.mapper().readTree(exchangeSnapshot).get("seq").asLong()).isEqualTo(last);
        assertThat(withoutTimestamp(relaySnapshot)).isEqualTo(withoutTimestamp(exchangeSnapshot));
        JsonNode snapshot = WireJson.mapper().readTree(relaySnapshot);
        assertThat(snapshot.get("bids")).hasSize(ServerMessage.BookUpdate.DEPTH);
        assertThat(snapshot.get("asks")).hasSize(ServerMessage.BookUpdate.DEPTH);
        assertThat(snapshot.get("trading_halted").asBoolean()).isTrue();

        // then every event after it, exactly as the exchange sent it
        Fixtures.post(exchange, "/resume");
        accepted(maker, limit("maker", "buy", "99.55", 1, "m4"));
        List<String> fromRelay = late.readUpTo(last + 2);
        assertThat(fromRelay).isEqualTo(direct.readUpTo(last + 2)).hasSize(2);
        assertThat(early.readUpTo(last + 2)).isEqualTo(fromRelay);
    }

    /**
     * The relay states every account the stream has named as the exchange does, valued at the mark the exchange
     * states, whatever its tick: here 1, where the mid of 9900 and 10201 is 10050 (the relay runs with the
     * default tick of 0.01, which would make it 10050.50). Traders who never traded are there: in the exchange's
     * snapshot to the relay, or named by the stream since, with the trader's first order; accounts opened since are
     * listed in the exchange's order (by trader id) whatever order they opened or traded in.
     */
    @Test
    void theRelaysSnapshotIsTheExchangesAtTheSameSeq() throws Exception {
        exchange = Fixtures.exchange(dir, 0, new TickScale(BigDecimal.ONE));
        TestClient idle = connect(exchange.gatewayUri());
        TestClient maker = connect(exchange.gatewayUri());
        accepted(idle, limit("idle", "buy", "9500", 1, null));
        accepted(maker, limit("maker", "buy", "9900", 3, null));

        relay = Fixtures.relay(exchange.streamUri(), 10_000);
        TestClient early = connect(relay.uri());
        early.awaitSnapshot();
        TestClient late = connect(exchange.gatewayUri());
        TestClient taker = connect(exchange.gatewayUri());
        accepted(late, limit("zz_late", "sell", "10201", 3, null)); // opens before the taker, trades after it
        accepted(taker, limit("aa_taker", "buy", "10201", 1, null));
        List<String> pair = sameSeqSnapshots(early);
        assertThat(pair.get(0)).isEqualTo(pair.get(1)).contains("\"mark_price\":10050,");

        accepted(maker, limit("maker", "buy", "10000", 1, null)); // the mark moves on, with no trade
        pair = sameSeqSnapshots(early);
        assertThat(pair.get(0)).isEqualTo(pair.get(1)).contains("\"mark_price\":10100,");
        ServerMessage.Snapshot snapshot = (ServerMessage.Snapshot) WireJson.decodeServerMessage(pair.get(0));
        assertThat(snapshot.accounts()).extracting(ServerMessage.AccountState::traderId)
                .containsExactly("aa_taker", "idle", "maker", "zz_late");
        assertThat(snapshot.accounts().get(0).unrealizedPnl()).isEqualByComparingTo("-101");

        // an account opened now, that does not trade: the stream names it with that first order all the same
        accepted(connect(exchange.gatewayUri()), limit("opened_now", "buy", "9600", 1, null));
        pair = sameSeqSnapshots(early);
        assertThat(pair.get(0)).isEqualTo(pair.get(1)).contains("\"trader_id\":\"opened_now\"");
    }

    /**
     * The relay's snapshot and the exchange's, taken at the exchange's last seq (once {@code follower} of the
     * relay has it), each without its timestamp.
     */
    private List<String> sameSeqSnapshots(TestClient follower) throws Exception {
        long last = Fixtures.lastSeq(exchange);
        follower.readUpTo(last);
        try (TestClient fromRelay = TestClient.connect(relay.uri());
             TestClient fromExchange = TestClient.connect(exchange.streamUri())) {
            String relaySnapshot = fromRelay.nextText();
            while (relaySnapshot.startsWith("{\"type\":\"status\"")) {
                relaySnapshot = fromRelay.nextText();
            }
            String exchangeSnapshot = fromExchange.nextText();
            assertThat(WireJson.mapper().readTree(exchangeSnapshot).get("seq").asLong()).isEqualTo(last);
            return List.of(withoutTimestamp(relaySnapshot), withoutTimestamp(exchangeSnapshot));
        }
    }

    @Test
    void everyEventReachesEverySubscriberByteIdenticalAndInOrder() throws Exception {
        exchange = Fixtures.exchange(dir, 0);
        relay = Fixtures.relay(exchange.streamUri(), 10_000);
        TestClient direct = connect(exchange.streamUri());
        direct.nextJson("snapshot");
        List<TestClient> subscribers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TestClient subscriber = connect(relay.uri());
            assertThat(subscriber.awaitSnapshot().get("seq").asLong()).isZero();
            subscribers.add(subscriber);
        }

        // a place-and-cancel pair gives two book updates; pipelined, while one more subscriber joins
        TestClient pump = connect(exchange.gatewayUri());
        int pairs = 1_000;
        CompletableFuture<Void> pumping = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < pairs; i++) {
                pump.send(limit("pump", "buy", "99.00", 1, "p"));
                pump.send(cancel("pump", "p"));
            }
        });
        Thread.sleep(20);
        TestClient joiner = connect(relay.uri());
        pumping.get(20, TimeUnit.SECONDS);
        for (int i = 0; i < 2 * pairs; i++) {
            pump.nextText();
        }
        long last = Fixtures.lastSeq(exchange);
        assertThat(last).as("two book updates a pair, and the position_update of the account the first order opened")
                .isEqualTo(2L * pairs + 1);

        Map<Long, String> bySeq = new HashMap<>();
        for (String text : direct.readUpTo(last)) {
            bySeq.put(WireJson.mapper().readTree(text).get("seq").asLong(), text);
        }
        for (TestClient subscriber : subscribers) {
            List<String> texts = subscriber.readUpTo(last);
            assertThat(texts).hasSize((int) last);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(texts.get(i)).isEqualTo(bySeq.get(i + 1L));
            }
        }
        JsonNode snapshot = joiner.awaitSnapshot();
        long from = snapshot.get("seq").asLong();
        // on a busy machine the joiner may get in only after the last event: its snapshot then holds them all
        List<String> texts = from == last ? List.of() : joiner.readUpTo(last);
        assertThat(texts).hasSize((int) (last - from));
        for (int i = 0; i < texts.size(); i++) {
            assertThat(texts.get(i)).isEqualTo(bySeq.get(from + 1 + i));
        }
        // the snapshot is the book the last book update before it left (the pump's order resting, or not)
        JsonNode before = null;
        for (long seq = from; seq > 0 && before == null; seq--) {
            JsonNode event = WireJson.mapper().readTree(bySeq.get(seq));
            before = event.get("type").asText().equals("book_update") ? event : null;
        }
        assertThat(snapshot.get("bids")).isEqualTo(before == null ? WireJson.mapper().createArrayNode()
                : before.get("bids"));
        System.out.printf("RelayTest: the joiner's snapshot came at seq %d of %d%n", from, last);
    }

    @Test
    void whatSubscribersSendIsIgnoredAndTheRelayNeverConnectsToTheGateway() throws Exception {
        exchange = Fixtures.exchange(dir, 0);
        relay = Fixtures.relay(exchange.streamUri(), 10_000);
        TestClient subscriber = connect(relay.uri());
        subscriber.awaitSnapshot();

        subscriber.send(limit("mallory", "buy", "99.00", 1, null));
        subscriber.send(market("mallory", "sell", 1));
        subscriber.send("garbage");
        subscriber.send(ByteBuffer.wrap(new byte[] {(byte) 0xff, 0}));
        assertThat(subscriber.receivedWithin(Duration.ofMillis(300))).isEmpty();
        assertThat(subscriber.isOpen()).isTrue();

        JsonNode status = Fixtures.status(exchange);
        assertThat(status.get("seq").asLong()).isZero();
        assertThat(status.get("traders").asLong()).isZero();
        assertThat(status.get("resting_orders").asLong()).isZero();
        assertThat(establishedConnections(exchange.gatewayPort())).as("connections to the gateway").isZero();
        assertThat(establishedConnections(exchange.streamPort())).as("both ends of the relay's subscription")
                .isEqualTo(2);

        // and the relay still relays
        TestClient trader = connect(exchange.gatewayUri());
        accepted(trader, limit("alice", "buy", "98.00", 1, null));
        JsonNode event = subscriber.nextJson();
        assertThat(event.get("type").asText()).isEqualTo("book_update");
        assertThat(event.get("seq").asLong()).isEqualTo(1);
    }

    /** TCP connections in state ESTABLISHED with one end on {@code port}, from the kernel's tables. */
    private static long establishedConnections(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        long count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.trim().split("\\s+");
                boolean established = columns[3].equals("01");
                if (established && (columns[1].endsWith(hexPort) || columns[2].endsWith(hexPort))) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void theThreadsEveryEventPassesThroughRunInShortTimeSlices() throws Exception {
        assumeTrue(Scheduling.customSlicesSupported(), "needs Linux 6.12 or later");
        exchange = Fixtures.exchange(dir, 0);
        relay = Fixtures.relay(exchange.streamUri(), 1000);
        connect(relay.uri()).nextJson("snapshot");

        assertThat(Scheduling.slicesOfThreadsNamed("relay-reader")).isNotEmpty().containsOnly(TimeSlice.SHORT_NANOS);
        assertThat(Scheduling.slicesOfThreadsNamed("relay")).isNotEmpty().containsOnly(TimeSlice.SHORT_NANOS);
    }
}
