package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /health} and {@code GET /status} on the admin endpoint: what an operator polls. */
class HealthEndpointTest {
    @TempDir
    Path dir;

    private Exchange exchange;

    @AfterEach
    void stop() {
        if (exchange != null) {
            exchange.close();
        }
    }

    @Test
    void healthSaysTheProcessAnswers() throws Exception {
        exchange = Harness.config(dir).start();

        HttpResponse<String> health = Harness.get(exchange.adminUri() + "/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = WireJson.mapper().readTree(health.body());
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("process").asText()).isEqualTo("exchange");
    }

    @Test
    void statusHasTheFiguresOfTheMarketAndItsConnections() throws Exception {
        exchange = Harness.config(dir).journaled().start();
        TestClient feed = TestClient.connect(exchange.streamUri());
        TestClient alice = TestClient.connect(exchange.gatewayUri());
        try {
            feed.nextJson("snapshot");
            alice.request(Harness.limit("alice", "buy", "99.00", 2, "a1"));
            alice.request(Harness.limit("alice", "buy", "98.00", 2, "a2"));

            JsonNode status = WireJson.mapper().readTree(Harness.get(exchange.adminUri() + "/status").body());

            assertThat(status.path("process").asText()).isEqualTo("exchange");
            assertThat(status.path("ready").asBoolean()).isTrue();
            assertThat(status.path("uptime_s").isIntegralNumber()).isTrue();
            assertThat(status.path("trading_halted").asBoolean()).isFalse();
            assertThat(status.path("seq").asLong()).isEqualTo(3); // two book updates and her account
            assertThat(status.path("traders").asInt()).isEqualTo(1);
            assertThat(status.path("resting_orders").asInt()).isEqualTo(2);
            assertThat(status.path("connections").path("gateway").asInt()).isEqualTo(1);
            assertThat(status.path("connections").path("stream").asInt()).isEqualTo(1);
            assertThat(status.path("journal").path("commands").asLong()).isEqualTo(2);
            assertThat(status.path("journal").path("bytes").asLong()).isPositive();
            assertThat(status.path("orders_per_s").isNumber()).isTrue();
            assertThat(status.path("orders_per_s").asDouble()).isNotNegative();
            assertThat(status.path("events_per_s").isNumber()).isTrue();
        } finally {
            feed.close();
            alice.close();
        }
    }

    @Test
    void aBadRequestGetsOneClearAnswer() throws Exception {
        exchange = Harness.config(dir).start();

        HttpResponse<String> unknown = Harness.get(exchange.adminUri() + "/healthz");
        HttpResponse<String> withBody = Harness.HTTP.send(HttpRequest.newBuilder(URI.create(exchange.adminUri()
                        + "/health")).timeout(Duration.ofSeconds(10))
                .method("GET", HttpRequest.BodyPublishers.ofString("{\"deep\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> posted = Harness.post(exchange, "/health");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("not found\n");
        assertThat(withBody.statusCode()).isEqualTo(413);
        assertThat(withBody.body()).isEqualTo("this server takes no request body\n");
        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(posted.body()).isEqualTo("method not allowed: GET only\n");
    }
}
