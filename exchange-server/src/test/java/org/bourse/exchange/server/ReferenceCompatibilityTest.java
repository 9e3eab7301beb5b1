package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.exchange.server.Harness.levels;
import static org.bourse.exchange.server.Harness.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.testkit.RawWebSocket;
import org.bourse.testkit.TestClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.junit.jupiter.api.Test;

/**
 * What the reference clients (bots, relay, monitor, dashboard) rely on, checked on the JSON as it travels, over
 * real WebSocket connections: one reply per order with the fields they read, the reject reasons verbatim, and the
 * four stream events in the shape and order they expect.
 */
class ReferenceCompatibilityTest extends RunningExchangeTest {

    private static final String REFERENCE_ORDER = "{\"type\":\"order\",\"trader_id\":\"maker_1\",\"side\":\"buy\","
            + "\"order_type\":\"limit\",\"price\":100.05,\"qty\":2,\"client_order_id\":\"maker_1-001\"}";
    private static final Duration QUIET = Duration.ofMillis(300);


    private static void assertTimestamp(JsonNode node, long before) {
        JsonNode ts = node.get("timestamp");
        assertThat(ts).as("timestamp of %s", node).isNotNull();
        assertThat(ts.isIntegralNumber()).as("timestamp is an integer in %s", node).isTrue();
        assertThat(ts.asLong()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void theReferenceOrderGetsExactlyOneAcceptanceEchoingItsIds() throws Exception {
        TestClient maker = gateway();
        long before = System.currentTimeMillis();

        JsonNode reply = maker.request(REFERENCE_ORDER);

        assertThat(reply.path("type").asText()).isEqualTo("order_accepted");
        assertThat(reply.get("order_id").isIntegralNumber()).isTrue();
        assertThat(reply.get("order_id").asLong()).isPositive();
        assertThat(reply.get("trader_id").asText()).isEqualTo("maker_1");
        assertThat(reply.get("client_order_id").asText()).isEqualTo("maker_1-001");
        assertTimestamp(reply, before);
        maker.expectSilence(QUIET);
    }

    @Test
    void aNullClientOrderIdIsEchoedAsNull() throws Exception {
        TestClient maker = gateway();
        JsonNode first = maker.request(Harness.limit("maker_1", "sell", "100.10", 1, null));
        JsonNode second = maker.request(Harness.limit("maker_1", "SELL", "101", 1, null));

        for (JsonNode reply : List.of(first, second)) {
            assertThat(reply.path("type").asText()).isEqualTo("order_accepted");
            assertThat(reply.has("client_order_id")).as("client_order_id present in %s", reply).isTrue();
            assertThat(reply.get("client_order_id").isNull()).isTrue();
        }
        assertThat(second.get("order_id").asLong()).isGreaterThan(first.get("order_id").asLong());
        maker.expectSilence(QUIET);
    }

    @Test
    void theReferenceLeniencesHold() throws Exception {
        TestClient maker = gateway();
        // no order_type (limit), mixed case, an integer price, unknown keys
        JsonNode limit = maker.request("{\"type\":\"order\",\"trader_id\":\"maker_1\",\"side\":\"Sell\",\"price\":100,"
                + "\"qty\":2,\"client_order_id\":\"m-1\",\"strategy\":{\"name\":\"mm\",\"params\":[1,2]},\"x\":null}");
        assertThat(limit.path("type").asText()).isEqualTo("order_accepted");
        assertThat(limit.path("order_type").asText()).isEqualTo("limit");
        assertThat(num(limit, "price")).isEqualByComparingTo("100.00");
        // a market order in capitals, price absent
        TestClient taker = gateway();
        taker.send("{\"type\":\"order\",\"trader_id\":\"taker_1\",\"side\":\"BUY\",\"order_type\":\"MARKET\","
                + "\"qty\":1,\"client_order_id\":null}");
        JsonNode market = taker.nextJson();
        assertThat(market.path("type").asText()).isEqualTo("order_accepted");
        assertThat(market.path("order_type").asText()).isEqualTo("market");
        assertThat(taker.nextJson().path("type").asText()).isEqualTo("fill");
        // a market order with a price is refused, as the reference refuses it
        taker.send(Harness.order("taker_1", "buy", "market", "1.00", 1, "t-2"));
        JsonNode refused = taker.nextJson();
        assertThat(refused.path("type").asText()).isEqualTo("order_rejected");
        assertThat(refused.path("reason").asText()).isEqualTo("invalid_message");
        assertThat(refused.path("details").path("error").asText())
                .isEqualTo("price: must be null/omitted for market orders");
        assertThat(refused.path("client_order_id").asText()).isEqualTo("t-2");
        taker.expectSilence(QUIET);
    }

    @Test
    void initialMarginRejectCarriesEquityAndRequiredMarginAsNumbers() throws Exception {
        TestClient trader = gateway();
        long before = System.currentTimeMillis();

        // 600 lots at 100.00 need 20 % of 60 000 = 12 000 of equity; a new account has 10 000
        JsonNode reply = trader.request(Harness.limit("big_1", "buy", "100.00", 600, "big-1"));

        assertThat(reply.path("type").asText()).isEqualTo("order_rejected");
        assertThat(reply.path("reason").asText()).isEqualTo("initial_margin_insufficient");
        assertThat(num(reply.get("details"), "equity")).isEqualByComparingTo("10000");
        assertThat(num(reply.get("details"), "required_margin")).isEqualByComparingTo("12000");
        assertThat(reply.get("trader_id").asText()).isEqualTo("big_1");
        assertThat(reply.get("client_order_id").asText()).isEqualTo("big-1");
        assertTimestamp(reply, before);
        trader.expectSilence(QUIET);
    }

    @Test
    void aMarketOrderOnAnEmptyBookIsRejectedForNoLiquidity() throws Exception {
        TestClient taker = gateway();

        JsonNode reply = taker.request(Harness.market("taker_1", "buy", 3, "t-1"));

        assertThat(reply.path("type").asText()).isEqualTo("order_rejected");
        assertThat(reply.path("reason").asText()).isEqualTo("no_liquidity");
        assertThat(reply.get("trader_id").asText()).isEqualTo("taker_1");
        assertThat(reply.get("client_order_id").asText()).isEqualTo("t-1");
        taker.expectSilence(QUIET);
    }

    @Test
    void aFrameThatIsNotJsonIsInvalidJsonWithNullIds() throws Exception {
        TestClient client = gateway();
        long before = System.currentTimeMillis();

        JsonNode reply = client.request("{\"type\":\"order\",\"trader_id\":\"maker_1\",");

        assertThat(reply.path("type").asText()).isEqualTo("order_rejected");
        assertThat(reply.path("reason").asText()).isEqualTo("invalid_json");
        assertThat(reply.has("trader_id")).isTrue();
        assertThat(reply.get("trader_id").isNull()).isTrue();
        assertThat(reply.has("client_order_id")).isTrue();
        assertThat(reply.get("client_order_id").isNull()).isTrue();
        assertThat(reply.path("details").path("error").asText()).startsWith("not valid JSON");
        assertTimestamp(reply, before);
        client.expectSilence(QUIET);
    }

    @Test
    void aBrokenFieldIsInvalidMessageAndTheErrorNamesTheField() throws Exception {
        TestClient client = gateway();
        Map<String, String> frames = Map.of(
                "side: missing", "{\"type\":\"order\",\"trader_id\":\"m\",\"order_type\":\"limit\",\"price\":100,"
                        + "\"qty\":1,\"client_order_id\":\"c1\"}",
                "qty: must be a whole number, not 1.5", Harness.order("m", "buy", "limit", "100", 0, "c2")
                        .replace("\"qty\":0", "\"qty\":1.5"),
                "price: must be greater than 0, not -1", Harness.limit("m", "buy", "-1", 1, "c3"),
                "price: required for a limit order", Harness.limit("m", "buy", "100", 1, "c4")
                        .replace("\"price\":100,", ""),
                "side: 'hold' is not one of buy, sell", Harness.limit("m", "hold", "100", 1, "c5"));
        for (Map.Entry<String, String> entry : frames.entrySet()) {
            JsonNode reply = client.request(entry.getValue());
            assertThat(reply.path("type").asText()).isEqualTo("order_rejected");
            assertThat(reply.path("reason").asText()).isEqualTo("invalid_message");
            assertThat(reply.path("details").path("error").asText()).as(entry.getValue()).isEqualTo(entry.getKey());
            assertThat(reply.path("trader_id").asText()).isEqualTo("m");
            assertThat(reply.path("client_order_id").asText()).startsWith("c");
        }
        client.expectSilence(QUIET);
    }

    @Test
    void bookUpdatesCarryAggregatedLevelsBestFirstAndNullForAnEmptySide() throws Exception {
        TestClient feed = feed();
        TestClient maker = gateway();

        maker.request(Harness.limit("maker_1", "sell", "100.10", 4, null));
        JsonNode first = feed.nextJson();
        assertThat(first.path("type").asText()).isEqualTo("book_update");
        assertThat(first.has("best_bid")).isTrue();
        assertThat(first.get("best_bid").isNull()).isTrue();
        assertThat(num(first, "best_ask")).isEqualByComparingTo("100.10");
        assertThat(first.get("bids").isArray()).isTrue();
        assertThat(first.get("bids")).isEmpty();
        assertThat(levels(first.get("asks"))).containsExactly("100.1x4");
        JsonNode opened = feed.nextJson();
        assertThat(opened.path("type").asText()).as("maker_1's first order opened its account")
                .isEqualTo("position_update");
        assertThat(opened.path("trader_id").asText()).isEqualTo("maker_1");

        for (String frame : List.of(Harness.limit("maker_1", "sell", "100.15", 2, null),
                Harness.limit("maker_1", "sell", "100.10", 1, null),
                Harness.limit("maker_1", "buy", "99.95", 3, null),
                Harness.limit("maker_1", "buy", "100.00", 5, null),
                Harness.limit("maker_1", "buy", "99.90", 1, null),
                Harness.limit("maker_1", "buy", "100.00", 2, null))) {
            assertThat(maker.request(frame).path("type").asText()).isEqualTo("order_accepted");
        }
        JsonNode last = null;
        for (int i = 0; i < 6; i++) {
            last = feed.nextJson();
            assertThat(last.path("type").asText()).isEqualTo("book_update");
        }
        assertThat(num(last, "best_bid")).isEqualByComparingTo("100.00");
        assertThat(num(last, "best_ask")).isEqualByComparingTo("100.10");
        assertThat(levels(last.get("bids"))).containsExactly("100x7", "99.95x3", "99.9x1");
        assertThat(levels(last.get("asks"))).containsExactly("100.1x5", "100.15x2");
        assertTimestamp(last, 0);
    }

    @Test
    void aBookUpdateAndTheSnapshotShowTheBestTenLevelsASide() throws Exception {
        TestClient feed = feed();
        TestClient maker = gateway();
        for (int i = 0; i < 12; i++) {
            maker.send(Harness.limit("maker_1", "buy", "99." + (10 + i), 1, null));
        }
        JsonNode last = null;
        for (int i = 0; i < 12; i++) {
            last = feed.nextJson("book_update");
        }
        List<String> bids = levels(last.get("bids"));
        assertThat(bids).hasSize(10).startsWith("99.21x1", "99.2x1", "99.19x1").endsWith("99.12x1");
        TestClient late = connect(exchange.streamUri());
        JsonNode snapshot = late.nextJson();
        assertThat(levels(snapshot.get("bids"))).isEqualTo(bids);
    }

    @Test
    void clientsOfferingPermessageDeflateAsPythonsWebsocketsDoConnectAndTrade() throws Exception {
        TestClient deflating = TestClient.connect(exchange.gatewayUri(),
                new Draft_6455(new PerMessageDeflateExtension()));
        clients.add(deflating);
        assertThat(deflating.request(REFERENCE_ORDER).path("type").asText()).isEqualTo("order_accepted");

        String python = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                + "User-Agent: Python/3.12 websockets/12.0\r\n";
        try (RawWebSocket stream = RawWebSocket.connect(exchange.streamUri(), 65_536, python);
             RawWebSocket raw = RawWebSocket.connect(exchange.gatewayUri(), 65_536, python)) {
            assertThat(raw.handshakeResponse).startsWith("HTTP/1.1 101");
            assertThat(stream.handshakeResponse).startsWith("HTTP/1.1 101");
            assertThat(stream.readFrame().text()).contains("\"type\":\"snapshot\"");
            raw.sendText(Harness.limit("py_1", "sell", "100.05", 1, "py-1"));
            RawWebSocket.Frame frame = raw.readFrame();
            assertThat(frame.opcode()).isEqualTo(0x1);
            JsonNode reply = org.bourse.protocol.WireJson.mapper().readTree(frame.text());
            assertThat(reply.path("type").asText()).isEqualTo("order_accepted");
            assertThat(reply.path("client_order_id").asText()).isEqualTo("py-1");
            JsonNode fill = org.bourse.protocol.WireJson.mapper().readTree(raw.readFrame().text());
            assertThat(fill.path("type").asText()).isEqualTo("fill");
            assertThat(stream.readFrame().text()).contains("\"type\":\"trade\"");
        }
    }

    @Test
    void anOrderThatTradesEmitsItsTradesThenOneBookUpdateThenThePositionUpdates() throws Exception {
        TestClient feed = feed();
        TestClient makers = gateway();
        TestClient makers2 = gateway();
        TestClient taker = gateway();
        makers.request(Harness.limit("maker_1", "sell", "100.05", 2, "m1"));
        makers2.request(Harness.limit("maker_2", "sell", "100.10", 3, "m2"));
        for (String maker : List.of("maker_1", "maker_2")) {
            feed.nextJson("book_update");
            assertThat(feed.nextJson("position_update").path("trader_id").asText()).isEqualTo(maker); // opened
        }
        long before = System.currentTimeMillis();

        JsonNode accepted = taker.request(Harness.limit("taker_1", "buy", "100.10", 4, "t1"));
        assertThat(accepted.path("type").asText()).isEqualTo("order_accepted");

        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(feed.nextJson());
        }
        feed.expectSilence(QUIET);
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("trade", "trade",
                "book_update", "position_update", "position_update", "position_update");
        long seq = events.get(0).get("seq").asLong();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("seq").asLong()).isEqualTo(seq + i);
        }

