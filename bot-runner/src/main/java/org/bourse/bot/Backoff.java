package org.bourse.bot;

import java.util.Random;

/**
 * Delays between reconnection attempts: 250 ms doubling to 5 s, each drawn between half and all of that so that
 * many bots that lost the same exchange do not all knock at once. The jitter has its own generator: the strategy's
 * seeded one must not depend on when connections drop.
 */
final class Backoff {
    static final long FIRST_MILLIS = 250;
    static final long MAX_MILLIS = 5_000;

    private final Random jitter = new Random();
    private long nextMillis = FIRST_MILLIS;

    /** The delay before the next attempt, in milliseconds. */
    long nextDelayMillis() {
        long base = nextMillis;
        nextMillis = Math.min(MAX_MILLIS, base * 2);
        return base / 2 + jitter.nextLong(base / 2 + 1);
    }

    /** After a connection that worked: the next loss starts again from the shortest delay. */
    void reset() {
        nextMillis = FIRST_MILLIS;
    }
}
