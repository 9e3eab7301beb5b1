package org.bourse.strategies;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads a strategy's {@code key=value} parameters, each with its default, and refuses a bad value with a message
 * that names the parameter and what it expects, e.g. {@code qty: expected a whole number ≥ 1, got 'abc'}.
 *
 * <p>A strategy reads every parameter it takes and then calls {@link #rejectUnknown()}: a parameter nobody read is
 * a typo ({@code qyt=2}) or meant for another strategy, and silently ignoring it would hide the mistake.
 */
final class Params {

    private final String strategyName;
    private final Map<String, String> given;
    private final Set<String> known = new LinkedHashSet<>();

    Params(String strategyName, Map<String, String> given) {
        this.strategyName = strategyName;
        this.given = given == null ? Map.of() : given;
    }

    long wholeNumber(String name, long defaultValue, long min) {
        return wholeNumber(name, defaultValue, min, Long.MAX_VALUE, "a whole number ≥ " + min);
    }

    long wholeNumber(String name, long defaultValue, long min, long max) {
        return wholeNumber(name, defaultValue, min, max, "a whole number from " + min + " to " + max);
    }

    long millis(String name, long defaultValue) {
        return wholeNumber(name, defaultValue, 0, Long.MAX_VALUE, "a whole number of milliseconds ≥ 0");
    }

    /** A price or price distance that must be above zero (a tick, a spread, a reference price). */
    BigDecimal positiveDecimal(String name, String defaultValue) {
        String expected = "a decimal number > 0";
        BigDecimal value = decimal(name, defaultValue, expected);
        if (value.signum() <= 0) {
            throw invalid(name, expected, given.get(name));
        }
        return value;
    }

    /** A price distance that may be zero (a skew, a threshold). */
    BigDecimal nonNegativeDecimal(String name, String defaultValue) {
        String expected = "a decimal number ≥ 0";
        BigDecimal value = decimal(name, defaultValue, expected);
        if (value.signum() < 0) {
            throw invalid(name, expected, given.get(name));
        }
        return value;
    }

    /** A plain number (not a price), above zero: a z-score threshold. */
    double positiveNumber(String name, double defaultValue) {
        String text = read(name);
        if (text == null) {
            return defaultValue;
        }
        double value = parseDouble(text);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(name, "a number > 0", text);
        }
        return value;
    }

    double probability(String name, double defaultValue) {
        String text = read(name);
        if (text == null) {
            return defaultValue;
        }
        double value = parseDouble(text);
        if (!(value >= 0 && value <= 1)) {
            throw invalid(name, "a probability between 0 and 1", text);
        }
        return value;
    }

    String oneOf(String name, String defaultValue, String... allowed) {
        String text = read(name);
        if (text == null) {
            return defaultValue;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(text.strip())) {
                return candidate;
            }
        }
        throw invalid(name, "one of " + String.join(", ", allowed), text);
    }

    /**
     * Fails unless {@code ok}: for a rule between two parameters, e.g. {@code max_position} at least {@code qty}.
     * The message shows the value in force, and says so when it is the default.
     */
    void require(boolean ok, String name, String expected, Object valueInForce) {
        if (!ok) {
            String got = given.containsKey(name) ? "'" + given.get(name) + "'" : valueInForce + " (the default)";
            throw new IllegalArgumentException(name + ": expected " + expected + ", got " + got);
        }
    }

    /** Call after reading every parameter the strategy takes. */
    void rejectUnknown() {
        for (String name : given.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' for " + strategyName
                        + " (it takes " + String.join(", ", known) + ")");
            }
        }
    }

    private long wholeNumber(String name, long defaultValue, long min, long max, String expected) {
        String text = read(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with what was expected
        }
        throw invalid(name, expected, text);
    }

    private BigDecimal decimal(String name, String defaultValue, String expected) {
        String text = read(name);
        if (text == null) {
            return new BigDecimal(defaultValue);
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw invalid(name, expected, text);
        }
    }

    private double parseDouble(String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return Double.NaN; // refused by the caller's range check, with the caller's message
        }
    }

    /** The given value, or null when the parameter was not given. */
    private String read(String name) {
        known.add(name);
        return given.get(name);
    }

    private static IllegalArgumentException invalid(String name, String expected, String got) {
        return new IllegalArgumentException(name + ": expected " + expected + ", got '" + got + "'");
    }
}
