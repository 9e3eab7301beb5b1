package org.bourse.exchange.book;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;

/**
 * The order book's specification as a deliberately naive program: resting orders sit in one unsorted list, each
 * stamped with an arrival number, and every question is answered by scanning that list. Nothing is pooled,
 * indexed or cached, so there is little room for the bookkeeping mistakes the real {@link OrderBook} could make.
 * It mirrors the real book's public methods and reports to the same {@link BookListener}.
 */
final class ReferenceBook {

    /** A resting order as seen from outside; what the differential test compares. */
    record RestingOrder(long id, int owner, String clientOrderId, Side side, long price, long remaining) {
    }

    private static final class Entry {
        final long id;
        final int owner;
        final String clientOrderId;
        final Side side;
        final boolean postOnly;
        long price;
        long remaining;
        long arrival;

        Entry(long id, int owner, String clientOrderId, Side side, long price, long remaining, boolean postOnly) {
            this.id = id;
            this.owner = owner;
            this.clientOrderId = clientOrderId;
            this.side = side;
            this.price = price;
            this.remaining = remaining;
            this.postOnly = postOnly;
        }

        Entry copy() {
            Entry copy = new Entry(id, owner, clientOrderId, side, price, remaining, postOnly);
            copy.arrival = arrival;
            return copy;
        }
    }

    private final SelfTradePrevention selfTradePrevention;
    private final BookListener listener;
    private final List<Entry> resting = new ArrayList<>();
    private long nextArrival;

    ReferenceBook(SelfTradePrevention selfTradePrevention, BookListener listener) {
        this.selfTradePrevention = selfTradePrevention;
        this.listener = listener;
    }

    long enter(long id, int owner, String clientOrderId, Side side, long price, long quantity,
               TimeInForce timeInForce, boolean postOnly) {
        if (id <= 0 || owner < 0 || price < 0 || quantity <= 0) {
            throw new IllegalArgumentException("bad order");
        }
        if (find(id) != null) {
            // The real book cannot detect this; here it means the test itself is broken.
            throw new IllegalStateException("id " + id + " is already resting");
        }
        Entry order = new Entry(id, owner, clientOrderId, side, price, quantity, postOnly);
        return execute(order, price != OrderBook.NO_PRICE && timeInForce == TimeInForce.GTC);
    }

    boolean cancel(long id, CancelReason reason) {
        Entry order = find(id);
        if (order == null) {
            return false;
        }
        resting.remove(order);
        listener.cancelled(view(order), order.remaining, reason);
        return true;
    }

    /** Cancels in arrival order; the real book promises no order, so the test compares these as a set. */
    int cancelAll(int owner, CancelReason reason) {
        List<Entry> mine = new ArrayList<>();
        for (Entry order : resting) {
            if (order.owner == owner) {
                mine.add(order);
            }
        }
        mine.sort(Comparator.comparingLong(o -> o.arrival));
        for (Entry order : mine) {
            cancel(order.id, reason);
        }
        return mine.size();
    }

    boolean replace(long id, long newPrice, long newQuantity) {
        if (newPrice <= 0 || newQuantity <= 0) {
            throw new IllegalArgumentException("bad replace");
        }
        Entry order = find(id);
        if (order == null) {
            return false;
        }
        if (newPrice == order.price && newQuantity <= order.remaining) {
            order.remaining = newQuantity;
            return true;
        }
        resting.remove(order);
        order.price = newPrice;
        order.remaining = newQuantity;
        execute(order, true);
        return true;
    }

    long bestBid() {
        Entry best = best(Side.BUY);
        return best == null ? OrderBook.NO_PRICE : best.price;
    }

    long bestAsk() {
        Entry best = best(Side.SELL);
        return best == null ? OrderBook.NO_PRICE : best.price;
    }

    boolean wouldTake(Side side, long price) {
        Entry best = best(side.opposite());
        return best != null && trades(side, price, best.price);
    }

    /** Defined as what an immediate-or-cancel order would fill, found by running one on a throwaway copy. */
    long fillableQuantity(int owner, Side side, long price, long quantity) {
        long[] filled = {0};
        ReferenceBook copy = new ReferenceBook(selfTradePrevention, new BookListener() {
            @Override
            public void match(Order restingOrder, Order incoming, long matchPrice, long matched) {
                filled[0] += matched;
            }

            @Override
            public void cancelled(Order order, long left, CancelReason reason) {
            }
        });
        for (Entry order : resting) {
            if (order.side != side) {
                copy.resting.add(order.copy()); // an incoming order only ever meets the other side
            }
        }
        copy.execute(new Entry(Long.MAX_VALUE, owner, null, side, price, quantity, false), false);
        return filled[0];
    }

