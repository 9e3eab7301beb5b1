package org.bourse.load.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.bourse.cli.DurationConverter;

/**
 * What a relay benchmark measured, per subscriber: the events of the measured window it received, missed and got
 * out of order, its resyncs, and how much later than the first direct subscriber each event reached it (for the
 * relay's subscribers: the latency the relay adds; for the direct ones: the noise of the measurement itself).
 * The measured window holds the events that first reached a direct subscriber between the end of the warm-up and
 * the end of the run.
 */
record RelayReport(RelayBench.Plan plan, long windowEvents, long firstSeq, long lastSeq, List<Row> direct,
                   List<Row> relayed, Row allRelayed, List<String> stalled, long roundsSent, long roundsTaken,
                   long refused, String firstRefusal, long pacerLateNanos) {

    /** The target the relay is held to: what it adds, at the 99th percentile. */
    static final long TARGET_P99_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** One subscriber's figures; {@code delay} in ns. */
    record Row(String label, long received, long missing, long gaps, long outOfOrder, long resyncs,
               Histogram delay, String closedBy) {
    }

    static RelayReport of(RelayBench.Plan plan, List<FeedRecorder> direct, List<FeedRecorder> relayed,
                          List<String> stalled, MarketDriver driver, long pacerLateNanos, long measureStart,
                          long measureEnd) {
        long from = direct.stream().mapToLong(FeedRecorder::firstSeq).filter(s -> s >= 0).min().orElse(0);
        long to = direct.stream().mapToLong(FeedRecorder::lastSeq).max().orElse(-1);
        // the reference: when each event of the window first reached this process, on the exchange's own stream
        List<Long> window = new ArrayList<>();
        List<Long> reference = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            long first = Long.MAX_VALUE;
            for (FeedRecorder recorder : direct) {
                long arrival = recorder.arrival(seq);
                if (arrival != FeedRecorder.ABSENT) {
                    first = Math.min(first, arrival);
                }
            }
            if (first != Long.MAX_VALUE && first >= measureStart && first < measureEnd) {
                window.add(seq);
                reference.add(first);
            }
        }
        List<Row> directRows = new ArrayList<>();
        direct.forEach(r -> directRows.add(row(r, window, reference)));
        List<Row> relayRows = new ArrayList<>();
        relayed.forEach(r -> relayRows.add(row(r, window, reference)));
        Histogram all = new Histogram(HIGHEST_NANOS, 3);
        long received = 0;
        long missing = 0;
        long gaps = 0;
        long outOfOrder = 0;
        long resyncs = 0;
        for (Row row : relayRows) {
            all.add(row.delay());
            received += row.received();
            missing += row.missing();
            gaps += row.gaps();
            outOfOrder += row.outOfOrder();
            resyncs += row.resyncs();
        }
        Row allRelayed = new Row("all " + relayRows.size(), received, missing, gaps, outOfOrder, resyncs, all, null);
        return new RelayReport(plan, window.size(), window.isEmpty() ? 0 : window.get(0),
                window.isEmpty() ? 0 : window.get(window.size() - 1), directRows, relayRows, allRelayed, stalled,
                driver.roundsSent(), driver.roundsTaken(), driver.refused(), driver.firstRefusal(), pacerLateNanos);
    }

    private static Row row(FeedRecorder recorder, List<Long> window, List<Long> reference) {
        Histogram delay = new Histogram(HIGHEST_NANOS, 3);
        long received = 0;
        for (int i = 0; i < window.size(); i++) {
            long arrival = recorder.arrival(window.get(i));
            if (arrival != FeedRecorder.ABSENT) {
                received++;
                // the same clock: a relayed event cannot arrive first, but a direct subscriber's thread can be late
                delay.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, arrival - reference.get(i))));
            }
        }
        return new Row(recorder.label(), received, window.size() - received, recorder.gaps(), recorder.outOfOrder(),
                recorder.resyncs(), delay, recorder.closedBy());
    }

    /** What went wrong, one line each: the run measured something false, or the relay lost events. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (windowEvents == 0) {
            problems.add("no event reached the direct subscribers in the measured window (is the exchange "
                    + "publishing on " + plan.stream() + "?)");
        }
        for (Row row : concat(direct, relayed)) {
            if (row.missing() > 0 || row.gaps() > 0 || row.outOfOrder() > 0) {
                problems.add(row.label() + " missed " + row.missing() + " of the " + windowEvents
                        + " events of the window (" + row.gaps() + " gaps, " + row.outOfOrder() + " out of order)");
            }
            if (row.closedBy() != null) {
                problems.add(row.label() + " was " + row.closedBy());
            }
        }
        return problems;
    }

    String toText() {
        StringBuilder b = new StringBuilder();
        line(b, "exchange", String.format(Locale.ROOT, "%s driven at %,.0f events/s (%,.0f rounds/s: a resting order,"
                + " then an IOC that takes it)", plan.gateway(), plan.eventsPerSecond(), plan.roundsPerSecond()));
        line(b, "time", "warm-up " + DurationConverter.format(plan.warmup()) + " (excluded), measured "
                + DurationConverter.format(plan.duration()));
        double seconds = plan.duration().toNanos() / 1e9;
        line(b, "stream", String.format(Locale.ROOT, "%,d events in the measured window = %,.1f events/s "
                + "(seq %,d .. %,d) on %s", windowEvents, windowEvents / seconds, firstSeq, lastSeq, plan.stream()));
        line(b, "latency", "arrival via " + plan.relay() + " minus first arrival on a direct subscriber to "
                + plan.stream() + " (this process, one clock)");
        b.append(String.format(Locale.ROOT, "%n  %-12s %10s %8s %5s %7s %9s %9s %9s %9s%n", "subscriber", "events",
                "missing", "gaps", "resyncs", "p50 µs", "p99 µs", "p99.9 µs", "max µs"));
        concat(direct, relayed).forEach(row -> row(b, row));
        if (relayed.size() > 1) {
            row(b, allRelayed);
        }
        for (String outcome : stalled) {
            b.append(String.format(Locale.ROOT, "  %s%n", outcome));
        }
        b.append(System.lineSeparator());
        line(b, "driver", String.format(Locale.ROOT, "%,d rounds started (the pacer at worst %.1f ms late), %,d taken,"
                + " %,d orders refused%s", roundsSent, pacerLateNanos / 1e6, roundsTaken, refused,
                firstRefusal == null ? "" : " (the first: " + firstRefusal + ")"));
        long p99 = allRelayed.delay().getTotalCount() == 0 ? -1 : allRelayed.delay().getValueAtPercentile(99);
        line(b, "target", String.format(Locale.ROOT, "relay-added p99 %s ≤ 5 ms: %s; every event to every relay "
                + "subscriber: %s", p99 < 0 ? "-" : String.format(Locale.ROOT, "%.2f ms", p99 / 1e6),
                p99 >= 0 && p99 <= TARGET_P99_NANOS ? "met" : "missed",
                allRelayed.missing() == 0 && allRelayed.gaps() == 0 ? "yes" : "no (" + allRelayed.missing()
                        + " missed)"));
        return b.toString();
    }

    private static void row(StringBuilder b, Row row) {
        Histogram h = row.delay();
        b.append(String.format(Locale.ROOT, "  %-12s %,10d %,8d %,5d %,7d %9s %9s %9s %9s%s%n", row.label(),
                row.received(), row.missing(), row.gaps(), row.resyncs(), micros(h, 50), micros(h, 99),
                micros(h, 99.9), micros(h, 100), row.closedBy() == null ? "" : "  " + row.closedBy()));
    }

    private static String micros(Histogram h, double percentile) {
        if (h.getTotalCount() == 0) {
            return "-";
        }
        long nanos = percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile);
        return String.format(Locale.ROOT, "%,.1f", nanos / 1e3);
    }

    private static List<Row> concat(List<Row> a, List<Row> b) {
        List<Row> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void line(StringBuilder b, String label, String text) {
        b.append(String.format(Locale.ROOT, "  %-12s %s%n", label, text));
    }
}
