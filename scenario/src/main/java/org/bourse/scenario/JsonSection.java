package org.bourse.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One object of a config file at its place ({@code market.crowd.value_traders}), read field by field with a
 * default for each, every problem added to a shared list as {@code <place>.<field>: <what is wrong>} so that the
 * user sees all of them at once. A field that is absent or wrong gives its default, so reading goes on.
 */
final class JsonSection {

    /** The values a decimal field accepts, as the error message states them. */
    record Range(BigDecimal min, boolean minExcluded, BigDecimal max) {
        static Range atLeast(String min) {
            return new Range(new BigDecimal(min), false, null);
        }

        static Range above(String min) {
            return new Range(new BigDecimal(min), true, null);
        }

        static Range between(String min, String max) {
            return new Range(new BigDecimal(min), false, new BigDecimal(max));
        }

        boolean contains(BigDecimal value) {
            int fromMin = value.compareTo(min);
            return (minExcluded ? fromMin > 0 : fromMin >= 0) && (max == null || value.compareTo(max) <= 0);
        }

        String describe() {
            if (max != null) {
                return "between " + min.toPlainString() + " and " + max.toPlainString();
            }
            return (minExcluded ? "> " : "≥ ") + min.toPlainString();
        }
    }

    private final String place;
    /** Null when the object is absent (or was not an object): every field then has its default. */
    private final JsonNode node;
    private final List<String> errors;

    private JsonSection(String place, JsonNode node, List<String> errors) {
        this.place = place;
        this.node = node;
        this.errors = errors;
    }

    /** The object {@code node} at {@code place}; absent (null) is an empty object. */
    static JsonSection of(String place, JsonNode node, List<String> errors) {
        if (node != null && !node.isObject()) {
            errors.add(place + ": must be an object, not " + shown(node));
            return new JsonSection(place, null, errors);
        }
        return new JsonSection(place, node, errors);
    }

    JsonSection section(String key) {
        return of(at(key), value(key), errors);
    }

    boolean has(String key) {
        return value(key) != null;
    }

    String at(String key) {
        return place + "." + key;
    }

    void error(String key, String message) {
        errors.add(at(key) + ": " + message);
    }

    /**
     * Each key must be one of {@code known}, and of those, one of {@code used}; a known key that is not used is
     * named with {@code notUsed} (e.g. {@code not used by model random_walk}).
     */
    void checkKeys(Set<String> known, Set<String> used, String notUsed) {
        if (node == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!known.contains(name)) {
                error(name, "unknown key");
            } else if (!used.contains(name)) {
                error(name, notUsed);
            }
        }
    }

    void checkKeys(Set<String> known) {
        checkKeys(known, known, "");
    }

    /** A decimal within {@code range}. */
    double number(String key, double defaultValue, Range range) {
        BigDecimal value = decimal(key, range.describe(), range);
        return value == null ? defaultValue : value.doubleValue();
    }

    /** A decimal within {@code range}, exactly; null when absent or wrong. */
    BigDecimal decimal(String key, Range range) {
        return decimal(key, range.describe(), range);
    }

    private BigDecimal decimal(String key, String describe, Range range) {
        JsonNode value = value(key);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            error(key, "must be a number " + describe + ", not " + shown(value));
            return null;
        }
        BigDecimal decimal = value.decimalValue();
        if (!range.contains(decimal)) {
            error(key, "must be " + describe + ", not " + shown(value));
            return null;
        }
        return decimal;
    }

    /** A whole number from {@code min} to {@code max}. */
    long whole(String key, long defaultValue, long min, long max) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        BigDecimal decimal = value.isNumber() ? value.decimalValue() : null;
        if (decimal == null || decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0
                || decimal.compareTo(BigDecimal.valueOf(min)) < 0) {
            error(key, "must be a whole number ≥ " + min + ", not " + shown(value));
            return defaultValue;
        }
        if (decimal.compareTo(BigDecimal.valueOf(max)) > 0) {
            error(key, "must be at most " + max + ", not " + shown(value));
            return defaultValue;
        }
        return decimal.longValueExact();
    }

    /** A duration in seconds, a multiple of {@code grain} within {@code range}, as milliseconds. */
    long seconds(String key, long defaultMillis, BigDecimal grain, Range range) {
        BigDecimal value = decimal(key, range);
        if (value == null) {
            return defaultMillis;
        }
        if (value.remainder(grain).signum() != 0) {
            error(key, "must be a multiple of " + grain.toPlainString() + ", not " + value.toPlainString());
            return defaultMillis;
        }
        return value.movePointRight(3).longValueExact();
    }

    /** A string; null when absent or wrong. */
    String text(String key) {
        JsonNode value = value(key);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            error(key, "must be a string, not " + shown(value));
            return null;
        }
        return value.textValue();
    }

    boolean flag(String key, boolean defaultValue) {
        JsonNode value = value(key);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            error(key, "must be true or false, not " + shown(value));
            return defaultValue;
        }
        return value.booleanValue();
    }

    private JsonNode value(String key) {
        return node == null ? null : node.get(key);
    }

    /** A value as a message quotes it: numbers as written, strings in quotes, the kind of anything else. */
    static String shown(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isTextual()) {
            return "\"" + value.textValue() + "\"";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.toString(); // true, false, null
    }
}
