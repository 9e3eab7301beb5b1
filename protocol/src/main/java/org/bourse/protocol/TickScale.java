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

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final BigDecimal tickSize;
    /** The tick is {@code unscaledTick} × 10^-{@code decimals}: what the fast formatting multiplies by. */
    private final long unscaledTick;
    private final int decimals;

    public TickScale(BigDecimal tickSize) {
        Objects.requireNonNull(tickSize, "tickSize");
        if (tickSize.signum() <= 0) {
            throw new IllegalArgumentException("the tick size must be positive, not " + tickSize.toPlainString());
        }
        BigDecimal stripped = tickSize.stripTrailingZeros();
        this.tickSize = stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        this.decimals = this.tickSize.scale();
        // 0 marks a tick too fine or too large for long arithmetic: every value then goes through BigDecimal
        long unscaled = 0;
        if (decimals < POWERS_OF_TEN.length - RATIO_EXTRA_DIGITS && this.tickSize.unscaledValue().bitLength() < 63) {
            unscaled = this.tickSize.unscaledValue().longValue();
        }
        this.unscaledTick = unscaled;
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

    /** Appends {@link #decimal}{@code (units)} exactly as its {@code toPlainString()}, without making it. */
    public TextBuffer appendDecimal(TextBuffer out, long units) {
        if (unscaledTick != 0) {
            try {
                long value = Math.multiplyExact(units, unscaledTick);
                if (value != Long.MIN_VALUE) {
                    return plain(out, value, decimals);
                }
            } catch (ArithmeticException tooLarge) {
                // exactly, through BigDecimal
            }
        }
        return out.ascii(decimal(units).toPlainString());
    }

    /** Appends {@link #ratio}{@code (units, divisor)} exactly as its {@code toPlainString()}, without making it. */
    public TextBuffer appendRatio(TextBuffer out, long units, long divisor) {
        if (unscaledTick != 0 && divisor != 0 && divisor != Long.MIN_VALUE) {
            try {
                long shifted = Math.multiplyExact(Math.multiplyExact(units, unscaledTick),
                        POWERS_OF_TEN[RATIO_EXTRA_DIGITS]);
                if (shifted != Long.MIN_VALUE) {
                    long a = Math.abs(shifted);
                    long b = Math.abs(divisor);
                    long quotient = a / b;
                    long remainder = a % b;
                    // half-even: up when more than half is left, or exactly half and the quotient is odd
                    if (remainder > b - remainder || remainder == b - remainder && (quotient & 1) == 1) {
                        quotient++;
                    }
                    int scale = decimals + RATIO_EXTRA_DIGITS;
                    while (scale > decimals && quotient % 10 == 0) {
                        quotient /= 10;
                        scale--;
                    }
                    return plain(out, (shifted < 0) != (divisor < 0) ? -quotient : quotient, scale);
                }
            } catch (ArithmeticException tooLarge) {
                // exactly, through BigDecimal
            }
        }
        return out.ascii(ratio(units, divisor).toPlainString());
    }

    /** {@code unscaled} × 10^-{@code scale} as toPlainString writes it ({@code unscaled} is not MIN_VALUE). */
    private static TextBuffer plain(TextBuffer out, long unscaled, int scale) {
        if (unscaled < 0) {
            out.append((byte) '-');
            unscaled = -unscaled;
        }
        if (scale == 0) {
            return out.digits(unscaled, 1);
        }
        // a division by a constant is a multiplication; by a variable, tens of cycles: spell the usual scales out
        long whole = switch (scale) {
            case 1 -> unscaled / 10;
            case 2 -> unscaled / 100;
            case 3 -> unscaled / 1_000;
            case 4 -> unscaled / 10_000;
            case 6 -> unscaled / 1_000_000;
            default -> unscaled / POWERS_OF_TEN[scale];
        };
        return out.digits(whole, 1).append((byte) '.').digits(unscaled - whole * POWERS_OF_TEN[scale], scale);
    }

    /** {@code units / divisor} as a decimal, rounded half-even to four more decimals than the tick's. */
    public BigDecimal ratio(long units, long divisor) {
        BigDecimal value = decimal(units).divide(BigDecimal.valueOf(divisor),
                tickSize.scale() + RATIO_EXTRA_DIGITS, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return value.scale() < tickSize.scale() ? value.setScale(tickSize.scale()) : value;
    }
}
