package com.acme;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.bourse.api.Action;
import org.bourse.api.OpenOrder;
import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;

/**
 * Steps in front of the best bid and the best ask by one tick, one quote per side, and cancels a quote as soon as
 * someone else's price beats it: it only wants to trade at the very top of the book.
 *
 * <p>Parameters ({@code --strategy-param name=value}): {@code qty} lots per quote (default 1) and
 * {@code max_position}, the largest position long or short (default 10).
 */
public final class MyStrategy implements Strategy {

    private static final BigDecimal TICK = new BigDecimal("0.01");
    private static final BigDecimal TWO_TICKS = new BigDecimal("0.02");

    private final long qty;
    private final long maxPosition;

    /** The constructor every strategy has; this one needs no randomness. */
    public MyStrategy(String traderId, RandomGenerator rng, Map<String, String> params) {
        qty = wholeNumber(params, "qty", 1);
        maxPosition = wholeNumber(params, "max_position", 10);
    }

    /** Not used: the bot calls {@link #nextActions}, which can quote and cancel in one turn. */
    @Override
    public OrderRequest nextOrder(StrategyContext context) {
        return null;
    }

    @Override
    public List<Action> nextActions(StrategyContext context) {
        if (context.tradingHalted() || context.spread() == null) {
            return List.of(); // halted, or a side of the book is empty: nothing to step in front of
        }
        // Room for a bid one tick above the best bid and an ask one tick below the best ask, without touching.
        boolean roomInside = context.spread().compareTo(TWO_TICKS) > 0;
        List<Action> actions = new ArrayList<>();
        for (Side side : Side.values()) {
            BigDecimal best = side == Side.BUY ? context.bestBid() : context.bestAsk();
            List<OpenOrder> mine = context.openOrders(side);
            for (OpenOrder quote : mine) {
                if (quote.price().compareTo(best) != 0) { // somebody beat it: the market moved away
                    actions.add(Action.cancel(quote.orderId()));
                }
            }
            boolean roomInPosition = side.sign() * context.position() + qty <= maxPosition;
            if (mine.isEmpty() && roomInside && roomInPosition) {
                BigDecimal price = side == Side.BUY ? best.add(TICK) : best.subtract(TICK);
                actions.add(OrderRequest.limit(side, price, qty).asPostOnly());
            }
        }
        return actions;
    }

    private static long wholeNumber(Map<String, String> params, String name, long defaultValue) {
        String text = params.getOrDefault(name, String.valueOf(defaultValue));
        try {
            long value = Long.parseLong(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": expected a whole number ≥ 1, got '" + text + "'");
    }
}
