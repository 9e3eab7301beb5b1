package org.bourse.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bourse.cli.DurationConverter;
import org.bourse.cli.LogFormatOption;
import org.bourse.cli.WebSocketUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the same load first against a baseline (a trivial server: 'load trivial-server') and then against "
                    + "the exchange, prints both reports and the ratio exchange / baseline of the acked orders/s and "
                    + "of the p99 ack latency: what the exchange itself costs, on this machine.",
            "The load tool first primes itself with a short unmeasured run against the baseline, so that both are "
                    + "measured by an equally warm client. The feed options apply to the exchange run only."},
        footer = {
            "",
            "Examples:",
            "  load trivial-server --port 9101 &",
            "  load compare --exchange-uri ws://127.0.0.1:9001 --baseline-uri ws://127.0.0.1:9101",
            "  load compare -x ws://127.0.0.1:9001 -b ws://127.0.0.1:9101 --in-flight 16 --json",
            "",
            "Exit status: 0 both runs clean; 1 could not run; 2 bad options; 3 a run had errors or unacked orders."})
final class CompareCommand implements Callable<Integer> {


    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-x", "--exchange-uri"}, required = true, paramLabel = "URI",
            converter = WebSocketUri.class,
            description = "The exchange's order gateway, e.g. ws://127.0.0.1:9001.")
    URI exchangeUri;

    @Option(names = {"-b", "--baseline-uri"}, required = true, paramLabel = "URI",
            converter = WebSocketUri.class,
            description = "The trivial server, e.g. ws://127.0.0.1:9101.")
    URI baselineUri;

    @Option(names = "--priming", defaultValue = "3s", paramLabel = "TIME",
            description = "Unmeasured run against the baseline first, to warm the load tool itself up; 0 skips it "
                    + "(default: ${DEFAULT-VALUE}, or --warmup if longer).")
    Duration priming;

    @Mixin
    LogFormatOption logFormat;

    @Mixin
    LoadOptions options;

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cmd = spec.commandLine();
        LoadPlan plan = options.plan(cmd, exchangeUri);
        PrintWriter progress = options.quiet ? null : cmd.getErr();
        // The load tool's own JIT compiler warms up during its first run: without a throwaway run first, the
        // baseline would be measured by a colder client than the exchange (two identical servers then differ by
        // half). The servers' own warm-up is each run's --warmup.
        if (!priming.isZero()) {
            Duration length = plan.warmup().compareTo(priming) > 0 ? plan.warmup() : priming;
            if (progress != null) {
                progress.println("bourse load: priming the load tool against the baseline for "
                        + DurationConverter.format(length) + " (not measured)");
            }
            new LoadRun(plan.against(baselineUri, false).primer(length), null).execute();
        }
        if (progress != null) {
            progress.println("bourse load: baseline first");
        }
        LoadReport baseline = new LoadRun(plan.against(baselineUri, false), progress).execute();
        if (progress != null) {
            progress.println("bourse load: now the exchange");
        }
        LoadReport exchange = new LoadRun(plan, progress).execute();
        Double throughput = ratio(exchange.ackedPerSecond(), baseline.ackedPerSecond());
        Double p99 = ratio(exchange.latencyMicros().p99(), baseline.latencyMicros().p99());
        PrintWriter out = cmd.getOut();
        if (options.json) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.set("baseline", baseline.toJson());
            o.set("exchange", exchange.toJson());
            ObjectNode r = o.putObject("ratio");
            r.put("acked_per_s", ratio2(throughput));
            r.put("latency_p99", ratio2(p99));
            out.println(o.toString());
        } else {
            out.print("baseline\n" + baseline.toText() + "\nexchange\n" + exchange.toText() + "\n");
            out.printf("exchange / baseline%n  %-12s %s (%s vs %s acked orders/s)%n  %-12s %s (%s vs %s µs)%n",
                    "throughput", text(throughput), LoadReport.number(exchange.ackedPerSecond()),
                    LoadReport.number(baseline.ackedPerSecond()), "p99 latency", text(p99),
                    LoadReport.number(exchange.latencyMicros().p99()),
                    LoadReport.number(baseline.latencyMicros().p99()));
        }
        out.flush();
        List<String> problems = new ArrayList<>();
        baseline.problems().forEach(p -> problems.add("baseline: " + p));
        exchange.problems().forEach(p -> problems.add("exchange: " + p));
        return LoadMain.finish(cmd, problems);
    }

    private static Double ratio(Double a, Double b) {
        return a == null || b == null || b == 0 ? null : a / b;
    }

    private static java.math.BigDecimal ratio2(Double r) {
        return r == null ? null : java.math.BigDecimal.valueOf(r).setScale(3, java.math.RoundingMode.HALF_EVEN);
    }

    private static String text(Double r) {
        return r == null ? "-" : String.format(java.util.Locale.ROOT, "%.3f", r);
    }
}
