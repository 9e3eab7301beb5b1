package org.bourse.tournament;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void studentsQuantileMatchesTheTables() {
        // t(0.975, df) from the published tables
        assertThat(Statistics.t975(1)).isCloseTo(12.706, within(0.0005));
        assertThat(Statistics.t975(2)).isCloseTo(4.303, within(0.0005));
        assertThat(Statistics.t975(5)).isCloseTo(2.571, within(0.0005));
        assertThat(Statistics.t975(10)).isCloseTo(2.228, within(0.0005));
        assertThat(Statistics.t975(30)).isCloseTo(2.042, within(0.0005));
        assertThat(Statistics.t975(120)).isCloseTo(1.980, within(0.0005));
    }

    /**
     * Seeded synthetic PnLs of known mean: the 95 % interval covers the mean in about 95 % of the repetitions, for a
     * normal and for a skewed (exponential) PnL distribution. Fixed seeds: the same counts every run.
     */
    @Test
    void theIntervalCoversTheTrueMeanInAbout95PercentOfRepetitions() {
        Random random = new Random(42);
        int repetitions = 2_000;
        int normalCovered = 0;
        int skewedCovered = 0;
        BigDecimal mean = new BigDecimal("3.00");
        for (int rep = 0; rep < repetitions; rep++) {
            List<BigDecimal> normal = new ArrayList<>();
            List<BigDecimal> skewed = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                normal.add(cents(3 + 10 * random.nextGaussian()));
                skewed.add(cents(-7 + 10 * -Math.log(1 - random.nextDouble()))); // mean -7 + 10 = 3
            }
            normalCovered += covers(Statistics.estimate(normal, 2), mean) ? 1 : 0;
            skewedCovered += covers(Statistics.estimate(skewed, 2), mean) ? 1 : 0;
        }
        assertThat(normalCovered / (double) repetitions).isBetween(0.935, 0.965);
        assertThat(skewedCovered / (double) repetitions).isBetween(0.92, 0.965);
    }

    @Test
    void estimatesAreExactDecimalsRoundedHalfEven() {
        Statistics.Estimate e = Statistics.estimate(List.of(new BigDecimal("1.00"), new BigDecimal("2.00"),
                new BigDecimal("4.00")), 2);
        assertThat(e.mean()).isEqualByComparingTo("2.33");
        assertThat(e.sd()).isEqualByComparingTo("1.53"); // √(7/3) = 1.5275…
        assertThat(e.mean().scale()).isEqualTo(2);
        assertThat(Statistics.estimate(List.of(new BigDecimal("5.00")), 2).low()).isNull();
        assertThat(Statistics.sharpe(List.of(BigDecimal.ONE, BigDecimal.ONE))).isNull();
    }

    @Test
    void roundsToDetectGrowsAsTheDifferenceShrinks() {
        assertThat(Statistics.roundsToDetect(new BigDecimal("10"), new BigDecimal("10"))).isEqualTo(8L);
        assertThat(Statistics.roundsToDetect(new BigDecimal("1"), new BigDecimal("10"))).isEqualTo(785L);
        assertThat(Statistics.roundsToDetect(BigDecimal.ZERO, BigDecimal.ONE)).isNull();
    }

    private static boolean covers(Statistics.Estimate e, BigDecimal mean) {
        return e.low().compareTo(mean) <= 0 && e.high().compareTo(mean) >= 0;
    }

    private static BigDecimal cents(double value) {
        return BigDecimal.valueOf(Math.round(value * 100), 2);
    }
}
