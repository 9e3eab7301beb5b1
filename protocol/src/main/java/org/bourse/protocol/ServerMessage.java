package org.bourse.protocol;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Everything the exchange (9001 replies, 9002 events) and the relay (9010) send, as the records that are written
 * to and read from JSON with {@link WireJson}. Field names are the record components in snake_case; {@code type}
 * comes first. The four events of the reference protocol keep their fields; everything else is an extension.
 * Prices and money are exact decimals, quantities integers, timestamps epoch milliseconds.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServerMessage.OrderAccepted.class, name = "order_accepted"),
    @JsonSubTypes.Type(value = ServerMessage.OrderRejected.class, name = "order_rejected"),
    @JsonSubTypes.Type(value = ServerMessage.Fill.class, name = "fill"),
    @JsonSubTypes.Type(value = ServerMessage.OrderCancelled.class, name = "order_cancelled"),
    @JsonSubTypes.Type(value = ServerMessage.OrderReplaced.class, name = "order_replaced"),
    @JsonSubTypes.Type(value = ServerMessage.AllOrdersCancelled.class, name = "all_orders_cancelled"),
    @JsonSubTypes.Type(value = ServerMessage.CancelRejected.class, name = "cancel_rejected"),
    @JsonSubTypes.Type(value = ServerMessage.ReplaceRejected.class, name = "replace_rejected"),
    @JsonSubTypes.Type(value = ServerMessage.Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = ServerMessage.Decide.class, name = "decide"),
    @JsonSubTypes.Type(value = ServerMessage.BookUpdate.class, name = "book_update"),
    @JsonSubTypes.Type(value = ServerMessage.Trade.class, name = "trade"),
    @JsonSubTypes.Type(value = ServerMessage.PositionUpdate.class, name = "position_update"),
    @JsonSubTypes.Type(value = ServerMessage.Liquidation.class, name = "liquidation"),
    @JsonSubTypes.Type(value = ServerMessage.TradingStatus.class, name = "trading_status"),
    @JsonSubTypes.Type(value = ServerMessage.Snapshot.class, name = "snapshot"),
    @JsonSubTypes.Type(value = ServerMessage.Status.class, name = "status"),
    @JsonSubTypes.Type(value = ServerMessage.Heartbeat.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = ServerMessage.Subscribed.class, name = "subscribed"),
    @JsonSubTypes.Type(value = ServerMessage.SubscriptionRejected.class, name = "subscription_rejected"),
})
public sealed interface ServerMessage {

    /** The events of the market-data stream, numbered by {@code seq} (+1 per event). */
    sealed interface Event extends ServerMessage {
        long seq();

        long timestamp();
    }

    // ---------------------------------------------------------------------- 9001: replies and reports

    /** The order passed every check. Sent once it has been matched, ahead of its own fills. */
    record OrderAccepted(long orderId, String traderId, String clientOrderId, String side, String orderType,
                         BigDecimal price, long qty, String tif, boolean postOnly, long timestamp)
            implements ServerMessage {
    }

    /**
     * The order (or any other message) was refused. {@code details} holds numbers for the risk reasons and
     * {@code error} (which field, and why) for {@code invalid_message} / {@code invalid_json}.
     */
    record OrderRejected(String reason, Map<String, Object> details, String traderId, String clientOrderId,
                         long timestamp) implements ServerMessage {
    }

    /** A private execution report, to every connection of the trader whose order traded. */
    record Fill(long orderId, String clientOrderId, String traderId, long tradeId, String side, BigDecimal price,
                long qty, long leavesQty, String liquidity, long timestamp) implements ServerMessage {
    }

    /** An order ended with {@code qty} unfilled; {@code reason} says why (requested, ioc_remainder, ...). */
    record OrderCancelled(long orderId, String clientOrderId, String traderId, long qty, String reason,
                          long timestamp) implements ServerMessage {
    }

