package org.bourse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics whose definitions need a worked example: markouts, maker share, drawdown, Sharpe. */
class TraderMetricsTest {

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    /** maker_1 sells 2 at 100.10 to a buyer who took it, then buys 1 at 99.90 resting; the mid moves after each. */
    private static Battle battle() {
        List<Battle.Trade> trades = List.of(
                new Battle.Trade(1_000, d("100.10"), 2, "taker_1", "maker_1", "buy"),
                new Battle.Trade(3_000, d("99.90"), 1, "maker_1", "taker_1", "sell"),
                new Battle.Trade(40_000, d("100.00"), 1, "taker_1", "other_1", "buy"));
        List<Battle.Quote> quotes = List.of(
                new Battle.Quote(1_000, d("100.00"), d("100.20")),   // mid 100.10
                new Battle.Quote(1_500, d("99.90"), d("100.00")),    // mid 99.95
                new Battle.Quote(3_000, d("99.80"), d("100.00")),    // mid 99.90
                new Battle.Quote(3_800, d("100.00"), null),          // one-sided: the last trade's price
                new Battle.Quote(40_000, d("99.90"), d("100.10")));
        List<Battle.AccountUpdate> updates = List.of(
                new Battle.AccountUpdate(1_000, "maker_1", -2, d("10200.20"), d("0.00"), d("10000.00")),
                new Battle.AccountUpdate(2_000, "maker_1", -2, d("10200.20"), d("0.00"), d("10000.40")),
                new Battle.AccountUpdate(3_000, "maker_1", -1, d("10100.30"), d("0.20"), d("10000.10")),
                new Battle.AccountUpdate(5_000, "maker_1", -1, d("10100.30"), d("0.20"), d("10000.50")));
        return new Battle(List.of("{}"), trades, updates, quotes, 2,
                new StartingCash(Map.of("maker_1", d("10000.00")), d("10000.00")), List.of());
    }

    @Test
    void markoutsAreQuantityWeightedPerLotFromTheTradersSide() {
        TraderMetrics maker = new TraderMetrics("maker_1", battle());
        // 1 s after: the sell at 100.10 (2 lots) against the mid 99.95 → +0.15 each; the buy at 99.90 (1 lot)
        // against the last trade 99.90 (one-sided book) → 0; (2 × 0.15 + 0) / 3 = 0.1
        assertThat(maker.markout(1_000)).isEqualByComparingTo("0.1000");
        assertThat(maker.markout(1_000).scale()).isEqualTo(4);
        // 30 s after: only the first two fills are 30 s from the end (40 s): mid at 31 s and 33 s is 99.90 (one-
        // sided → last trade) → sell +0.20 × 2, buy 0 → 0.4 / 3
        assertThat(maker.markout(30_000)).isEqualByComparingTo("0.1333");
    }

    @Test
    void makerShareDrawdownAndPnlComeFromTheExchangesFigures() {
        TraderMetrics maker = new TraderMetrics("maker_1", battle());
        assertThat(maker.makerSharePercent()).isEqualByComparingTo("100.0");
        assertThat(new TraderMetrics("taker_1", battle()).makerSharePercent()).isEqualByComparingTo("0.0");
        assertThat(maker.trades()).isEqualTo(2);
        assertThat(maker.volume()).isEqualTo(3);
        assertThat(maker.finalEquity()).isEqualByComparingTo("10000.50");
        assertThat(maker.pnl()).isEqualByComparingTo("0.50");
        assertThat(maker.returnPercent()).isEqualByComparingTo("0.005");
        assertThat(maker.maxDrawdown()).isEqualByComparingTo("0.30"); // 10000.40 → 10000.10
        assertThat(maker.maxDrawdownPercent()).isEqualByComparingTo("0.003");
    }

    @Test
    void sharpeSamplesTheEquityEverySecondFromTheFirstTradeToTheLast() {
        TraderMetrics maker = new TraderMetrics("maker_1", battle());
        // samples at 1..40 s: 10000.00, 10000.40, 10000.10, 10000.10, 10000.50, then flat → 39 increments:
        // +0.40, -0.30, 0, +0.40, then 35 zeros
        double[] increments = new double[39];
        increments[0] = 0.4;
        increments[1] = -0.3;
        increments[3] = 0.4;
        double mean = 0.5 / 39;
        double squares = 0;
        for (double x : increments) {
            squares += (x - mean) * (x - mean);
        }
        assertThat(maker.sharpe()).isCloseTo(mean / Math.sqrt(squares / 38), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(new TraderMetrics("nobody", battle()).sharpe()).as("equity never moved").isNull();
    }
}
