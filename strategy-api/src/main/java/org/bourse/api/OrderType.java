package org.bourse.api;

/** {@code limit} rests at its price when it cannot trade; {@code market} takes what it can and never rests. */
public enum OrderType {
    LIMIT("limit"),
    MARKET("market");

    private final String wireName;

    OrderType(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used in JSON messages. */
    public String wireName() {
        return wireName;
    }
}
