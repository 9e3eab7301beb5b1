package org.bourse.protocol;

/**
 * The stage of a liquidation, in the reference protocol's words: the {@code reason} of a {@code liquidation} event,
 * written by the exchange and read by every follower of the feed.
 */
public enum LiquidationReason {
    /** Equity fell below maintenance margin: a market order for the quantity that restores it. */
    MAINTENANCE_MARGIN_BREACH("maintenance_margin_breach"),
    /** Still in breach after that: a market order for the whole remaining position. */
    MAINTENANCE_MARGIN_BREACH_FORCE_FLATTEN("maintenance_margin_breach_force_flatten"),
    /** Equity is still negative: the account is closed for good. */
    BANKRUPTCY("bankruptcy");

    private final String wireName;

    LiquidationReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether a {@code liquidation} event's reason is this stage. */
    public boolean is(String reason) {
        return wireName.equals(reason);
    }
}
