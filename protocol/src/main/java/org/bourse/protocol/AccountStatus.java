package org.bourse.protocol;

/**
 * An account's {@code status} in {@code position_update}, {@code welcome} and the snapshot: written by the exchange,
 * read by the market view, the monitor and the dashboard.
 */
public enum AccountStatus {
    /** Trading as usual. */
    ACTIVE("active"),
    /** Closed for good by a liquidation for bankruptcy: its orders are refused. */
    BANKRUPT("bankrupt");

    private final String wireName;

    AccountStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether a message's {@code status} is this one. */
    public boolean is(String status) {
        return wireName.equals(status);
    }
}
