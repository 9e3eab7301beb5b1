package org.bourse.monitor;

import java.time.Duration;

/** Delays between reconnection attempts: doubling from {@code initial} up to {@code max}, back to initial on reset. */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = initialMillis;
    }

    /** 250 ms, 500 ms, 1 s, 2 s, 4 s, then every 5 s. */
    static Backoff standard() {
        return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    /** The delay before the next attempt; each call doubles the one after. */
    long nextMillis() {
        long delay = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return delay;
    }

    void reset() {
        nextMillis = initialMillis;
    }
}
