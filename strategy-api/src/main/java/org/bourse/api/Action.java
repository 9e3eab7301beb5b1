package org.bourse.api;

/**
 * Something a strategy asks the bot to send: a new order, a cancel, a cancel of everything, or a replace.
 * Built with the factories of each kind, e.g. {@code OrderRequest.limit(Side.BUY, "99.95", 2)} or
 * {@code Action.cancel(orderId)}.
 */
public sealed interface Action permits OrderRequest, Action.Cancel, Action.CancelAll, Action.Replace {

    /** Cancels one resting order of this trader, by the exchange's order id. */
    static Cancel cancel(long orderId) {
        return new Cancel(orderId, null);
    }

    /** Cancels one resting order of this trader, by the client order id it was sent with. */
    static Cancel cancelByClientOrderId(String clientOrderId) {
        return new Cancel(0, clientOrderId);
    }

    /** Cancels every resting order of this trader. */
    static CancelAll cancelAll() {
        return new CancelAll();
    }

    /**
     * Changes a resting order's price and/or quantity: null price or qty 0 leaves that one unchanged. A smaller
     * quantity keeps the order's place in the queue; a new price or a larger quantity sends it to the back, and a
     * price that crosses the book trades.
     */
    static Replace replace(long orderId, java.math.BigDecimal price, long qty) {
        return new Replace(orderId, price, qty);
    }

    /** See {@link #cancel} and {@link #cancelByClientOrderId}: exactly one of the two ids is set. */
    record Cancel(long orderId, String clientOrderId) implements Action {
        public Cancel {
            if ((orderId > 0) == (clientOrderId != null)) {
                throw new IllegalArgumentException("a cancel names its order by exactly one of order id (> 0) and "
                        + "client order id, got " + orderId + " and " + clientOrderId);
            }
        }
    }

    record CancelAll() implements Action {
    }

    /** See {@link #replace}. */
    record Replace(long orderId, java.math.BigDecimal price, long qty) implements Action {
        public Replace {
            if (orderId <= 0) {
                throw new IllegalArgumentException("a replace needs the order id (> 0), got " + orderId);
            }
            if (price == null && qty == 0) {
                throw new IllegalArgumentException("a replace changes the price, the qty or both: got neither");
            }
            if (price != null && price.signum() <= 0) {
                throw new IllegalArgumentException("price must be greater than 0, was " + price.toPlainString());
            }
            if (qty < 0) {
                throw new IllegalArgumentException("qty must be at least 1 (or 0 to keep it), was " + qty);
            }
        }
    }
}
