package org.bourse.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The outcome of one load run, as plain text for people or as one JSON object for scripts. */
record LoadReport(String target, LoadPlan.Mode mode, String modeDescription, int connections, int inFlight,
                  double rate, int maxOutstanding, String runId, String firstTrader, String lastTrader,
                  double warmupSeconds, double measuredSeconds, long warmupOrders, long sent, long acked,
                  long minAckedPerConnection, long maxAckedPerConnection, long accepted, Map<String, Long> rejectedByReason, long unacked, double drainSeconds, long errors,
                  String firstError, Percentiles latencyMicros, Paced paced, Feed feed) {

    /** A latency distribution; every value null when there were no samples. */
    record Percentiles(long count, Double p50, Double p90, Double p99, Double p999, Double max, Double mean) {

        static Percentiles of(Histogram h, double divisor) {
            if (h.getTotalCount() == 0) {
                return new Percentiles(0, null, null, null, null, null, null);
            }
            return new Percentiles(h.getTotalCount(), round(h.getValueAtPercentile(50) / divisor),
                    round(h.getValueAtPercentile(90) / divisor), round(h.getValueAtPercentile(99) / divisor),
                    round(h.getValueAtPercentile(99.9) / divisor), round(h.getMaxValue() / divisor),
                    round(h.getMean() / divisor));
        }
    }

    /** Paced mode: how well the schedule was kept. */
    record Paced(double targetRate, long scheduled, long unsent, double maxSendDelayMillis) {
    }

    /** The event-stream subscribers' view. {@code eventsPerSecond} is per subscriber. */
    record Feed(String uri, int subscribers, long eventsTotal, double eventsPerSecond, Percentiles lagMillis,
                long seqGaps, long missingEvents, long outOfOrder, long unsequenced, long snapshots) {
    }

    static LoadReport of(LoadPlan plan, String runId, String firstTrader, String lastTrader, LoadRun.Totals t,
                         long scheduled, long maxLateNanos) {
        double measured = plan.duration().toNanos() / 1e9;
        Paced paced = plan.mode() == LoadPlan.Mode.PACED
                ? new Paced(plan.rate(), scheduled, Math.max(0, scheduled - t.measuredSent), round(maxLateNanos / 1e6))
                : null;
        Feed feed = plan.subscribers() > 0
                ? new Feed(plan.feedUri().toString(), plan.subscribers(), t.feedEvents,
                        round(t.feedEvents / (double) plan.subscribers() / measured), Percentiles.of(t.feedLag, 1),
                        t.feedGaps, t.feedMissing, t.feedOutOfOrder, t.feedUnsequenced, t.feedSnapshots)
                : null;
        return new LoadReport(plan.uri().toString(), plan.mode(), plan.describeMode(), plan.connections(),
                plan.inFlight(), plan.rate(), plan.maxOutstanding(), runId, firstTrader, lastTrader,
                plan.warmup().toNanos() / 1e9, measured, t.warmupSent, t.measuredSent, t.acked,
                t.minAckedPerConnection == Long.MAX_VALUE ? 0 : t.minAckedPerConnection, t.maxAckedPerConnection,
                t.accepted,
                new LinkedHashMap<>(t.rejectReasons), t.unacked, plan.drainTimeout().toNanos() / 1e9, t.errors,
                t.firstError, Percentiles.of(t.latency, 1000), paced, feed);
    }

    long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    double ackedPerSecond() {
        return round(acked / measuredSeconds);
    }

    /** What went wrong, one line each; empty for a clean run. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (acked == 0) {
            problems.add("no order was acked in the measured window");
        }
        if (unacked > 0) {
            problems.add(unacked + " order" + (unacked == 1 ? "" : "s") + " got no ack within the "
                    + number(drainSeconds) + " s drain time after the run (dropped by the server, or replies stuck"
                    + " in its send queue)");
        }
        if (errors > 0) {
            problems.add(errors + " error" + (errors == 1 ? "" : "s") + ", the first: " + firstError);
        }
        return problems;
    }

    boolean ok() {
        return problems().isEmpty();
    }

    String toText() {
        StringBuilder b = new StringBuilder();
        line(b, "target", target);
        line(b, "mode", modeDescription);
        line(b, "connections", connections + (connections == 1 ? " (trader " + firstTrader + ")"
                : " (traders " + firstTrader + " .. " + lastTrader + ")"));
        line(b, "time", "warm-up " + number(warmupSeconds) + " s (excluded), measured " + number(measuredSeconds)
                + " s");
        line(b, "orders", count(sent) + " sent, " + count(acked) + " acked = " + number(ackedPerSecond())
                + " acked orders/s" + (connections > 1 ? " (per connection " + count(minAckedPerConnection) + " to "
                + count(maxAckedPerConnection) + " acked)" : ""));
        StringBuilder rejected = new StringBuilder(count(accepted) + " accepted, " + count(rejected()) + " rejected");
        if (!rejectedByReason.isEmpty()) {
            rejected.append(" (");
            String sep = "";
            for (Map.Entry<String, Long> e : rejectedByReason.entrySet()) {
                rejected.append(sep).append(e.getKey()).append(' ').append(count(e.getValue()));
                sep = ", ";
            }
            rejected.append(')');
        }
        line(b, "acks", rejected.toString());
        if (latencyMicros.count() > 0) {
            line(b, "ack latency", String.format(Locale.ROOT, "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s µs  (mean %s)",
                    number(latencyMicros.p50()), number(latencyMicros.p90()), number(latencyMicros.p99()),
                    number(latencyMicros.p999()), number(latencyMicros.max()), number(latencyMicros.mean())));
        } else {
            line(b, "ack latency", "no samples");
        }
        if (paced != null) {
            line(b, "schedule", count(paced.scheduled()) + " orders due in the measured window, "
                    + count(paced.unsent()) + " not sent in time; the pacer ran late by at most "
                    + number(paced.maxSendDelayMillis()) + " ms");
        }
        if (feed != null) {
            line(b, "feed", feed.subscribers() + " subscriber" + (feed.subscribers() == 1 ? "" : "s") + " on "
                    + feed.uri() + ": " + number(feed.eventsPerSecond()) + " events/s each ("
                    + count(feed.eventsTotal()) + " received in all)");
            if (feed.lagMillis().count() > 0) {
                line(b, "feed lag", String.format(Locale.ROOT, "p50 %s  p99 %s  max %s ms (receive time - timestamp)",
                        number(feed.lagMillis().p50()), number(feed.lagMillis().p99()),
                        number(feed.lagMillis().max())));
            } else {
                line(b, "feed lag", "no timestamped events");
            }
            line(b, "feed seq", feed.seqGaps() == 0 && feed.outOfOrder() == 0
                    ? "no gaps" + (feed.unsequenced() > 0 ? " (" + count(feed.unsequenced()) + " events had no seq)" : "")
                    : count(feed.seqGaps()) + (feed.seqGaps() == 1 ? " gap (" : " gaps (")
                    + count(feed.missingEvents()) + " events missing), "
                    + count(feed.outOfOrder()) + " out of order");
        }
        line(b, "unacked", count(unacked));
        line(b, "errors", errors == 0 ? "0" : count(errors) + " (first: " + firstError + ")");
        return b.toString();
    }

    ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("target", target);
        o.put("mode", mode.key);
        o.put("connections", connections);
        if (mode == LoadPlan.Mode.PACED) {
            o.put("rate", decimal(rate));
            o.put("max_outstanding", maxOutstanding);
        } else {
            o.put("in_flight", inFlight);
        }
        o.put("run_id", runId);
        o.put("warmup_s", decimal(warmupSeconds));
        o.put("measured_s", decimal(measuredSeconds));
        o.put("orders_sent", sent);
        o.put("acked", acked);
        o.put("acked_per_s", decimal(ackedPerSecond()));
        ObjectNode perConnection = o.putObject("acked_per_connection");
        perConnection.put("min", minAckedPerConnection);
        perConnection.put("max", maxAckedPerConnection);
        o.put("accepted", accepted);
        o.put("rejected", rejected());
        ObjectNode reasons = o.putObject("rejected_by_reason");
        rejectedByReason.forEach(reasons::put);
        o.set("latency_us", percentiles(latencyMicros, true));
        if (paced != null) {
            ObjectNode p = o.putObject("schedule");
            p.put("scheduled", paced.scheduled());
            p.put("unsent", paced.unsent());
            p.put("max_send_delay_ms", decimal(paced.maxSendDelayMillis()));
        }
        if (feed != null) {
            ObjectNode fe = o.putObject("feed");
            fe.put("uri", feed.uri());
            fe.put("subscribers", feed.subscribers());
            fe.put("events", feed.eventsTotal());
            fe.put("events_per_s", decimal(feed.eventsPerSecond()));
            fe.set("lag_ms", percentiles(feed.lagMillis(), false));
            fe.put("seq_gaps", feed.seqGaps());
            fe.put("missing_events", feed.missingEvents());
            fe.put("out_of_order", feed.outOfOrder());
            fe.put("unsequenced", feed.unsequenced());
        }
        o.put("unacked", unacked);
        o.put("errors", errors);
        o.put("first_error", firstError);
        o.put("ok", ok());
        return o;
    }

    private static ObjectNode percentiles(Percentiles p, boolean full) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("count", p.count());
        o.put("p50", decimal(p.p50()));
        if (full) {
            o.put("p90", decimal(p.p90()));
        }
        o.put("p99", decimal(p.p99()));
        if (full) {
            o.put("p99_9", decimal(p.p999()));
        }
        o.put("max", decimal(p.max()));
        o.put("mean", decimal(p.mean()));
        return o;
    }

    private static void line(StringBuilder b, String label, String text) {
        b.append(String.format(Locale.ROOT, "  %-12s %s%n", label, text));
    }

    static double round(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_EVEN).doubleValue() : 0;
    }

    /** An exact JSON decimal with at most one decimal, or null. */
    static BigDecimal decimal(Double value) {
        if (value == null || !Double.isFinite(value)) {
            return null;
        }
        BigDecimal d = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** 12,345.6 or 12,345: grouped, at most one decimal. */
    static String number(Double value) {
        if (value == null) {
            return "-";
        }
        BigDecimal d = decimal(value);
        return d.scale() == 0 ? String.format(Locale.ROOT, "%,d", d.longValueExact())
                : String.format(Locale.ROOT, "%,.1f", d);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
