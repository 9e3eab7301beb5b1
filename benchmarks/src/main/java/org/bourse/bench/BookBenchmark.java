package org.bourse.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark run: checks that the engines agree, measures their throughput with JMH and their per-command
 * latency with HdrHistogram, and prints one table.
 *
 * <p>Arguments starting with {@code --} are this program's; everything else goes to JMH unchanged and overrides
 * the defaults below (for example {@code -wi 2 -i 3 -f 1}, {@code -prof gc}, {@code -p seed=7}).
 */
public final class BookBenchmark {

    // JMH defaults sized for a 2-core machine: about 30 s per engine per fork, ~3.5 minutes for the whole run.
    private static final int WARMUP_ITERATIONS = 5;
    private static final int MEASUREMENT_ITERATIONS = 8;
    private static final TimeValue ITERATION_TIME = TimeValue.seconds(2);
    private static final int FORKS = 2;
    private static final String[] JVM_ARGS = {"-Xms1g", "-Xmx1g"};

    // Fewer than ~30 untimed replays left Bourse's timed loop not fully compiled (p50 390 ns instead of 80 ns).
    private static final int LATENCY_WARMUP_REPLAYS = 50;
    private static final int LATENCY_MEASURED_REPLAYS = 20;

    private BookBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean throughput = true;
        boolean latency = true;
        int latencyWarmup = LATENCY_WARMUP_REPLAYS;
        int latencyReplays = LATENCY_MEASURED_REPLAYS;
        List<String> jmhArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--no-throughput")) {
                throughput = false;
            } else if (arg.equals("--no-latency")) {
                latency = false;
            } else if (arg.startsWith("--latency-warmup=")) {
                latencyWarmup = Integer.parseInt(arg.substring("--latency-warmup=".length()));
            } else if (arg.startsWith("--latency-replays=")) {
                latencyReplays = Integer.parseInt(arg.substring("--latency-replays=".length()));
            } else if (arg.equals("--help")) {
                printUsage();
                return;
            } else {
                jmhArgs.add(arg);
            }
        }
        CommandLineOptions jmhOptions = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        if (jmhOptions.shouldHelp()) {
            printUsage();
            jmhOptions.showHelp();
            return;
        }
        long seed = jmhOptions.getParameter("seed").hasValue()
                ? Long.parseLong(jmhOptions.getParameter("seed").get().iterator().next())
                : WorkloadGenerator.DEFAULT_SEED;

        Workload workload = WorkloadGenerator.generate(seed, BookThroughputBenchmark.COMMANDS);
        System.out.println("Workload: " + workload.describe());
        CorrectnessCheck.Outcome check = CorrectnessCheck.run(workload);
        if (!check.passed()) {
            System.err.println("CORRECTNESS CHECK FAILED, not benchmarking engines that disagree:");
            System.err.println(check.summary());
            System.exit(1);
        }
        System.out.println("Correctness check: " + check.summary());

        Map<EngineKind, RunResult> throughputs = new EnumMap<>(EngineKind.class);
        if (throughput) {
            Collection<RunResult> results = new Runner(jmhOptions(jmhOptions)).run();
            for (RunResult result : results) {
                String benchmark = result.getParams().getBenchmark();
                String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                for (EngineKind kind : EngineKind.values()) {
                    if (kind.benchmarkMethod().equals(method)) {
                        throughputs.put(kind, result);
                    }
                }
            }
        }

        Map<EngineKind, LatencyPass.Result> latencies = new EnumMap<>(EngineKind.class);
        if (latency) {
            List<String> jvmArgs = jmhOptions.getJvmArgs().hasValue()
                    ? new ArrayList<>(jmhOptions.getJvmArgs().get()) : List.of(JVM_ARGS);
            for (EngineKind kind : EngineKind.values()) {
                System.out.println("Latency pass: " + kind.label() + " (" + latencyWarmup + " warm-up + "
                        + latencyReplays + " measured replays of the stream)");
                latencies.put(kind, LatencyPass.runForked(kind, seed, BookThroughputBenchmark.COMMANDS,
                        latencyWarmup, latencyReplays, jvmArgs));
            }
        }

        if (!throughputs.isEmpty() || !latencies.isEmpty()) {
            System.out.println();
            System.out.println("Workload: " + workload.describe());
            System.out.print(Report.table(throughputs, latencies));
        }
    }

    private static org.openjdk.jmh.runner.options.Options jmhOptions(CommandLineOptions given) {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(given);
        if (given.getIncludes().isEmpty()) {
            builder.include(BookThroughputBenchmark.class.getName());
        }
        if (!given.getWarmupIterations().hasValue()) {
            builder.warmupIterations(WARMUP_ITERATIONS);
        }
        if (!given.getWarmupTime().hasValue()) {
            builder.warmupTime(ITERATION_TIME);
        }
        if (!given.getMeasurementIterations().hasValue()) {
            builder.measurementIterations(MEASUREMENT_ITERATIONS);
        }
        if (!given.getMeasurementTime().hasValue()) {
            builder.measurementTime(ITERATION_TIME);
        }
        if (!given.getForkCount().hasValue()) {
            builder.forks(FORKS);
        }
        if (!given.getJvmArgs().hasValue()) {
            builder.jvmArgs(JVM_ARGS);
        }
        if (!given.shouldFailOnError().hasValue()) {
            builder.shouldFailOnError(true);
        }
        return builder.build();
    }

    private static void printUsage() {
        System.out.println(String.format(Locale.ROOT, """
                Usage: java -jar benchmarks/target/benchmarks.jar [--no-throughput] [--no-latency]
                         [--latency-warmup=N] [--latency-replays=N] [JMH options]
                Defaults: -wi %d -w %s -i %d -r %s -f %d -jvmArgs "%s"; latency: %d warm-up + %d measured replays.
                JMH options (for example -f 1, -prof gc, -p seed=7) override these defaults.""",
                WARMUP_ITERATIONS, ITERATION_TIME, MEASUREMENT_ITERATIONS, ITERATION_TIME, FORKS,
                String.join(" ", JVM_ARGS), LATENCY_WARMUP_REPLAYS, LATENCY_MEASURED_REPLAYS));
    }
}
