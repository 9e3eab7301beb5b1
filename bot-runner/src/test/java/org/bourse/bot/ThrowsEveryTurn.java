package org.bourse.bot;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.bourse.api.OrderRequest;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;

/** A strategy with the bug that never lets it trade: its only method throws. For the process test. */
public final class ThrowsEveryTurn implements Strategy {

    public ThrowsEveryTurn(String traderId, RandomGenerator rng, Map<String, String> params) {
    }

    @Override
    public OrderRequest nextOrder(StrategyContext context) {
        throw new IllegalStateException("no idea what to do");
    }
}