    int openOrderCount(int owner) {
        int count = 0;
        for (Entry order : resting) {
            if (order.owner == owner) {
                count++;
            }
        }
        return count;
    }

    long openQuantity(int owner, Side side) {
        long quantity = 0;
        for (Entry order : resting) {
            if (order.owner == owner && order.side == side) {
                quantity += order.remaining;
            }
        }
        return quantity;
    }

    int orderCount() {
        return resting.size();
    }

    boolean contains(long id) {
        return find(id) != null;
    }

    /** Ids of all resting orders, oldest first (the list only ever appends). */
    List<Long> restingIds() {
        List<Long> ids = new ArrayList<>(resting.size());
        for (Entry order : resting) {
            ids.add(order.id);
        }
        return ids;
    }

    /** The resting order with this id, or null. */
    RestingOrder restingOrder(long id) {
        Entry order = find(id);
        return order == null ? null : new RestingOrder(order.id, order.owner, order.clientOrderId, order.side,
                order.price, order.remaining);
    }

    /** The resting orders of {@code side}, best price first and, within a price, earliest arrival first. */
    List<RestingOrder> restingOrders(Side side) {
        List<Entry> orders = new ArrayList<>();
        for (Entry order : resting) {
            if (order.side == side) {
                orders.add(order);
            }
        }
        orders.sort(ReferenceBook::priority);
        List<RestingOrder> views = new ArrayList<>(orders.size());
        for (Entry order : orders) {
            views.add(new RestingOrder(order.id, order.owner, order.clientOrderId, order.side, order.price,
                    order.remaining));
        }
        return views;
    }

    // -------------------------------------------------------------------------------------------- internals

    private long execute(Entry incoming, boolean mayRest) {
        boolean selfTradeStop = false;
        while (incoming.remaining > 0) {
            Entry best = best(incoming.side.opposite());
            if (best == null || !trades(incoming.side, incoming.price, best.price)) {
                break;
            }
            if (best.owner == incoming.owner && selfTradePrevention != SelfTradePrevention.ALLOW) {
                if (selfTradePrevention == SelfTradePrevention.CANCEL_INCOMING) {
                    selfTradeStop = true;
                    break;
                }
                cancel(best.id, CancelReason.SELF_TRADE);
                continue;
            }
            long quantity = Math.min(incoming.remaining, best.remaining);
            best.remaining -= quantity;
            incoming.remaining -= quantity;
            if (best.remaining == 0) {
                resting.remove(best);
            }
            listener.match(view(best), view(incoming), best.price, quantity);
        }
        if (incoming.remaining == 0) {
            return 0;
        }
        if (mayRest && !selfTradeStop) {
            incoming.arrival = nextArrival++;
            resting.add(incoming);
            return incoming.remaining;
        }
        CancelReason reason;
        if (selfTradeStop) {
            reason = CancelReason.SELF_TRADE;
        } else if (incoming.price == OrderBook.NO_PRICE) {
            reason = CancelReason.MARKET_REMAINDER;
        } else {
            reason = CancelReason.IOC_REMAINDER;
        }
        listener.cancelled(view(incoming), incoming.remaining, reason);
        return 0;
    }

    /** Whether an order of {@code side} limited at {@code limit} (or a market order) may trade at {@code price}. */
    private static boolean trades(Side side, long limit, long price) {
        if (limit == OrderBook.NO_PRICE) {
            return true;
        }
        return side == Side.BUY ? limit >= price : limit <= price;
    }

    private Entry best(Side side) {
        Entry best = null;
        for (Entry order : resting) {
            if (order.side == side && (best == null || priority(order, best) < 0)) {
                best = order;
            }
        }
        return best;
    }

    /** Negative if {@code a} comes before {@code b} (same side): a better price, or the same price and older. */
    private static int priority(Entry a, Entry b) {
        if (a.price != b.price) {
            boolean better = a.side == Side.BUY ? a.price > b.price : a.price < b.price;
            return better ? -1 : 1;
        }
        return Long.compare(a.arrival, b.arrival);
    }

    private Entry find(long id) {
        for (Entry order : resting) {
            if (order.id == id) {
                return order;
            }
        }
        return null;
    }

    /** A fresh {@link Order} carrying the entry's current state, for the listener. */
    private static Order view(Entry entry) {
        Order order = new Order();
        order.init(entry.id, entry.owner, entry.clientOrderId, entry.side, entry.price, entry.remaining,
                entry.postOnly);
        return order;
    }
}
