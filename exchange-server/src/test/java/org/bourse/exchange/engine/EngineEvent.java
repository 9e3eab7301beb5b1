package org.bourse.exchange.engine;

import java.util.List;
import java.util.Map;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.CancelReason;
import org.bourse.protocol.LiquidationReason;

/**
 * Every {@link EngineListener} call as an immutable value, in engine units: what a journal, a test or a
 * protocol mapper keeps. {@link EventRecorder} makes them.
 */
public sealed interface EngineEvent {

    long timestamp();

    /** Events of the public market-data stream, numbered consecutively. */
    sealed interface Sequenced extends EngineEvent {
        long seq();
    }

    record OrderAccepted(long timestamp, long orderId, String traderId, String clientOrderId, Side side,
                         OrderType type, long price, long quantity, TimeInForce timeInForce, boolean postOnly)
            implements EngineEvent {
    }

    /** {@code details} maps the reason's detail names to values, in the reason's order. */
    record OrderRejected(long timestamp, String traderId, String clientOrderId, RejectReason reason,
                         Map<String, Long> details) implements EngineEvent {
    }

    record OrderCancelled(long timestamp, long orderId, String traderId, String clientOrderId, long quantity,
                          CancelReason reason) implements EngineEvent {
    }

    record OrderReplaced(long timestamp, long orderId, String traderId, String clientOrderId, long price,
                         long quantity) implements EngineEvent {
    }

    record AllOrdersCancelled(long timestamp, String traderId, int count) implements EngineEvent {
    }

    record CancelRejected(long timestamp, String traderId, long orderId, String clientOrderId,
                          RejectReason reason) implements EngineEvent {
    }

    record ReplaceRejected(long timestamp, String traderId, long orderId, String clientOrderId,
                           RejectReason reason, Map<String, Long> details) implements EngineEvent {
    }

    /** One side of a trade, as that trader's private fill report needs it. */
    record Fill(long orderId, String traderId, String clientOrderId, Side side, long remaining, boolean maker) {
    }

    record Trade(long seq, long timestamp, long tradeId, long price, long quantity, Side aggressorSide,
                 Fill buy, Fill sell) implements Sequenced {
    }

    /** A price level: price in ticks, total open quantity in lots. */
    record Level(long price, long quantity) {
    }

    /** The book after the command, best levels first (as deep as the recorder was asked to copy). */
    record BookUpdate(long seq, long timestamp, List<Level> bids, List<Level> asks) implements Sequenced {
    }

    record AccountUpdate(long seq, long timestamp, String traderId, long position, long cash, long costBasis,
                         long realizedPnl, long unrealizedPnl, long equity, long markPrice) implements Sequenced {
    }

    record Liquidation(long seq, long timestamp, String traderId, LiquidationReason reason, Side side,
                       long quantity, long orderId) implements Sequenced {
    }

    record TradingStatus(long seq, long timestamp, boolean halted) implements Sequenced {
    }
}
