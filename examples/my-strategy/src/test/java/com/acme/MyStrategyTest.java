package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bourse.api.Action;
import org.bourse.api.Level;
import org.bourse.api.OpenOrder;
import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.api.StrategyContext;
import org.junit.jupiter.api.Test;

class MyStrategyTest {

    private final MyStrategy strategy = new MyStrategy("me", new SplittableRandom(7), Map.of("qty", "2"));

    private static StrategyContext.Builder book(String bestBid, String bestAsk) {
        return StrategyContext.builder("me")
                .bids(List.of(new Level(new BigDecimal(bestBid), 5)))
                .asks(List.of(new Level(new BigDecimal(bestAsk), 5)));
    }

    @Test
    void quotesOneTickInsideTheSpread() {
        List<Action> actions = strategy.nextActions(book("99.90", "100.10").build());

        assertEquals(List.of(OrderRequest.limit(Side.BUY, "99.91", 2).asPostOnly(),
                OrderRequest.limit(Side.SELL, "100.09", 2).asPostOnly()), actions);
    }

    @Test
    void cancelsItsQuoteOnceSomebodyBeatsIt() {
        OpenOrder myBid = new OpenOrder(7, null, Side.BUY, new BigDecimal("99.91"), 2);
        OpenOrder myAsk = new OpenOrder(8, null, Side.SELL, new BigDecimal("100.09"), 2);

        List<Action> actions = strategy.nextActions(book("99.95", "100.09").openOrders(List.of(myBid, myAsk)).build());

        assertEquals(List.of(Action.cancel(7)), actions);
    }

    @Test
    void refusesABadQuantity() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new MyStrategy("me", new SplittableRandom(7), Map.of("qty", "two")));

        assertEquals("qty: expected a whole number ≥ 1, got 'two'", error.getMessage());
    }
}