    record OrderReplaced(long orderId, String clientOrderId, String traderId, BigDecimal price, long qty,
                         long timestamp) implements ServerMessage {
    }

    /** The answer to {@code cancel_all}, after an {@code order_cancelled} for each of the {@code count} orders. */
    record AllOrdersCancelled(String traderId, long count, long timestamp) implements ServerMessage {
    }

    record CancelRejected(long orderId, String clientOrderId, String traderId, String reason,
                          Map<String, Object> details, long timestamp) implements ServerMessage {
    }

    record ReplaceRejected(long orderId, String clientOrderId, String traderId, String reason,
                           Map<String, Object> details, long timestamp) implements ServerMessage {
    }

    /** One of a trader's resting orders. */
    record OpenOrder(long orderId, String clientOrderId, String side, BigDecimal price, long leavesQty) {
    }

    /**
     * The answer to {@code hello}: where the trader stands, so that a reconnecting bot can resume, and the
     * {@link ProtocolVersion} the exchange speaks.
     */
    record Welcome(int protocolVersion, String traderId, long position, BigDecimal cash, BigDecimal avgEntryPrice,
                   BigDecimal realizedPnl, BigDecimal unrealizedPnl, BigDecimal totalEquity, BigDecimal markPrice,
                   boolean tradingHalted, List<OpenOrder> openOrders, long timestamp) implements ServerMessage {
        /** A welcome of the version this code speaks. */
        public Welcome(String traderId, long position, BigDecimal cash, BigDecimal avgEntryPrice,
                       BigDecimal realizedPnl, BigDecimal unrealizedPnl, BigDecimal totalEquity, BigDecimal markPrice,
                       boolean tradingHalted, List<OpenOrder> openOrders, long timestamp) {
            this(ProtocolVersion.CURRENT, traderId, position, cash, avgEntryPrice, realizedPnl, unrealizedPnl,
                    totalEquity, markPrice, tradingHalted, openOrders, timestamp);
        }
    }

    /**
     * Lockstep: the participant decides now, at virtual time {@code timestamp}, on the market as it stands after the
     * feed's event {@code seq} (its own private messages, which come before this one, are all there). It answers
     * with its actions, then {@code done}.
     */
    record Decide(long timestamp, long seq) implements ServerMessage {
    }

    // ------------------------------------------------------------------------- 9002 / 9010: events

    /** A price level on the wire: {@code [price, qty]}. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record Level(BigDecimal price, long qty) {
    }

    /**
     * The top {@link #DEPTH} aggregated levels of each side, best first ({@code best_bid} / {@code best_ask} null
     * when that side is empty), and the mark after the change, so that a follower can value every account without
     * computing the mark itself ({@code mark_price} is an extension: null from an exchange that does not send it).
     */
    record BookUpdate(long seq, BigDecimal bestBid, BigDecimal bestAsk, List<Level> bids, List<Level> asks,
                      BigDecimal markPrice, long timestamp) implements Event {
        /** Levels per side a book_update lists (all of them when the side has fewer), and so does a snapshot. */
        public static final int DEPTH = 10;
    }

    /** One execution at the resting order's price. */
    record Trade(long seq, long tradeId, BigDecimal price, long qty, String buyTraderId, String sellTraderId,
                 String aggressorSide, long buyOrderId, long sellOrderId, long timestamp) implements Event {
    }

    /** A trader's account after a trade touched it. */
    record PositionUpdate(long seq, String traderId, long position, BigDecimal cash, BigDecimal avgEntryPrice,
                          BigDecimal realizedPnl, BigDecimal unrealizedPnl, BigDecimal totalEquity,
                          BigDecimal markPrice, long timestamp) implements Event {
    }

    /** {@code side} and {@code qty} are those of the liquidating market order ({@code order_id}, 0 for none). */
    record Liquidation(long seq, String traderId, String reason, long qty, String side, long orderId,
                       long timestamp) implements Event {
    }

