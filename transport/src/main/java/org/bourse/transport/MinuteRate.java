package org.bourse.transport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * How fast a running total grew over the last minute, for a status endpoint ({@code GET /status}): the thread that
 * counts {@link #sample}s its total (at most one sample a second is kept, for a minute), any thread asks for the
 * rate. No lock on either side, so counting on a hot thread costs a clock read per sample.
 */
public final class MinuteRate {
    private static final long WINDOW_MILLIS = 60_000;
    /** One slot per second of the window, and one for the second being counted. */
    private static final int SLOTS = 61;

    private record Sample(long millis, long total) {
    }

    private final AtomicReferenceArray<Sample> samples = new AtomicReferenceArray<>(SLOTS);
    /** The counting thread's: the second of its last sample. */
    private long lastSecond = Long.MIN_VALUE;

    /** The counting thread: the total was {@code total} at {@code nowMillis}. */
    public void sample(long nowMillis, long total) {
        long second = Math.floorDiv(nowMillis, 1000);
        if (second != lastSecond) {
            lastSecond = second;
            samples.set((int) Math.floorMod(second, SLOTS), new Sample(nowMillis, total));
        }
    }

    /**
     * Any thread: per second from the oldest sample of the last minute to {@code totalNow} at {@code nowMillis}
     * (less than a minute when the count started less than a minute ago), to a tenth; 0 before a second has passed.
     */
    public BigDecimal perSecond(long nowMillis, long totalNow) {
        Sample oldest = null;
        for (int i = 0; i < SLOTS; i++) {
            Sample sample = samples.get(i);
            if (sample != null && nowMillis - sample.millis() <= WINDOW_MILLIS
                    && (oldest == null || sample.millis() < oldest.millis())) {
                oldest = sample;
            }
        }
        if (oldest == null || nowMillis - oldest.millis() < 1000) {
            return BigDecimal.ZERO.setScale(1);
        }
        return BigDecimal.valueOf((totalNow - oldest.total()) * 1000)
                .divide(BigDecimal.valueOf(nowMillis - oldest.millis()), 1, RoundingMode.HALF_UP);
    }
}
