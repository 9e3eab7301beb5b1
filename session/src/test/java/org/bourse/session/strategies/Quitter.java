package org.bourse.session.strategies;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;

/** A bot whose process dies mid-battle: after {@code turns} turns (default 10) it halts its JVM with status 3. */
public final class Quitter implements Strategy {
    private final int lastTurn;
    private int turns;

    public Quitter(String traderId, RandomGenerator random, Map<String, String> params) {
        this.lastTurn = Integer.parseInt(params.getOrDefault("turns", "10"));
    }

    @Override
    public OrderRequest nextOrder(StrategyContext context) {
        if (++turns > lastTurn) {
            Runtime.getRuntime().halt(3);
        }
        return OrderRequest.market(turns % 2 == 0 ? Side.BUY : Side.SELL, 1);
    }
}
