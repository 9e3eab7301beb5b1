package org.bourse.exchange.lockstep;

import java.util.Objects;

/**
 * A trader that takes part in a lockstep run: it decides every {@code decisionIntervalMillis} of virtual time, and
 * what it decides reaches the book {@code latencyMillis} later.
 */
public record Participant(String traderId, long decisionIntervalMillis, long latencyMillis) {
    public Participant {
        Objects.requireNonNull(traderId, "traderId");
        if (decisionIntervalMillis < 1) {
            throw new IllegalArgumentException(traderId + ": the decision interval must be at least 1 ms, not "
                    + decisionIntervalMillis);
        }
        if (latencyMillis < 0) {
            throw new IllegalArgumentException(traderId + ": the latency must not be negative, not " + latencyMillis);
        }
    }
}
