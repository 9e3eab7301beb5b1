package org.bourse.scenario;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bourse.api.Action;
import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.protocol.ClientFrames;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;

/**
 * One background agent's own state, from its private messages only: position, cash, the orders it has sent that
 * are not finished yet, and what the exchange's risk checks would say to a new one. Also makes its frames (client
 * order ids {@code <agent>-<n>}) and remembers what each frame is waiting for, so that the agent never acts twice
 * on the same order before the exchange has answered.
 */
final class AgentAccount {
    /** What the agent assumes of the exchange's margin check: a little less than its equity allows. */
    private static final double MARGIN_SAFETY = 0.9;

    /** An order of the agent, from the frame that sent it until it has no open quantity left. */
    static final class Order {
        final String clientOrderId;
        final Side side;
        /** In ticks; 0 for a market order. */
        long price;
        long leaves;
        /** 0 until the exchange has accepted it. */
        long orderId;
        boolean cancelling;
        boolean replacing;

        Order(String clientOrderId, Side side, long price, long leaves) {
            this.clientOrderId = clientOrderId;
            this.side = side;
            this.price = price;
            this.leaves = leaves;
        }

        /** Accepted, not being cancelled or replaced: free to be acted on. */
        boolean settled() {
            return orderId != 0 && !cancelling && !replacing;
        }
    }

    private final String traderId;
    private final TickScale scale;
    private final Crowd.Limits limits;
    /** Rejections by reason, shared by the whole crowd. */
    private final Map<String, Long> rejections;
    private boolean welcomed;
    private long position;
    /** In money units (one tick times one lot), as the exchange counts it. */
    private long cash;
    /** Sent and not yet accepted, by client order id. */
    private final Map<String, Order> sent = new LinkedHashMap<>();
    /** Accepted and still open, by order id, in the order they were accepted. */
    private final Map<Long, Order> open = new LinkedHashMap<>();
    private long clientOrderIds;
    private long ordersSent;

    AgentAccount(String traderId, TickScale scale, Crowd.Limits limits, Map<String, Long> rejections) {
        this.traderId = traderId;
        this.scale = scale;
        this.limits = limits;
        this.rejections = rejections;
    }

    // ------------------------------------------------------------------------------------ what comes in

    /** Where the agent stands after it joined (or rejoined): replaces all it knew. */
    void welcome(ServerMessage.Welcome welcome) {
        welcomed = true;
        position = welcome.position();
        cash = scale.ticks(welcome.cash());
        sent.clear();
        open.clear();
        if (welcome.openOrders() != null) {
            for (ServerMessage.OpenOrder resting : welcome.openOrders()) {
                Order order = new Order(resting.clientOrderId(), side(resting.side()), scale.ticks(resting.price()),
                        resting.leavesQty());
                order.orderId = resting.orderId();
                open.put(order.orderId, order);
            }
        }
    }

    void apply(ServerMessage message) {
        if (message instanceof ServerMessage.OrderAccepted accepted) {
            Order order = sent.remove(accepted.clientOrderId());
            if (order != null) {
                order.orderId = accepted.orderId();
                order.leaves = accepted.qty();
                open.put(order.orderId, order);
            }
        } else if (message instanceof ServerMessage.Fill fill) {
            long signed = side(fill.side()).sign() * fill.qty();
            position += signed;
            cash -= signed * scale.ticks(fill.price());
            Order order = open.get(fill.orderId());
            if (order != null) {
                order.leaves = fill.leavesQty();
                if (order.leaves == 0) {
                    open.remove(fill.orderId());
                }
            }
        } else if (message instanceof ServerMessage.OrderCancelled cancelled) {
            open.remove(cancelled.orderId());
        } else if (message instanceof ServerMessage.OrderReplaced replaced) {
            Order order = open.get(replaced.orderId());
            if (order != null) {
                order.price = scale.ticks(replaced.price());
                order.leaves = replaced.qty();
                order.replacing = false;
            }
        } else if (message instanceof ServerMessage.OrderRejected rejected) {
            sent.remove(rejected.clientOrderId());
            rejected(rejected.reason());
        } else if (message instanceof ServerMessage.CancelRejected rejected) {
            answered(rejected.orderId(), rejected.reason());
        } else if (message instanceof ServerMessage.ReplaceRejected rejected) {
            answered(rejected.orderId(), rejected.reason());
        }
    }

