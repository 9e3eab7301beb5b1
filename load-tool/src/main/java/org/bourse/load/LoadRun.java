package org.bourse.load;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.bourse.cli.DurationConverter;

/**
 * Runs one load: connects the feed subscribers, then the gateway connections (each its own trader,
 * {@code load-<run>-<i>}, with a random run id so that repeated runs against one exchange never share a trader),
 * sends for warm-up + duration, waits a bounded time for the last acks, closes everything and sums up. Every wait
 * is bounded: connecting by the connect timeout, sending by the run's end, draining by the drain timeout, closing
 * by a fixed two seconds.
 */
final class LoadRun {

    private static final long CLOSE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** What the connections measured, summed. */
    static final class Totals {
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
        long measuredSent;
        long warmupSent;
        long acked;
        long accepted;
        final Map<String, Long> rejectReasons = new TreeMap<>();
        long unacked;
        long minAckedPerConnection = Long.MAX_VALUE;
        long maxAckedPerConnection;
        long otherMessages;
        long errors;
        String firstError;
        final Histogram feedLag = new Histogram(3_600_000, 3);
        long feedEvents;
        long feedSnapshots;
        long feedGaps;
        long feedMissing;
        long feedOutOfOrder;
        long feedUnsequenced;
    }

    private final LoadPlan plan;
    private final PrintWriter progress;
    private final String runId;

    LoadRun(LoadPlan plan, PrintWriter progress) {
        this.plan = plan;
        this.progress = progress;
        this.runId = randomRunId();
    }

    static String randomRunId() {
        return String.format("%06x", new SecureRandom().nextInt(1 << 24));
    }

    String traderId(int i) {
        return "load-" + runId + "-" + i;
    }

    LoadReport execute() throws InterruptedException {
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, plan.connectTimeout().toMillis());
        List<FeedSubscriber> subscribers = new ArrayList<>();
        List<GatewayConnection> connections = new ArrayList<>();
        long scheduled = 0;
        long maxLateNanos = 0;
        long t0 = 0;
        long measureStart = 0;
        long sendEnd = 0;
        try {
            for (int i = 0; i < plan.subscribers(); i++) {
                subscribers.add(new FeedSubscriber(plan.feedUri(), "feed subscriber " + i, connectMillis));
            }
            for (int i = 0; i < plan.connections(); i++) {
                connections.add(new GatewayConnection(plan.uri(), i, traderId(i), plan.mode() != LoadPlan.Mode.PACED,
                        plan.window(), plan.ordersPerConnection(), connectMillis));
            }
            say("connecting: " + plan.summary());
            connectAll(subscribers, plan.feedUri(), "the feed");
            connectAll(connections, plan.uri(), "the gateway");

            t0 = System.nanoTime();
            measureStart = t0 + plan.warmup().toNanos();
            sendEnd = measureStart + plan.duration().toNanos();
            for (FeedSubscriber s : subscribers) {
                s.schedule(measureStart, sendEnd);
            }
            for (GatewayConnection c : connections) {
                c.schedule(measureStart, sendEnd);
            }
            if (plan.mode() == LoadPlan.Mode.PACED) {
                long[] paced = pace(connections, t0, measureStart, sendEnd);
                scheduled = paced[0];
                maxLateNanos = paced[1];
            } else {
                for (int w = 0; w < plan.inFlight(); w++) {
                    for (GatewayConnection c : connections) {
                        c.trySend(System.nanoTime());
                    }
                }
                waitUntil(sendEnd, connections);
            }
            drain(connections, System.nanoTime() + plan.drainTimeout().toNanos());
        } finally {
            long closeBy = System.nanoTime() + CLOSE_NANOS;
            for (GatewayConnection c : connections) {
                c.shutdown(closeBy);
            }
            for (FeedSubscriber s : subscribers) {
                s.shutdown(closeBy);
            }
        }
        Totals totals = new Totals();
        for (GatewayConnection c : connections) {
            c.addTo(totals);
        }
        for (FeedSubscriber s : subscribers) {
            s.addTo(totals);
        }
        return LoadReport.of(plan, runId, traderId(0), traderId(plan.connections() - 1), totals, scheduled,
                maxLateNanos);
    }

    private <E extends Endpoint> void connectAll(List<E> endpoints, java.net.URI uri, String what)
            throws InterruptedException {
        if (endpoints.isEmpty()) {
            return;
        }
        for (E e : endpoints) {
            e.connect();
        }
        long deadline = System.nanoTime() + plan.connectTimeout().toNanos();
        for (E e : endpoints) {
            if (!e.awaitOpen(deadline)) {
                String why = e.failure() != null ? e.failure()
                        : "no answer within " + DurationConverter.format(plan.connectTimeout());
                throw new LoadException("cannot connect to " + what + " at " + uri + ": " + why);
            }
        }
    }

    /**
     * Sends on a fixed schedule, order k at {@code t0 + k / rate}, round robin over the connections, whatever the
     * acks do. A connection at its outstanding cap holds the schedule back (the pacer waits for room); the order
     * then leaves late but its latency still counts from its intended time, so a slow server cannot hide behind
     * the load tool waiting for it (no coordinated omission).
     *
     * @return {orders scheduled in the measured window, how late the pacer sent at most (ns)}
     */
    private long[] pace(List<GatewayConnection> connections, long t0, long measureStart, long sendEnd) {
        double interval = 1e9 / plan.rate();
        int n = connections.size();
        long k = 0;
        long maxLate = 0;
        while (k < plan.maxOrders()) {
            long intended = t0 + (long) (k * interval);
            if (intended >= sendEnd) {
                break;
            }
            long now = System.nanoTime();
            if (now < intended) {
                LockSupport.parkNanos(intended - now);
                continue;
            }
            GatewayConnection c = connections.get((int) (k % n));
            if (c.trySend(intended)) {
                if (intended >= measureStart) {
                    maxLate = Math.max(maxLate, now - intended);
                }
                k++;
            } else if (!c.isUp()) {
                k++; // its share is lost, and shows as unsent
                if (connections.stream().noneMatch(Endpoint::isUp)) {
                    break;
                }
            } else if (now >= sendEnd) {
                break;
            } else {
                LockSupport.parkNanos(20_000); // at its cap: wait for acks
            }
        }
        long first = (long) Math.ceil((measureStart - t0) / interval);
        long end = Math.min((long) Math.ceil((sendEnd - t0) / interval), plan.maxOrders());
        return new long[] {Math.max(0, end - first), maxLate};
    }

    private static void waitUntil(long end, List<GatewayConnection> connections) {
        long now;
        while ((now = System.nanoTime()) < end) {
            if (connections.stream().noneMatch(Endpoint::isUp)) {
                return;
            }
            LockSupport.parkNanos(Math.min(end - now, TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }

    private static void drain(List<GatewayConnection> connections, long deadline) {
        while (System.nanoTime() < deadline) {
            boolean done = true;
            for (GatewayConnection c : connections) {
                if (c.outstanding() > 0 && c.isUp()) {
                    done = false;
                    break;
                }
            }
            if (done) {
                return;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private void say(String line) {
        if (progress != null) {
            progress.println("bourse load: " + line);
            progress.flush();
        }
    }
}
