package org.bourse.load;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bourse.cli.DurationConverter;
import org.bourse.cli.LogFormatOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code load ab}: the same load against several gateways that differ in one setting (the journal off, or on with
 * each fsync policy, say), taking turns round after round so that drift in the machine's speed hits them all
 * alike, and one table of medians with each target's ratio to the first.
 */
@Command(name = "ab", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the same load against several named gateways in turn, for each number of orders in flight, "
                    + "--rounds times round-robin, and prints the median acked orders/s and p99 ack latency of each, "
                    + "with its ratio to the first target: what a setting costs, measured in one run.",
            "The load tool primes itself first with a short unmeasured run against the first target."},
        footer = {
            "",
            "Examples:",
            "  load ab --target off=ws://127.0.0.1:29001 --target journal=ws://127.0.0.1:29011",
            "  load ab -t off=ws://127.0.0.1:29001 -t batch=ws://127.0.0.1:29021 --windows 1,16 --rounds 3 -d 10s",
            "",
            "Exit status: 0 every run clean; 1 could not run; 2 bad options; 3 a run had errors or unacked orders."})
final class AbCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-t", "--target"}, required = true, paramLabel = "NAME=URI",
            description = "A gateway to load, with the name the table shows; give two or more. The first is the "
                    + "reference the others are divided by.")
    Map<String, URI> targets = new LinkedHashMap<>();

    @Option(names = "--windows", split = ",", defaultValue = "1,16", paramLabel = "W[,W...]",
            description = "Orders in flight per connection, one measured mode each: 1 = closed loop, more = "
                    + "pipelined (default: ${DEFAULT-VALUE}).")
    List<Integer> windows;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
            description = "Runs of each target per mode, taken in turns (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--priming", defaultValue = "3s", paramLabel = "TIME",
            description = "Unmeasured run against the first target first; 0 skips it (default: ${DEFAULT-VALUE}).")
    Duration priming;

    @Mixin
    LogFormatOption logFormat;

    @Mixin
    LoadOptions options;

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cmd = spec.commandLine();
        if (targets.size() < 2) {
            throw new CommandLine.ParameterException(cmd, "give two or more --target NAME=URI to compare");
        }
        if (options.inFlight != null || options.rate != null || options.feedUri != null) {
            throw new CommandLine.ParameterException(cmd, "ab takes its modes from --windows: drop --in-flight, "
                    + "--rate and --feed-uri");
        }
        if (rounds < 1 || windows.stream().anyMatch(w -> w < 1 || w > 65_536)) {
            throw new CommandLine.ParameterException(cmd, "--rounds must be at least 1 and each of --windows between "
                    + "1 and 65536");
        }
        List<String> names = new ArrayList<>(targets.keySet());
        for (String name : names) {
            LoadOptions.checkUri(cmd, targets.get(name), "--target " + name);
        }
        PrintWriter progress = options.quiet ? null : cmd.getErr();
        LoadPlan base = options.plan(cmd, targets.get(names.get(0)));
        if (!priming.isZero()) {
            progress(progress, "priming the load tool against " + names.get(0) + " for "
                    + DurationConverter.format(priming) + " (not measured)");
            new LoadRun(base.primer(priming), null).execute();
        }
        List<String> problems = new ArrayList<>();
        List<String[]> table = new ArrayList<>();
        for (int window : windows) {
            Map<String, List<LoadReport>> reports = new LinkedHashMap<>();
            names.forEach(name -> reports.put(name, new ArrayList<>()));
            for (int round = 1; round <= rounds; round++) {
                for (String name : names) {
                    LoadPlan plan = withWindow(base.against(targets.get(name), false), window);
                    progress(progress, name + ", round " + round + " of " + rounds + ": " + plan.summary());
                    LoadReport report = new LoadRun(plan, null).execute();
                    reports.get(name).add(report);
                    report.problems().forEach(p -> problems.add(name + ": " + p));
                }
            }
            double reference = median(reports.get(names.get(0)), LoadReport::ackedPerSecond);
            double referenceP99 = median(reports.get(names.get(0)), AbCommand::p99);
            for (String name : names) {
                List<LoadReport> runs = reports.get(name);
                double acked = median(runs, LoadReport::ackedPerSecond);
                double p99 = median(runs, AbCommand::p99);
                StringBuilder each = new StringBuilder();
                for (LoadReport run : runs) {
                    each.append(each.length() == 0 ? "" : " ").append(LoadReport.number(run.ackedPerSecond()));
                }
                table.add(new String[] {window == 1 ? "closed loop" : window + " in flight", name,
                    LoadReport.number(acked), each.toString(), String.format(Locale.ROOT, "%.2f", p99 / 1000),
                    name.equals(names.get(0)) ? "" : String.format(Locale.ROOT, "%.3f", acked / reference),
                    name.equals(names.get(0)) ? "" : String.format(Locale.ROOT, "%.2f", p99 / referenceP99)});
            }
        }
        print(cmd.getOut(), names.get(0), table);
        return LoadMain.finish(cmd, problems);
    }

    private static LoadPlan withWindow(LoadPlan plan, int window) {
        return new LoadPlan(plan.uri(), plan.connections(), plan.warmup(), plan.duration(), window, 0,
                plan.maxOutstanding(), null, 0, plan.connectTimeout(), plan.drainTimeout(), plan.maxOrders());
    }

    private static double p99(LoadReport report) {
        Double p99 = report.latencyMicros().p99();
        return p99 == null ? Double.NaN : p99;
    }

    private static double median(List<LoadReport> runs, java.util.function.ToDoubleFunction<LoadReport> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static void print(PrintWriter out, String reference, List<String[]> table) {
        String[] header = {"mode", "target", "acked/s (median)", "acked/s (each run)", "p99 ms (median)",
            "acked/s ÷ " + reference, "p99 ÷ " + reference};
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] row : table) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        printRow(out, header, width);
        for (String[] row : table) {
            printRow(out, row, width);
        }
        out.flush();
    }

    private static void printRow(PrintWriter out, String[] row, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            line.append(String.format(Locale.ROOT, i < 2 || i == 3 ? "%-" + width[i] + "s  " : "%" + width[i] + "s  ",
                    row[i]));
        }
        out.println(line.toString().stripTrailing());
    }

    private static void progress(PrintWriter progress, String line) {
        if (progress != null) {
            progress.println("bourse load: " + line);
            progress.flush();
        }
    }
}
