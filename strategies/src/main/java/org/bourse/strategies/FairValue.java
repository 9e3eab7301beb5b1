package org.bourse.strategies;

import java.math.BigDecimal;

import org.bourse.api.StrategyContext;

/** Where a strategy centres its prices when it has no model of its own. */
final class FairValue {

    private FairValue() {
    }

    /** Reads the {@code reference} parameter (default 100): the price used before the market has any. */
    static BigDecimal reference(Params params) {
        return params.positiveDecimal("reference", "100");
    }

    /** The mid, else the last trade, else the exchange's mark, else {@code reference}. */
    static BigDecimal of(StrategyContext context, BigDecimal reference) {
        BigDecimal mid = context.mid();
        if (mid != null) {
            return mid;
        }
        if (context.lastTradePrice() != null) {
            return context.lastTradePrice();
        }
        return context.markPrice() != null ? context.markPrice() : reference;
    }
}
