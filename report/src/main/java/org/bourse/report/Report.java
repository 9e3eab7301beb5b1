package org.bourse.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bourse.web.BattlePage;

/**
 * Writes a run folder's battle report: one self-contained HTML file (the battle page with the run's data inlined),
 * {@code report.html} in the folder unless told otherwise. Made from the same files, it is the same bytes.
 */
public final class Report {
    public static final String FILE = "report.html";
    /** The exchange's default starting cash: what a report from CSVs alone assumes. */
    public static final BigDecimal DEFAULT_STARTING_CASH = new BigDecimal("10000.00");

    /** What was written, and what the reader should know about it (one line each). */
    public record Written(Path file, List<String> notes) {
    }

    private Report() {
    }

    /**
     * @param output   where to write (null: {@value #FILE} in the folder)
     * @param activity the traders' orders and rejects, when a journal told them
     */
    public static Written write(Path runFolder, Path output, BigDecimal assumedStartingCash, Activity activity)
            throws ReportException {
        Battle battle = RunFolder.read(runFolder, assumedStartingCash);
        List<String> notes = new java.util.ArrayList<>(battle.notes());
        if (activity instanceof Activity.Unknown unknown) {
            notes.add(unknown.why());
        }
        Fundamental fundamental = null;
        try {
            fundamental = Fundamental.read(runFolder);
        } catch (ReportException e) {
            // the fundamental is an extra: the report is worth having without it
            notes.add(e.getMessage() + ": the report has no fundamental value");
        }
        Path file = output != null ? output : runFolder.resolve(FILE);
        String title = runFolder.toAbsolutePath().normalize().getFileName().toString();
        String html = BattlePage.report("Bourse battle report — " + title, ReportData.json(title, battle, activity,
                fundamental, notes));
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException("cannot write " + file + ": " + e.getMessage());
        }
        return new Written(file, List.copyOf(notes));
    }
}
