package org.bourse.api;

/** How long an order may live. */
public enum TimeInForce {
    /** Good till cancelled: what cannot trade now rests in the book. */
    GTC("gtc"),
    /** Immediate or cancel: trades what it can now, the remainder is cancelled. */
    IOC("ioc"),
    /** Fill or kill: trades its whole quantity now, or is rejected without trading at all. */
    FOK("fok");

    private final String wireName;

    TimeInForce(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used in JSON messages. */
    public String wireName() {
        return wireName;
    }
}
