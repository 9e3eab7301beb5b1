package org.bourse.exchange.engine;

import org.bourse.exchange.book.Order;
import org.bourse.api.Side;

/**
 * One execution, at the resting (maker) order's price, with what both traders' fill reports need. Both orders'
 * {@link Order#remaining()} already reflect it; the aggressor side is the taker's. The engine owns one and fills it
 * for each trade, so that a trade allocates nothing; like the engine's other arguments it is valid only during the
 * listener's call.
 */
public final class Execution {
    private long tradeId;
    private long price;
    private long quantity;
    private Order maker;
    private Account makerAccount;
    private Order taker;
    private Account takerAccount;

    Execution of(long tradeId, long price, long quantity, Order maker, Account makerAccount, Order taker,
                 Account takerAccount) {
        this.tradeId = tradeId;
        this.price = price;
        this.quantity = quantity;
        this.maker = maker;
        this.makerAccount = makerAccount;
        this.taker = taker;
        this.takerAccount = takerAccount;
        return this;
    }

    public long tradeId() {
        return tradeId;
    }

    public long price() {
        return price;
    }

    public long quantity() {
        return quantity;
    }

    /** The resting order. */
    public Order maker() {
        return maker;
    }

    public Account makerAccount() {
        return makerAccount;
    }

    /** The incoming order, whose side is the aggressor's. */
    public Order taker() {
        return taker;
    }

    public Account takerAccount() {
        return takerAccount;
    }

    private boolean takerBuys() {
        return taker.side() == Side.BUY;
    }

    /** The buy side's order, whichever of maker and taker it is. */
    public Order buyOrder() {
        return takerBuys() ? taker : maker;
    }

    public Order sellOrder() {
        return takerBuys() ? maker : taker;
    }

    public Account buyer() {
        return takerBuys() ? takerAccount : makerAccount;
    }

    public Account seller() {
        return takerBuys() ? makerAccount : takerAccount;
    }
}
