package org.bourse.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The models' paths have the statistics their parameters promise, over many seeded steps. Each tolerance is four
 * standard errors of the estimate for the sample it is made from, so a correct model passes for almost every seed
 * (and the seeds are fixed, so a pass is a pass on every machine); a wrong factor of √2, a half-life in the wrong
 * unit or a jump rate per step instead of per minute is far outside.
 */
class FundamentalStatisticsTest {
    private static final BigDecimal START = new BigDecimal("100");
    private static final long STEP = 100;
    private static final double STEPS_PER_MINUTE = 60_000.0 / STEP;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void ouHasItsStationaryMeanVarianceAndHalfLife(long seed) {
        double volatility = 1; // percent per √minute
        double halfLifeSeconds = 30;
        BigDecimal mean = new BigDecimal("120");
        FundamentalPath path = Fundamental.path(new Fundamental.Spec(STEP,
                new Fundamental.MeanReverting(volatility, mean, halfLifeSeconds, Fundamental.Jumps.NONE)), seed, START);
        int halfLifeSteps = (int) (halfLifeSeconds * 1000 / STEP);
        int burnIn = 20 * halfLifeSteps; // from 100 to 120 and the variance built up: 2^-20 of the way is left
        int n = 2_000_000;
        double[] x = new double[n + halfLifeSteps];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.log(path.valueAt((burnIn + (long) i) * STEP));
        }
        double theta = Math.log(2) / (halfLifeSeconds / 60); // per minute
        double phi = Math.exp(-theta / STEPS_PER_MINUTE); // one step's autocorrelation
        double stationaryVariance = Math.pow(volatility / 100, 2) / (2 * theta);
        // AR(1) samples: n of them are worth n (1 - φ) / (1 + φ) independent ones for the mean and
        // n (1 - φ²) / (1 + φ²) for the variance
        double sampleMean = mean(x, 0, n);
        double meanError = Math.sqrt(stationaryVariance * (1 + phi) / (1 - phi) / n);
        assertThat(sampleMean).isCloseTo(Math.log(120), within(4 * meanError));
        double sampleVariance = covariance(x, 0, n, sampleMean);
        double varianceError = stationaryVariance * Math.sqrt(2 * (1 + phi * phi) / (1 - phi * phi) / n);
        assertThat(sampleVariance).isCloseTo(stationaryVariance, within(4 * varianceError));
        // after one half-life the autocorrelation is one half (Bartlett's variance of a lag-L autocorrelation)
        double lagged = covariance(x, halfLifeSteps, n, sampleMean) / sampleVariance;
        double rho = Math.pow(phi, halfLifeSteps);
        double laggedError = Math.sqrt(((1 + phi * phi) * (1 - rho * rho) / (1 - phi * phi)
                - 2 * halfLifeSteps * rho * rho) / n);
        assertThat(rho).isCloseTo(0.5, within(1e-9));
        assertThat(lagged).isCloseTo(0.5, within(4 * laggedError));
        double measuredHalfLife = halfLifeSeconds * Math.log(0.5) / Math.log(lagged);
        assertThat(measuredHalfLife).isCloseTo(halfLifeSeconds, within(halfLifeSeconds * 0.1));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void aRandomWalkHasItsVolatilityAndDriftPerMinute(long seed) {
        double volatility = 0.8;
        double drift = 0.3;
        FundamentalPath path = Fundamental.path(new Fundamental.Spec(STEP,
                new Fundamental.RandomWalk(volatility, drift, Fundamental.Jumps.NONE)), seed, START);
        int minutes = 4_000;
        double[] returns = new double[minutes];
        for (int m = 0; m < minutes; m++) {
            returns[m] = Math.log(path.valueAt((m + 1) * 60_000L) / path.valueAt(m * 60_000L));
        }
        double sigma = volatility / 100;
        double mean = mean(returns, 0, minutes);
        assertThat(mean).isCloseTo(drift / 100, within(4 * sigma / Math.sqrt(minutes)));
        double variance = covariance(returns, 0, minutes, mean);
        assertThat(variance).isCloseTo(sigma * sigma, within(4 * sigma * sigma * Math.sqrt(2.0 / (minutes - 1))));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void jumpsComeAtTheirRateWithTheirMeanSizeAndDirection(long seed) {
        double rate = 6; // per minute
        double size = 2; // percent
        double down = 0.3;
        // steps of 10 ms: two jumps in one step (which count once) are rare enough not to bias the sizes
        long step = 10;
        double stepsPerMinute = 60_000.0 / step;
        FundamentalPath path = Fundamental.path(new Fundamental.Spec(step,
                new Fundamental.RandomWalk(0, 0, new Fundamental.Jumps(rate, size, down))), seed, START);
        long steps = 300 * (long) stepsPerMinute; // 300 minutes: about 1 800 jumps
        long jumpSteps = 0;
        long downs = 0;
        double sizes = 0;
        double previous = Math.log(path.valueAt(0));
        for (long i = 1; i <= steps; i++) {
            double log = Math.log(path.valueAt(i * step));
            double change = log - previous;
            if (change != 0) {
                jumpSteps++;
                downs += change < 0 ? 1 : 0;
                sizes += Math.abs(change);
            }
            previous = log;
        }
        double perStep = rate / stepsPerMinute;
        double expected = steps * (1 - Math.exp(-perStep));
        assertThat((double) jumpSteps).isCloseTo(expected, within(4 * Math.sqrt(expected)));
        assertThat((double) downs / jumpSteps).isCloseTo(down, within(4 * Math.sqrt(down * (1 - down) / jumpSteps)));
        // an exponential size's standard deviation is its mean
        assertThat(sizes / jumpSteps).isCloseTo(size / 100, within(4 * size / 100 / Math.sqrt(jumpSteps)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void regimesSwitchAtTheirRateStartingCalm(long seed) {
        // a calm state that does not move at all shows where each state begins and ends
        Fundamental.Diffusion calm = new Fundamental.RandomWalk(0, 0, Fundamental.Jumps.NONE);
        double switchRate = 2; // per minute
        FundamentalPath path = Fundamental.path(new Fundamental.Spec(STEP,
                new Fundamental.Regimes(calm, calm.withVolatility(1), switchRate)), seed, START);
        long steps = 500 * (long) STEPS_PER_MINUTE;
        long switches = 0;
        long volatileSteps = 0;
        boolean wasVolatile = false;
        double previous = path.valueAt(0);
        for (long i = 1; i <= steps; i++) {
            double value = path.valueAt(i * STEP);
            boolean isVolatile = value != previous; // it starts calm: a first step that moved is its first switch
            switches += isVolatile != wasVolatile ? 1 : 0;
            volatileSteps += isVolatile ? 1 : 0;
            wasVolatile = isVolatile;
            previous = value;
        }
        double expected = steps * (1 - Math.exp(-switchRate / STEPS_PER_MINUTE));
        assertThat((double) switches).isCloseTo(expected, within(4 * Math.sqrt(expected)));
        // each state lasts as long on average: half the time volatile (the share's variance is 1 / (4 rate time))
        assertThat((double) volatileSteps / steps).isCloseTo(0.5, within(4 * Math.sqrt(1 / (4 * switchRate * 500))));
    }

    private static double mean(double[] x, int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += x[i];
        }
        return sum / n;
    }

    /** The covariance of x[i] and x[i + lag] for i < n, about {@code mean}. */
    private static double covariance(double[] x, int lag, int n, double mean) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (x[i] - mean) * (x[i + lag] - mean);
        }
        return sum / n;
    }
}
