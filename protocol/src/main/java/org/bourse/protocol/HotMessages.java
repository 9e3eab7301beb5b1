package org.bourse.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * The messages the exchange sends for every order or trade (order_accepted, fill, order_cancelled, trade,
 * book_update, position_update), written field by field with Jackson's streaming generator. Jackson's data binding
 * gives the same text (ServerMessageJsonTest compares the two on seeded random messages) but reads each field
 * through reflection and boxes every number: profiles of the exchange under load put it at about 8 % of the
 * process's time.
 */
final class HotMessages {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private HotMessages() {
    }

    /** The JSON text of {@code message}, or null if it is not one of the messages written here. */
    static String encode(ServerMessage message) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            if (!write(json, message)) {
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static boolean write(JsonGenerator json, ServerMessage message) throws IOException {
        if (message instanceof ServerMessage.OrderAccepted m) {
            start(json, "order_accepted");
            json.writeNumberField("order_id", m.orderId());
            json.writeStringField("trader_id", m.traderId());
            json.writeStringField("client_order_id", m.clientOrderId());
            json.writeStringField("side", m.side());
            json.writeStringField("order_type", m.orderType());
            decimal(json, "price", m.price());
            json.writeNumberField("qty", m.qty());
            json.writeStringField("tif", m.tif());
            json.writeBooleanField("post_only", m.postOnly());
            json.writeNumberField("timestamp", m.timestamp());
        } else if (message instanceof ServerMessage.Fill m) {
            start(json, "fill");
            json.writeNumberField("order_id", m.orderId());
            json.writeStringField("client_order_id", m.clientOrderId());
            json.writeStringField("trader_id", m.traderId());
            json.writeNumberField("trade_id", m.tradeId());
            json.writeStringField("side", m.side());
            decimal(json, "price", m.price());
            json.writeNumberField("qty", m.qty());
            json.writeNumberField("leaves_qty", m.leavesQty());
            json.writeStringField("liquidity", m.liquidity());
            json.writeNumberField("timestamp", m.timestamp());
        } else if (message instanceof ServerMessage.OrderCancelled m) {
            start(json, "order_cancelled");
            json.writeNumberField("order_id", m.orderId());
            json.writeStringField("client_order_id", m.clientOrderId());
            json.writeStringField("trader_id", m.traderId());
            json.writeNumberField("qty", m.qty());
            json.writeStringField("reason", m.reason());
            json.writeNumberField("timestamp", m.timestamp());
        } else if (message instanceof ServerMessage.Trade m) {
            start(json, "trade");
            json.writeNumberField("seq", m.seq());
            json.writeNumberField("trade_id", m.tradeId());
            decimal(json, "price", m.price());
            json.writeNumberField("qty", m.qty());
            json.writeStringField("buy_trader_id", m.buyTraderId());
            json.writeStringField("sell_trader_id", m.sellTraderId());
            json.writeStringField("aggressor_side", m.aggressorSide());
            json.writeNumberField("buy_order_id", m.buyOrderId());
            json.writeNumberField("sell_order_id", m.sellOrderId());
            json.writeNumberField("timestamp", m.timestamp());
        } else if (message instanceof ServerMessage.BookUpdate m) {
            start(json, "book_update");
            json.writeNumberField("seq", m.seq());
            decimal(json, "best_bid", m.bestBid());
            decimal(json, "best_ask", m.bestAsk());
            levels(json, "bids", m.bids());
            levels(json, "asks", m.asks());
            json.writeNumberField("timestamp", m.timestamp());
        } else if (message instanceof ServerMessage.PositionUpdate m) {
            start(json, "position_update");
            json.writeNumberField("seq", m.seq());
            json.writeStringField("trader_id", m.traderId());
            json.writeNumberField("position", m.position());
            decimal(json, "cash", m.cash());
            decimal(json, "avg_entry_price", m.avgEntryPrice());
            decimal(json, "realized_pnl", m.realizedPnl());
            decimal(json, "unrealized_pnl", m.unrealizedPnl());
            decimal(json, "total_equity", m.totalEquity());
            decimal(json, "mark_price", m.markPrice());
            json.writeNumberField("timestamp", m.timestamp());
        } else {
            return false;
        }
        json.writeEndObject();
        return true;
    }

    private static void start(JsonGenerator json, String type) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", type);
    }

    private static void decimal(JsonGenerator json, String name, BigDecimal value) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }

    private static void levels(JsonGenerator json, String name, List<ServerMessage.Level> levels)
            throws IOException {
        json.writeFieldName(name);
        if (levels == null) {
            json.writeNull();
            return;
        }
        json.writeStartArray();
        for (int i = 0; i < levels.size(); i++) {
            ServerMessage.Level level = levels.get(i);
            json.writeStartArray();
            decimal(json, level.price());
            json.writeNumber(level.qty());
            json.writeEndArray();
        }
        json.writeEndArray();
    }

    private static void decimal(JsonGenerator json, BigDecimal value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }
}
