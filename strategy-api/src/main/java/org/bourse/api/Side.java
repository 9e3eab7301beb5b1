package org.bourse.api;

/** The side of an order: {@code buy} or {@code sell} on the wire. */
public enum Side {
    BUY("buy"),
    SELL("sell");

    private final String wireName;

    Side(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used in JSON messages. */
    public String wireName() {
        return wireName;
    }

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** +1 for a buy, -1 for a sell: the sign of the position change a fill of this side causes. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
