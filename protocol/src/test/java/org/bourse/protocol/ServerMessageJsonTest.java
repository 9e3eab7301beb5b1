package org.bourse.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bourse.protocol.Examples.T;
import static org.bourse.protocol.Examples.d;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bourse.protocol.ServerMessage.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServerMessageJsonTest {

    /** A strict reader that sees the JSON as any other language would: no BigDecimal tricks, no leniency. */
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** The documented name of each message type. */
    private static final Map<Class<?>, String> TYPE_NAMES = Map.ofEntries(
            Map.entry(ServerMessage.OrderAccepted.class, "order_accepted"),
            Map.entry(ServerMessage.OrderRejected.class, "order_rejected"),
            Map.entry(ServerMessage.Fill.class, "fill"),
            Map.entry(ServerMessage.OrderCancelled.class, "order_cancelled"),
            Map.entry(ServerMessage.OrderReplaced.class, "order_replaced"),
            Map.entry(ServerMessage.AllOrdersCancelled.class, "all_orders_cancelled"),
            Map.entry(ServerMessage.CancelRejected.class, "cancel_rejected"),
            Map.entry(ServerMessage.ReplaceRejected.class, "replace_rejected"),
            Map.entry(ServerMessage.Welcome.class, "welcome"),
            Map.entry(ServerMessage.Decide.class, "decide"),
            Map.entry(ServerMessage.BookUpdate.class, "book_update"),
            Map.entry(ServerMessage.Trade.class, "trade"),
            Map.entry(ServerMessage.PositionUpdate.class, "position_update"),
            Map.entry(ServerMessage.Liquidation.class, "liquidation"),
            Map.entry(ServerMessage.TradingStatus.class, "trading_status"),
            Map.entry(ServerMessage.Snapshot.class, "snapshot"),
            Map.entry(ServerMessage.Status.class, "status"),
            Map.entry(ServerMessage.Heartbeat.class, "heartbeat"),
            Map.entry(ServerMessage.Subscribed.class, "subscribed"),
            Map.entry(ServerMessage.SubscriptionRejected.class, "subscription_rejected"));

    static Stream<ServerMessage> examples() {
        return Examples.all().stream();
    }

    private static JsonNode tree(ServerMessage message) throws JsonProcessingException {
        return PLAIN.readTree(WireJson.encode(message));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void everyMessageTypeHasAnExample() {
        assertThat(Examples.all().stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrderElementsOf(TYPE_NAMES.keySet());
        assertThat(ServerMessage.class.getPermittedSubclasses().length + ServerMessage.Event.class
                .getPermittedSubclasses().length - 1).isEqualTo(TYPE_NAMES.size());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void typeComesFirstWithItsDocumentedName(ServerMessage message) throws Exception {
        String json = WireJson.encode(message);
        assertThat(json).startsWith("{\"type\":\"" + TYPE_NAMES.get(message.getClass()) + "\",");
        assertThat(fieldNames(tree(message))).filteredOn("type"::equals).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void fieldsAreTheRecordComponentsInSnakeCaseInOrder(ServerMessage message) throws Exception {
        List<String> expected = new ArrayList<>();
        expected.add("type");
        for (var component : message.getClass().getRecordComponents()) {
            expected.add(component.getName().replaceAll("([A-Z])", "_$1").toLowerCase());
        }
        assertThat(fieldNames(tree(message))).containsExactlyElementsOf(expected);
        assertThat(fieldNames(tree(message))).allMatch(name -> name.matches("[a-z]+(_[a-z]+)*"));
    }

    @Test
    void anOperatorsHaltHasNoReasonField() throws Exception {
        assertThat(WireJson.encode(new ServerMessage.TradingStatus(7, true, 1_700_000_000_000L)))
                .isEqualTo("{\"type\":\"trading_status\",\"seq\":7,\"halted\":true,\"timestamp\":1700000000000}");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void roundTrip(ServerMessage message) throws Exception {
        String json = WireJson.encode(message);
        assertThat(WireJson.decodeServerMessage(json)).isEqualTo(message);
        assertThat(WireJson.encode(WireJson.decodeServerMessage(json))).isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void neverNaNNorInfinityNorExponents(ServerMessage message) {
        String json = WireJson.encode(message);
        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
        // outside strings, no digit is followed by an exponent
        assertThat(json.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")).doesNotContainPattern("[0-9][eE][+-]?[0-9]");
    }

    @Test
    void bigDecimalsArePrintedPlainAndExact() throws Exception {
        ServerMessage.PositionUpdate update = new ServerMessage.PositionUpdate(1, "t", 0, d("10300.80"),
                null, new BigDecimal("1E+1"), d("0.00"), d("1E+3"), d("100.10"), T);
        String json = WireJson.encode(update);
        assertThat(json).contains("\"cash\":10300.80", "\"realized_pnl\":10,", "\"unrealized_pnl\":0.00",
                "\"total_equity\":1000,", "\"mark_price\":100.10", "\"avg_entry_price\":null");
        // read back exactly, with trailing zeros (never through a double)
        assertThat(((ServerMessage.PositionUpdate) WireJson.decodeServerMessage(json)).cash().toString())
                .isEqualTo("10300.80");
    }

    @Test
    void clientOrderIdIsPresentAsNull() throws Exception {
        for (ServerMessage message : List.of(Examples.MARKET_ORDER_ACCEPTED, Examples.ORDER_REJECTED_RATE,
                Examples.ORDER_REJECTED_INVALID_JSON, Examples.FILL_TAKER, Examples.CANCEL_REJECTED)) {
            JsonNode node = tree(message);
            assertThat(node.has("client_order_id")).as(WireJson.encode(message)).isTrue();
            assertThat(node.get("client_order_id").isNull()).isTrue();
        }
        assertThat(WireJson.encode(Examples.ORDER_REJECTED_INVALID_JSON))
                .contains("\"trader_id\":null,\"client_order_id\":null");
    }

    @Test
    void theReferenceRepliesKeepTheirFields() throws Exception {
        JsonNode accepted = tree(Examples.ORDER_ACCEPTED);
        assertThat(accepted.get("order_id").asLong()).isEqualTo(42);
        assertThat(accepted.get("trader_id").asText()).isEqualTo("maker_1");
        assertThat(accepted.get("client_order_id").asText()).isEqualTo("maker_1-001");
        assertThat(accepted.get("timestamp").asLong()).isEqualTo(T);

        JsonNode rejected = tree(Examples.ORDER_REJECTED_MARGIN);
        assertThat(WireJson.encode(Examples.ORDER_REJECTED_MARGIN))
                .contains("\"reason\":\"initial_margin_insufficient\","
                        + "\"details\":{\"equity\":9500.00,\"required_margin\":10000.00}");
        assertThat(rejected.get("details").get("equity").isNumber()).isTrue();
    }

    @Test
    void bestBidAndAskAreNullWhenTheSideIsEmpty() throws Exception {
        ServerMessage.BookUpdate empty = new ServerMessage.BookUpdate(1, null, null, List.of(), List.of(),
                d("100.00"), T);
        assertThat(WireJson.encode(empty)).isEqualTo(
                "{\"type\":\"book_update\",\"seq\":1,\"best_bid\":null,\"best_ask\":null,\"bids\":[],\"asks\":[],"
                        + "\"mark_price\":100.00,\"timestamp\":1739980000000}");
        assertThat(tree(Examples.BOOK_UPDATE_ONE_SIDED).get("best_ask").isNull()).isTrue();
        assertThat(WireJson.decodeServerMessage(WireJson.encode(empty))).isEqualTo(empty);
    }

    @Test
    void levelsAreArraysOfPriceAndQty() throws Exception {
        assertThat(WireJson.encode(new Level(d("100.10"), 4))).isEqualTo("[100.10,4]");
        assertThat(WireJson.encode(Examples.BOOK_UPDATE))
                .contains("\"bids\":[[100.05,2],[100.00,5]],\"asks\":[[100.10,4]]");
        JsonNode level = tree(Examples.BOOK_UPDATE).get("bids").get(0);
        assertThat(level.isArray()).isTrue();
        assertThat(level.get(0).isNumber()).isTrue();
        assertThat(level.get(1).isIntegralNumber()).isTrue();
    }

    @Test
    void aSnapshotsTradesAreCompleteTradeEvents() throws Exception {
        JsonNode trade = tree(Examples.SNAPSHOT).get("recent_trades").get(0);
        assertThat(trade.get("type").asText()).isEqualTo("trade");
        assertThat(trade).isEqualTo(tree(Examples.TRADE));
    }

    @Test
    void detailsKeepTheirTypes() throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("equity", d("9500.00"));
        details.put("qty", 5L);
        details.put("error", "why");
        details.put("frozen_until", T);
        ServerMessage.OrderRejected rejected = new ServerMessage.OrderRejected("r", details, "t", null, T);
        String json = WireJson.encode(rejected);
        assertThat(json).contains("\"details\":{\"equity\":9500.00,\"qty\":5,\"error\":\"why\","
                + "\"frozen_until\":1739980000000}");
        ServerMessage.OrderRejected back = (ServerMessage.OrderRejected) WireJson.decodeServerMessage(json);
        // integers come back as Long (not Integer), decimals as BigDecimal with their scale
        assertThat(back.details().get("qty")).isEqualTo(5L);
        assertThat(back.details().get("equity")).isEqualTo(d("9500.00"));
        assertThat(back).isEqualTo(rejected);
    }

    @Test
    void anUnknownTypeDecodesToNull() throws Exception {
        assertThat(WireJson.decodeServerMessage("{\"type\":\"session_closed\",\"seq\":3}")).isNull();
        assertThat(WireJson.decodeServerMessage("{\"type\":\"something_new\"}")).isNull();
    }

    @Test
    void aFrameWithoutTypeDecodesToNull() throws Exception {
        assertThat(WireJson.decodeServerMessage("{\"seq\":1,\"timestamp\":5}")).isNull();
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        String json = WireJson.encode(Examples.TRADE).replace("{\"type\":\"trade\",",
                "{\"type\":\"trade\",\"venue\":\"bourse\",\"extra\":{\"a\":[1,2,{\"b\":null}]},");
        assertThat(WireJson.decodeServerMessage(json)).isEqualTo(Examples.TRADE);
    }

    @Test
    void theTypeNeedNotComeFirstWhenReading() throws Exception {
        String json = "{\"seq\":12,\"halted\":true,\"timestamp\":1739980000009,\"type\":\"trading_status\"}";
        assertThat(WireJson.decodeServerMessage(json)).isEqualTo(new ServerMessage.TradingStatus(12, true,
                1739980000009L));
    }

    @Test
    void malformedFramesThrow() {
        assertThatThrownBy(() -> WireJson.decodeServerMessage("{\"type\":\"trade\""))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> WireJson.decodeServerMessage("{\"type\":\"trade\",\"qty\":\"many\"}"))
                .isInstanceOf(JsonProcessingException.class);
    }

    // -------------------------------------------------------- the reference protocol's own examples

    @Test
    void referenceBookUpdate() throws Exception {
        ServerMessage message = WireJson.decodeServerMessage("{\"type\":\"book_update\",\"best_bid\":100.0,"
                + "\"best_ask\":100.1,\"bids\":[[100.0,5],[99.95,3]],\"asks\":[[100.1,4],[100.15,2]],"
                + "\"timestamp\":1739980000100}");
        assertThat(message).isEqualTo(new ServerMessage.BookUpdate(0, d("100.0"), d("100.1"),
                List.of(new Level(d("100.0"), 5), new Level(d("99.95"), 3)),
                List.of(new Level(d("100.1"), 4), new Level(d("100.15"), 2)), null, 1739980000100L));
    }

    @Test
    void referenceTrade() throws Exception {
        ServerMessage message = WireJson.decodeServerMessage("{\"type\":\"trade\",\"trade_id\":101,\"price\":100.1,"
                + "\"qty\":2,\"buy_trader_id\":\"taker_1\",\"sell_trader_id\":\"maker_1\","
                + "\"timestamp\":1739980000101}");
        assertThat(message).isEqualTo(new ServerMessage.Trade(0, 101, d("100.1"), 2, "taker_1", "maker_1", null, 0, 0,
                1739980000101L));
    }

    @Test
    void referencePositionUpdate() throws Exception {
        ServerMessage message = WireJson.decodeServerMessage("{\"type\":\"position_update\","
                + "\"trader_id\":\"maker_1\",\"position\":3,\"cash\":9700.0,\"avg_entry_price\":99.8,"
                + "\"realized_pnl\":12.5,\"unrealized_pnl\":4.2,"
                + "\"total_equity\":9716.7,\"mark_price\":100.05,\"timestamp\":1739980000300}");
        assertThat(message).isEqualTo(new ServerMessage.PositionUpdate(0, "maker_1", 3, d("9700.0"), d("99.8"),
                d("12.5"), d("4.2"), d("9716.7"), d("100.05"), 1739980000300L));
    }

    @Test
    void referenceLiquidation() throws Exception {
        ServerMessage message = WireJson.decodeServerMessage("{\"type\":\"liquidation\",\"trader_id\":\"taker_1\","
                + "\"reason\":\"maintenance_margin_breach\",\"qty\":3,\"side\":\"sell\",\"timestamp\":1739980000200}");
        assertThat(message).isEqualTo(new ServerMessage.Liquidation(0, "taker_1", "maintenance_margin_breach", 3,
                "sell", 0, 1739980000200L));
    }

    @Test
    void referenceReplies() throws Exception {
        assertThat(WireJson.decodeServerMessage("{\"type\":\"order_accepted\",\"order_id\":42,"
                + "\"trader_id\":\"maker_1\","
                + "\"client_order_id\":\"maker_1-001\",\"timestamp\":1739980000000}"))
                .isEqualTo(new ServerMessage.OrderAccepted(42, "maker_1", "maker_1-001", null, null, null, 0, null,
                        false, 1739980000000L));
        ServerMessage rejected = WireJson.decodeServerMessage("{\"type\":\"order_rejected\","
                + "\"reason\":\"initial_margin_insufficient\","
                + "\"details\":{\"equity\":9500.0,\"required_margin\":10000.0},"
                + "\"trader_id\":\"maker_1\",\"client_order_id\":\"maker_1-001\",\"timestamp\":1739980000001}");
        assertThat(rejected).isEqualTo(new ServerMessage.OrderRejected("initial_margin_insufficient",
                Examples.details("equity", d("9500.0"), "required_margin", d("10000.0")), "maker_1", "maker_1-001",
                1739980000001L));
    }

    /** What a reference client reads from Bourse's events must still be there, with the same JSON types. */
    @Test
    void bourseEventsCarryEveryReferenceField() throws Exception {
        Map<ServerMessage, List<String>> referenceFields = Map.of(
                Examples.BOOK_UPDATE, List.of("best_bid", "best_ask", "bids", "asks", "timestamp"),
                Examples.TRADE, List.of("trade_id", "price", "qty", "buy_trader_id", "sell_trader_id", "timestamp"),
                Examples.POSITION_UPDATE, List.of("trader_id", "position", "cash", "avg_entry_price", "realized_pnl",
                        "unrealized_pnl", "total_equity", "mark_price", "timestamp"),
                Examples.LIQUIDATION, List.of("trader_id", "reason", "qty", "side", "timestamp"),
                Examples.ORDER_ACCEPTED, List.of("order_id", "trader_id", "client_order_id", "timestamp"),
                Examples.ORDER_REJECTED_MARGIN, List.of("reason", "details", "trader_id", "client_order_id",
                        "timestamp"));
        for (var entry : referenceFields.entrySet()) {
            JsonNode node = tree(entry.getKey());
            assertThat(fieldNames(node)).containsAll(entry.getValue());
            assertThat(node.get("timestamp").isIntegralNumber()).isTrue();
        }
        JsonNode position = tree(Examples.POSITION_UPDATE);
        assertThat(position.get("position").isIntegralNumber()).isTrue();
        for (String money : List.of("cash", "avg_entry_price", "realized_pnl", "unrealized_pnl", "total_equity",
                "mark_price")) {
            assertThat(position.get(money).isNumber()).as(money).isTrue();
        }
        assertThat(tree(Examples.TRADE).get("qty").isIntegralNumber()).isTrue();
    }
}
