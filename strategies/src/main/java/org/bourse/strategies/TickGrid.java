package org.bourse.strategies;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.bourse.api.Side;

/**
 * The price grid a strategy's orders must land on (the exchange refuses an off-grid price, it never rounds).
 * Bids are rounded down and asks up, so rounding never makes a quote more aggressive than intended.
 */
final class TickGrid {

    private final BigDecimal tick;

    TickGrid(BigDecimal tick) {
        // 0.010 and 1E+1 are valid ticks, but prices should print as 100.07 and 100, not 100.070 or 1.0E+2
        BigDecimal plain = tick.stripTrailingZeros();
        this.tick = plain.scale() < 0 ? plain.setScale(0) : plain;
    }

    /** Reads the {@code tick} parameter (default 0.01). */
    static TickGrid from(Params params) {
        return new TickGrid(params.positiveDecimal("tick", "0.01"));
    }

    BigDecimal tick() {
        return tick;
    }

    /** {@code n} ticks as a price distance. */
    BigDecimal ticks(long n) {
        return tick.multiply(BigDecimal.valueOf(n));
    }

    /** The highest grid price at or below {@code price}. */
    BigDecimal floor(BigDecimal price) {
        return snap(price, RoundingMode.FLOOR);
    }

    /** The lowest grid price at or above {@code price}. */
    BigDecimal ceil(BigDecimal price) {
        return snap(price, RoundingMode.CEILING);
    }

    /** The grid price nearest to {@code price} (halves round up). */
    BigDecimal nearest(BigDecimal price) {
        return snap(price, RoundingMode.HALF_UP);
    }

    /** Rounds down for a buy, up for a sell: the passive direction. */
    BigDecimal passive(Side side, BigDecimal price) {
        return side == Side.BUY ? floor(price) : ceil(price);
    }

    /**
     * A limit price that trades against {@code bestOpposite} with {@code slippage} of leeway: up to best ask +
     * slippage for a buy, down to best bid − slippage (but at least one tick) for a sell.
     */
    BigDecimal through(Side side, BigDecimal bestOpposite, BigDecimal slippage) {
        return side == Side.BUY ? ceil(bestOpposite.add(slippage))
                : atLeastOneTick(floor(bestOpposite.subtract(slippage)));
    }

    /** {@code price}, or the smallest valid price (one tick) if it is not above zero. */
    BigDecimal atLeastOneTick(BigDecimal price) {
        return price.compareTo(tick) < 0 ? tick : price;
    }

    private BigDecimal snap(BigDecimal price, RoundingMode mode) {
        return price.divide(tick, 0, mode).multiply(tick);
    }
}
