package org.bourse.bot;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;

/** Bids at 99.505 every turn, between two ticks of a cent: every order is rejected. For the process test. */
public final class OffTickEveryTurn implements Strategy {

    public OffTickEveryTurn(String traderId, RandomGenerator rng, Map<String, String> params) {
    }

    @Override
    public OrderRequest nextOrder(StrategyContext context) {
        return OrderRequest.limit(Side.BUY, "99.505", 1);
    }
}
