package org.bourse.exchange.engine;

import java.util.Objects;
import org.bourse.exchange.book.SelfTradePrevention;

/**
 * The engine's settings, in engine units: prices in ticks, quantities in lots, money in minor units of one
 * tick times one lot (so a trade's notional is exactly {@code price * quantity}), rates in basis points.
 * A limit of 0 means "no limit".
 *
 * @param startingCash              cash of a trader's account when it is created
 * @param initialReferencePrice     the mark before the book is two-sided and before the first trade
 * @param initialMarginBps          margin required, on the projected position, for an order that adds risk
 * @param maintenanceMarginBps      equity below this share of the position's value triggers liquidation
 * @param selfTradePrevention       what happens when a trader's orders would trade with each other
 * @param maxOrderQuantity          largest quantity of one order
 * @param maxPosition               largest absolute position an order may lead to
 * @param priceBandBps              how far a limit price may lie from the mark
 * @param maxOpenOrders             most resting orders per trader
 * @param liquidationCooldownMillis how long a liquidated account refuses new orders
 */
public record EngineConfig(long startingCash, long initialReferencePrice, int initialMarginBps,
                           int maintenanceMarginBps, SelfTradePrevention selfTradePrevention,
                           long maxOrderQuantity, long maxPosition, int priceBandBps, int maxOpenOrders,
                           long liquidationCooldownMillis) {

    public EngineConfig {
        Objects.requireNonNull(selfTradePrevention, "selfTradePrevention");
        requireNonNegative(startingCash, "startingCash");
        if (initialReferencePrice <= 0) {
            throw new IllegalArgumentException("initialReferencePrice must be positive: " + initialReferencePrice);
        }
        requireNonNegative(initialMarginBps, "initialMarginBps");
        requireNonNegative(maintenanceMarginBps, "maintenanceMarginBps");
        requireNonNegative(maxOrderQuantity, "maxOrderQuantity");
        requireNonNegative(maxPosition, "maxPosition");
        requireNonNegative(priceBandBps, "priceBandBps");
        requireNonNegative(maxOpenOrders, "maxOpenOrders");
        requireNonNegative(liquidationCooldownMillis, "liquidationCooldownMillis");
        if (maintenanceMarginBps >= 10_000) {
            throw new IllegalArgumentException("maintenanceMarginBps must be below 10000 (100 %): "
                    + maintenanceMarginBps);
        }
        if (priceBandBps >= 10_000) {
            throw new IllegalArgumentException("priceBandBps must be below 10000 (100 %): " + priceBandBps);
        }
    }

    /**
     * The defaults, for a tick of 0.01: 10 000.00 starting cash, reference price 100.00, initial margin 20 %,
     * maintenance 10 %, self-trades prevented by cancelling the resting order, at most 1 000 lots per order and
     * of position, limit prices within 10 % of the mark, 200 resting orders per trader, 5 s liquidation cool-down.
     */
    public static EngineConfig defaults() {
        return new EngineConfig(1_000_000, 10_000, 2_000, 1_000, SelfTradePrevention.CANCEL_RESTING,
                1_000, 1_000, 1_000, 200, 5_000);
    }

    public EngineConfig withStartingCash(long value) {
        return new EngineConfig(value, initialReferencePrice, initialMarginBps, maintenanceMarginBps,
                selfTradePrevention, maxOrderQuantity, maxPosition, priceBandBps, maxOpenOrders,
                liquidationCooldownMillis);
    }

    public EngineConfig withInitialReferencePrice(long value) {
        return new EngineConfig(startingCash, value, initialMarginBps, maintenanceMarginBps,
                selfTradePrevention, maxOrderQuantity, maxPosition, priceBandBps, maxOpenOrders,
                liquidationCooldownMillis);
    }

    public EngineConfig withMargins(int initialBps, int maintenanceBps) {
        return new EngineConfig(startingCash, initialReferencePrice, initialBps, maintenanceBps,
                selfTradePrevention, maxOrderQuantity, maxPosition, priceBandBps, maxOpenOrders,
                liquidationCooldownMillis);
    }

    public EngineConfig withSelfTradePrevention(SelfTradePrevention value) {
        return new EngineConfig(startingCash, initialReferencePrice, initialMarginBps, maintenanceMarginBps,
                value, maxOrderQuantity, maxPosition, priceBandBps, maxOpenOrders, liquidationCooldownMillis);
    }

    /** The four risk limits at once; 0 switches one off. */
    public EngineConfig withLimits(long maxOrderQuantity, long maxPosition, int priceBandBps, int maxOpenOrders) {
        return new EngineConfig(startingCash, initialReferencePrice, initialMarginBps, maintenanceMarginBps,
                selfTradePrevention, maxOrderQuantity, maxPosition, priceBandBps, maxOpenOrders,
                liquidationCooldownMillis);
    }

    public EngineConfig withLiquidationCooldownMillis(long value) {
        return new EngineConfig(startingCash, initialReferencePrice, initialMarginBps, maintenanceMarginBps,
                selfTradePrevention, maxOrderQuantity, maxPosition, priceBandBps, maxOpenOrders, value);
    }

    private static void requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }
}
