package org.bourse.protocol;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bourse.protocol.ServerMessage.AccountState;
import org.bourse.protocol.ServerMessage.Level;
import org.bourse.protocol.ServerMessage.OpenOrder;

/**
 * One realistic instance of every server message, shared by the codec tests and by the test that checks that
 * docs/PROTOCOL.md shows exactly what the codec writes. Values tell one consistent story with the default tick
 * of 0.01: maker_1 quotes around 100, taker_1 lifts the offer.
 */
final class Examples {

    static final long T = 1_739_980_000_000L;

    private Examples() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** A details map whose keys keep their order, as the exchange builds it. */
    static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }

    static final ServerMessage.OrderAccepted ORDER_ACCEPTED = new ServerMessage.OrderAccepted(42, "maker_1",
            "maker_1-001", "buy", "limit", d("100.05"), 2, "gtc", false, T);

    static final ServerMessage.OrderAccepted MARKET_ORDER_ACCEPTED = new ServerMessage.OrderAccepted(44, "taker_1",
            null, "buy", "market", null, 5, "ioc", false, T + 2);

    static final ServerMessage.OrderRejected ORDER_REJECTED_MARGIN = new ServerMessage.OrderRejected(
            "initial_margin_insufficient", details("equity", d("9500.00"), "required_margin", d("10000.00")),
            "maker_1", "maker_1-002", T + 1);

    static final ServerMessage.OrderRejected ORDER_REJECTED_INVALID_MESSAGE = new ServerMessage.OrderRejected(
            "invalid_message", details("error", "qty: must be at least 1, not 0"), "maker_1", "maker_1-003", T + 1);

    /** What the decoder says about a frame cut short. */
    static final String TRUNCATED_FRAME_ERROR =
            ((ClientMessageDecoder.Invalid) new ClientMessageDecoder().decode("{\"type\":\"order\",")).error();

    static final ServerMessage.OrderRejected ORDER_REJECTED_INVALID_JSON = new ServerMessage.OrderRejected(
            "invalid_json", details("error", TRUNCATED_FRAME_ERROR), null, null, T + 1);

    static final ServerMessage.OrderRejected ORDER_REJECTED_OFF_TICK = new ServerMessage.OrderRejected(
            "invalid_message", details("error", "price: 100.005 is not a multiple of the tick size 0.01"),
            "maker_1", "maker_1-004", T + 1);

    static final ServerMessage.OrderRejected ORDER_REJECTED_BAND = new ServerMessage.OrderRejected(
            "price_out_of_band", details("reference_price", d("100.00"), "min_price", d("90.00"),
                    "max_price", d("110.00")), "maker_1", "maker_1-005", T + 1);

    static final ServerMessage.OrderRejected ORDER_REJECTED_MISMATCH = new ServerMessage.OrderRejected(
            "trader_mismatch", details("bound_trader_id", "maker_1"), "maker_2", "maker_2-001", T + 1);

    static final ServerMessage.OrderRejected ORDER_REJECTED_RATE = new ServerMessage.OrderRejected(
            "rate_limited", details("limit_per_second", 10_000L), "maker_1", null, T + 1);

    static final ServerMessage.Fill FILL_TAKER = new ServerMessage.Fill(44, null, "taker_1", 101, "buy",
            d("100.10"), 4, 1, "taker", T + 2);

    static final ServerMessage.Fill FILL_MAKER = new ServerMessage.Fill(40, "maker_1-000", "maker_1", 101, "sell",
            d("100.10"), 4, 0, "maker", T + 2);

    static final ServerMessage.OrderCancelled ORDER_CANCELLED_REMAINDER = new ServerMessage.OrderCancelled(44, null,
            "taker_1", 1, "market_remainder", T + 2);

    static final ServerMessage.OrderCancelled ORDER_CANCELLED_REQUESTED = new ServerMessage.OrderCancelled(42,
            "maker_1-001", "maker_1", 2, "requested", T + 3);

    static final ServerMessage.OrderReplaced ORDER_REPLACED = new ServerMessage.OrderReplaced(42, "maker_1-001",
            "maker_1", d("100.10"), 5, T + 3);

    static final ServerMessage.AllOrdersCancelled ALL_ORDERS_CANCELLED = new ServerMessage.AllOrdersCancelled(
            "maker_1", 2, T + 4);

    static final ServerMessage.CancelRejected CANCEL_REJECTED = new ServerMessage.CancelRejected(77, null, "maker_1",
            "unknown_order", details(), T + 4);

    static final ServerMessage.CancelRejected CANCEL_REJECTED_INVALID = new ServerMessage.CancelRejected(0, null,
            "maker_1", "invalid_message", details("error", "order_id: must be at least 1, not 0"), T + 4);

    static final ServerMessage.ReplaceRejected REPLACE_REJECTED = new ServerMessage.ReplaceRejected(42,
            "maker_1-001", "maker_1", "max_position_exceeded",
            details("projected_position", 1005L, "max_position", 1000L), T + 4);

    static final ServerMessage.Welcome WELCOME = new ServerMessage.Welcome("maker_2", 3, d("9700.55"),
            d("99.816667"), d("0.00"), d("0.85"), d("10000.85"), d("100.10"), false,
            List.of(new OpenOrder(45, "maker_2-017", "buy", d("99.95"), 2),
                    new OpenOrder(46, null, "sell", d("100.20"), 1)), T + 5);

    static final ServerMessage.Welcome WELCOME_NEW_TRADER = new ServerMessage.Welcome("taker_9", 0, d("10000.00"),
            null, d("0.00"), d("0.00"), d("10000.00"), d("100.10"), false, List.of(), T + 5);

    static final ServerMessage.Decide DECIDE = new ServerMessage.Decide(1767225600250L, 1742);

    static final ServerMessage.BookUpdate BOOK_UPDATE = new ServerMessage.BookUpdate(1, d("100.05"), d("100.10"),
            List.of(new Level(d("100.05"), 2), new Level(d("100.00"), 5)), List.of(new Level(d("100.10"), 4)),
            d("100.07"), T + 1);

    static final ServerMessage.Trade TRADE = new ServerMessage.Trade(2, 101, d("100.10"), 4, "taker_1", "maker_1",
            "buy", 44, 40, T + 2);

    static final ServerMessage.BookUpdate BOOK_UPDATE_ONE_SIDED = new ServerMessage.BookUpdate(3, d("100.05"), null,
            List.of(new Level(d("100.05"), 2), new Level(d("100.00"), 5)), List.of(), d("100.10"), T + 2);

    static final ServerMessage.PositionUpdate POSITION_UPDATE = new ServerMessage.PositionUpdate(4, "taker_1", 4,
            d("9599.60"), d("100.10"), d("0.00"), d("0.00"), d("10000.00"), d("100.10"), T + 2);

    static final ServerMessage.Liquidation LIQUIDATION = new ServerMessage.Liquidation(9, "taker_1",
            "maintenance_margin_breach", 3, "sell", 47, T + 8);

    static final ServerMessage.TradingStatus TRADING_STATUS = new ServerMessage.TradingStatus(12, true,
            "cannot write the journal market.journal at byte 1048576: No space left on device", T + 9);

    static final ServerMessage.Snapshot SNAPSHOT = new ServerMessage.Snapshot(5, d("100.05"), null,
            List.of(new Level(d("100.05"), 2), new Level(d("100.00"), 5)), List.of(), d("100.10"), d("100.10"), 1,
            List.of(TRADE),
            List.of(new AccountState("maker_1", -4, d("10400.40"), d("100.10"), d("0.00"), d("0.00"),
                            d("10000.00"), "active"),
                    new AccountState("taker_1", 4, d("9599.60"), d("100.10"), d("0.00"), d("0.00"), d("10000.00"),
                            "active")),
            false, T + 10);

    static final ServerMessage.Status STATUS_DOWN = new ServerMessage.Status(false, "ws://127.0.0.1:9002",
            "connection refused; retrying in 2 s", T + 11);

    static final ServerMessage.Status STATUS_UP = new ServerMessage.Status(true, "ws://127.0.0.1:9002", null,
            T + 12);

    static final ServerMessage.Heartbeat HEARTBEAT = new ServerMessage.Heartbeat(5, T + 13);

    static final ServerMessage.Subscribed SUBSCRIBED = new ServerMessage.Subscribed(List.of("book",
            "trader:maker_1"));

    static final ServerMessage.SubscriptionRejected SUBSCRIPTION_REJECTED = new ServerMessage.SubscriptionRejected(
            "unknown_topic", Map.of("error", "unknown topic 'news' (topics: accounts, book, liquidations, status, "
                    + "trades, trader:<id>)"));

    /** Every example, each message type at least once. */
    static List<ServerMessage> all() {
        return List.of(ORDER_ACCEPTED, MARKET_ORDER_ACCEPTED, ORDER_REJECTED_MARGIN, ORDER_REJECTED_INVALID_MESSAGE,
                ORDER_REJECTED_INVALID_JSON, ORDER_REJECTED_OFF_TICK, ORDER_REJECTED_BAND, ORDER_REJECTED_MISMATCH,
                ORDER_REJECTED_RATE, FILL_TAKER, FILL_MAKER, ORDER_CANCELLED_REMAINDER, ORDER_CANCELLED_REQUESTED,
                ORDER_REPLACED, ALL_ORDERS_CANCELLED, CANCEL_REJECTED, CANCEL_REJECTED_INVALID, REPLACE_REJECTED,
                WELCOME, WELCOME_NEW_TRADER, BOOK_UPDATE, BOOK_UPDATE_ONE_SIDED, TRADE, POSITION_UPDATE, LIQUIDATION,
                TRADING_STATUS, SNAPSHOT, STATUS_DOWN, STATUS_UP, DECIDE, HEARTBEAT, SUBSCRIBED,
                SUBSCRIPTION_REJECTED);
    }
}
