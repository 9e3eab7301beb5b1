package org.bourse.report;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bourse.cli.Commands;
import org.bourse.cli.LogFormatOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code report} command: writes a run folder's battle report and says where it is. */
@Command(name = "bourse report", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Writes the battle report of a run folder (what ./bourse session leaves in runs/<date-time>/): one HTML "
                + "file with everything inlined, which opens in any browser from disk, offline.",
            "It shows the price with every trade, each bot's equity, drawdown and position over time, a table of "
                + "metrics per bot, and a replay of the book, the tape and the accounts at any event. A scenario's "
                + "background crowd (bg_ traders) is one summed row, its traders listed under the table; its hidden "
                + "fundamental value (fundamental.csv) is drawn on the price chart with how closely the trades "
                + "tracked it.",
            "Made from events.jsonl when the folder has it, else from trades.csv and performance.csv (no replay, "
                + "maker share or markouts then)."},
        footer = {"", "Examples:",
            "  ./bourse report runs/2026-11-22_14-03-10",
            "  ./bourse report old-run --starting-cash 50000 --output /tmp/old.html"})
public final class ReportMain implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "The run folder.")
    Path runDir;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write (default: RUN_DIR/report.html).")
    Path output;

    @Option(names = "--starting-cash", defaultValue = "10000.00", paramLabel = "CASH",
            description = "The traders' starting cash, for a folder without events.jsonl (which states it) "
                + "(default: ${DEFAULT-VALUE}, the exchange's default).")
    BigDecimal startingCash;

    @Mixin
    LogFormatOption logFormat;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(Commands.execute(new ReportMain(), args));
    }

    @Override
    public Integer call() {
        try {
            Report.Written written = Report.write(runDir, output, startingCash, JournalActivity.of(runDir));
            written.notes().forEach(note -> out.println("bourse report: note: " + note));
            Path file = written.file().toAbsolutePath().normalize();
            out.println("Report: " + file);
            out.println("        " + file.toUri());
            return 0;
        } catch (ReportException e) {
            System.err.println("bourse report: " + e.getMessage());
            return 2;
        }
    }
}
