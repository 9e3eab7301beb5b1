package org.bourse.exchange.engine;

import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.book.Order;
import org.bourse.exchange.book.OrderBook;
import org.bourse.protocol.LiquidationReason;

/**
 * The engine's output port, called synchronously on the engine thread. Arguments are plain values, or objects
 * owned by the engine ({@link Order}, {@link Account}, {@link OrderBook}) that are valid only during the call, so
 * that the engine allocates nothing per event; an implementation copies what it keeps (the tests' EventRecorder turns
 * every call into an EngineEvent value).
 *
 * <p>Private events answer one trader; public events, those with a {@code seq}, are numbered consecutively from 1
 * and make up the market-data stream. For one command the calls come in this order: the answer to the command
 * (accepted / rejected / replaced / cancelled), the trades with the cancellations of unfilled remainders, one
 * {@code bookChanged} if the book changed, one {@code accountChanged} per trader touched by the trades; then, for
 * each trader the mark drove below maintenance margin, {@code liquidation} followed by the same sequence for the
 * liquidation's own order.
 *
 * <p>Every method does nothing unless overridden: a listener takes the events it needs (the CSV export, trades and
 * account changes) and several are joined by a {@link Tee}.
 */
public interface EngineListener {

    // ------------------------------------------------------------------------------------ private events

    /**
     * A new order passed every check and enters the book as {@code orderId}; its trades follow. {@code price} and
     * {@code timeInForce} are as the engine took them: no price for a market order ({@link OrderBook#NO_PRICE}),
     * and a market order's GTC becomes IOC.
     */
    default void orderAccepted(long timestamp, long orderId, Command.PlaceOrder order, long price,
                               TimeInForce timeInForce) {
    }

    /** A new order was refused, for the reason and with the details of {@code refusal}. */
    default void orderRejected(long timestamp, Command.PlaceOrder order, Refusal refusal) {
    }

    /** An order left the book, or an incoming order's remainder was dropped, with {@code quantity} unfilled. */
    default void orderCancelled(long timestamp, long orderId, String traderId, String clientOrderId, long quantity,
                                CancelReason reason) {
    }

    /** A resting order now has this price and open quantity; trades follow if the new price crosses. */
    default void orderReplaced(long timestamp, long orderId, String traderId, String clientOrderId, long price,
                               long quantity) {
    }

    /** The answer to a cancel-all, after the cancellation of each of the {@code count} orders. */
    default void allOrdersCancelled(long timestamp, String traderId, int count) {
    }

    default void cancelRejected(long timestamp, String traderId, long orderId, String clientOrderId,
                                RejectReason reason) {
    }

    /** A replace was refused (an unknown order, or a risk check); the order stays as it was. */
    default void replaceRejected(long timestamp, Command.ReplaceOrder replace, Refusal refusal) {
    }

    // ------------------------------------------------------------------------------------- public events

    /** One execution (see {@link Execution}). */
    default void trade(long seq, long timestamp, Execution execution) {
    }

    /** The resting book changed during the command (read it through {@code book}). */
    default void bookChanged(long seq, long timestamp, OrderBook book) {
    }

    /** A trader's position or cash changed; {@code markPrice} values the position. */
    default void accountChanged(long seq, long timestamp, Account account, long markPrice) {
    }

    /**
     * A trader is being liquidated: {@code side} and {@code quantity} are those of the market order the engine
     * enters for it ({@code orderId}); for {@link LiquidationReason#BANKRUPTCY} no order follows (id 0).
     */
    default void liquidation(long seq, long timestamp, String traderId, LiquidationReason reason, Side side,
                             long quantity, long orderId) {
    }

    /** The kill switch was flipped. */
    default void tradingStatus(long seq, long timestamp, boolean halted) {
    }
}
