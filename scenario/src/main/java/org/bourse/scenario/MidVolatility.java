package org.bourse.scenario;

/**
 * The recent realized volatility of the mid, as the crowd's market makers see it: an exponentially weighted mean
 * of the squared log returns between samples at least a second apart (finer ones would measure the bid-ask bounce,
 * not the market's moves), per millisecond, forgetting with the time constant of the window. In percent per
 * √minute, the unit of the fundamental's volatility.
 */
final class MidVolatility {
    private static final double MILLIS_PER_MINUTE = 60_000;
    static final long SAMPLE_MILLIS = 1000;

    private final double windowMillis;
    private double variancePerMilli;
    private double lastLog = Double.NaN;
    private long lastTime;

    MidVolatility(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /** The mid (any positive unit) at {@code time}; ignored less than {@link #SAMPLE_MILLIS} after the last. */
    void sample(long time, double mid) {
        if (mid <= 0 || !Double.isNaN(lastLog) && time - lastTime < SAMPLE_MILLIS) {
            return;
        }
        double log = StrictMath.log(mid);
        if (!Double.isNaN(lastLog)) {
            double elapsed = time - lastTime;
            double change = log - lastLog;
            double kept = StrictMath.exp(-elapsed / windowMillis);
            variancePerMilli = kept * variancePerMilli + (1 - kept) * change * change / elapsed;
        }
        lastLog = log;
        lastTime = time;
    }

    /** Percent per √minute; 0 before two samples. */
    double percentPerRootMinute() {
        return 100 * StrictMath.sqrt(variancePerMilli * MILLIS_PER_MINUTE);
    }
}
