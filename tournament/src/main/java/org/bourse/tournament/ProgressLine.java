package org.bourse.tournament;

import java.io.PrintStream;

/**
 * How far the tournament is: on a terminal one line redrawn in place (a bar, battles done, battles per second, the
 * time left), otherwise a plain line per battle (for logs and CI).
 */
final class ProgressLine implements Tournament.Progress, AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private boolean drawn;

    private ProgressLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static ProgressLine of(PrintStream out) {
        return new ProgressLine(out, System.console() != null && out == System.out);
    }

    @Override
    public void ended(RoundResult result, long done, long total) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        double rate = done / seconds;
        String battle = "round " + result.round() + (result.variant() ? " (variant)" : "");
        String figures = String.format(java.util.Locale.ROOT, "%d/%d battles  %.1f/s  ETA %s", done, total, rate,
                eta((total - done) / rate));
        if (terminal) {
            int filled = (int) (WIDTH * done / total);
            out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + figures + "   ");
            drawn = true;
            if (!result.counts()) {
                out.println();
                out.println("  " + battle + " excluded: " + result.excluded());
            }
        } else {
            out.println("  " + battle + (result.counts() ? " done" : " excluded: " + result.excluded()) + "   "
                    + figures);
        }
        out.flush();
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }

    @Override
    public void close() {
        if (drawn) {
            out.println();
        }
    }
}
