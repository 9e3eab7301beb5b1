package org.bourse.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.TickScale;
import org.bourse.testkit.TestClient;
import org.bourse.transport.AllowedOrigins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exchange with credentials lets the relay subscribe with the stream's token, and no relay without it. */
class StreamTokenTest {
    @TempDir
    Path dir;

    private Exchange exchange;
    private Relay relay;
    private TestClient subscriber;

    @BeforeEach
    void start() throws Exception {
        Path credentials = Files.writeString(dir.resolve("credentials.properties"), "alice=s3cret\n@stream=feed\n");
        exchange = Exchange.start(new Exchange.Settings("127.0.0.1", 0, 0, 0, TickScale.cents(),
                EngineConfig.defaults(), dir.resolve("trades.csv"), dir.resolve("performance.csv"), credentials, 0,
                64 * 1024, 4L << 20));
    }

    @AfterEach
    void stop() {
        if (subscriber != null) {
            subscriber.close();
        }
        if (relay != null) {
            relay.close();
        }
        exchange.close();
    }

    private void relayWith(String token) throws Exception {
        relay = Relay.start(new Relay.Settings(URI.create(exchange.streamUri()), "127.0.0.1", 0, 100,
                Duration.ofMillis(50), Duration.ofMillis(200), TickScale.cents(), Relay.NO_DASHBOARD,
                AllowedOrigins.LOOPBACK, token));
        subscriber = TestClient.connect(relay.uri());
    }

    @Test
    void withTheStreamsTokenTheRelayGoesLive() throws Exception {
        relayWith("feed");
        assertThat(subscriber.nextJson("snapshot").path("seq").asLong()).isZero();
    }

    @Test
    void withoutItTheRelayIsRefusedAgainAndAgain() throws Exception {
        relayWith(null);
        // a dozen attempts or so: every one refused, nothing of the market relayed
        List<JsonNode> frames = subscriber.receivedWithin(Duration.ofSeconds(2));
        assertThat(frames).isNotEmpty().allSatisfy(frame -> {
            assertThat(frame.path("type").asText()).isEqualTo("status");
            assertThat(frame.path("exchange_connected").asBoolean()).isFalse();
        });
    }
}
