package org.bourse.strategies;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.bourse.api.Action;
import org.bourse.api.Level;
import org.bourse.api.OrderRequest;
import org.bourse.api.PublicTrade;
import org.bourse.api.Side;
import org.bourse.api.StrategyContext;

/** Short ways to write the contexts, parameters and generators the strategy tests need. */
final class Fixtures {

    static final long T0 = 1_000_000;

    private Fixtures() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static RandomGenerator rng(long seed) {
        return new SplittableRandom(seed);
    }

    /** {@code params("qty", "2", "levels", "1")}. */
    static Map<String, String> params(String... keysAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            params.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return params;
    }

    /** A context at {@link #T0} with one level of 10 lots on each side; null leaves that side empty. */
    static StrategyContext.Builder book(String bestBid, String bestAsk) {
        return StrategyContext.builder("me").timestamp(T0)
                .bids(bestBid == null ? List.of() : List.of(new Level(d(bestBid), 10)))
                .asks(bestAsk == null ? List.of() : List.of(new Level(d(bestAsk), 10)));
    }

    static List<PublicTrade> trades(String... prices) {
        List<PublicTrade> trades = new ArrayList<>();
        for (String price : prices) {
            trades.add(new PublicTrade(d(price), 1, Side.BUY, T0));
        }
        return trades;
    }

    static List<OrderRequest> orders(List<Action> actions) {
        return actions.stream().filter(OrderRequest.class::isInstance).map(OrderRequest.class::cast).toList();
    }

    static List<BigDecimal> prices(List<Action> actions, Side side) {
        return orders(actions).stream().filter(order -> order.side() == side).map(OrderRequest::price).toList();
    }

    static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    /** A positive price on the 0.01 grid. */
    static boolean onGrid(BigDecimal price) {
        return price.signum() > 0 && price.remainder(new BigDecimal("0.01")).signum() == 0;
    }
}
