package org.bourse.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads {@code 10s}, {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code 250us}; a bare number is seconds. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|µs|ms|s|m|h)?");

    @Override
    public Duration convert(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /**
     * Reads a duration, exactly (decimal arithmetic: 0.2s is 200 ms).
     *
     * @throws IllegalArgumentException one sentence naming the text and the forms accepted
     */
    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write e.g. 10s, 500ms, 1.5s or 2m)");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        BigDecimal nanosPerUnit = switch (unit) {
            case "us", "µs" -> BigDecimal.valueOf(1_000L);
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            case "m" -> BigDecimal.valueOf(60_000_000_000L);
            default -> BigDecimal.valueOf(3_600_000_000_000L);
        };
        BigDecimal nanos = amount.multiply(nanosPerUnit);
        if (nanos.compareTo(BigDecimal.valueOf(Duration.ofDays(7).toNanos())) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long (at most 7 days)");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** A decimal number of seconds (as in bots_config.json's {@code decision_interval}), down to the nanosecond. */
    public static Duration ofSeconds(BigDecimal seconds) {
        return parse(seconds.toPlainString() + "s");
    }

    /** {@code 10 s}, {@code 500 ms}: how a duration is shown in a report. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + " s";
        }
        if (nanos >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.3f s", nanos / 1e9).replaceAll("0+ s$", " s");
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + " ms";
        }
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
