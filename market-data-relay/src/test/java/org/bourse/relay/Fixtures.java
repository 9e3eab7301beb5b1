package org.bourse.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;

/** What the relay tests share: a real exchange and a relay in front of it, on loopback, every port chosen free. */
final class Fixtures {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Fixtures() {
    }

    /** An exchange with the default engine settings; {@code streamPort} 0 for any free port. */
    static Exchange exchange(Path dir, int streamPort) throws Exception {
        return exchange(dir, streamPort, TickScale.cents());
    }

    static Exchange exchange(Path dir, int streamPort, TickScale scale) throws Exception {
        return Exchange.start(new Exchange.Settings("127.0.0.1", 0, streamPort, 0, scale, EngineConfig.defaults(),
                dir.resolve("trades.csv"), dir.resolve("performance.csv"), null, 0, 64 * 1024, 4L << 20));
    }

    /** A relay of {@code upstream} on a free port, retrying quickly when the exchange is away. */
    static Relay relay(String upstream, int queueLimit) throws StartupException {
        return Relay.start(new Relay.Settings(URI.create(upstream), "127.0.0.1", 0, queueLimit,
                Duration.ofMillis(50), Duration.ofMillis(200), TickScale.cents()));
    }

    /** The seq of the exchange's last event, from its admin endpoint (which answers in turn with the orders). */
    static long lastSeq(Exchange exchange) throws Exception {
        return status(exchange).get("seq").asLong();
    }

    /** The exchange's GET /status: seq, resting orders, traders, ... */
    static JsonNode status(Exchange exchange) throws Exception {
        return admin(HttpRequest.newBuilder(URI.create(exchange.adminUri() + "/status")).GET());
    }

    /** POST /halt or /resume: the kill switch. */
    static JsonNode post(Exchange exchange, String path) throws Exception {
        return admin(HttpRequest.newBuilder(URI.create(exchange.adminUri() + path))
                .header("Authorization", "Bearer " + exchange.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static JsonNode admin(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> reply = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return WireJson.mapper().readTree(reply.body());
    }

    static String limit(String trader, String side, String price, long qty, String clientOrderId) {
        return "{\"type\":\"order\",\"trader_id\":\"" + trader + "\",\"side\":\"" + side
                + "\",\"order_type\":\"limit\",\"price\":" + price + ",\"qty\":" + qty + ",\"client_order_id\":"
                + (clientOrderId == null ? "null" : "\"" + clientOrderId + "\"") + "}";
    }

    static String market(String trader, String side, long qty) {
        return "{\"type\":\"order\",\"trader_id\":\"" + trader + "\",\"side\":\"" + side
                + "\",\"order_type\":\"market\",\"price\":null,\"qty\":" + qty + ",\"client_order_id\":null}";
    }

    static String cancel(String trader, String clientOrderId) {
        return "{\"type\":\"cancel\",\"trader_id\":\"" + trader + "\",\"client_order_id\":\"" + clientOrderId + "\"}";
    }
}
