package org.bourse.session.strategies;

import java.math.BigDecimal;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;

/**
 * A strategy with a bug: every third turn it throws (every turn with {@code "every": "1"}); the others it quotes
 * around the mark.
 */
public final class Thrower implements Strategy {
    private final RandomGenerator random;
    private final long every;
    private long turns;

    public Thrower(String traderId, RandomGenerator random, Map<String, String> params) {
        this.random = random;
        this.every = params == null ? 3 : Long.parseLong(params.getOrDefault("every", "3"));
    }

    @Override
    public OrderRequest nextOrder(StrategyContext context) {
        if (++turns % every == 0) {
            throw new IllegalStateException("turn " + turns + " went wrong");
        }
        BigDecimal mark = context.markPrice() != null ? context.markPrice() : new BigDecimal("100.00");
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        BigDecimal offset = BigDecimal.valueOf(random.nextInt(5) - 2, 2);
        return OrderRequest.limit(side, mark.add(offset), 1 + random.nextInt(3));
    }
}
