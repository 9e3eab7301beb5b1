package org.bourse.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bourse.relay.Fixtures.cancel;
import static org.bourse.relay.Fixtures.limit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.RawWebSocket;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber that stops reading holds nobody up: the others get every event, in order, while its backlog is
 * dropped and replaced by a snapshot, and, if it still reads nothing, it is disconnected with 1008.
 */
class SlowSubscriberTest {
    private static final int QUEUE_LIMIT = 100;
    /** Place-and-cancel pairs per batch: 50 events, fewer than the queue limit. */
    private static final int PAIRS_PER_BATCH = 25;
    /** Far more than the kernel and the relay's window can hold for one subscriber. */
    private static final int MAX_BATCHES = 4_000;

    @TempDir
    Path dir;

    private Exchange exchange;
    private Relay relay;
    private final List<TestClient> clients = new ArrayList<>();
    private TestClient pump;
    private TestClient healthy;
    /** The seq the healthy subscriber expects next. */
    private long expected;

    @BeforeEach
    void start() throws Exception {
        exchange = Fixtures.exchange(dir, 0);
        // ten levels a side, so that every book update is a few hundred bytes
        TestClient deep = connect(exchange.gatewayUri());
        for (int i = 0; i < 10; i++) {
            BigDecimal cents = BigDecimal.valueOf(i, 2);
            deep.request(limit("deep", "buy", new BigDecimal("99.10").add(cents).toPlainString(), 1, null));
            deep.request(limit("deep", "sell", new BigDecimal("101.10").add(cents).toPlainString(), 1, null));
        }
        // the pump's first order opens its account: before the relay, so that all it sends later is book updates
        pump = connect(exchange.gatewayUri());
        pump.request(limit("pump", "buy", "100.00", 1, "p"));
        pump.request(cancel("pump", "p"));
        relay = Fixtures.relay(exchange.streamUri(), QUEUE_LIMIT);
        healthy = connect(relay.uri());
        expected = healthy.awaitSnapshot().get("seq").asLong() + 1;
    }

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        relay.close();
        exchange.close();
    }

    private TestClient connect(String uri) throws InterruptedException {
        TestClient client = TestClient.connect(uri);
        clients.add(client);
        return client;
    }

    /**
     * Sends batches of place-and-cancel pairs until {@code done}; after each batch the healthy subscriber must have
     * received every event of it, in order. Returns the number of events sent.
     */
    private int pumpUntil(BooleanSupplier done) throws Exception {
        int events = 0;
        for (int batch = 0; batch < MAX_BATCHES && !done.getAsBoolean(); batch++) {
            events += pumpBatch();
        }
        assertThat(done.getAsBoolean()).as("reached after %d events", events).isTrue();
        return events;
    }

    /** One batch of place-and-cancel pairs, and every event of it at the healthy subscriber, in order. */
    private int pumpBatch() throws Exception {
        for (int i = 0; i < PAIRS_PER_BATCH; i++) {
            pump.send(limit("pump", "buy", "100.00", 1, "p"));
            pump.send(cancel("pump", "p"));
        }
        for (int i = 0; i < 2 * PAIRS_PER_BATCH; i++) {
            pump.nextText();
            assertThat(healthy.nextJson().get("seq").asLong()).isEqualTo(expected++);
        }
        return 2 * PAIRS_PER_BATCH;
    }

    /**
     * Reads what reached the stalled subscriber up to its {@code resyncs}-th resync: a status and a snapshot, events
     * in unbroken order, and for each resync (its backlog dropped) a status and a fresh snapshot further on. Returns
     * the last snapshot's seq.
     */
    private static long readThroughResyncs(RawWebSocket stalled, long resyncs) throws Exception {
        stalled.startReading();
        assertThat(json(next(stalled)).get("type").asText()).isEqualTo("status");
        long seq = json(next(stalled)).get("seq").asLong();
        for (long resync = 1; resync <= resyncs; resync++) {
            int events = 0;
            JsonNode frame;
            while ((frame = json(next(stalled))).get("type").asText().equals("book_update")) {
                assertThat(frame.get("seq").asLong()).isEqualTo(++seq);
                events++;
            }
            assertThat(frame.get("type").asText()).isEqualTo("status");
            assertThat(frame.get("exchange_connected").asBoolean()).isTrue();
            JsonNode snapshot = json(next(stalled));
            assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
            long resyncedAt = snapshot.get("seq").asLong();
            assertThat(resyncedAt).as("the backlog of %d events was dropped", QUEUE_LIMIT)
                    .isGreaterThan(seq + QUEUE_LIMIT);
            System.out.printf("SlowSubscriberTest: %d events, then a snapshot at seq %d (after %d)%n", events,
                    resyncedAt, seq);
            seq = resyncedAt;
        }
        return seq;
    }

    /** The next frame but heartbeats, which come whenever the relay has had nothing for a subscriber for a second. */
    private static RawWebSocket.Frame next(RawWebSocket subscriber) throws Exception {
        RawWebSocket.Frame frame;
        do {
            frame = subscriber.readFrame();
        } while (frame.opcode() == 0x1 && frame.text().startsWith("{\"type\":\"heartbeat\""));
        return frame;
    }

    private static JsonNode json(RawWebSocket.Frame frame) throws Exception {
        assertThat(frame.opcode()).as("a text frame, not %s", frame.isClose() ? "a close " + frame.closeCode()
                : "opcode " + frame.opcode()).isEqualTo(0x1);
        return WireJson.mapper().readTree(frame.text());
    }

    @Test
    void aSubscriberThatReadsNothingIsResyncedThenDisconnectedAndTheOthersMissNothing() throws Exception {
        try (RawWebSocket stalled = RawWebSocket.connect(relay.uri(), 4_096)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.subscriberCount() == 2);
            int sent = pumpUntil(() -> relay.disconnectedTooSlow() == 1);
            // "read nothing" means the kernel took no byte since the last resync, and a kernel that grows the
            // socket's send buffer may take some after the first: so at least one resync, maybe a few
            long resyncs = relay.resyncs();
            assertThat(resyncs).isPositive();
            System.out.printf("SlowSubscriberTest: disconnected after %d events and %d resyncs%n", sent, resyncs);

            // it gave up on the stalled subscriber; what reached it before says how
            readThroughResyncs(stalled, resyncs);
            RawWebSocket.Frame close = next(stalled);
            assertThat(close.isClose()).as("a close frame").isTrue();
            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(close.text()).contains("too slow");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.subscriberCount() == 1);
        // the others are still served
        pumpBatch();
        TestClient late = connect(relay.uri());
        assertThat(late.awaitSnapshot().get("seq").asLong()).isEqualTo(expected - 1);
    }

    @Test
    void aSubscriberThatFallsBehindButReadsAgainIsResyncedByASnapshotAndThenMissesNothing() throws Exception {
        try (RawWebSocket slow = RawWebSocket.connect(relay.uri(), 4_096)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.subscriberCount() == 2);
            // a batch is less than the queue limit: after the resync, the queue cannot overflow again
            pumpUntil(() -> relay.resyncs() == 1);

            long seq = readThroughResyncs(slow, 1);
            pumpBatch();
            while (seq < expected - 1) {
                JsonNode event = json(next(slow));
                assertThat(event.get("seq").asLong()).isEqualTo(++seq);
            }
            assertThat(relay.disconnectedTooSlow()).isZero();
            assertThat(relay.subscriberCount()).isEqualTo(2);
        }
    }
}
