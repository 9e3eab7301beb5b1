package org.bourse.bot;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads a duration as people write it on a command line: {@code 500ms}, {@code 1s}, {@code 2.5s}, {@code 1m}. */
public final class Durations implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");
    /** A year: longer is certainly a typo. */
    private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(Duration.ofDays(365).toMillis());

    /**
     * A positive whole number of milliseconds; a plain number is milliseconds.
     *
     * @throws IllegalArgumentException with a one-line message and examples
     */
    public static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 1s, 2.5s, 1m; "
                    + "a plain number is milliseconds)");
        }
        String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
        BigDecimal millis = new BigDecimal(matcher.group(1)).multiply(switch (unit) {
            case "s" -> BigDecimal.valueOf(1_000);
            case "m" -> BigDecimal.valueOf(60_000);
            default -> BigDecimal.ONE;
        });
        if (millis.signum() == 0) {
            throw new IllegalArgumentException("'" + text + "' must be longer than 0");
        }
        if (millis.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of milliseconds");
        }
        if (millis.compareTo(MAX_MILLIS) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than a year");
        }
        return Duration.ofMillis(millis.longValueExact());
    }

    /** The shortest way {@link #parse} reads back: {@code 1s}, {@code 1500ms}, {@code 2m}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1_000 == 0 ? millis / 1_000 + "s" : millis + "ms";
    }

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
