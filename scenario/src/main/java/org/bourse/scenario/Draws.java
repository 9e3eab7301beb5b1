package org.bourse.scenario;

import java.util.SplittableRandom;

/**
 * Seeded random draws that are the same on every JVM and CPU: {@link SplittableRandom}'s integer arithmetic, and
 * only {@link StrictMath} for the functions ({@code Math.log} may differ in the last bit between machines, and so
 * may the JDK's own {@code nextGaussian}). Not thread-safe: one per path or per agent.
 */
final class Draws {
    private final SplittableRandom random;

    Draws(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    /** Uniform in [0, bound). */
    long below(long bound) {
        return random.nextLong(bound);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** A standard normal draw (Marsaglia's polar method: a log and a square root, both strict). */
    double gaussian() {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    /** An exponential draw with the given mean. */
    double exponential(double mean) {
        return -mean * StrictMath.log(1 - random.nextDouble());
    }

    /** A Poisson draw with the given (small) mean, by inversion. */
    int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
