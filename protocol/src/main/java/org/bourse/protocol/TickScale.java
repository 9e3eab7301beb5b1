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
        BigDecimal[] division = value.divideAndRemainder(tickSize);
        if (division[1].signum() != 0) {
            throw new IllegalArgumentException(value.toPlainString() + " is not a multiple of the tick size "
                    + tickSize.toPlainString());
        }
        try {
            return division[0].longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(value.toPlainString() + " is too large");
        }
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