    /** A cancel or replace was refused: the order is as it was, or gone if the exchange no longer knows it. */
    private void answered(long orderId, String reason) {
        rejected(reason);
        Order order = open.get(orderId);
        if (order != null) {
            order.cancelling = false;
            order.replacing = false;
            if ("unknown_order".equals(reason)) {
                open.remove(orderId);
            }
        }
    }

    private void rejected(String reason) {
        rejections.merge(reason, 1L, Long::sum);
    }

    // -------------------------------------------------------------------------------------- reading

    boolean welcomed() {
        return welcomed;
    }

    long position() {
        return position;
    }

    /** Some frame is still unanswered: a new order, a cancel or a replace. */
    boolean waiting() {
        if (!sent.isEmpty()) {
            return true;
        }
        for (Order order : open.values()) {
            if (!order.settled()) {
                return true;
            }
        }
        return false;
    }

    /** The accepted orders free to be acted on, in the order they were accepted. */
    List<Order> settledOrders() {
        List<Order> settled = new ArrayList<>(open.size());
        for (Order order : open.values()) {
            if (order.settled()) {
                settled.add(order);
            }
        }
        return settled;
    }

    /** The open quantity of the agent's accepted orders on {@code side} at {@code price} ticks. */
    long openQty(Side side, long price) {
        long qty = 0;
        for (Order order : open.values()) {
            qty += order.side == side && order.price == price ? order.leaves : 0;
        }
        return qty;
    }

    /** Orders that count against the exchange's limit of resting orders. */
    int liveOrders() {
        return sent.size() + open.size();
    }

    /**
     * How many lots one more order on {@code side} at {@code price} ticks may have, besides {@code replacing}
     * (an order of this side about to be replaced, whose quantity then no longer counts; null for none): the
     * position if every order of that side filled must stay within the agent's own limit, the exchange's, and
     * what its equity at {@code mark} covers at the exchange's initial margin.
     */
    long room(Side side, long price, long mark, long ownLimit, Order replacing) {
        long exposure = 0;
        for (Order order : sent.values()) {
            exposure += order.side == side ? order.leaves : 0;
        }
        for (Order order : open.values()) {
            exposure += order.side == side && order != replacing ? order.leaves : 0;
        }
        long equity = cash + position * mark;
        long covered = (long) (equity * MARGIN_SAFETY / (price * limits.initialMargin().doubleValue()));
        long limit = Math.min(Math.min(ownLimit, limits.maxPosition()), Math.max(0, covered));
        long room = limit - side.sign() * position - exposure;
        return Math.max(0, Math.min(room, limits.maxOrderQty()));
    }

    // --------------------------------------------------------------------------------------- frames

    /** A limit order that rests until filled or cancelled. */
    String limit(Side side, long price, long qty) {
        return send(side, price, OrderRequest.limit(side, scale.decimal(price), qty));
    }

    /** A limit order that takes what it can at once; the rest is cancelled. */
    String immediate(Side side, long price, long qty) {
        return send(side, price, OrderRequest.limit(side, scale.decimal(price), qty).ioc());
    }

    String market(Side side, long qty) {
        return send(side, 0, OrderRequest.market(side, qty));
    }

    private String send(Side side, long price, OrderRequest request) {
        String clientOrderId = traderId + "-" + ++clientOrderIds;
        sent.put(clientOrderId, new Order(clientOrderId, side, price, request.qty()));
        ordersSent++;
        return ClientFrames.order(traderId, request, clientOrderId);
    }

    String cancel(Order order) {
        order.cancelling = true;
        return ClientFrames.cancel(traderId, Action.cancel(order.orderId));
    }

    /** A new price and/or open quantity for a resting order: only what changes is sent. */
    String replace(Order order, long price, long qty) {
        order.replacing = true;
        BigDecimal newPrice = price == order.price ? null : scale.decimal(price);
        return ClientFrames.replace(traderId, Action.replace(order.orderId, newPrice, qty == order.leaves ? 0 : qty));
    }

    long ordersSent() {
        return ordersSent;
    }

    static Side side(String wire) {
        return "buy".equals(wire) ? Side.BUY : Side.SELL;
    }
}
