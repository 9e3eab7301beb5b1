package org.bourse.tournament;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * The statistics of per-round figures, computed so that the same figures give the same digits on every machine:
 * sums exact, divisions and square roots in 34-digit decimals, and the one transcendental step — Student's t
 * quantile — in {@link StrictMath}, which is the same bits everywhere. Results are rounded half-even to the money's
 * own decimals (a Sharpe ratio to 3).
 *
 * <p>The confidence interval is Student's t interval of the mean: mean ± t(0.975, n − 1) · s / √n, with s the
 * sample standard deviation (n − 1). Over many rounds a mean PnL is close to normally distributed whatever one
 * round's PnL looks like, which is what the t interval assumes.
 */
public final class Statistics {
    private static final MathContext MC = MathContext.DECIMAL128;
    /** The standard normal quantiles of a 5 % two-sided test and of 80 % power: the usual sample-size formula. */
    private static final BigDecimal Z_975 = new BigDecimal("1.959964");
    private static final BigDecimal Z_80 = new BigDecimal("0.841621");

    /**
     * The mean of {@code n} values with its 95 % confidence interval; {@code sd}, {@code low} and {@code high} are
     * null with fewer than two values.
     */
    public record Estimate(long n, BigDecimal mean, BigDecimal sd, BigDecimal low, BigDecimal high) {
        /** Whether the interval lies wholly above or below zero (a difference that is there). */
        public boolean excludesZero() {
            return low != null && (low.signum() > 0 || high.signum() < 0);
        }
    }

    private Statistics() {
    }

    /** @param scale the decimals the results are rounded to */
    public static Estimate estimate(List<BigDecimal> values, int scale) {
        long n = values.size();
        if (n == 0) {
            return new Estimate(0, null, null, null, null);
        }
        BigDecimal mean = mean(values);
        if (n == 1) {
            return new Estimate(1, round(mean, scale), null, null, null);
        }
        BigDecimal sd = standardDeviation(values, mean);
        BigDecimal half = BigDecimal.valueOf(t975(n - 1)).multiply(sd, MC)
                .divide(BigDecimal.valueOf(n).sqrt(MC), MC);
        return new Estimate(n, round(mean, scale), round(sd, scale), round(mean.subtract(half, MC), scale),
                round(mean.add(half, MC), scale));
    }

    /** Mean over standard deviation, to 3 decimals; null with fewer than two values or none that differ. */
    public static BigDecimal sharpe(List<BigDecimal> values) {
        if (values.size() < 2) {
            return null;
        }
        BigDecimal mean = mean(values);
        BigDecimal sd = standardDeviation(values, mean);
        return sd.signum() == 0 ? null : mean.divide(sd, MC).setScale(3, RoundingMode.HALF_EVEN);
    }

    /**
     * About how many paired rounds detect a mean difference of {@code difference} when the differences have standard
     * deviation {@code sd}: 95 % confidence, 80 % power, the normal approximation. Null for a zero difference.
     */
    public static Long roundsToDetect(BigDecimal difference, BigDecimal sd) {
        if (difference.signum() == 0) {
            return null;
        }
        BigDecimal ratio = Z_975.add(Z_80).multiply(sd).divide(difference.abs(), MC);
        return Math.max(2, ratio.multiply(ratio).setScale(0, RoundingMode.CEILING).longValueExact());
    }

    static BigDecimal mean(List<BigDecimal> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal v : values) {
            sum = sum.add(v);
        }
        return sum.divide(BigDecimal.valueOf(values.size()), MC);
    }

    private static BigDecimal standardDeviation(List<BigDecimal> values, BigDecimal mean) {
        BigDecimal squares = BigDecimal.ZERO;
        for (BigDecimal v : values) {
            BigDecimal d = v.subtract(mean, MC);
            squares = squares.add(d.multiply(d, MC), MC);
        }
        return squares.divide(BigDecimal.valueOf(values.size() - 1), MC).sqrt(MC);
    }

    /** A BigDecimal has no negative zero: a small negative mean rounds to "0.00", never "-0.00". */
    private static BigDecimal round(BigDecimal value, int scale) {
        return value.setScale(scale, RoundingMode.HALF_EVEN);
    }

    /** Student's t quantile of 0.975 with {@code df} degrees of freedom, by bisection of its distribution. */
    static double t975(long df) {
        double low = 0;
        double high = 1_000;
        for (int i = 0; i < 200 && low < high; i++) {
            double mid = (low + high) / 2;
            if (mid == low || mid == high) {
                break;
            }
            if (centralProbability(mid, df) < 0.95) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /**
     * P(|T| < t) for Student's t with {@code df} degrees of freedom, in the closed form that integer degrees of
     * freedom allow (a finite series in the angle θ = atan(t / √df)).
     */
    static double centralProbability(double t, long df) {
        double theta = StrictMath.atan(t / StrictMath.sqrt(df));
        double sin = StrictMath.sin(theta);
        double cos2 = StrictMath.cos(theta) * StrictMath.cos(theta);
        double term = 1;
        double sum = 1;
        if (df % 2 == 1) {
            if (df == 1) {
                return 2 * theta / StrictMath.PI;
            }
            for (long k = 1; k <= (df - 3) / 2; k++) {
                term *= cos2 * (2 * k) / (2 * k + 1);
                sum += term;
            }
            return 2 / StrictMath.PI * (theta + sin * StrictMath.cos(theta) * sum);
        }
        for (long k = 1; k <= (df - 2) / 2; k++) {
            term *= cos2 * (2 * k - 1) / (2 * k);
            sum += term;
        }
        return sin * sum;
    }
}
