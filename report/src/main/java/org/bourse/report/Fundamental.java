package org.bourse.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The hidden fundamental value of a scenario's market, as the session wrote it ({@code fundamental.csv}: the value
 * at each step of its grid, constant within a step; docs/SCENARIOS.md), and how closely the trades tracked it.
 */
record Fundamental(List<Point> points) {

    /** The value from {@code timestamp} on, until the next point. */
    record Point(long timestamp, BigDecimal value) {
    }

    private static final CSVFormat WITH_HEADER = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .get();

    /** The folder's fundamental value, or null when it has no {@value RunFolder#FUNDAMENTAL}. */
    static Fundamental read(Path folder) throws ReportException {
        Path csv = folder.resolve(RunFolder.FUNDAMENTAL);
        if (!Files.isRegularFile(csv)) {
            return null;
        }
        List<Point> points = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = WITH_HEADER.parse(reader)) {
            for (String column : List.of("timestamp", "fundamental")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new ReportException(csv + " has no column " + column + " (its header: "
                            + String.join(",", parser.getHeaderNames()) + ")");
                }
            }
            for (CSVRecord r : parser) {
                String line = csv + " line " + (r.getRecordNumber() + 1);
                Point point;
                try {
                    point = new Point(Long.parseLong(r.get("timestamp")), new BigDecimal(r.get("fundamental")));
                } catch (IllegalArgumentException e) { // a number that is not one, or a value missing
                    throw new ReportException(line + " is not a timestamp and a value: " + String.join(",", r));
                }
                if (!points.isEmpty() && point.timestamp() < points.get(points.size() - 1).timestamp()) {
                    throw new ReportException(line + ": its timestamp is before the line above's");
                }
                points.add(point);
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new ReportException("cannot read " + csv + ": " + e.getMessage());
        }
        return new Fundamental(List.copyOf(points));
    }

    /** The value at {@code timestamp}: the last point's at or before it; null before the first. */
    BigDecimal at(long timestamp) {
        int lo = 0;
        int hi = points.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (points.get(mid).timestamp() <= timestamp) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? null : points.get(lo - 1).value();
    }

    /** How closely the trades tracked the value: the mean of |price − value at the trade's time|, and over how many. */
    record Tracking(BigDecimal meanAbsoluteGap, int trades) {
    }

    /**
     * The mean, over the trades at or after the first point (each trade once, whatever its size), of the absolute
     * difference between its price and the value at its time; exact, rounded half-even to two decimals more than
     * the tick's. Null without such a trade.
     */
    Tracking tracking(List<Battle.Trade> trades, int decimals) {
        BigDecimal sum = BigDecimal.ZERO;
        int counted = 0;
        for (Battle.Trade t : trades) {
            BigDecimal value = at(t.timestamp());
            if (value != null) {
                sum = sum.add(t.price().subtract(value).abs());
                counted++;
            }
        }
        return counted == 0 ? null : new Tracking(
                sum.divide(BigDecimal.valueOf(counted), decimals + 2, RoundingMode.HALF_EVEN), counted);
    }
}
