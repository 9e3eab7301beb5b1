package org.bourse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;

import org.junit.jupiter.api.Test;

class StrategyTest {

    private final StrategyContext context = StrategyContext.builder("t1").build();

    @Test
    void defaultNextActionsSendsWhatNextOrderReturns() {
        OrderRequest order = OrderRequest.limit(Side.BUY, "99.95", 2);
        Strategy strategy = ctx -> order;

        assertThat(strategy.nextActions(context)).containsExactly(order);
    }

    @Test
    void defaultNextActionsIsEmptyWhenNextOrderReturnsNull() {
        Strategy idle = ctx -> null;

        assertThat(idle.nextActions(context)).isEmpty();
    }

    @Test
    void defaultNextActionsPassesTheSameContextToNextOrder() {
        StrategyContext[] seen = new StrategyContext[1];
        Strategy strategy = ctx -> {
            seen[0] = ctx;
            return null;
        };

        strategy.nextActions(context);

        assertThat(seen[0]).isSameAs(context);
    }

    @Test
    void aStrategyCanOverrideNextActionsAndIgnoreNextOrder() {
        Strategy manager = new Strategy() {
            @Override
            public OrderRequest nextOrder(StrategyContext ctx) {
                throw new AssertionError("not called when nextActions is overridden");
            }

            @Override
            public List<Action> nextActions(StrategyContext ctx) {
                return List.of(Action.cancelAll(), OrderRequest.market(Side.SELL, 1));
            }
        };

        assertThat(manager.nextActions(context)).hasSize(2).first().isEqualTo(Action.cancelAll());
    }

    @Test
    void hooksDoNothingByDefault() {
        Strategy strategy = ctx -> null;

        assertThatCode(() -> {
            strategy.onFill(new Fill(1, null, 1, Side.BUY, java.math.BigDecimal.ONE, 1, 0, true, 1), context);
            strategy.onRejected(new Rejection("no_liquidity", null, "order", 0, null, 1), context);
            strategy.onCancelled(new Cancellation(1, null, 1, "requested", 1), context);
            strategy.onBookUpdate(context);
        }).doesNotThrowAnyException();
    }
}
