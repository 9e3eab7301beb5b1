package org.bourse.exchange.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.journal.FsyncPolicy;
import org.bourse.exchange.market.Market;
import org.bourse.protocol.TickScale;

/**
 * What the integration tests share: an exchange on loopback with every port 0 and its CSVs in a temporary
 * directory, the frames clients send, and a few checks on the JSON that comes back.
 */
final class Harness {

    private Harness() {
    }

    /** Settings with every port 0, the CSVs in {@code dir}; change them with the withers, then {@link #start}. */
    static Config config(Path dir) {
        return new Config(dir);
    }

    static final class Config {
        final Path dir;
        String host = "127.0.0.1";
        EngineConfig engine = EngineConfig.defaults();
        Path credentials;
        int messagesPerSecond;
        int maxFrameBytes = 64 * 1024;
        long maxUnsentBytes = 4L << 20;
        int gatewayPort;
        int streamPort;
        int adminPort;
        Path events;
        Path journal;
        FsyncPolicy fsync = FsyncPolicy.NONE;
        boolean fresh;
        Exchange.Lockstep lockstep;
        boolean keepOrdersOnDisconnect;
        Exchange.Access access = Exchange.Access.defaults();

        Config(Path dir) {
            this.dir = dir;
        }

        Config engine(EngineConfig value) {
            engine = value;
            return this;
        }

        Config credentials(Path value) {
            credentials = value;
            return this;
        }

        Config messagesPerSecond(int value) {
            messagesPerSecond = value;
            return this;
        }

        Config maxUnsentBytes(long value) {
            maxUnsentBytes = value;
            return this;
        }

        Config host(String value) {
            host = value;
            return this;
        }

        Config allowOrigin(String origin) {
            access = new Exchange.Access(access.origins().with(origin), access.maxTraders());
            return this;
        }

        Config maxTraders(int value) {
            access = new Exchange.Access(access.origins(), value);
            return this;
        }

        Config ports(int gateway, int stream, int admin) {
            gatewayPort = gateway;
            streamPort = stream;
            adminPort = admin;
            return this;
        }

        /** Journal to {@code dir/journal} and write {@code dir/events.jsonl}. */
        Config journaled() {
            journal = dir.resolve("journal");
            events = dir.resolve("events.jsonl");
            return this;
        }

        Config fsync(FsyncPolicy value) {
            fsync = value;
            return this;
        }

        /** Resting orders stay when their trader's last connection closes (the exchange's --keep-orders-on-disconnect). */
        Config keepOrdersOnDisconnect() {
            keepOrdersOnDisconnect = true;
            return this;
        }

        Config fresh(boolean value) {
            fresh = value;
            return this;
        }

        Path tradesCsv() {
            return dir.resolve("trades.csv");
        }

        Path performanceCsv() {
            return dir.resolve("performance.csv");
        }

        Exchange.Settings settings() {
            return new Exchange.Settings(host, gatewayPort, streamPort, adminPort, TickScale.cents(), engine,
                    new Market.Storage(tradesCsv(), performanceCsv(), events, journal, fsync, fresh), credentials,
                    messagesPerSecond, maxFrameBytes, maxUnsentBytes, lockstep, access,
                    keepOrdersOnDisconnect);
        }

        Exchange start() throws StartupException {
            return Exchange.start(settings());
        }
    }

    // ------------------------------------------------------------------------------------------ frames

    /** The reference order: all seven keys; {@code price} and {@code clientOrderId} may be null. */
    static String order(String trader, String side, String orderType, String price, long qty, String clientOrderId) {
        return "{\"type\":\"order\",\"trader_id\":" + str(trader) + ",\"side\":" + str(side) + ",\"order_type\":"
                + str(orderType) + ",\"price\":" + (price == null ? "null" : price) + ",\"qty\":" + qty
                + ",\"client_order_id\":" + str(clientOrderId) + "}";
    }

    static String limit(String trader, String side, String price, long qty, String clientOrderId) {
        return order(trader, side, "limit", price, qty, clientOrderId);
    }

    static String market(String trader, String side, long qty, String clientOrderId) {
        return order(trader, side, "market", null, qty, clientOrderId);
    }

    /** A limit order with extra members (tif, post_only), given as raw JSON after a comma. */
    static String limitWith(String trader, String side, String price, long qty, String clientOrderId, String extra) {
        String base = limit(trader, side, price, qty, clientOrderId);
        return base.substring(0, base.length() - 1) + "," + extra + "}";
    }

    static String cancel(String trader, long orderId) {
        return "{\"type\":\"cancel\",\"trader_id\":" + str(trader) + ",\"order_id\":" + orderId + "}";
    }

    static String cancelByClientId(String trader, String clientOrderId) {
        return "{\"type\":\"cancel\",\"trader_id\":" + str(trader) + ",\"client_order_id\":" + str(clientOrderId)
                + "}";
    }

    static String cancelAll(String trader) {
        return "{\"type\":\"cancel_all\",\"trader_id\":" + str(trader) + "}";
    }

    static String replace(String trader, long orderId, String price, Long qty) {
        return "{\"type\":\"replace\",\"trader_id\":" + str(trader) + ",\"order_id\":" + orderId
                + (price == null ? "" : ",\"price\":" + price) + (qty == null ? "" : ",\"qty\":" + qty) + "}";
    }

    static String replaceByClientId(String trader, String clientOrderId, String price, Long qty) {
        return "{\"type\":\"replace\",\"trader_id\":" + str(trader) + ",\"client_order_id\":" + str(clientOrderId)
                + (price == null ? "" : ",\"price\":" + price) + (qty == null ? "" : ",\"qty\":" + qty) + "}";
    }

    static String hello(String trader) {
        return "{\"type\":\"hello\",\"trader_id\":" + str(trader) + "}";
    }

    static String hello(String trader, String token) {
        return "{\"type\":\"hello\",\"trader_id\":" + str(trader) + ",\"token\":" + str(token) + "}";
    }

    private static String str(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    // ------------------------------------------------------------------------------------------ checks

    /** An exact decimal, for comparing with a JSON number. */
    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    /** The JSON number at {@code field}, exactly; fails if it is not a number. */
    static BigDecimal num(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new AssertionError(field + " is not a number in " + node);
        }
        return value.decimalValue();
    }

    /** The levels of a book_update side as [price, qty] pairs, as strings like "100.05x2". */
    static List<String> levels(JsonNode side) {
        List<String> out = new ArrayList<>();
        for (JsonNode level : side) {
            if (!level.isArray() || level.size() != 2 || !level.get(0).isNumber() || !level.get(1).isIntegralNumber()) {
                throw new AssertionError("not a [price, qty] level: " + level);
            }
            out.add(level.get(0).decimalValue().stripTrailingZeros().toPlainString() + "x" + level.get(1).asLong());
        }
        return out;
    }

    // -------------------------------------------------------------------------------------------- admin

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** POST {@code path} (/halt, /resume) to the exchange's admin endpoint, with its token. */
    static HttpResponse<String> post(Exchange exchange, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(exchange.adminUri() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + exchange.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
