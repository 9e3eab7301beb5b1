package org.bourse.bot;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bourse.api.Cancellation;
import org.bourse.api.Fill;
import org.bourse.api.OpenOrder;
import org.bourse.api.Rejection;
import org.bourse.api.Side;
import org.bourse.protocol.ServerMessage;

/**
 * The trader's own state as the bot knows it: the account, the resting orders, the latest refusal and liquidation.
 * Position and cash come from the {@code welcome} and then from each {@code fill} on the gateway, so that they
 * already include a fill when the strategy hears of it; the figures that depend on the mark (average entry,
 * P&amp;L, equity) come from the exchange's {@code position_update} events (and the welcome and snapshot). Used by
 * the bot's loop thread only.
 */
final class Account {

    private long position;
    private BigDecimal cash = BigDecimal.ZERO;
    private BigDecimal avgEntryPrice;
    private BigDecimal realizedPnl = BigDecimal.ZERO;
    private BigDecimal unrealizedPnl = BigDecimal.ZERO;
    private BigDecimal totalEquity = BigDecimal.ZERO;
    /** By order id, in the order they were accepted. */
    private final Map<Long, OpenOrder> openOrders = new LinkedHashMap<>();
    /** An immutable copy of {@link #openOrders}, made again only after a change: most turns change nothing. */
    private List<OpenOrder> openOrdersView = List.of();
    private boolean openOrdersChanged;
    private Rejection lastRejection;
    private long lastLiquidationTime;

    /** Where the trader stands after a (re)connection: replaces everything the bot knew. */
    void welcome(ServerMessage.Welcome welcome) {
        position = welcome.position();
        cash = welcome.cash();
        avgEntryPrice = welcome.avgEntryPrice();
        realizedPnl = welcome.realizedPnl();
        unrealizedPnl = welcome.unrealizedPnl();
        totalEquity = welcome.totalEquity();
        openOrders.clear();
        if (welcome.openOrders() != null) {
            for (ServerMessage.OpenOrder order : welcome.openOrders()) {
                openOrders.put(order.orderId(), new OpenOrder(order.orderId(), order.clientOrderId(),
                        side(order.side()), order.price(), order.leavesQty()));
            }
        }
        openOrdersChanged = true;
    }

    /** A {@code gtc} limit order may rest: track it until fills or a cancel end it (IOC, FOK and market never rest). */
    void accepted(ServerMessage.OrderAccepted accepted) {
        if ("limit".equals(accepted.orderType()) && "gtc".equals(accepted.tif())) {
            openOrders.put(accepted.orderId(), new OpenOrder(accepted.orderId(), accepted.clientOrderId(),
                    side(accepted.side()), accepted.price(), accepted.qty()));
            openOrdersChanged = true;
        }
    }

    Fill fill(ServerMessage.Fill fill) {
        Side side = side(fill.side());
        position += side.sign() * fill.qty();
        cash = cash.subtract(fill.price().multiply(BigDecimal.valueOf(side.sign() * fill.qty())));
        OpenOrder order = openOrders.get(fill.orderId());
        if (order != null) {
            if (fill.leavesQty() == 0) {
                openOrders.remove(fill.orderId());
            } else {
                openOrders.put(order.orderId(), new OpenOrder(order.orderId(), order.clientOrderId(), order.side(),
                        order.price(), fill.leavesQty()));
            }
            openOrdersChanged = true;
        }
        return new Fill(fill.orderId(), fill.clientOrderId(), fill.tradeId(), side, fill.price(), fill.qty(),
                fill.leavesQty(), "maker".equals(fill.liquidity()), fill.timestamp());
    }

    Cancellation cancelled(ServerMessage.OrderCancelled cancelled) {
        if (openOrders.remove(cancelled.orderId()) != null) {
            openOrdersChanged = true;
        }
        return new Cancellation(cancelled.orderId(), cancelled.clientOrderId(), cancelled.qty(), cancelled.reason(),
                cancelled.timestamp());
    }

    /** The order keeps its id; {@code qty} is its open quantity after the replace. */
    void replaced(ServerMessage.OrderReplaced replaced) {
        OpenOrder order = openOrders.get(replaced.orderId());
        if (order != null) {
            openOrders.put(order.orderId(), new OpenOrder(order.orderId(), order.clientOrderId(), order.side(),
                    replaced.price(), replaced.qty()));
            openOrdersChanged = true;
        }
    }

    void rejected(Rejection rejection) {
        lastRejection = rejection;
    }

    /** The mark-dependent figures; position and cash are already known from the fills. */
    void positionUpdate(ServerMessage.PositionUpdate update) {
        avgEntryPrice = update.avgEntryPrice();
        realizedPnl = update.realizedPnl();
        unrealizedPnl = update.unrealizedPnl();
        totalEquity = update.totalEquity();
    }

    void snapshot(ServerMessage.AccountState state) {
        avgEntryPrice = state.avgEntryPrice();
        realizedPnl = state.realizedPnl();
        unrealizedPnl = state.unrealizedPnl();
        totalEquity = state.totalEquity();
    }

    void liquidated(long timestamp) {
        lastLiquidationTime = timestamp;
    }

    long position() {
        return position;
    }

    BigDecimal cash() {
        return cash;
    }

    BigDecimal avgEntryPrice() {
        return avgEntryPrice;
    }

    BigDecimal realizedPnl() {
        return realizedPnl;
    }

    BigDecimal unrealizedPnl() {
        return unrealizedPnl;
    }

    BigDecimal totalEquity() {
        return totalEquity;
    }

    List<OpenOrder> openOrders() {
        if (openOrdersChanged) {
            openOrdersView = List.copyOf(openOrders.values());
            openOrdersChanged = false;
        }
        return openOrdersView;
    }

    Rejection lastRejection() {
        return lastRejection;
    }

    long lastLiquidationTime() {
        return lastLiquidationTime;
    }

    /** A side on the wire; the exchange writes them in lower case. */
    static Side side(String wire) {
        Objects.requireNonNull(wire, "side");
        return Side.valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
