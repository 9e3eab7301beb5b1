package org.bourse.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Converts between the decimals on the wire and the integers inside the exchange: a price is a whole number of
 * ticks, and money is counted in units of one tick times one lot, so both print with the tick's decimals. A price
 * off the tick grid is refused, never rounded.
 */
public final class TickScale {

    /** Extra decimals for values that are ratios (the average entry price). */
    private static final int RATIO_EXTRA_DIGITS = 4;
    /** More digits than a long holds (19), so the exact check is {@code longValueExact}. */
    private static final int MAX_TICK_DIGITS = 20;

    private final BigDecimal tickSize;

    public TickScale(BigDecimal tickSize) {
        Objects.requireNonNull(tickSize, "tickSize");
        if (tickSize.signum() <= 0) {
            throw new IllegalArgumentException("the tick size must be positive, not " + tickSize.toPlainString());
        }
        BigDecimal stripped = tickSize.stripTrailingZeros();
        this.tickSize = stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** The default tick of 0.01. */
    public static TickScale cents() {
        return new TickScale(new BigDecimal("0.01"));
    }

    public BigDecimal tickSize() {
        return tickSize;
    }

    /**
     * The number of ticks in {@code value}.
     *
     * @throws IllegalArgumentException with a one-line reason if it is not a whole number of ticks or is too large
     */
    public long ticks(BigDecimal value) {
        if (value.signum() == 0) {
            return 0;
        }
        // Only cheap checks before any arithmetic: a client controls the value, and 1e999999999, 1e-999999999 or
        // a 1 followed by 999 zeros must not cost more than 100.05 (toPlainString and stripTrailingZeros would)
        long digits = integerDigits(value);
        long tickDigits = integerDigits(tickSize);
        if (digits - tickDigits > MAX_TICK_DIGITS) {
            throw new IllegalArgumentException(show(value) + " is too large");
        }
        if (digits < tickDigits) {
            // smaller than one tick (and not zero)
            throw notAMultiple(value);
        }
        BigDecimal[] division;
        try {
            // both scales are now within a few thousand of each other: one division, whatever the input
            division = value.setScale(tickSize.scale(), RoundingMode.UNNECESSARY).divideAndRemainder(tickSize);
        } catch (ArithmeticException e) {
            throw notAMultiple(value); // more decimals than the tick has
        }
        if (division[1].signum() != 0) {
            throw notAMultiple(value);
        }
        try {
            return division[0].longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(show(value) + " is too large");
        }
    }

    private IllegalArgumentException notAMultiple(BigDecimal value) {
        return new IllegalArgumentException(show(value) + " is not a multiple of the tick size "
                + tickSize.toPlainString());
    }

    /**
     * A number for an error message: plain when that is short, else in exponent form, at most 48 characters
     * ({@code toPlainString} of {@code 1e999999999} is a billion characters long).
     */
    static String show(BigDecimal value) {
        String text = Math.abs((long) value.scale()) <= 48 ? value.toPlainString() : value.toString();
        return text.length() <= 48 ? text : text.substring(0, 45) + "...";
    }

    /** The number of digits before the decimal point (0 or less below 1): floor(log10 |value|) + 1, for value != 0. */
    private static long integerDigits(BigDecimal value) {
        return (long) value.precision() - value.scale();
    }

    /** A price or an amount of money, exactly, with the tick's decimals. */
    public BigDecimal decimal(long units) {
        return BigDecimal.valueOf(units).multiply(tickSize);
    }

    /** {@code units / divisor} as a decimal, rounded half-even to four more decimals than the tick's. */
    public BigDecimal ratio(long units, long divisor) {
        BigDecimal value = decimal(units).divide(BigDecimal.valueOf(divisor),
                tickSize.scale() + RATIO_EXTRA_DIGITS, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return value.scale() < tickSize.scale() ? value.setScale(tickSize.scale()) : value;
    }
}
