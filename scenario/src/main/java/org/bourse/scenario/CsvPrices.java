package org.bourse.scenario;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads the price path of the {@code csv} model: a header naming the columns {@code time} (seconds since the
 * start) and {@code price} (other columns are ignored), then one row per line; blank lines are skipped. Every bad
 * row is reported by its line number, up to {@link #MAX_ROW_PROBLEMS}.
 */
final class CsvPrices {
    static final int MAX_ROW_PROBLEMS = 20;

    /** Where relative paths start: the config's folder (null: the working directory). */
    private final Path folder;

    CsvPrices(Path folder) {
        this.folder = folder;
    }

    /** The rows of {@code file}, or null after reporting each problem to {@code problems}. */
    List<Fundamental.Point> read(String file, Consumer<String> problems) {
        Path path = (folder == null ? Path.of(file) : folder.resolve(file)).toAbsolutePath().normalize();
        List<String> lines;
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            lines = reader.lines().toList();
        } catch (NoSuchFileException e) {
            problems.accept("no such file " + path);
            return null;
        } catch (IOException | UncheckedIOException e) {
            problems.accept(Files.isDirectory(path) ? path + " is a directory, not a CSV file"
                    : "cannot read " + path + ": " + e.getMessage());
            return null;
        }
        return parse(lines, problems);
    }

    static List<Fundamental.Point> parse(List<String> lines, Consumer<String> problems) {
        int line = 0;
        while (line < lines.size() && lines.get(line).isBlank()) {
            line++;
        }
        if (line == lines.size()) {
            problems.accept("empty file (expected a header with the columns time and price, then rows)");
            return null;
        }
        List<String> header = Arrays.stream(lines.get(line).split(",", -1))
                .map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        int timeColumn = header.indexOf("time");
        int priceColumn = header.indexOf("price");
        if (timeColumn < 0 || priceColumn < 0) {
            problems.accept("line " + (line + 1) + ": expected a header with the columns time and price, got '"
                    + lines.get(line).strip() + "'");
            return null;
        }
        List<Fundamental.Point> points = new ArrayList<>();
        int bad = 0;
        String lastTime = null;
        for (line++; line < lines.size(); line++) {
            String text = lines.get(line);
            if (text.isBlank()) {
                continue;
            }
            String problem;
            String[] cells = text.split(",", -1);
            if (cells.length != header.size()) {
                problem = "expected " + header.size() + " columns, got " + cells.length;
            } else {
                String timeText = cells[timeColumn].strip();
                String priceText = cells[priceColumn].strip();
                BigDecimal time = number(timeText);
                BigDecimal price = number(priceText);
                if (time == null) {
                    problem = "time '" + timeText + "' is not a number";
                } else if (price == null) {
                    problem = "price '" + priceText + "' is not a number";
                } else if (time.signum() < 0) {
                    problem = "time " + timeText + " must be ≥ 0";
                } else if (price.signum() <= 0) {
                    problem = "price " + priceText + " must be > 0";
                } else if (!points.isEmpty() && time.compareTo(points.get(points.size() - 1).seconds()) <= 0) {
                    problem = "time " + timeText + " is not after " + lastTime;
                } else {
                    problem = null;
                    points.add(new Fundamental.Point(time, price));
                    lastTime = timeText;
                }
            }
            if (problem != null && ++bad <= MAX_ROW_PROBLEMS) {
                problems.accept("line " + (line + 1) + ": " + problem);
            }
        }
        if (bad > MAX_ROW_PROBLEMS) {
            problems.accept("and " + (bad - MAX_ROW_PROBLEMS) + " more bad rows");
        }
        if (bad > 0) {
            return null;
        }
        if (points.isEmpty()) {
            problems.accept("no rows after the header");
            return null;
        }
        return points;
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