        JsonNode trade1 = events.get(0);
        JsonNode trade2 = events.get(1);
        for (JsonNode trade : List.of(trade1, trade2)) {
            assertThat(trade.get("trade_id").isIntegralNumber()).isTrue();
            assertThat(trade.get("qty").isIntegralNumber()).isTrue();
            assertThat(trade.get("buy_trader_id").asText()).isEqualTo("taker_1");
            assertTimestamp(trade, before);
        }
        assertThat(trade2.get("trade_id").asLong()).isEqualTo(trade1.get("trade_id").asLong() + 1);
        assertThat(num(trade1, "price")).isEqualByComparingTo("100.05");
        assertThat(trade1.get("qty").asLong()).isEqualTo(2);
        assertThat(trade1.get("sell_trader_id").asText()).isEqualTo("maker_1");
        assertThat(num(trade2, "price")).isEqualByComparingTo("100.10");
        assertThat(trade2.get("qty").asLong()).isEqualTo(2);
        assertThat(trade2.get("sell_trader_id").asText()).isEqualTo("maker_2");

        JsonNode book = events.get(2);
        assertThat(book.get("best_bid").isNull()).isTrue();
        assertThat(levels(book.get("asks"))).containsExactly("100.1x1");

        Map<String, JsonNode> positions = new HashMap<>();
        for (JsonNode update : events.subList(3, 6)) {
            for (String field : List.of("trader_id", "position", "cash", "avg_entry_price", "realized_pnl",
                    "unrealized_pnl", "total_equity", "mark_price", "timestamp")) {
                assertThat(update.has(field)).as("%s in %s", field, update).isTrue();
            }
            assertThat(update.get("position").isIntegralNumber()).isTrue();
            BigDecimal mark = num(update, "mark_price");
            // mark: the book is one-sided, so the last trade price
            assertThat(mark).isEqualByComparingTo("100.10");
            assertThat(num(update, "total_equity"))
                    .isEqualByComparingTo(num(update, "cash").add(mark.multiply(num(update, "position"))));
            positions.put(update.get("trader_id").asText(), update);
        }
        // one each, the taker's too although this order also opened its account
        assertThat(positions).containsOnlyKeys("taker_1", "maker_1", "maker_2");
        assertThat(positions.get("taker_1").get("position").asLong()).isEqualTo(4);
        assertThat(num(positions.get("taker_1"), "cash")).isEqualByComparingTo("9599.70"); // 10000 - 200.10 - 200.20
        assertThat(num(positions.get("taker_1"), "avg_entry_price")).isEqualByComparingTo("100.075");
        assertThat(positions.get("maker_1").get("position").asLong()).isEqualTo(-2);
        assertThat(num(positions.get("maker_1"), "cash")).isEqualByComparingTo("10200.10");
        assertThat(positions.get("maker_2").get("position").asLong()).isEqualTo(-2);
        assertThat(num(positions.get("maker_2"), "cash")).isEqualByComparingTo("10200.20");
        assertThat(num(positions.get("maker_2"), "realized_pnl")).isEqualByComparingTo("0");
    }

    @Test
    void aRestingOrderThatDoesNotTradeEmitsOnlyABookUpdateOnceItsTraderHasAnAccount() throws Exception {
        TestClient feed = feed();
        TestClient maker = gateway();

        // the trader's first order: its book_update, then the position_update that opens its account
        maker.request(REFERENCE_ORDER);

        JsonNode event = feed.nextJson();
        assertThat(event.path("type").asText()).isEqualTo("book_update");
        assertThat(num(event, "best_bid")).isEqualByComparingTo("100.05");
        assertThat(event.get("seq").asLong()).isEqualTo(1);
        JsonNode opened = feed.nextJson();
        assertThat(opened.path("type").asText()).isEqualTo("position_update");
        assertThat(opened.get("seq").asLong()).isEqualTo(2);
        assertThat(opened.path("position").asLong()).isZero();
        assertThat(num(opened, "cash")).isEqualByComparingTo("10000");
        feed.expectSilence(QUIET);

        // its next one: just the book_update, as the reference sends it
        assertThat(maker.request(Harness.limit("maker_1", "buy", "100.00", 1, null)).path("type").asText())
                .isEqualTo("order_accepted");
        JsonNode next = feed.nextJson();
        assertThat(next.path("type").asText()).isEqualTo("book_update");
        assertThat(next.get("seq").asLong()).isEqualTo(3);
        feed.expectSilence(QUIET);
    }

    @Test
    void aTraderBelowMaintenanceIsLiquidatedAndTheStreamSaysSo() throws Exception {
        exchange.close();
        // no price band, so that the mark can be dragged far enough in two orders
        exchange = Harness.config(dir).engine(EngineConfig.defaults().withLimits(1_000, 1_000, 0, 200)).start();
        TestClient feed = feed();
        TestClient longTrader = gateway();
        TestClient shortTrader = gateway();
        TestClient mover = gateway();
        shortTrader.request(Harness.limit("short_1", "sell", "100.00", 400, null));
        longTrader.request(Harness.limit("long_1", "buy", "100.00", 400, null)); // cash -30 000, equity 10 000
        mover.request(Harness.limit("mover_1", "buy", "80.00", 10, null));
        long before = System.currentTimeMillis();
        // the book becomes two-sided at 80.00 / 81.00: mark 80.50, long_1's equity 2 200 < 10 % of 32 200
        mover.request(Harness.limit("mover_1", "sell", "81.00", 10, null));

        JsonNode liquidation = feed.nextJson("liquidation");
        assertThat(liquidation.get("trader_id").asText()).isEqualTo("long_1");
        assertThat(liquidation.get("reason").asText()).isEqualTo("maintenance_margin_breach");
        assertThat(liquidation.get("side").asText()).isEqualTo("sell");
        // the smallest sale that restores maintenance at 80.50: keep floor(2200 / 8.05) = 273 of 400
        assertThat(liquidation.get("qty").isIntegralNumber()).isTrue();
        assertThat(liquidation.get("qty").asLong()).isEqualTo(127);
        assertTimestamp(liquidation, before);
        JsonNode trade = feed.nextJson();
        assertThat(trade.path("type").asText()).isEqualTo("trade");
        assertThat(trade.get("sell_trader_id").asText()).isEqualTo("long_1");
        assertThat(trade.get("buy_trader_id").asText()).isEqualTo("mover_1");
        assertThat(num(trade, "price")).isEqualByComparingTo("80.00");
        List<JsonNode> rest = feed.drain(QUIET);
        assertThat(rest).filteredOn(e -> e.path("type").asText().equals("liquidation"))
                .allSatisfy(e -> assertThat(e.get("reason").asText()).isIn("maintenance_margin_breach",
                        "maintenance_margin_breach_force_flatten", "bankruptcy"));
    }
}
