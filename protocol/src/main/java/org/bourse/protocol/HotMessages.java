package org.bourse.protocol;

import java.math.BigDecimal;
import java.util.List;

/**
 * The messages the exchange sends for every order or trade (order_accepted, fill, order_cancelled, trade,
 * book_update, position_update), appended field by field to a StringBuilder. Jackson's data binding gives the same
 * text (HotMessagesTest compares the two on seeded random messages, escapes included) but reads each field through
 * reflection and boxes every number, and even its streaming generator cost about 9 % of the exchange's time under
 * load (async-profiler): these few shapes are worth writing by hand.
 */
final class HotMessages {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HotMessages() {
    }

    /** The JSON text of {@code message}, or null if it is not one of the messages written here. */
    static String encode(ServerMessage message) {
        StringBuilder json = new StringBuilder(256);
        if (message instanceof ServerMessage.OrderAccepted m) {
            start(json, "order_accepted");
            field(json, "order_id", m.orderId());
            field(json, "trader_id", m.traderId());
            field(json, "client_order_id", m.clientOrderId());
            field(json, "side", m.side());
            field(json, "order_type", m.orderType());
            field(json, "price", m.price());
            field(json, "qty", m.qty());
            field(json, "tif", m.tif());
            name(json, "post_only").append(m.postOnly());
            field(json, "timestamp", m.timestamp());
        } else if (message instanceof ServerMessage.Fill m) {
            start(json, "fill");
            field(json, "order_id", m.orderId());
            field(json, "client_order_id", m.clientOrderId());
            field(json, "trader_id", m.traderId());
            field(json, "trade_id", m.tradeId());
            field(json, "side", m.side());
            field(json, "price", m.price());
            field(json, "qty", m.qty());
            field(json, "leaves_qty", m.leavesQty());
            field(json, "liquidity", m.liquidity());
            field(json, "timestamp", m.timestamp());
        } else if (message instanceof ServerMessage.OrderCancelled m) {
            start(json, "order_cancelled");
            field(json, "order_id", m.orderId());
            field(json, "client_order_id", m.clientOrderId());
            field(json, "trader_id", m.traderId());
            field(json, "qty", m.qty());
            field(json, "reason", m.reason());
            field(json, "timestamp", m.timestamp());
        } else if (message instanceof ServerMessage.Trade m) {
            start(json, "trade");
            field(json, "seq", m.seq());
            field(json, "trade_id", m.tradeId());
            field(json, "price", m.price());
            field(json, "qty", m.qty());
            field(json, "buy_trader_id", m.buyTraderId());
            field(json, "sell_trader_id", m.sellTraderId());
            field(json, "aggressor_side", m.aggressorSide());
            field(json, "buy_order_id", m.buyOrderId());
            field(json, "sell_order_id", m.sellOrderId());
            field(json, "timestamp", m.timestamp());
        } else if (message instanceof ServerMessage.BookUpdate m) {
            start(json, "book_update");
            field(json, "seq", m.seq());
            field(json, "best_bid", m.bestBid());
            field(json, "best_ask", m.bestAsk());
            levels(json, "bids", m.bids());
            levels(json, "asks", m.asks());
            field(json, "timestamp", m.timestamp());
        } else if (message instanceof ServerMessage.PositionUpdate m) {
            start(json, "position_update");
            field(json, "seq", m.seq());
            field(json, "trader_id", m.traderId());
            field(json, "position", m.position());
            field(json, "cash", m.cash());
            field(json, "avg_entry_price", m.avgEntryPrice());
            field(json, "realized_pnl", m.realizedPnl());
            field(json, "unrealized_pnl", m.unrealizedPnl());
            field(json, "total_equity", m.totalEquity());
            field(json, "mark_price", m.markPrice());
            field(json, "timestamp", m.timestamp());
        } else {
            return null;
        }
        return json.append('}').toString();
    }

    private static void start(StringBuilder json, String type) {
        json.append("{\"type\":\"").append(type).append('"');
    }

    /** Names are plain ASCII: no escaping needed. */
    private static StringBuilder name(StringBuilder json, String name) {
        return json.append(",\"").append(name).append("\":");
    }

    private static void field(StringBuilder json, String name, long value) {
        name(json, name).append(value);
    }

    private static void field(StringBuilder json, String name, String value) {
        string(name(json, name), value);
    }

    private static void field(StringBuilder json, String name, BigDecimal value) {
        decimal(name(json, name), value);
    }

    private static void decimal(StringBuilder json, BigDecimal value) {
        json.append(value == null ? "null" : value.toPlainString());
    }

    private static void levels(StringBuilder json, String name, List<ServerMessage.Level> levels) {
        name(json, name);
        if (levels == null) {
            json.append("null");
            return;
        }
        json.append('[');
        for (int i = 0; i < levels.size(); i++) {
            ServerMessage.Level level = levels.get(i);
            json.append(i == 0 ? "[" : ",[");
            decimal(json, level.price());
            json.append(',').append(level.qty()).append(']');
        }
        json.append(']');
    }

    /** A JSON string escaped as Jackson escapes it: quote, backslash and control characters only. */
    private static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                json.append(c);
                continue;
            }
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\t' -> json.append("\\t");
                case '\n' -> json.append("\\n");
                case '\f' -> json.append("\\f");
                case '\r' -> json.append("\\r");
                default -> json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        json.append('"');
    }
}
