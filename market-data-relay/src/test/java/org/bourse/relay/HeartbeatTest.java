package org.bourse.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.relay.Fixtures.limit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quiet market is not a dead one: the exchange's stream and the relay's feed each send a heartbeat after a second
 * with nothing to send, at the last event's seq, and the relay's stop when the exchange is gone.
 */
class HeartbeatTest {

    @TempDir
    Path dir;

    private final Opened opened = new Opened();

    @AfterEach
    void stop() throws Exception {
        opened.close();
    }

    /** The next heartbeat; fails after 10 s without one. Checks its exact shape on the wire. */
    private static JsonNode nextHeartbeat(TestClient subscriber) throws Exception {
        String text = subscriber.heartbeats.poll(10, TimeUnit.SECONDS);
        assertThat(text).as("a heartbeat within 10 s on %s", subscriber.getURI()).isNotNull();
        JsonNode heartbeat = WireJson.mapper().readTree(text);
        List<String> fields = new ArrayList<>();
        heartbeat.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("type", "seq", "timestamp");
        assertThat(heartbeat.get("timestamp").asLong()).isPositive();
        return heartbeat;
    }

    /** The next heartbeat at {@code seq}, skipping any sent before the last event reached the subscriber. */
    private static JsonNode nextHeartbeatAt(TestClient subscriber, long seq) throws Exception {
        JsonNode heartbeat;
        do {
            heartbeat = nextHeartbeat(subscriber);
            assertThat(heartbeat.get("seq").asLong()).isLessThanOrEqualTo(seq);
        } while (heartbeat.get("seq").asLong() != seq);
        return heartbeat;
    }

    @Test
    void aQuietMarketHearsHeartbeatsAtTheLastSeqOnTheStreamAndOnTheFeed() throws Exception {
        Exchange exchange = opened.keep(Fixtures.exchange(dir, 0));
        Relay relay = opened.keep(Fixtures.relay(exchange.streamUri(), 10_000));
        TestClient stream = opened.keep(TestClient.connect(exchange.streamUri()));
        TestClient feed = opened.keep(TestClient.connect(relay.uri()));
        long start = stream.nextJson("snapshot").get("seq").asLong();
        assertThat(feed.awaitSnapshot().get("seq").asLong()).isEqualTo(start);

        // two heartbeats on each at the snapshot's seq: the market is quiet, and a heartbeat takes no seq
        for (TestClient subscriber : List.of(stream, feed)) {
            assertThat(nextHeartbeat(subscriber).get("seq").asLong()).isEqualTo(start);
            assertThat(nextHeartbeat(subscriber).get("seq").asLong()).isEqualTo(start);
        }
        try (TestClient trader = TestClient.connect(exchange.gatewayUri())) {
            trader.request(limit("alice", "buy", "99.00", 1, null));
        }
        // the order's events come next, numbered on from the snapshot as if no heartbeat had been sent
        for (TestClient subscriber : List.of(stream, feed)) {
            assertThat(subscriber.nextJson().get("seq").asLong()).isEqualTo(start + 1);
            assertThat(subscriber.nextJson().get("seq").asLong()).isEqualTo(start + 2);
        }
        // alice's connection closed: her bid is cancelled (one more event), then quiet again
        long last = start + 3;
        assertThat(stream.nextJson().get("seq").asLong()).isEqualTo(last);
        assertThat(feed.nextJson().get("seq").asLong()).isEqualTo(last);
        nextHeartbeatAt(stream, last);
        nextHeartbeatAt(feed, last);
        assertThat(Fixtures.lastSeq(exchange)).as("heartbeats are not events").isEqualTo(last);
    }

    @Test
    void theRelaysHeartbeatsStopWhenTheExchangeIsGone() throws Exception {
        Exchange exchange = opened.keep(Fixtures.exchange(dir, 0));
        Relay relay = opened.keep(Fixtures.relay(exchange.streamUri(), 10_000));
        TestClient feed = opened.keep(TestClient.connect(relay.uri()));
        long seq = feed.awaitSnapshot().get("seq").asLong();
        assertThat(nextHeartbeat(feed).get("seq").asLong()).isEqualTo(seq);

        exchange.close();
        JsonNode down = feed.nextJson("status");
        assertThat(down.get("exchange_connected").asBoolean()).isFalse();
        // whatever was sent before the relay heard of it; then none while only statuses come
        feed.heartbeats.clear();
        Iterator<JsonNode> statuses = feed.receivedWithin(Duration.ofMillis(2_500)).iterator();
        statuses.forEachRemaining(status -> assertThat(status.get("type").asText()).isEqualTo("status"));
        assertThat(feed.heartbeats).as("heartbeats from a relay without an exchange").isEmpty();
    }
}
