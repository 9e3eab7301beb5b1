package org.bourse.tournament;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end of a tournament (or of a merge): the files written, the best and worst rounds kept with their battle
 * reports, the tournament report, and on the terminal the standings with their confidence intervals, the verdict,
 * and what the user should know (excluded rounds, failing strategies, a stop).
 */
final class Conclusion {
    static final String ROUNDS_FOLDER = "rounds";

    /** Puts round {@code round}'s run folder, battle report included, at {@code folder}. */
    interface KeptRound {
        void keep(long round, Path folder) throws Exception;
    }

    private final PrintStream out;
    private final Summary summary;
    private final Path folder;

    Conclusion(PrintStream out, Summary summary, Path folder) {
        this.out = out;
        this.summary = summary;
        this.folder = folder;
    }

    /** @return false when a file could not be written (said) */
    boolean write(KeptRound kept) {
        boolean ok = true;
        try {
            TournamentFiles.write(summary, folder);
        } catch (IOException e) {
            out.println("bourse tournament: cannot write the files in " + folder + ": " + e.getMessage());
            return false;
        }
        List<Standing> standings = summary.standings();
        TournamentReport.Extremes extremes = TournamentReport.extremes(summary);
        if (extremes != null) {
            for (long round : new long[] {extremes.best(), extremes.worst()}) {
                try {
                    kept.keep(round, folder.resolve(ROUNDS_FOLDER).resolve("round-" + round));
                } catch (Exception e) {
                    out.println("bourse tournament: cannot keep round " + round + " with its report: " + e.getMessage());
                    ok = false;
                }
            }
        }
        try {
            TournamentReport.write(summary, extremes, folder.resolve(TournamentReport.FILE));
        } catch (IOException e) {
            out.println("bourse tournament: cannot write the report: " + e.getMessage());
            ok = false;
        }
        printStandings(standings);
        printNotes();
        Path where = folder.toAbsolutePath().normalize();
        out.println();
        out.println("Report:    " + where.resolve(TournamentReport.FILE).toUri());
        out.println("Rounds:    " + where.resolve(TournamentFiles.ROUNDS));
        out.println("Summary:   " + where.resolve(TournamentFiles.SUMMARY_JSON) + " and "
                + TournamentFiles.SUMMARY_CSV);
        if (extremes != null) {
            out.println("Kept:      " + where.resolve(ROUNDS_FOLDER) + "/round-" + extremes.best() + " (best) and round-"
                    + extremes.worst() + " (worst for " + extremes.trader() + "), each with its battle report");
        }
        return ok;
    }

    private void printStandings(List<Standing> standings) {
        int counted = summary.counted().size();
        out.println();
        out.println("Standings over " + counted + " round" + (counted == 1 ? "" : "s")
                + ": mean PnL per round with its 95 % confidence interval (Student's t)");
        out.println(String.format(Locale.ROOT, "  %-4s %-20s %12s  %-25s %10s %8s %6s %10s", "", "trader",
                "mean PnL", "95 % CI", "sd", "Sharpe", "wins", "mean rank"));
        int position = 0;
        for (Standing s : standings) {
            Statistics.Estimate pnl = s.pnl();
            out.println(String.format(Locale.ROOT, "  %-4s %-20s %12s  %-25s %10s %8s %6d %10s", ++position + ".",
                    s.trader(), pnl.mean() == null ? "n/a" : Comparison.signed(pnl.mean()),
                    pnl.low() == null ? "n/a" : "[" + Comparison.signed(pnl.low()) + ", "
                            + Comparison.signed(pnl.high()) + "]",
                    text(pnl.sd()), text(s.sharpe()), s.wins(), text(s.meanRank())));
        }
        Comparison comparison = summary.comparison();
        if (comparison != null) {
            out.println();
            out.println("A/B, " + comparison.trader() + "'s PnL per round, variant − baseline on the same seeds:");
            out.println("  " + comparison.verdict());
        }
    }

    private void printNotes() {
        if (summary.stopped()) {
            out.println();
            out.println("Stopped before the last round: the standings are those of the " + summary.counted().size()
                    + " rounds that finished.");
        }
        List<RoundResult> excluded = summary.excluded();
        if (!excluded.isEmpty()) {
            out.println();
            out.println(excluded.size() + " battle" + (excluded.size() == 1 ? " is" : "s are")
                    + " excluded from the statistics (a strategy overran the decision timeout: not reproducible):");
            excluded.stream().limit(10).forEach(r -> out.println("  round " + r.round()
                    + (r.variant() ? " (variant)" : "") + ": " + r.excluded()));
        }
        Map<String, long[]> failing = new TreeMap<>();
        for (RoundResult r : summary.results()) {
            for (RoundResult.TraderResult t : r.traders()) {
                if (t.strategyFailures() > 0) {
                    long[] f = failing.computeIfAbsent(t.trader() + (r.variant() ? " (variant)" : ""),
                            k -> new long[2]);
                    f[0]++;
                    f[1] += t.strategyFailures();
                }
            }
        }
        if (!failing.isEmpty()) {
            out.println();
            failing.forEach((trader, f) -> out.println("  " + trader + ": its strategy failed in " + f[0] + " of "
                    + summary.results().stream().filter(RoundResult::counts).filter(r -> r.variant()
                    == trader.endsWith("(variant)")).count() + " rounds (" + f[1] + " failures, each a turn without "
                    + "that action; rounds.csv has them per round, tournament.log what they were)"));
        }
    }

    private static String text(BigDecimal value) {
        return value == null ? "n/a" : value.toPlainString();
    }
}
