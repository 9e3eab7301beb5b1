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
        // and the closed forms for odd and even degrees of freedom, small and large
        assertThat(Statistics.t975(3)).isCloseTo(3.182, within(0.0005));
        assertThat(Statistics.t975(4)).isCloseTo(2.776, within(0.0005));
        assertThat(Statistics.t975(7)).isCloseTo(2.365, within(0.0005));
        assertThat(Statistics.t975(20)).isCloseTo(2.086, within(0.0005));
        assertThat(Statistics.t975(60)).isCloseTo(2.000, within(0.0005));
    }

    @Test
    void theCentralProbabilityIsStudentsDistribution() {
        // P(|T| < t), from a reference implementation of Student's t distribution
        assertThat(Statistics.centralProbability(1.0, 1)).isCloseTo(0.5, within(1e-12));
        assertThat(Statistics.centralProbability(1.0, 2)).isCloseTo(0.5773502691896257, within(1e-12));
        assertThat(Statistics.centralProbability(2.0, 3)).isCloseTo(0.860674031441157, within(1e-12));
        assertThat(Statistics.centralProbability(1.5, 4)).isCloseTo(0.792, within(1e-12));
        assertThat(Statistics.centralProbability(2.0, 6)).isCloseTo(0.907573688468325, within(1e-12));
        assertThat(Statistics.centralProbability(1.0, 9)).isCloseTo(0.6565636038620863, within(1e-12));
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
        // mean 2.333…, sd √(7/3) = 1.5275…, half width t(0.975, 2) · sd / √3 = 3.7946…
        assertThat(Statistics.estimate(decimals("1.00", "2.00", "4.00"), 2))
                .isEqualTo(estimate(3, "2.33", "1.53", "-1.46", "6.13"));
        assertThat(Statistics.estimate(decimals("5", "4", "3"), 2)).isEqualTo(estimate(3, "4.00", "1.00", "1.52", "6.48"));
        assertThat(Statistics.estimate(decimals("-3", "-5", "-4"), 3))
                .isEqualTo(estimate(3, "-4.000", "1.000", "-6.484", "-1.516"));
        assertThat(Statistics.estimate(decimals("0.125"), 2)).isEqualTo(estimate(1, "0.12", null, null, null));
        assertThat(Statistics.estimate(decimals("0.135"), 2)).isEqualTo(estimate(1, "0.14", null, null, null));
        assertThat(Statistics.estimate(List.of(), 2)).isEqualTo(estimate(0, null, null, null, null));
        assertThat(Statistics.estimate(decimals("-0.001"), 2).mean().toPlainString()).isEqualTo("0.00");
    }

    @Test
    void anIntervalExcludesZeroWhenItLiesWhollyOnOneSide() {
        assertThat(estimate(3, "4.00", "1.00", "1.52", "6.48").excludesZero()).isTrue();
        assertThat(estimate(3, "-4.00", "1.00", "-6.48", "-1.52").excludesZero()).isTrue();
        assertThat(estimate(3, "2.33", "1.53", "-1.46", "6.13").excludesZero()).isFalse();
        assertThat(estimate(3, "2.00", "1.00", "0.00", "4.00").excludesZero()).isFalse();
        assertThat(estimate(3, "-2.00", "1.00", "-4.00", "0.00").excludesZero()).isFalse();
        assertThat(estimate(1, "2.00", null, null, null).excludesZero()).isFalse();
    }

    @Test
    void sharpeIsTheMeanOverTheStandardDeviation() {
        assertThat(Statistics.sharpe(decimals("1", "2", "4"))).isEqualTo(new BigDecimal("1.528"));
        assertThat(Statistics.sharpe(decimals("-3", "-5", "-4"))).isEqualTo(new BigDecimal("-4.000"));
        assertThat(Statistics.sharpe(decimals("10", "12"))).isEqualTo(new BigDecimal("7.778")); // 11 / √2
        assertThat(Statistics.sharpe(decimals("10"))).isNull();
        assertThat(Statistics.sharpe(decimals("1", "1"))).isNull();
    }

    @Test
    void roundsToDetectGrowsAsTheDifferenceShrinks() {
        assertThat(Statistics.roundsToDetect(new BigDecimal("10"), new BigDecimal("10"))).isEqualTo(8L);
        assertThat(Statistics.roundsToDetect(new BigDecimal("-10"), new BigDecimal("10"))).isEqualTo(8L);
        assertThat(Statistics.roundsToDetect(new BigDecimal("1"), new BigDecimal("10"))).isEqualTo(785L);
        assertThat(Statistics.roundsToDetect(new BigDecimal("100"), BigDecimal.ONE)).as("at least a pair").isEqualTo(2L);
        assertThat(Statistics.roundsToDetect(BigDecimal.ZERO, BigDecimal.ONE)).isNull();
    }

    private static Statistics.Estimate estimate(long n, String mean, String sd, String low, String high) {
        return new Statistics.Estimate(n, decimal(mean), decimal(sd), decimal(low), decimal(high));
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    private static boolean covers(Statistics.Estimate e, BigDecimal mean) {
        return e.low().compareTo(mean) <= 0 && e.high().compareTo(mean) >= 0;
    }

    private static BigDecimal cents(double value) {
        return BigDecimal.valueOf(Math.round(value * 100), 2);
    }
}
