package org.bourse.cli;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * How every Bourse process waits between attempts to reconnect: a ceiling doubling from {@code initial} up to
 * {@code max}, back to {@code initial} after a connection that worked. With jitter each delay is drawn between half
 * the ceiling and all of it, so that the many bots that lost the same exchange do not all knock at once; the
 * jitter has its own generator (a strategy's seeded one must not depend on when connections drop).
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator jitter;
    private long ceilingMillis;

    /** {@code jitter} null: every delay is exactly the ceiling. */
    public Backoff(Duration initial, Duration max, RandomGenerator jitter) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.jitter = jitter;
        this.ceilingMillis = initialMillis;
    }

    /** 250 ms doubling to 5 s, with jitter. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), new SplittableRandom());
    }

    /** The delay before the next attempt, in milliseconds; each call doubles the ceiling of the next. */
    public long nextMillis() {
        long ceiling = ceilingMillis;
        ceilingMillis = Math.min(maxMillis, ceiling * 2);
        return jitter == null ? ceiling : ceiling / 2 + jitter.nextLong(ceiling / 2 + 1);
    }

    /** After a connection that worked: the next loss starts again from the shortest delay. */
    public void reset() {
        ceilingMillis = initialMillis;
    }
}
