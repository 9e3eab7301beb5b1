package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends one message and waits for its answer before the next. With Java-WebSocket's default send
 * path, a reply written from the engine thread could sit in the connection's queue until the next write on that
 * connection, which never comes: such a client would stall on its first or second message.
 */
class ClosedLoopTest {

    @TempDir
    Path dir;

    @Test
    void twoThousandRoundTripsOverOneConnectionComplete() throws Exception {
        try (Exchange exchange = Harness.config(dir).start()) {
            TestClient client = TestClient.connect(exchange.gatewayUri());
            try {
                long started = System.nanoTime();
                assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                    for (int i = 0; i < 1_000; i++) {
                        String price = (i % 2 == 0 ? "99." : "98.") + String.format("%02d", i % 100);
                        JsonNode accepted = client.request(Harness.limit("loop", "buy", price, 1, "c" + i));
                        assertThat(accepted.path("type").asText()).as("reply %d", 2 * i).isEqualTo("order_accepted");
                        JsonNode cancelled = client.request(Harness.cancel("loop", accepted.get("order_id").asLong()));
                        assertThat(cancelled.path("type").asText()).as("reply %d", 2 * i + 1)
                                .isEqualTo("order_cancelled");
                        assertThat(cancelled.get("client_order_id").asText()).isEqualTo("c" + i);
                    }
                });
                System.out.printf("ClosedLoopTest: 2000 round trips in %d ms%n",
                        (System.nanoTime() - started) / 1_000_000);
                client.expectSilence(Duration.ofMillis(100));
            } finally {
                client.close();
            }
        }
    }
}
