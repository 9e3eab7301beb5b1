package org.bourse.api;

import java.util.List;

/**
 * A trading strategy: the bot asks it what to do once per decision interval and tells it what happened.
 *
 * <p>A strategy class is public, implements this interface and has a public constructor
 * {@code (String traderId, java.util.random.RandomGenerator rng, Map<String, String> params)}:
 * <ul>
 *   <li>{@code traderId} — the trader the bot trades as;</li>
 *   <li>{@code rng} — the only source of randomness a strategy should use: it is seeded from the bot's
 *       {@code --seed} (or the battle config's {@code seed}), so that a run can be repeated;</li>
 *   <li>{@code params} — the {@code --strategy-param key=value} pairs (or {@code strategy_params}), as strings;
 *       a constructor that finds one it cannot use should throw {@link IllegalArgumentException} with a message
 *       naming the parameter: the bot prints it and exits.</li>
 * </ul>
 *
 * <p>Everything is called on one thread, one call at a time: a strategy needs no locks. Each call gets a fresh
 * {@link StrategyContext}: the market and the trader's account as the bot knows them at that moment.
 *
 * <p>The smallest strategy implements {@link #nextOrder} alone. One that manages several orders at once (a market
 * maker quoting a ladder and cancelling stale quotes) overrides {@link #nextActions} instead, and may return null
 * from {@code nextOrder}. An exception thrown by any method is reported with the trader id and the bot carries on
 * with the next turn.
 */
public interface Strategy {

    /**
     * The order to send this turn, or null to do nothing. Orders without a client order id get one from the bot
     * ({@code <trader>-<n>}).
     */
    OrderRequest nextOrder(StrategyContext context);

    /**
     * Everything to send this turn, in order: new orders, cancels, replaces. The default sends what
     * {@link #nextOrder} returns.
     */
    default List<Action> nextActions(StrategyContext context) {
        OrderRequest order = nextOrder(context);
        return order == null ? List.of() : List.of(order);
    }

    /** One of the trader's orders traded (the context already includes the fill). */
    default void onFill(Fill fill, StrategyContext context) {
    }

    /** The exchange refused an order, cancel or replace of this trader. */
    default void onRejected(Rejection rejection, StrategyContext context) {
    }

    /**
     * One of the trader's orders ended unfilled, in part or in whole: cancelled on request, an IOC or market
     * remainder, self-trade prevention, liquidation.
     */
    default void onCancelled(Cancellation cancellation, StrategyContext context) {
    }

    /** The public book changed. Called at most once per turn, before {@link #nextActions}. */
    default void onBookUpdate(StrategyContext context) {
    }
}
