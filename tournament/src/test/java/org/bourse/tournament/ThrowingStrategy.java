package org.bourse.tournament;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.bourse.api.Action;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;

/** A strategy with a bug on every turn. */
public final class ThrowingStrategy implements Strategy {
    public ThrowingStrategy(String traderId, RandomGenerator rng, Map<String, String> params) {
    }

    @Override
    public org.bourse.api.OrderRequest nextOrder(StrategyContext context) {
        return null; // nextActions decides
    }

    @Override
    public List<Action> nextActions(StrategyContext context) {
        throw new IllegalStateException("a bug");
    }
}
