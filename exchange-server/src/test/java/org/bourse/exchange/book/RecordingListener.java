package org.bourse.exchange.book;

import java.util.ArrayList;
import java.util.List;
import org.bourse.api.Side;

/**
 * Records every callback as an immutable event. The book's {@link Order} objects are pooled and change after the
 * callback returns, so everything worth comparing is copied out at once.
 */
final class RecordingListener implements BookListener {

    /** One callback, copied. */
    sealed interface Event permits Match, Cancel {
        /** The id the event is about (the resting order's for a match), to order events that have no set order. */
        long id();
    }

    record Match(long restingId, int restingOwner, String restingClientId, long restingRemaining,
                 long incomingId, int incomingOwner, String incomingClientId, Side incomingSide,
                 long incomingRemaining, long price, long quantity) implements Event {
        @Override
        public long id() {
            return restingId;
        }
    }

    record Cancel(long orderId, int owner, String clientId, Side side, long price, long remaining, long quantity,
                  CancelReason reason) implements Event {
        @Override
        public long id() {
            return orderId;
        }
    }

    final List<Event> events = new ArrayList<>();

    @Override
    public void match(Order resting, Order incoming, long price, long quantity) {
        events.add(new Match(resting.id(), resting.owner(), resting.clientOrderId(), resting.remaining(),
                incoming.id(), incoming.owner(), incoming.clientOrderId(), incoming.side(), incoming.remaining(),
                price, quantity));
    }

    @Override
    public void cancelled(Order order, long quantity, CancelReason reason) {
        events.add(new Cancel(order.id(), order.owner(), order.clientOrderId(), order.side(), order.price(),
                order.remaining(), quantity, reason));
    }

    List<Match> matches() {
        return events.stream().filter(Match.class::isInstance).map(Match.class::cast).toList();
    }

    List<Cancel> cancels() {
        return events.stream().filter(Cancel.class::isInstance).map(Cancel.class::cast).toList();
    }

    void clear() {
        events.clear();
    }
}
