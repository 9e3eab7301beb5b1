package org.bourse.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.relay.Fixtures.limit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.TestClient;
import org.bourse.transport.AllowedOrigins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /health} and {@code GET /status} on the relay's HTTP port, beside the dashboard. */
class RelayHealthTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Relay relayWithDashboard(String upstream) throws StartupException {
        Relay relay = Relay.start(new Relay.Settings(URI.create(upstream), "127.0.0.1", 0, 10_000,
                Duration.ofMillis(50), Duration.ofMillis(200), TickScale.cents(), 0, AllowedOrigins.LOOPBACK));
        open.add(relay);
        return relay;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(Relay relay, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(relay.dashboardUri() + path)).GET());
    }

    private static JsonNode status(Relay relay) throws Exception {
        HttpResponse<String> reply = get(relay, "status");
        assertThat(reply.statusCode()).isEqualTo(200);
        return WireJson.mapper().readTree(reply.body());
    }

    @Test
    void statusFollowsTheExchangeStreamAndHealthOnlyTheProcess() throws Exception {
        Exchange exchange = Fixtures.exchange(dir, 0);
        open.add(exchange);
        Relay relay = relayWithDashboard(exchange.streamUri());
        TestClient subscriber = TestClient.connect(relay.uri());
        open.add(subscriber::close);
        subscriber.awaitSnapshot();
        try (TestClient trader = TestClient.connect(exchange.gatewayUri())) {
            trader.request(limit("alice", "buy", "99.00", 1, null));
            trader.request(limit("alice", "buy", "98.00", 1, null));
            assertThat(subscriber.readUpTo(3)).hasSize(3); // two book updates, and the account the first order opened

            JsonNode live = status(relay);
            assertThat(live.path("process").asText()).isEqualTo("relay");
            assertThat(live.path("ready").asBoolean()).isTrue();
            assertThat(live.path("upstream").path("uri").asText()).isEqualTo(exchange.streamUri());
            assertThat(live.path("upstream").path("reachable").asBoolean()).isTrue();
            assertThat(live.path("seq").asLong()).isEqualTo(3);
            assertThat(live.path("connections").path("feed").asInt()).isEqualTo(1);
            assertThat(live.path("traders").asInt()).isEqualTo(1);
            assertThat(live.path("events_per_s").isNumber()).isTrue();
            assertThat(live.path("uptime_s").isIntegralNumber()).isTrue();
        }

        exchange.close();
        subscriber.nextJson(node -> "status".equals(node.path("type").asText())
                && !node.path("exchange_connected").asBoolean());

        JsonNode down = status(relay);
        assertThat(down.path("ready").asBoolean()).isFalse();
        assertThat(down.path("upstream").path("reachable").asBoolean()).isFalse();
        HttpResponse<String> health = get(relay, "health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(WireJson.mapper().readTree(health.body()).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void aBadRequestGetsOneClearAnswerAndTheDashboardIsStillServed() throws Exception {
        Relay relay = relayWithDashboard("ws://127.0.0.1:1");

        HttpResponse<String> unknown = get(relay, "status/");
        HttpResponse<String> withBody = send(HttpRequest.newBuilder(URI.create(relay.dashboardUri() + "health"))
                .method("GET", HttpRequest.BodyPublishers.ofString("x")));
        HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(relay.dashboardUri() + "status"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("not found\n");
        assertThat(withBody.statusCode()).isEqualTo(413);
        assertThat(withBody.body()).isEqualTo("this server takes no request body\n");
        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(get(relay, "").statusCode()).isEqualTo(200);
        assertThat(status(relay).path("ready").asBoolean()).isFalse();
    }
}
