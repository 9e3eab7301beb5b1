package org.bourse.monitor;

/** Where the monitor stands with the feed, as the status line names it. */
enum Phase {
    /** Connecting, or connected and waiting for the snapshot that makes the picture current. */
    CONNECTING("CONNECTING"),
    /** Live: a snapshot arrived on this connection and every event since has been applied. */
    CONNECTED("CONNECTED"),
    /**
     * Was live, but the feed has sent nothing, not even a heartbeat, for longer than {@code --stale-after}: the
     * connection is open but whoever is behind it is not talking. What is on screen may be out of date.
     */
    STALE("STALE"),
    /** The relay is reachable but tells us the exchange behind it is not. */
    EXCHANGE_DOWN("EXCHANGE DOWN"),
    /** The feed itself is unreachable; a retry is scheduled. */
    DISCONNECTED("DISCONNECTED");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
