package org.bourse.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.strategies.Fixtures.book;
import static org.bourse.strategies.Fixtures.d;
import static org.bourse.strategies.Fixtures.params;
import static org.bourse.strategies.Fixtures.rng;
import static org.bourse.strategies.Fixtures.trades;

import java.util.ArrayList;
import java.util.List;

import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.api.StrategyContext;
import org.bourse.api.TimeInForce;
import org.junit.jupiter.api.Test;

class MomentumTest {

    private final Momentum momentum = new Momentum("me", rng(1),
            params("short", "2", "long", "4", "qty", "2", "max_position", "5"));

    private static StrategyContext.Builder lastTrade(String price) {
        return book("99.95", "100.05").recentTrades(trades(price));
    }

    /** One turn per price, all at {@code position}; the orders of every turn, null where it did nothing. */
    private List<OrderRequest> feed(long position, String... lastPrices) {
        List<OrderRequest> orders = new ArrayList<>();
        for (String price : lastPrices) {
            orders.add(momentum.nextOrder(lastTrade(price).position(position).build()));
        }
        return orders;
    }

    @Test
    void waitsForAFullLongWindowThenBuysARisingMarket() {
        List<OrderRequest> orders = feed(0, "100.00", "100.10", "100.20", "100.30");

        assertThat(orders.subList(0, 3)).containsOnlyNulls();
        assertThat(orders.get(3)).isEqualTo(OrderRequest.limit(Side.BUY, "100.10", 2).ioc());
    }

    @Test
    void sellsAFallingMarket() {
        List<OrderRequest> orders = feed(0, "100.30", "100.20", "100.10", "100.00");

        assertThat(orders.get(3)).isEqualTo(OrderRequest.limit(Side.SELL, "99.90", 2).ioc());
        assertThat(orders.get(3).tif()).isEqualTo(TimeInForce.IOC);
    }

    @Test
    void needsTheAveragesMoreThanTheThresholdApart() {
        // short average 100.015, long 100.0075: 0.0075 apart, under the default 0.01
        assertThat(feed(0, "100.00", "100.00", "100.01", "100.02")).containsOnlyNulls();
        // short 100.03, long 100.0175: 0.0125 apart
        assertThat(feed(0, "100.04")).singleElement().extracting(OrderRequest::side).isEqualTo(Side.BUY);
    }

    @Test
    void staysWithinItsPositionLimit() {
        feed(0, "100.00", "100.10", "100.20");

        assertThat(feed(4, "100.30")).singleElement().extracting(OrderRequest::qty).isEqualTo(1L);
        assertThat(feed(5, "100.40")).containsOnlyNulls();
    }

    @Test
    void closesTheWholePositionWhenTheTrendFades() {
        feed(0, "100.00", "100.10", "100.20", "100.30");

        List<OrderRequest> orders = feed(5, "100.30", "100.30", "100.30", "100.30");

        assertThat(orders).contains(OrderRequest.limit(Side.SELL, "99.90", 5).ioc());
    }

    @Test
    void closesAShortBeforeFollowingAnUptrend() {
        assertThat(feed(-3, "100.00", "100.10", "100.20", "100.30").get(3))
                .isEqualTo(OrderRequest.limit(Side.BUY, "100.10", 3).ioc());
    }

    @Test
    void doesNothingWhenTheSideToTradeAgainstIsEmpty() {
        feed(0, "100.00", "100.10", "100.20");

        assertThat(momentum.nextOrder(book("99.95", null).recentTrades(trades("100.30")).build())).isNull();
        assertThat(momentum.nextOrder(book(null, null).recentTrades(trades("100.40")).build())).isNull();
        assertThat(momentum.nextOrder(lastTrade("100.50").build())).isNotNull();
    }

    @Test
    void samplesNothingBeforeTheFirstTrade() {
        for (int turn = 0; turn < 10; turn++) {
            assertThat(momentum.nextOrder(book("99.95", "100.05").build())).isNull();
        }
        assertThat(feed(0, "100.00", "100.10", "100.20")).containsOnlyNulls();
    }

    @Test
    void doesNothingWhileTradingIsHalted() {
        feed(0, "100.00", "100.10", "100.20");

        assertThat(momentum.nextOrder(lastTrade("100.30").tradingHalted(true).build())).isNull();
        assertThat(feed(0, "100.40")).doesNotContainNull();
    }

    @Test
    void limitsRoundOntoTheTickAwayFromTheBook() {
        Momentum coarse = new Momentum("me", rng(1), params("short", "1", "long", "2", "slippage", "0.001"));
        coarse.nextOrder(lastTrade("100").build());

        assertThat(coarse.nextOrder(lastTrade("101").build()).price()).isEqualTo(d("100.06"));
    }
}
