package org.bourse.scenario;

import java.io.IOException;
import java.io.Writer;
import org.bourse.protocol.TickScale;

/**
 * {@code fundamental.csv} of a run folder: the hidden value at every step of its grid, so that a report can draw
 * it beside the price. Epoch-millisecond timestamps and exact decimals on the tick grid, like the other CSVs.
 */
public final class FundamentalCsv {
    public static final String HEADER = "timestamp,fundamental";

    private FundamentalCsv() {
    }

    /** The header, then one row per step from the start up to (not including) {@code durationMillis} later. */
    public static void write(Writer out, FundamentalPath path, long startTimeMillis, long durationMillis,
                             TickScale scale) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (long t = 0; t < durationMillis; t += path.stepMillis()) {
            out.write(Long.toString(startTimeMillis + t));
            out.write(',');
            out.write(path.priceAt(t, scale).toPlainString());
            out.write('\n');
        }
    }
}
