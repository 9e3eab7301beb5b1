package org.bourse.bench;

import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/** Formats the final table of the benchmark run. */
final class Report {

    private Report() {
    }

    static String table(Map<EngineKind, RunResult> throughputs, Map<EngineKind, LatencyPass.Result> latencies) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-14s %26s %9s %9s %9s %9s %11s%n", "engine",
                "commands/s (99.9% CI)", "p50 ns", "p90 ns", "p99 ns", "p99.9 ns", "max ns"));
        long timerOverhead = -1;
        for (EngineKind kind : EngineKind.values()) {
            RunResult run = throughputs.get(kind);
            LatencyPass.Result lat = latencies.get(kind);
            if (run == null && lat == null) {
                continue;
            }
            String rate = run == null ? "n/a" : Double.isNaN(run.getPrimaryResult().getScoreError())
                    ? String.format(Locale.ROOT, "%,.0f", run.getPrimaryResult().getScore())
                    : String.format(Locale.ROOT, "%,.0f ± %,.0f", run.getPrimaryResult().getScore(),
                            run.getPrimaryResult().getScoreError());
            out.append(String.format(Locale.ROOT, "%-14s %26s %9s %9s %9s %9s %11s%n", kind.label(), rate,
                    lat == null ? "n/a" : lat.p50(), lat == null ? "n/a" : lat.p90(),
                    lat == null ? "n/a" : lat.p99(), lat == null ? "n/a" : lat.p999(),
                    lat == null ? "n/a" : lat.max()));
            if (lat != null) {
                timerOverhead = lat.timerOverheadNanos();
            }
        }
        if (timerOverhead >= 0) {
            out.append(String.format(Locale.ROOT,
                    "(latencies are per command and include ~%d ns of System.nanoTime overhead)%n", timerOverhead));
        }

        RunResult bourse = throughputs.get(EngineKind.BOURSE);
        RunResult core = throughputs.get(EngineKind.EXCHANGE_CORE);
        if (bourse != null && core != null) {
            out.append(String.format(Locale.ROOT, "Throughput bourse / exchange-core: %.2fx%n",
                    bourse.getPrimaryResult().getScore() / core.getPrimaryResult().getScore()));
        }
        LatencyPass.Result bourseLat = latencies.get(EngineKind.BOURSE);
        LatencyPass.Result coreLat = latencies.get(EngineKind.EXCHANGE_CORE);
        if (bourseLat != null && coreLat != null) {
            out.append(String.format(Locale.ROOT,
                    "Latency bourse / exchange-core (lower is better): p50 %.2fx, p99 %.2fx, p99.9 %.2fx%n",
                    ratio(bourseLat.p50(), coreLat.p50()), ratio(bourseLat.p99(), coreLat.p99()),
                    ratio(bourseLat.p999(), coreLat.p999())));
        }
        return out.toString();
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
