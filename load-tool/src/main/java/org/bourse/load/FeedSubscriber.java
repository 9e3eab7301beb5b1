package org.bourse.load;

import java.net.URI;
import org.HdrHistogram.Histogram;

/**
 * A subscriber to the event stream (9002) or the relay's feed (9010). Counts the events received during the
 * measured window, records each one's lag (receive time minus its {@code timestamp}, in ms: the exchange stamps
 * events with epoch milliseconds) and checks that {@code seq} rises by exactly one from event to event (a
 * {@code snapshot} sets the starting point).
 */
final class FeedSubscriber extends Endpoint {

    private static final long HIGHEST_LAG_MILLIS = 3_600_000;

    private final FrameFields frames = new FrameFields();
    private final Object lock = new Object();

    // guarded by lock
    private final Histogram lag = new Histogram(HIGHEST_LAG_MILLIS, 3);
    private long events;
    private long snapshots;
    private long lastSeq = -1;
    private long gaps;
    private long missing;
    private long outOfOrder;
    private long unsequenced;

    private volatile long measureStart = Long.MAX_VALUE;
    private volatile long measureEnd = Long.MAX_VALUE;

    FeedSubscriber(URI uri, String label, int connectTimeoutMillis) {
        super(uri, label, connectTimeoutMillis);
    }

    void schedule(long measureStart, long measureEnd) {
        this.measureStart = measureStart;
        this.measureEnd = measureEnd;
    }

    @Override
    public void onMessage(String message) {
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        if (!frames.parse(message) || frames.type == null) {
            error("a feed frame is not a JSON object with a type: " + GatewayConnection.abbreviate(message));
            return;
        }
        boolean measured = nowNanos >= measureStart && nowNanos < measureEnd;
        synchronized (lock) {
            if ("snapshot".equals(frames.type)) {
                snapshots++;
                if (frames.hasSeq) {
                    lastSeq = frames.seq;
                }
                return;
            }
            if ("heartbeat".equals(frames.type)) {
                return; // the feed is alive; not an event, and its seq is the last one's
            }
            if (frames.hasSeq) {
                long seq = frames.seq;
                if (lastSeq >= 0) {
                    if (seq > lastSeq + 1) {
                        gaps++;
                        missing += seq - lastSeq - 1;
                    } else if (seq <= lastSeq) {
                        outOfOrder++;
                    }
                }
                lastSeq = Math.max(lastSeq, seq);
            } else {
                unsequenced++;
            }
            if (measured) {
                events++;
                if (frames.hasTimestamp) {
                    lag.recordValue(Math.min(Math.max(0, nowMillis - frames.timestamp), HIGHEST_LAG_MILLIS));
                }
            }
        }
    }

    void addTo(LoadRun.Totals into) {
        synchronized (lock) {
            into.feedLag.add(lag);
            into.feedEvents += events;
            into.feedSnapshots += snapshots;
            into.feedGaps += gaps;
            into.feedMissing += missing;
            into.feedOutOfOrder += outOfOrder;
            into.feedUnsequenced += unsequenced;
        }
        into.errors += errors();
        if (into.firstError == null && failure() != null) {
            into.firstError = label() + ": " + failure();
        }
    }
}
