package org.bourse.exchange.book;

import org.bourse.api.Side;

/**
 * An order in the book. Objects are pooled: a reference handed to a {@link BookListener} is valid only during
 * that call, and an order's fields change as it trades.
 */
public final class Order {
    long id;
    int owner;
    String clientOrderId;
    Side side;
    long price;
    long remaining;
    boolean postOnly;

    PriceLevel level;
    Order prevInLevel;
    Order nextInLevel;
    Order prevOfOwner;
    Order nextOfOwner;

    Order() {
    }

    void init(long id, int owner, String clientOrderId, Side side, long price, long quantity, boolean postOnly) {
        this.id = id;
        this.owner = owner;
        this.clientOrderId = clientOrderId;
        this.side = side;
        this.price = price;
        this.remaining = quantity;
        this.postOnly = postOnly;
    }

    void clear() {
        clientOrderId = null;
        level = null;
        prevInLevel = null;
        nextInLevel = null;
        prevOfOwner = null;
        nextOfOwner = null;
    }

    public long id() {
        return id;
    }

    /** The owner's index, as given to {@link OrderBook#enter}. */
    public int owner() {
        return owner;
    }

    /** The owner's own reference for the order, or null. */
    public String clientOrderId() {
        return clientOrderId;
    }

    public Side side() {
        return side;
    }

    /** Limit price in ticks, or {@link OrderBook#NO_PRICE} for a market order. */
    public long price() {
        return price;
    }

    /** Quantity still open (leaves), in lots. */
    public long remaining() {
        return remaining;
    }

    public boolean postOnly() {
        return postOnly;
    }

    /** The next order at the same price (time priority), or null. */
    public Order nextInLevel() {
        return nextInLevel;
    }

    /** The owner's next resting order (in no particular price order), or null. */
    public Order nextOfOwner() {
        return nextOfOwner;
    }

    @Override
    public String toString() {
        return "Order{id=" + id + ", owner=" + owner + ", " + side + " " + remaining + "@" + price + "}";
    }
}
