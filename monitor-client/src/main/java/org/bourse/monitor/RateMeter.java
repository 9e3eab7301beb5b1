package org.bourse.monitor;

import java.util.ArrayDeque;
import java.util.Iterator;

/** Events per second over the last second or so, from a running count sampled by whoever draws. */
final class RateMeter {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private record Sample(long nanos, long count) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /** Records {@code count} (never decreasing) at {@code nowNanos}; returns the rate since about a second ago. */
    long perSecond(long nowNanos, long count) {
        samples.addLast(new Sample(nowNanos, count));
        // keep, as the oldest, the newest sample that is at least a window old
        while (samples.size() > 2) {
            Iterator<Sample> it = samples.iterator();
            it.next();
            if (nowNanos - it.next().nanos() < WINDOW_NANOS) {
                break;
            }
            samples.removeFirst();
        }
        Sample oldest = samples.peekFirst();
        // over a whole window at least: the first events after a start are not extrapolated to a huge rate
        long elapsed = Math.max(WINDOW_NANOS, nowNanos - oldest.nanos());
        return (count - oldest.count()) * 1_000_000_000L / elapsed;
    }
}
