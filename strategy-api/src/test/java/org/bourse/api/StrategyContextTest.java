package org.bourse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StrategyContextTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static StrategyContext.Builder withBook() {
        return StrategyContext.builder("maker_1")
                .bids(List.of(new Level(d("100.05"), 3), new Level(d("100.00"), 7)))
                .asks(List.of(new Level(d("100.10"), 2), new Level(d("100.20"), 4)));
    }

    @Test
    void builderStartsEmptyZeroOrNull() {
        StrategyContext context = StrategyContext.builder("t1").build();

        assertThat(context.traderId()).isEqualTo("t1");
        assertThat(context.timestamp()).isZero();
        assertThat(context.bids()).isEmpty();
        assertThat(context.asks()).isEmpty();
        assertThat(context.recentTrades()).isEmpty();
        assertThat(context.openOrders()).isEmpty();
        assertThat(context.position()).isZero();
        assertThat(context.cash()).isEqualTo(BigDecimal.ZERO);
        assertThat(context.realizedPnl()).isEqualTo(BigDecimal.ZERO);
        assertThat(context.unrealizedPnl()).isEqualTo(BigDecimal.ZERO);
        assertThat(context.totalEquity()).isEqualTo(BigDecimal.ZERO);
        assertThat(context.avgEntryPrice()).isNull();
        assertThat(context.markPrice()).isNull();
        assertThat(context.lastRejection()).isNull();
        assertThat(context.lastLiquidationTime()).isZero();
        assertThat(context.tradingHalted()).isFalse();
    }

    @Test
    void builderSetsEveryField() {
        Rejection rejection = new Rejection("no_liquidity", null, "order", 0, "c-1", 5);
        OpenOrder open = new OpenOrder(7, "c-2", Side.SELL, d("101"), 2);
        PublicTrade trade = new PublicTrade(d("100.5"), 1, Side.BUY, 4);
        StrategyContext context = StrategyContext.builder("t1").timestamp(9).position(-3).cash(d("10300.50"))
                .avgEntryPrice(d("100.1")).realizedPnl(d("1.5")).unrealizedPnl(d("-0.3")).totalEquity(d("10001.2"))
                .markPrice(d("100.2")).openOrders(List.of(open)).recentTrades(List.of(trade)).lastRejection(rejection)
                .lastLiquidationTime(8).tradingHalted(true).build();

        assertThat(context).isEqualTo(new StrategyContext("t1", 9, List.of(), List.of(), List.of(trade), -3,
                d("10300.50"), d("100.1"), d("1.5"), d("-0.3"), d("10001.2"), d("100.2"), List.of(open), rejection,
                8, true));
    }

    @Test
    void bestPricesMidAndSpreadComeFromTheTopOfTheBook() {
        StrategyContext context = withBook().build();

        assertThat(context.bestBid()).isEqualTo(d("100.05"));
        assertThat(context.bestAsk()).isEqualTo(d("100.10"));
        assertThat(context.mid()).as("exact, no rounding to the tick").isEqualTo(d("100.075"));
        assertThat(context.spread()).isEqualTo(d("0.05"));
    }

    @Test
    void midOfAnOddSumIsExact() {
        StrategyContext context = StrategyContext.builder("t1")
                .bids(List.of(new Level(d("0.01"), 1))).asks(List.of(new Level(d("0.02"), 1))).build();

        assertThat(context.mid()).isEqualTo(d("0.015"));
    }

    @Test
    void derivedPricesAreNullWhenASideIsMissing() {
        StrategyContext bidsOnly = StrategyContext.builder("t1").bids(List.of(new Level(d("99"), 1))).build();
        StrategyContext asksOnly = StrategyContext.builder("t1").asks(List.of(new Level(d("101"), 1))).build();
        StrategyContext empty = StrategyContext.builder("t1").build();

        assertThat(bidsOnly.bestBid()).isEqualTo(d("99"));
        assertThat(bidsOnly.bestAsk()).isNull();
        assertThat(bidsOnly.mid()).isNull();
        assertThat(bidsOnly.spread()).isNull();
        assertThat(asksOnly.bestBid()).isNull();
        assertThat(asksOnly.bestAsk()).isEqualTo(d("101"));
        assertThat(asksOnly.mid()).isNull();
        assertThat(asksOnly.spread()).isNull();
        assertThat(empty.bestBid()).isNull();
        assertThat(empty.mid()).isNull();
    }

    @Test
    void lastTradeIsTheNewestOfTheRecentTrades() {
        PublicTrade older = new PublicTrade(d("100.00"), 1, Side.SELL, 1);
        PublicTrade newer = new PublicTrade(d("100.15"), 2, Side.BUY, 2);
        StrategyContext context = StrategyContext.builder("t1").recentTrades(List.of(older, newer)).build();

        assertThat(context.lastTrade()).isEqualTo(newer);
        assertThat(context.lastTradePrice()).isEqualTo(d("100.15"));
    }

    @Test
    void lastTradeIsNullBeforeTheFirstTrade() {
        StrategyContext context = StrategyContext.builder("t1").build();

        assertThat(context.lastTrade()).isNull();
        assertThat(context.lastTradePrice()).isNull();
    }

    @Test
    void lastRejectionReasonAndTime() {
        Rejection rejection = new Rejection("initial_margin_insufficient", "equity 9500 < 10000", "order", 0,
                "maker_1-3", 1_739_980_000_001L);

        StrategyContext rejected = StrategyContext.builder("t1").lastRejection(rejection).build();
        StrategyContext clean = StrategyContext.builder("t1").build();

        assertThat(rejected.lastRejectionReason()).isEqualTo("initial_margin_insufficient");
        assertThat(rejected.lastRejectionTime()).isEqualTo(1_739_980_000_001L);
        assertThat(clean.lastRejectionReason()).isNull();
        assertThat(clean.lastRejectionTime()).isZero();
    }

    @Test
    void openOrdersBySide() {
        OpenOrder bid1 = new OpenOrder(1, "a", Side.BUY, d("99.90"), 1);
        OpenOrder ask = new OpenOrder(2, "b", Side.SELL, d("100.20"), 2);
        OpenOrder bid2 = new OpenOrder(3, null, Side.BUY, d("99.80"), 3);
        StrategyContext context = StrategyContext.builder("t1").openOrders(List.of(bid1, ask, bid2)).build();

        assertThat(context.openOrders(Side.BUY)).containsExactly(bid1, bid2);
        assertThat(context.openOrders(Side.SELL)).containsExactly(ask);
        assertThat(StrategyContext.builder("t1").build().openOrders(Side.BUY)).isEmpty();
    }

    @Test
    void listsAreCopiedSoTheCallerCannotChangeAContextLater() {
        List<Level> bids = new ArrayList<>(List.of(new Level(d("100"), 1)));
        List<OpenOrder> open = new ArrayList<>(List.of(new OpenOrder(1, null, Side.BUY, d("100"), 1)));
        StrategyContext context = StrategyContext.builder("t1").bids(bids).openOrders(open).build();

        bids.add(0, new Level(d("101"), 1));
        open.clear();

        assertThat(context.bestBid()).isEqualTo(d("100"));
        assertThat(context.openOrders()).hasSize(1);
    }

    @Test
    void listsCannotBeChangedThroughTheContext() {
        StrategyContext context = withBook()
                .recentTrades(List.of(new PublicTrade(d("100"), 1, Side.BUY, 1)))
                .openOrders(List.of(new OpenOrder(1, null, Side.BUY, d("100"), 1))).build();

        assertThatThrownBy(() -> context.bids().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> context.asks().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> context.recentTrades().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> context.openOrders().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> context.openOrders(Side.BUY).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aBuilderCanMakeSeveralIndependentContexts() {
        StrategyContext.Builder builder = StrategyContext.builder("t1").position(1);
        StrategyContext first = builder.build();
        StrategyContext second = builder.position(2).build();

        assertThat(first.position()).isEqualTo(1);
        assertThat(second.position()).isEqualTo(2);
    }

    @Test
    void traderIdAndListsAreRequired() {
        assertThatThrownBy(() -> StrategyContext.builder(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("traderId");
        assertThatThrownBy(() -> StrategyContext.builder("t1").bids(null).build())
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> StrategyContext.builder("t1")
                .openOrders(java.util.Arrays.asList((OpenOrder) null)).build())
                .as("no null elements either").isInstanceOf(NullPointerException.class);
    }
}
