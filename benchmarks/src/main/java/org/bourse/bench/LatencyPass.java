package org.bourse.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Per-command latency of one engine: every command of the stream is timed with {@link System#nanoTime()} into
 * an HdrHistogram, after enough untimed replays for the JIT to have compiled the timed loop itself. The figures
 * include the cost of the two clock reads, which {@link Result#timerOverheadNanos} estimates.
 *
 * <p>{@link #runForked} measures each engine in a JVM of its own, as JMH does, so that one engine's JIT profile
 * cannot slow another's.
 */
public final class LatencyPass {

    /** Longer samples are recorded as this much: a histogram has a fixed range. */
    static final long MAX_RECORDED_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final String RESULT_PREFIX = "LATENCY-RESULT ";

    /** Latency percentiles in nanoseconds over {@code count} commands. */
    public record Result(String engine, long count, long p50, long p90, long p99, long p999, long max, double mean,
                         long timerOverheadNanos) {

        String encode() {
            return String.format(Locale.ROOT, "%s%s %d %d %d %d %d %d %.1f %d", RESULT_PREFIX, engine, count, p50, p90,
                    p99, p999, max, mean, timerOverheadNanos);
        }

        static Result decode(String line) {
            String[] f = line.substring(RESULT_PREFIX.length()).trim().split(" ");
            return new Result(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Double.parseDouble(f[7]),
                    Long.parseLong(f[8]));
        }
    }

    private LatencyPass() {
    }

    /** Measures {@code kind} in this JVM. */
    public static Result measure(EngineKind kind, Workload workload, int warmupReplays, int measuredReplays) {
        EngineUnderTest engine = kind.create(new TradeChecksum());
        Histogram latencies = new Histogram(MAX_RECORDED_NANOS, 3);
        engine.run(workload.preload());
        for (int i = 0; i < warmupReplays; i++) {
            replayTimed(engine, workload, latencies);
        }
        latencies.reset();
        System.gc();
        for (int i = 0; i < measuredReplays; i++) {
            replayTimed(engine, workload, latencies);
        }
        if (engine.missedCancels() != 0) {
            throw new IllegalStateException(engine.name() + ": " + engine.missedCancels() + " cancels missed");
        }
        return new Result(kind.label(), latencies.getTotalCount(), latencies.getValueAtPercentile(50),
                latencies.getValueAtPercentile(90), latencies.getValueAtPercentile(99),
                latencies.getValueAtPercentile(99.9), latencies.getMaxValue(), latencies.getMean(), timerOverhead());
    }

    /** Replays the stream timed, then brings the book back to its starting state (untimed). */
    private static void replayTimed(EngineUnderTest engine, Workload workload, Histogram latencies) {
        engine.runTimed(workload.stream(), latencies);
        engine.reset(workload);
    }

    /** The median cost of an empty timed section: two back-to-back clock reads. */
    private static long timerOverhead() {
        Histogram h = new Histogram(MAX_RECORDED_NANOS, 3);
        for (int i = 0; i < 2_000_000; i++) {
            long start = System.nanoTime();
            h.recordValue(Math.min(System.nanoTime() - start, MAX_RECORDED_NANOS));
        }
        return h.getValueAtPercentile(50);
    }

    /**
     * Measures {@code kind} in a fresh JVM started with {@code jvmArgs}, on the same class path as this one.
     */
    public static Result runForked(EngineKind kind, long seed, int commands, int warmupReplays, int measuredReplays,
                                   List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LatencyPass.class.getName());
        command.add(kind.name());
        command.add(Long.toString(seed));
        command.add(Integer.toString(commands));
        command.add(Integer.toString(warmupReplays));
        command.add(Integer.toString(measuredReplays));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Result result = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(RESULT_PREFIX)) {
                    result = Result.decode(line);
                } else {
                    System.out.println(line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException("latency pass of " + kind.label() + " failed (exit code " + exit + ")");
        }
        return result;
    }

    /** Entry point of the forked JVM: {@code ENGINE SEED COMMANDS WARMUP_REPLAYS MEASURED_REPLAYS}. */
    public static void main(String[] args) {
        EngineKind kind = EngineKind.of(args[0]);
        Workload workload = WorkloadGenerator.generate(Long.parseLong(args[1]), Integer.parseInt(args[2]));
        Result result = measure(kind, workload, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        System.out.println(result.encode());
    }
}
