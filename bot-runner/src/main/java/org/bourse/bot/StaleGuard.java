package org.bourse.bot;

import java.time.Duration;

/**
 * The stale-data guard of a real-time bot: the feed sends something at least every second (events, or a heartbeat
 * when the market is quiet), so market data older than the timeout means the feed, the relay or the exchange behind
 * it is stuck, and a strategy asked now would trade on a market that may have moved. The guard arms with the first
 * message of the feed, turns stale once nothing has come for the timeout, and fresh again with the next message.
 * Loop thread only; times are {@link System#nanoTime}.
 */
final class StaleGuard {
    private static final long NEVER = Long.MAX_VALUE;

    private final long timeoutNanos;
    private long heardAtNanos = NEVER;
    private boolean stale;

    StaleGuard(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * The feed said something.
     *
     * @return true if the data had been stale until now
     */
    boolean heard(long nowNanos) {
        heardAtNanos = nowNanos;
        boolean wasStale = stale;
        stale = false;
        return wasStale;
    }

    /**
     * Whether the data has just turned stale: true once per silence, when it first exceeds the timeout.
     */
    boolean turnedStale(long nowNanos) {
        if (stale || heardAtNanos == NEVER || nowNanos - heardAtNanos <= timeoutNanos) {
            return false;
        }
        stale = true;
        return true;
    }

    boolean isStale() {
        return stale;
    }

    /** When the data turns stale if nothing comes, or {@code Long.MAX_VALUE} (stale already, or not armed). */
    long deadlineNanos() {
        return stale || heardAtNanos == NEVER ? NEVER : heardAtNanos + timeoutNanos + 1;
    }
}