    /**
     * The kill switch was flipped. {@code reason} is absent when the operator flipped it; the exchange gives one
     * when it halts by itself (it can no longer write its journal, say) just before it stops.
     */
    record TradingStatus(long seq, boolean halted, @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
                         long timestamp) implements Event {
        public TradingStatus(long seq, boolean halted, long timestamp) {
            this(seq, halted, null, timestamp);
        }
    }

    /** A trader's account in a snapshot. */
    record AccountState(String traderId, long position, BigDecimal cash, BigDecimal avgEntryPrice,
                        BigDecimal realizedPnl, BigDecimal unrealizedPnl, BigDecimal totalEquity, String status) {
    }

    /**
     * The whole state a subscriber needs, first thing after it connects: every event with a higher {@code seq}
     * follows, none is missing. The book is the top {@link BookUpdate#DEPTH} levels of each side, as a book_update
     * lists it; the accounts are sorted by trader id. So a follower of the feed can state the same snapshot. It
     * names the {@link ProtocolVersion} of the stream.
     */
    record Snapshot(int protocolVersion, long seq, BigDecimal bestBid, BigDecimal bestAsk, List<Level> bids,
                    List<Level> asks, BigDecimal markPrice, BigDecimal lastTradePrice, long tradeCount,
                    List<Trade> recentTrades, List<AccountState> accounts, boolean tradingHalted, long timestamp)
            implements Event {
        /** Trades a snapshot carries: the last ones, oldest first. */
        public static final int RECENT_TRADES = 100;

        /** A snapshot of the version this code speaks. */
        public Snapshot(long seq, BigDecimal bestBid, BigDecimal bestAsk, List<Level> bids, List<Level> asks,
                        BigDecimal markPrice, BigDecimal lastTradePrice, long tradeCount, List<Trade> recentTrades,
                        List<AccountState> accounts, boolean tradingHalted, long timestamp) {
            this(ProtocolVersion.CURRENT, seq, bestBid, bestAsk, bids, asks, markPrice, lastTradePrice, tradeCount,
                    recentTrades, accounts, tradingHalted, timestamp);
        }
    }

    // --------------------------------------------------------------------------------- 9010: relay

    /**
     * The relay's word on the exchange behind it, not an exchange event (no {@code seq}): sent to each subscriber
     * when it connects and whenever the upstream stream is lost or regained. While {@code exchange_connected} is
     * false nothing else arrives; when it turns true a fresh {@code snapshot} follows, and its {@code seq} (which
     * restarts from 1 if the exchange was restarted) is where the subscriber stands.
     */
    record Status(boolean exchangeConnected, String upstream, String detail, long timestamp)
            implements ServerMessage {
    }

    // ------------------------------------------------------------------------------ 9002 / 9010: liveness

    /**
     * Sent by the exchange's stream and by the relay's feed after 1 s in which they sent nothing: the sender is
     * alive and the market merely quiet. Not an event: {@code seq} is the last event's, unchanged (a follower that
     * has seen every event has exactly this seq), and nothing records it. {@code timestamp} is the sender's wall
     * clock. The relay sends its own only while it has the exchange's stream.
     */
    record Heartbeat(long seq, long timestamp) implements ServerMessage {
        /** The silence after which a heartbeat is sent. */
        public static final long INTERVAL_MILLIS = 1_000;
    }

    /**
     * The relay's answer to a {@code subscribe} or {@code unsubscribe}: the topics the subscriber now receives,
     * sorted. A fresh {@code snapshot} honouring them follows.
     */
    record Subscribed(List<String> topics) implements ServerMessage {
    }

    /**
     * The relay refused a {@code subscribe} or {@code unsubscribe}, which changed nothing: {@code reason} is
     * {@code unknown_topic}, {@code invalid_message} or {@code rate_limited}, {@code details.error} says why in one line.
     */
    record SubscriptionRejected(String reason, Map<String, Object> details) implements ServerMessage {
    }
}
