package org.bourse.bench;

/**
 * A precomputed sequence of book commands, stored column-wise in primitive arrays so that replaying it
 * allocates nothing and every engine reads exactly the same input.
 */
public final class CommandStream {

    /** A limit order, good till cancelled. */
    public static final byte LIMIT = 0;
    /** A market order: trades what it can at any price, the rest is cancelled. */
    public static final byte MARKET = 1;
    /** Cancels a resting order; {@link #orderId} names it and {@link #trader} is its owner. */
    public static final byte CANCEL = 2;

    final byte[] kind;
    final long[] orderId;
    final int[] trader;
    final boolean[] buy;
    /** Limit price in ticks; 0 for market orders and cancels. */
    final long[] price;
    final long[] quantity;
    private int size;

    CommandStream(int capacity) {
        kind = new byte[capacity];
        orderId = new long[capacity];
        trader = new int[capacity];
        buy = new boolean[capacity];
        price = new long[capacity];
        quantity = new long[capacity];
    }

    public int size() {
        return size;
    }

    public byte kind(int i) {
        return kind[i];
    }

    public long orderId(int i) {
        return orderId[i];
    }

    public int trader(int i) {
        return trader[i];
    }

    public boolean buy(int i) {
        return buy[i];
    }

    public long price(int i) {
        return price[i];
    }

    public long quantity(int i) {
        return quantity[i];
    }

    /** Counts the commands of one kind. */
    public int count(byte ofKind) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (kind[i] == ofKind) {
                n++;
            }
        }
        return n;
    }

    void add(byte kind, long orderId, int trader, boolean buy, long price, long quantity) {
        int i = size++;
        this.kind[i] = kind;
        this.orderId[i] = orderId;
        this.trader[i] = trader;
        this.buy[i] = buy;
        this.price[i] = price;
        this.quantity[i] = quantity;
    }
}
