package org.bourse.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.relay.Fixtures.limit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bourse.exchange.server.Exchange;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange goes away behind the relay and comes back: subscribers are told at once that it is unreachable, hear
 * nothing else meanwhile, and get a fresh snapshot of the new exchange when it is back.
 */
class UpstreamLossTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /** The next frame, which must be a status saying the exchange is unreachable, and why. */
    private static JsonNode nextDown(TestClient subscriber, String upstream) throws Exception {
        JsonNode status = subscriber.nextJson();
        assertThat(status.get("type").asText()).as("%s", status).isEqualTo("status");
        assertThat(status.get("exchange_connected").asBoolean()).isFalse();
        assertThat(status.get("upstream").asText()).isEqualTo(upstream);
        assertThat(status.get("timestamp").asLong()).isPositive();
        return status;
    }

    @Test
    void subscribersAreToldWhenTheExchangeGoesAndGetAFreshSnapshotWhenANewOneComes() throws Exception {
        Path first = Files.createDirectory(dir.resolve("first"));
        Exchange exchange = keep(Fixtures.exchange(first, 0));
        int streamPort = exchange.streamPort();
        String upstream = exchange.streamUri();
        Relay relay = keep(Fixtures.relay(upstream, 10_000));
        TestClient subscriber = keep(TestClient.connect(relay.uri()));
        subscriber.awaitSnapshot();
        try (TestClient trader = TestClient.connect(exchange.gatewayUri())) {
            trader.request(limit("alice", "buy", "99.00", 1, null));
            trader.request(limit("alice", "buy", "98.00", 1, null));
        }
        assertThat(subscriber.readUpTo(3)).hasSize(3); // two book updates, and the account the first order opened

        exchange.close();
        // alice's last connection closed (her bids cancelled), then the exchange's closing valuation of her account
        List<String> last = subscriber.readUpTo(5);
        assertThat(last.get(0)).startsWith("{\"type\":\"book_update\",\"seq\":4,").contains("\"bids\":[]");
        assertThat(last.get(1)).startsWith("{\"type\":\"position_update\",\"seq\":5,\"trader_id\":\"alice\"");
        JsonNode lost = nextDown(subscriber, upstream);
        assertThat(lost.get("detail").asText()).contains("1001", "retrying in");
        // while the exchange is away, a new subscriber gets the same word, and nothing but statuses arrive
        TestClient joiner = keep(TestClient.connect(relay.uri()));
        assertThat(nextDown(joiner, upstream).get("detail").asText()).contains("retrying in");
        // then, as each attempt fails (the first may still reach the closing exchange), why and when it retries
        String detail;
        do {
            detail = nextDown(subscriber, upstream).get("detail").asText();
            assertThat(detail).matches(".+; retrying in \\d+ ms");
        } while (!detail.startsWith("connection refused"));
        for (JsonNode frame : subscriber.receivedWithin(Duration.ofMillis(300))) {
            assertThat(frame.get("type").asText()).isEqualTo("status");
            assertThat(frame.get("exchange_connected").asBoolean()).isFalse();
        }
        assertThat(relay.subscriberCount()).isEqualTo(2);

        // another exchange on the same port: its history starts again from seq 0
        Exchange second = keep(Fixtures.exchange(Files.createDirectory(dir.resolve("second")), streamPort));
        for (TestClient client : List.of(subscriber, joiner)) {
            JsonNode snapshot = client.awaitSnapshot();
            assertThat(snapshot.get("seq").asLong()).isZero();
            assertThat(snapshot.get("bids")).isEmpty();
        }
        try (TestClient trader = TestClient.connect(second.gatewayUri())) {
            trader.request(limit("bob", "sell", "101.00", 1, null));
        }
        for (TestClient client : List.of(subscriber, joiner)) {
            JsonNode event = client.nextJson();
            assertThat(event.get("seq").asLong()).isEqualTo(1);
            assertThat(event.get("best_ask").decimalValue()).isEqualByComparingTo("101.00");
        }
    }

    @Test
    void aRelayStartedBeforeTheExchangeSaysSoThenRelaysIt() throws Exception {
        int streamPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            streamPort = probe.getLocalPort(); // free once closed: no exchange there yet
        }
        String upstream = "ws://127.0.0.1:" + streamPort;
        Relay relay = keep(Fixtures.relay(upstream, 10_000));
        TestClient subscriber = keep(TestClient.connect(relay.uri()));
        JsonNode status = nextDown(subscriber, upstream);
        assertThat(status.get("detail").asText()).matches("connecting|connection refused; retrying in \\d+ ms");

        keep(Fixtures.exchange(dir, streamPort));
        assertThat(subscriber.awaitSnapshot().get("seq").asLong()).isZero();
    }
}
