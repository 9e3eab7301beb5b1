package org.bourse.load.relay;

import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bourse.cli.DurationConverter;
import org.bourse.load.LoadException;

/**
 * One relay benchmark: subscribers on the exchange's stream (the reference clock) and on the relay's feed, maybe
 * some that never read, then the exchange driven at a paced rate for warm-up + duration, a bounded wait for the
 * relay's subscribers to catch up, and the sums. It starts nothing: the exchange and the relay must be running.
 */
final class RelayBench {
    private static final long OUTCOME_MILLIS = 3_000;

    /** A checked set of settings. */
    record Plan(URI gateway, URI stream, URI relay, double eventsPerSecond, int subscribers, int directSubscribers,
                int stalled, Duration warmup, Duration duration, Duration connectTimeout, Duration drainTimeout) {

        double roundsPerSecond() {
            return eventsPerSecond / MarketDriver.EVENTS_PER_ROUND;
        }
    }

    private final Plan plan;
    private final PrintWriter progress;

    RelayBench(Plan plan, PrintWriter progress) {
        this.plan = plan;
        this.progress = progress;
    }

    RelayReport execute() throws InterruptedException {
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, plan.connectTimeout().toMillis());
        String runId = String.format("%06x", new SecureRandom().nextInt(1 << 24));
        List<FeedRecorder> direct = new ArrayList<>();
        List<FeedRecorder> relayed = new ArrayList<>();
        List<StalledSubscriber> stalled = new ArrayList<>();
        List<String> stalledOutcomes = new ArrayList<>();
        MarketDriver driver = new MarketDriver(plan.gateway(), runId, connectMillis);
        long measureStart;
        long measureEnd;
        long pacerLate;
        try {
            for (int i = 1; i <= plan.directSubscribers(); i++) {
                direct.add(new FeedRecorder(plan.stream(), "direct-" + i, connectMillis));
            }
            for (int i = 1; i <= plan.subscribers(); i++) {
                relayed.add(new FeedRecorder(plan.relay(), "relay-" + i, connectMillis));
            }
            say("subscribing: " + direct.size() + " to " + plan.stream() + ", " + relayed.size() + " to "
                    + plan.relay() + (plan.stalled() > 0 ? " (and " + plan.stalled() + " that never read)" : ""));
            long deadline = System.nanoTime() + plan.connectTimeout().toNanos();
            direct.forEach(FeedRecorder::connect);
            relayed.forEach(FeedRecorder::connect);
            awaitSnapshots(direct, deadline, "the exchange's stream");
            awaitSnapshots(relayed, deadline, "the relay");
            for (int i = 1; i <= plan.stalled(); i++) {
                stalled.add(StalledSubscriber.connect(plan.relay(), "stalled-" + i, connectMillis));
            }
            driver.connect(deadline);
            driver.placeDepth(System.nanoTime() + plan.connectTimeout().toNanos());

            say(String.format(java.util.Locale.ROOT, "driving %s at %,.0f events/s: warm-up %s, then measuring %s",
                    plan.gateway(), plan.eventsPerSecond(), DurationConverter.format(plan.warmup()),
                    DurationConverter.format(plan.duration())));
            long start = System.nanoTime();
            measureStart = start + plan.warmup().toNanos();
            measureEnd = measureStart + plan.duration().toNanos();
            pacerLate = driver.pace(plan.roundsPerSecond(), start, measureEnd);
            awaitCatchUp(direct, relayed, System.nanoTime() + plan.drainTimeout().toNanos());
            for (StalledSubscriber subscriber : stalled) {
                stalledOutcomes.add(subscriber.label() + ": " + subscriber.outcome(OUTCOME_MILLIS));
            }
        } finally {
            driver.close();
            direct.forEach(FeedRecorder::hangUp);
            relayed.forEach(FeedRecorder::hangUp);
            for (StalledSubscriber subscriber : stalled) {
                try {
                    subscriber.close();
                } catch (java.io.IOException e) {
                    // closing a socket the relay may have closed already
                }
            }
        }
        return RelayReport.of(plan, direct, relayed, stalledOutcomes, driver, pacerLate, measureStart, measureEnd);
    }

    private static void awaitSnapshots(List<FeedRecorder> recorders, long deadline, String what)
            throws InterruptedException {
        for (FeedRecorder recorder : recorders) {
            if (!recorder.awaitSnapshot(deadline)) {
                String why = recorder.status() != null ? recorder.status()
                        : recorder.failure() != null ? recorder.failure() : "no snapshot in time";
                throw new LoadException("cannot subscribe to " + what + " at " + recorder.getURI() + ": " + why);
            }
        }
    }

    /** Waits until every relay subscriber still connected has the last event a direct one got. */
    private static void awaitCatchUp(List<FeedRecorder> direct, List<FeedRecorder> relayed, long deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // the last events on their way to 9002
        long last = direct.stream().mapToLong(FeedRecorder::lastSeq).max().orElse(-1);
        while (System.nanoTime() < deadline
                && relayed.stream().anyMatch(r -> r.isOpen() && r.lastSeq() < last)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private void say(String line) {
        if (progress != null) {
            progress.println("bourse load: " + line);
            progress.flush();
        }
    }
}
