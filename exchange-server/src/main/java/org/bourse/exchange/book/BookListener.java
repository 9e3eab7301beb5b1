package org.bourse.exchange.book;

/**
 * What the book reports, synchronously, while it executes a call. The {@link Order} references are valid only
 * for the duration of the callback: orders are pooled and reused.
 */
public interface BookListener {

    /**
     * One execution between a resting order and the incoming one, at the resting order's price. Both orders'
     * {@link Order#remaining()} already reflect it; a resting order that is now done has left the book.
     */
    void match(Order resting, Order incoming, long price, long quantity);

    /** An order, resting or incoming, was cancelled with {@code quantity} lots still open. */
    void cancelled(Order order, long quantity, CancelReason reason);
}
