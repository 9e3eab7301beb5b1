package org.bourse.exchange.engine;

import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.book.OrderBook;
import org.bourse.protocol.LiquidationReason;

/** One listener that passes every event to several, in the order given. */
public final class Tee implements EngineListener {
    private final EngineListener[] listeners;

    private Tee(EngineListener[] listeners) {
        this.listeners = listeners;
    }

    public static EngineListener of(EngineListener... listeners) {
        return listeners.length == 1 ? listeners[0] : new Tee(listeners.clone());
    }

    @Override
    public void orderAccepted(long timestamp, long orderId, Command.PlaceOrder order, long price,
                              TimeInForce timeInForce) {
        for (EngineListener listener : listeners) {
            listener.orderAccepted(timestamp, orderId, order, price, timeInForce);
        }
    }

    @Override
    public void orderRejected(long timestamp, Command.PlaceOrder order, Refusal refusal) {
        for (EngineListener listener : listeners) {
            listener.orderRejected(timestamp, order, refusal);
        }
    }

    @Override
    public void orderCancelled(long timestamp, long orderId, String traderId, String clientOrderId, long quantity,
                               CancelReason reason) {
        for (EngineListener listener : listeners) {
            listener.orderCancelled(timestamp, orderId, traderId, clientOrderId, quantity, reason);
        }
    }

    @Override
    public void orderReplaced(long timestamp, long orderId, String traderId, String clientOrderId, long price,
                              long quantity) {
        for (EngineListener listener : listeners) {
            listener.orderReplaced(timestamp, orderId, traderId, clientOrderId, price, quantity);
        }
    }

    @Override
    public void allOrdersCancelled(long timestamp, String traderId, int count) {
        for (EngineListener listener : listeners) {
            listener.allOrdersCancelled(timestamp, traderId, count);
        }
    }

    @Override
    public void cancelRejected(long timestamp, String traderId, long orderId, String clientOrderId,
                               RejectReason reason) {
        for (EngineListener listener : listeners) {
            listener.cancelRejected(timestamp, traderId, orderId, clientOrderId, reason);
        }
    }

    @Override
    public void replaceRejected(long timestamp, Command.ReplaceOrder replace, Refusal refusal) {
        for (EngineListener listener : listeners) {
            listener.replaceRejected(timestamp, replace, refusal);
        }
    }

    @Override
    public void trade(long seq, long timestamp, Execution execution) {
        for (EngineListener listener : listeners) {
            listener.trade(seq, timestamp, execution);
        }
    }

    @Override
    public void bookChanged(long seq, long timestamp, OrderBook book) {
        for (EngineListener listener : listeners) {
            listener.bookChanged(seq, timestamp, book);
        }
    }

    @Override
    public void accountChanged(long seq, long timestamp, Account account, long markPrice) {
        for (EngineListener listener : listeners) {
            listener.accountChanged(seq, timestamp, account, markPrice);
        }
    }

    @Override
    public void liquidation(long seq, long timestamp, String traderId, LiquidationReason reason, Side side,
                            long quantity, long orderId) {
        for (EngineListener listener : listeners) {
            listener.liquidation(seq, timestamp, traderId, reason, side, quantity, orderId);
        }
    }

    @Override
    public void tradingStatus(long seq, long timestamp, boolean halted) {
        for (EngineListener listener : listeners) {
            listener.tradingStatus(seq, timestamp, halted);
        }
    }
}
