package org.bourse.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.strategies.Fixtures.book;
import static org.bourse.strategies.Fixtures.d;
import static org.bourse.strategies.Fixtures.params;
import static org.bourse.strategies.Fixtures.rng;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bourse.api.OrderRequest;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.StrategyContext;
import org.bourse.api.TimeInForce;
import org.junit.jupiter.api.Test;

class TakerTest {

    private static Taker taker(long seed, String... params) {
        return new Taker("me", rng(seed), params(params));
    }

    /** The orders of {@code turns} turns on the same context (null where it did nothing). */
    private static List<OrderRequest> run(Taker taker, StrategyContext context, int turns) {
        List<OrderRequest> orders = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            orders.add(taker.nextOrder(context));
        }
        return orders;
    }

    @Test
    void takesTheBestPriceWithAnIocOrderWithinTheSlippage() {
        List<OrderRequest> orders = run(taker(1, "aggression", "1", "qty", "2"), book("99.95", "100.05").build(), 200);

        assertThat(orders).doesNotContainNull().allSatisfy(order -> {
            assertThat(order.tif()).isEqualTo(TimeInForce.IOC);
            assertThat(order.qty()).isEqualTo(2);
            assertThat(order.price()).isEqualTo(order.side() == Side.BUY ? d("100.10") : d("99.90"));
        });
        assertThat(orders).extracting(OrderRequest::side).contains(Side.BUY, Side.SELL);
    }

    @Test
    void sendsMarketOrdersWhenAskedTo() {
        List<OrderRequest> orders = run(taker(1, "aggression", "1", "order_type", "market"),
                book("99.95", "100.05").build(), 20);

        assertThat(orders).doesNotContainNull().allSatisfy(order -> {
            assertThat(order.type()).isEqualTo(OrderType.MARKET);
            assertThat(order.price()).isNull();
        });
    }

    @Test
    void roundsItsLimitAwayFromTheBookOntoTheTick() {
        List<OrderRequest> orders = run(taker(3, "aggression", "1", "slippage", "0.015"),
                book("99.95", "100.05").build(), 50);

        assertThat(orders).allSatisfy(order -> assertThat(order.price())
                .isEqualTo(order.side() == Side.BUY ? d("100.07") : d("99.93")));
    }

    @Test
    void tradesWithTheGivenProbability() {
        long trades = run(taker(5, "aggression", "0.3"), book("99.95", "100.05").build(), 10_000).stream()
                .filter(order -> order != null).count();

        assertThat(trades).isBetween(2_700L, 3_300L);
        assertThat(run(taker(5, "aggression", "0"), book("99.95", "100.05").build(), 1_000)).containsOnlyNulls();
    }

    @Test
    void doesNothingAgainstAnEmptySide() {
        List<OrderRequest> bidsOnly = run(taker(7, "aggression", "1"), book("99.95", null).build(), 200);
        List<OrderRequest> empty = run(taker(7, "aggression", "1"), book(null, null).build(), 50);

        assertThat(bidsOnly).filteredOn(order -> order != null).isNotEmpty()
                .allSatisfy(order -> assertThat(order.side()).isEqualTo(Side.SELL));
        assertThat(bidsOnly).contains((OrderRequest) null);
        assertThat(empty).containsOnlyNulls();
    }

    @Test
    void leansTowardFlatBeyondHalfItsLimitAndAlwaysReducesAtTheLimit() {
        StrategyContext withinHalf = book("99.95", "100.05").position(5).build();
        StrategyContext beyondHalf = book("99.95", "100.05").position(8).build();
        StrategyContext atLimit = book("99.95", "100.05").position(-10).build();

        long sellsWithinHalf = run(taker(11, "aggression", "1"), withinHalf, 2_000).stream()
                .filter(order -> order.side() == Side.SELL).count();
        long sellsBeyondHalf = run(taker(11, "aggression", "1"), beyondHalf, 2_000).stream()
                .filter(order -> order.side() == Side.SELL).count();

        assertThat(sellsWithinHalf).isBetween(850L, 1_150L);
        assertThat(sellsBeyondHalf).as("0.5 + 0.5 × 3/5 = 80 %").isBetween(1_500L, 1_700L);
        assertThat(run(taker(11, "aggression", "1"), atLimit, 200))
                .allSatisfy(order -> assertThat(order.side()).isEqualTo(Side.BUY));
    }

    @Test
    void cutsATradeToWhatFitsUnderTheLimit() {
        List<OrderRequest> orders = run(taker(13, "aggression", "1", "qty", "4", "max_position", "10"),
                book("99.95", "100.05").position(8).build(), 300);

        assertThat(orders).filteredOn(order -> order.side() == Side.BUY).isNotEmpty()
                .allSatisfy(order -> assertThat(order.qty()).isEqualTo(2));
        assertThat(orders).filteredOn(order -> order.side() == Side.SELL)
                .allSatisfy(order -> assertThat(order.qty()).isEqualTo(4));
    }

    @Test
    void doesNothingWhileTradingIsHalted() {
        assertThat(run(taker(1, "aggression", "1"), book("99.95", "100.05").tradingHalted(true).build(), 50))
                .containsOnlyNulls();
    }

    @Test
    void sameSeedSameOrdersAndAnotherSeedOthers() {
        StrategyContext context = book("99.95", "100.05").build();

        assertThat(run(taker(42), context, 500)).isEqualTo(run(taker(42), context, 500));
        assertThat(run(taker(42), context, 500)).isNotEqualTo(run(taker(43), context, 500));
    }

    @Test
    void sellingIntoAVeryLowBidStaysAboveZero() {
        List<OrderRequest> orders = run(new Taker("me", rng(1), Map.of("aggression", "1", "slippage", "1")),
                book("0.02", "0.03").position(5).build(), 100);

        assertThat(orders).filteredOn(order -> order.side() == Side.SELL).isNotEmpty()
                .allSatisfy(order -> assertThat(order.price()).isEqualTo(d("0.01")));
    }
}
