package org.bourse.exchange.book;

/** What happens when an incoming order would trade with a resting order of the same owner. */
public enum SelfTradePrevention {
    /** Cancel the resting order and keep matching (the default: stale quotes give way to the new intent). */
    CANCEL_RESTING("cancel_resting"),
    /** Cancel what is left of the incoming order; the resting order keeps its place. */
    CANCEL_INCOMING("cancel_incoming"),
    /** Let the owner trade with itself. */
    ALLOW("allow");

    private final String wireName;

    SelfTradePrevention(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
