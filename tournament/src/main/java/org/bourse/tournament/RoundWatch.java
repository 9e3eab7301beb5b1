package org.bourse.tournament;

import org.bourse.lab.DecisionWatch;

/**
 * The decision a round's strategy is making, for the tournament's watchdog: in process a strategy that never returns
 * holds its round's thread, and only another thread can notice and give up on the round.
 */
final class RoundWatch implements DecisionWatch {
    private volatile String trader;
    private volatile long time;
    private volatile long sinceNanos;

    @Override
    public void deciding(String traderId, long virtualTime) {
        time = virtualTime;
        sinceNanos = System.nanoTime();
        trader = traderId; // last: a watchdog that reads it sees the time it started

    }

    @Override
    public void decided() {
        trader = null;
    }

    /** What overran {@code timeoutNanos} at {@code nowNanos} (wall clock), or null while all is well. */
    String overdue(long nowNanos, long timeoutNanos) {
        String deciding = trader;
        long since = sinceNanos;
        if (deciding == null || nowNanos - since < timeoutNanos) {
            return null;
        }
        return deciding + " did not decide within " + timeoutNanos / 1_000_000 + " ms (its turn at virtual time "
                + time + ")";
    }
}
