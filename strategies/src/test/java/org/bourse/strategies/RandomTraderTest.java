package org.bourse.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.strategies.Fixtures.T0;
import static org.bourse.strategies.Fixtures.book;
import static org.bourse.strategies.Fixtures.d;
import static org.bourse.strategies.Fixtures.orders;
import static org.bourse.strategies.Fixtures.params;
import static org.bourse.strategies.Fixtures.rng;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.bourse.api.Action;
import org.bourse.api.Fill;
import org.bourse.api.OpenOrder;
import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.api.StrategyContext;
import org.junit.jupiter.api.Test;

class RandomTraderTest {

    private static RandomTrader trader(long seed, String... params) {
        return new RandomTrader("me", rng(seed), params(params));
    }

    /** Turns on the same market, each order filling at once, so no order rests and the position stays put. */
    private static List<OrderRequest> run(RandomTrader trader, StrategyContext.Builder market, int turns) {
        List<OrderRequest> sent = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            StrategyContext context = market.timestamp(T0 + i).build();
            for (OrderRequest order : orders(trader.nextActions(context))) {
                trader.onFill(new Fill(i + 1, order.clientOrderId(), i + 1, order.side(), order.price(), order.qty(),
                        0, false, T0 + i), context);
                sent.add(order);
            }
        }
        return sent;
    }

    @Test
    void sendsRandomLimitOrdersWithinTheWidthOfTheMid() {
        List<OrderRequest> orders = run(trader(1, "width", "10", "max_qty", "5"), book("99.95", "100.05"), 2_000);

        assertThat(orders).hasSize(2_000).allSatisfy(order -> {
            assertThat(Fixtures.onGrid(order.price())).isTrue();
            assertThat(order.price()).isBetween(d("99.90"), d("100.10"));
            assertThat(order.qty()).isBetween(1L, 5L);
            assertThat(order.postOnly()).isFalse();
        });
        assertThat(orders).extracting(OrderRequest::price).contains(d("99.90"), d("100.10"), d("100.00"));
        assertThat(orders).extracting(OrderRequest::qty).contains(1L, 5L);
        assertThat(orders).as("some cross the book").anyMatch(order -> order.side() == Side.BUY
                && order.price().compareTo(d("100.05")) >= 0);
    }

    @Test
    void startsTheMarketFromItsReferencePrice() {
        List<OrderRequest> orders = run(trader(2, "reference", "20", "width", "3"), book(null, null), 200);

        assertThat(orders).allSatisfy(order -> assertThat(order.price()).isBetween(d("19.97"), d("20.03")));
    }

    @Test
    void neverQuotesAtOrBelowZero() {
        List<OrderRequest> orders = run(trader(3, "reference", "0.02", "width", "10"), book(null, null), 500);

        assertThat(orders).allSatisfy(order -> assertThat(order.price()).isGreaterThanOrEqualTo(d("0.01")));
    }

    @Test
    void cancelsItsOrdersOnceTheyAreOld() {
        RandomTrader trader = trader(4, "max_order_age_ms", "1000");
        OrderRequest sent = orders(trader.nextActions(book("99.95", "100.05").build())).get(0);
        OpenOrder resting = new OpenOrder(5, sent.clientOrderId(), sent.side(), sent.price(), sent.qty());

        List<Action> young = trader.nextActions(book("99.95", "100.05").openOrders(List.of(resting))
                .timestamp(T0 + 1000).build());
        List<Action> old = trader.nextActions(book("99.95", "100.05").openOrders(List.of(resting))
                .timestamp(T0 + 1001).build());
        List<Action> stillThere = trader.nextActions(book("99.95", "100.05").openOrders(List.of(resting))
                .timestamp(T0 + 1002).build());

        assertThat(young).noneMatch(Action.Cancel.class::isInstance);
        assertThat(old).contains(Action.cancel(5));
        assertThat(stillThere).as("not cancelled twice").doesNotContain(Action.cancel(5));
    }

    @Test
    void keepsAtMostMaxOrdersInTheBook() {
        RandomTrader trader = trader(5, "max_orders", "3", "max_position", "1000");
        List<OpenOrder> open = new ArrayList<>();
        for (int turn = 0; turn < 50; turn++) {
            List<Action> actions = trader.nextActions(book("99.95", "100.05").openOrders(open)
                    .timestamp(T0 + turn * 100L).build());
            for (Action action : actions) {
                if (action instanceof OrderRequest order) {
                    open.add(new OpenOrder(turn + 1, order.clientOrderId(), order.side(), order.price(), order.qty()));
                } else if (action instanceof Action.Cancel cancel) {
                    open.removeIf(order -> order.orderId() == cancel.orderId());
                }
            }
            assertThat(open).hasSizeLessThanOrEqualTo(3);
        }
    }

    @Test
    void keepsItsPositionWithinTheLimitCountingItsRestingOrders() {
        RandomTrader trader = trader(6, "max_position", "10", "max_qty", "5");
        List<OpenOrder> restingBids = List.of(new OpenOrder(1, null, Side.BUY, d("99.00"), 4));

        List<OrderRequest> orders = run(trader, book("99.95", "100.05").position(5).openOrders(restingBids), 300);

        assertThat(orders).filteredOn(order -> order.side() == Side.BUY).isNotEmpty()
                .allSatisfy(order -> assertThat(order.qty()).as("10 − 5 − 4").isEqualTo(1));
    }

    @Test
    void turnsToTheOtherSideWhenOneSideIsFull() {
        List<OrderRequest> orders = run(trader(7, "max_position", "10"), book("99.95", "100.05").position(10), 200);

        assertThat(orders).hasSize(200).allSatisfy(order -> assertThat(order.side()).isEqualTo(Side.SELL));
    }

    @Test
    void doesNothingWhileTradingIsHalted() {
        assertThat(run(trader(8), book("99.95", "100.05").tradingHalted(true), 50)).isEmpty();
    }

    @Test
    void sameSeedSameOrdersAndAnotherSeedOthers() {
        List<BigDecimal> first = run(trader(42), book("99.95", "100.05"), 300).stream().map(OrderRequest::price)
                .toList();

        assertThat(run(trader(42), book("99.95", "100.05"), 300)).extracting(OrderRequest::price).isEqualTo(first);
        assertThat(run(trader(43), book("99.95", "100.05"), 300)).extracting(OrderRequest::price).isNotEqualTo(first);
    }
}
