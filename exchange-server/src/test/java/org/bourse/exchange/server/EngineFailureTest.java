package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real exchange process whose engine thread fails with orders in flight (a failure injected on that thread, as
 * a bug would throw): it must not go on half alive, taking orders nobody answers.
 */
class EngineFailureTest {
    @TempDir
    Path dir;

    @Test
    void anEngineThatFailsRefusesWhatIsInFlightWithTheReasonAndExitsNonZeroWithOneLine() throws Exception {
        ExchangeProcess exchange = ExchangeProcess.start(dir, null, EngineFailureMain.class, "--journal", "journal");
        try (TestClient feed = TestClient.connect(exchange.streamUri);
             TestClient alice = TestClient.connect(exchange.gatewayUri)) {
            feed.nextJson("snapshot");
            assertThat(alice.request(Harness.hello("alice")).get("type").asText()).isEqualTo("welcome");
            assertThat(alice.request(Harness.limit("alice", "buy", "99.00", 1, "before")).get("type").asText())
                    .isEqualTo("order_accepted");

            exchange.sendLine("fail 3");
            await().atMost(Duration.ofSeconds(10)).until(() -> exchange.output().contains("armed"));
            for (int i = 1; i <= 3; i++) {
                alice.send(Harness.limit("alice", "buy", "99.00", 1, "in-flight-" + i));
            }

            String reason = "the exchange failed (java.lang.IllegalStateException: injected failure)";
            JsonNode halt = feed.nextJson("trading_status");
            assertThat(halt.get("halted").asBoolean()).isTrue();
            assertThat(halt.get("reason").asText()).isEqualTo(reason);
            for (int i = 1; i <= 3; i++) {
                JsonNode answer = alice.nextJson();
                assertThat(answer.get("type").asText()).isEqualTo("order_rejected");
                assertThat(answer.get("client_order_id").asText()).isEqualTo("in-flight-" + i);
                assertThat(answer.get("reason").asText()).isEqualTo("trading_halted");
                assertThat(answer.get("details").get("error").asText()).isEqualTo(reason);
            }
            assertThat(exchange.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.closeCode != -1);
        }
        String output = exchange.output();
        assertThat(output.lines().filter(line -> line.contains("ERROR")))
                .singleElement().asString().endsWith("Stopping: the exchange failed "
                        + "(java.lang.IllegalStateException: injected failure)");
        assertThat(output).doesNotContain("\tat ");
    }
}
