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
 * The trader's own state as the gateway tells it: the account, the resting orders, the latest refusal and
 * liquidation. Position and cash come from the {@code welcome} and then from each {@code fill}, so that they
 * already include a fill when the strategy hears of it. The figures that depend on the mark (average entry,
 * P&amp;L, equity) are the welcome's here; once the feed names the trader, the bot takes them from the feed's
 * {@link org.bourse.protocol.MarketView}, valued at its current mark. Used by the bot's loop thread only.
 */
final class OwnAccount {

    private long position;
    private BigDecimal cash = BigDecimal.ZERO;
    /** The account as the welcome stated it, for the figures that move with the mark. */
    private ServerMessage.AccountState welcomed = new ServerMessage.AccountState(null, 0, BigDecimal.ZERO, null,
            BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, "active");
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
        welcomed = new ServerMessage.AccountState(welcome.traderId(), welcome.position(), welcome.cash(),
                welcome.avgEntryPrice(), welcome.realizedPnl(), welcome.unrealizedPnl(), welcome.totalEquity(),
                "active");
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

    void liquidated(long timestamp) {
        lastLiquidationTime = timestamp;
    }

    long position() {
        return position;
    }

    BigDecimal cash() {
        return cash;
    }

    /** The account as the last welcome stated it (all zero before one). */
    ServerMessage.AccountState welcomed() {
        return welcomed;
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
