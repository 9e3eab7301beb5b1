package org.bourse.tournament;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.bourse.api.Action;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;

/** A strategy whose first decision never returns (until its thread is interrupted). */
public final class HangingStrategy implements Strategy {
    public HangingStrategy(String traderId, RandomGenerator rng, Map<String, String> params) {
    }

    @Override
    public org.bourse.api.OrderRequest nextOrder(StrategyContext context) {
        return null; // nextActions decides
    }

    @Override
    public List<Action> nextActions(StrategyContext context) {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }
}
