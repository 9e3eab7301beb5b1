package org.bourse.strategies;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bourse.api.Action;
import org.bourse.api.Cancellation;
import org.bourse.api.Fill;
import org.bourse.api.OpenOrder;
import org.bourse.api.OrderRequest;
import org.bourse.api.Rejection;
import org.bourse.api.Side;
import org.bourse.api.StrategyContext;

/**
 * What a strategy remembers about its own resting orders that the context does not say: when each was placed and
 * from what price (its anchor), which were sent but are not resting yet, and which are being cancelled. With it a
 * strategy can age its orders, and count an order from the moment it sends it until the exchange says it is gone,
 * so it never sends twice what it meant to send once.
 *
 * <p>Orders sent through {@link #send} get a client order id {@code <prefix><n>}; the strategy calls {@link #sync}
 * at the start of each turn and forwards the fill, cancel and reject hooks.
 */
final class OwnOrders {

    /** A sent order that neither shows up nor gets an answer for this long is taken as lost. */
    static final long PENDING_TIMEOUT_MS = 10_000;

    /**
     * How an order was placed.
     *
     * @param time   when it was sent (or first seen, for an order this strategy did not send)
     * @param anchor the price it was placed relative to (a fair value, a centre), or null when unknown
     */
    record Placement(Side side, BigDecimal price, long qty, long time, BigDecimal anchor) {
    }

    private final String idPrefix;
    private long sentCount;
    private final Map<String, Placement> pendingByClientId = new LinkedHashMap<>();
    private final Map<Long, Placement> restingByOrderId = new LinkedHashMap<>();
    private final Set<Long> cancelling = new LinkedHashSet<>();

    OwnOrders(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    /** Tags a new order with a client order id and counts it as pending until it rests or is answered. */
    OrderRequest send(OrderRequest order, long now, BigDecimal anchor) {
        String clientOrderId = idPrefix + ++sentCount;
        pendingByClientId.put(clientOrderId, new Placement(order.side(), order.price(), order.qty(), now, anchor));
        return order.withClientOrderId(clientOrderId);
    }

    /** Brings the book-keeping up to date with the resting orders the context shows. */
    void sync(StrategyContext context) {
        long now = context.timestamp();
        Set<Long> open = new HashSet<>();
        for (OpenOrder order : context.openOrders()) {
            open.add(order.orderId());
            if (!restingByOrderId.containsKey(order.orderId())) {
                Placement sent = order.clientOrderId() == null ? null
                        : pendingByClientId.remove(order.clientOrderId());
                // an order this strategy did not send (left from an earlier run): its age counts from now
                restingByOrderId.put(order.orderId(), sent != null ? sent
                        : new Placement(order.side(), order.price(), order.leavesQty(), now, null));
            }
        }
        restingByOrderId.keySet().retainAll(open);
        cancelling.retainAll(open);
        pendingByClientId.values().removeIf(placement -> now - placement.time() > PENDING_TIMEOUT_MS);
    }

    /** How {@code order} was placed; never null after {@link #sync} with a context that shows it. */
    Placement placement(OpenOrder order) {
        return restingByOrderId.get(order.orderId());
    }

    long age(OpenOrder order, long now) {
        Placement placement = placement(order);
        return placement == null ? 0 : now - placement.time();
    }

    boolean isCancelling(OpenOrder order) {
        return cancelling.contains(order.orderId());
    }

    /** The resting orders on {@code side} that are not being cancelled. */
    List<OpenOrder> live(StrategyContext context, Side side) {
        return context.openOrders(side).stream().filter(order -> !isCancelling(order)).toList();
    }

    /** Sent on {@code side}, not resting yet. */
    List<Placement> pending(Side side) {
        return pendingByClientId.values().stream().filter(placement -> placement.side() == side).toList();
    }

    /** Everything that may still trade on {@code side}: resting (cancelling included) and pending lots. */
    long exposure(StrategyContext context, Side side) {
        long resting = context.openOrders(side).stream().mapToLong(OpenOrder::leavesQty).sum();
        return resting + pending(side).stream().mapToLong(Placement::qty).sum();
    }

    /** Resting, cancelling or pending: every order that may still be in the book. */
    int count(StrategyContext context) {
        return context.openOrders().size() + pendingByClientId.size();
    }

    Action cancel(OpenOrder order) {
        cancelling.add(order.orderId());
        return Action.cancel(order.orderId());
    }

    Action replace(OpenOrder order, BigDecimal price, long qty, long now, BigDecimal anchor) {
        restingByOrderId.put(order.orderId(), new Placement(order.side(), price, qty, now, anchor));
        return Action.replace(order.orderId(), price, qty);
    }

    /** Counts {@code order} as placed now at {@code anchor}, as if it had just been sent where it is. */
    void refresh(OpenOrder order, long now, BigDecimal anchor) {
        restingByOrderId.put(order.orderId(),
                new Placement(order.side(), order.price(), order.leavesQty(), now, anchor));
    }

    void onFill(Fill fill) {
        if (fill.leavesQty() == 0) {
            forget(fill.orderId(), fill.clientOrderId());
        }
    }

    void onCancelled(Cancellation cancellation) {
        forget(cancellation.orderId(), cancellation.clientOrderId());
    }

    void onRejected(Rejection rejection) {
        switch (String.valueOf(rejection.what())) {
            case "order" -> {
                if (rejection.clientOrderId() != null) {
                    pendingByClientId.remove(rejection.clientOrderId());
                }
            }
            case "cancel" -> cancelling.remove(rejection.orderId()); // if it is really gone, the next sync says so
            case "replace" -> restingByOrderId.computeIfPresent(rejection.orderId(),
                    // the order stayed as it was, not as this strategy last asked: price it afresh
                    (id, placement) -> new Placement(placement.side(), placement.price(), placement.qty(),
                            placement.time(), null));
            default -> {
                // nothing is remembered about other requests
            }
        }
    }

    private void forget(long orderId, String clientOrderId) {
        restingByOrderId.remove(orderId);
        cancelling.remove(orderId);
        if (clientOrderId != null) {
            pendingByClientId.remove(clientOrderId);
        }
    }
}
