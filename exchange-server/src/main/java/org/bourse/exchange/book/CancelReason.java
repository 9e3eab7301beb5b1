package org.bourse.exchange.book;

/** Why an order ended without filling completely. */
public enum CancelReason {
    /** The owner asked for it. */
    REQUESTED("requested"),
    /** An immediate-or-cancel (or fill-or-kill) order's part that could not trade at once. */
    IOC_REMAINDER("ioc_remainder"),
    /** A market order's part that found nothing left to trade against. */
    MARKET_REMAINDER("market_remainder"),
    /** Self-trade prevention: the order would have traded with its owner's own order. */
    SELF_TRADE("self_trade"),
    /** The owner's account is being liquidated. */
    LIQUIDATION("liquidation"),
    /** The owner's connection went away and asked for its orders to go with it. */
    DISCONNECT("disconnect");

    private final String wireName;

    CancelReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
