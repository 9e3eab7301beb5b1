package org.bourse.scenario;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import org.bourse.protocol.TickScale;

/**
 * The fundamental value along virtual time, made by {@link Fundamental#path}. The value is constant on each step of
 * the grid: at {@code t} ms since the start it is the value of step {@code floor(t / step)}, step 0 being the start
 * price (or the CSV's first price). Steps are simulated one after the other from one seeded generator, when first
 * asked for, and kept: any order of calls gives the same values, and asking again costs an array read.
 *
 * <p>Thread-safe (the crowd and a CSV writer may share one).
 */
public final class FundamentalPath {
    private static final double MILLIS_PER_MINUTE = 60_000;
    /** The log value is kept within e^±50, so that no model, however extreme, reaches an infinite price. */
    private static final double LOG_BOUND = 50;

    private final Fundamental.Spec spec;
    private final long stepMillis;
    private final Step step;
    /** The value of each step simulated so far. */
    private double[] values = new double[1024];
    private int computed;

    FundamentalPath(Fundamental.Spec spec, long seed, double startPrice) {
        this.spec = spec;
        this.stepMillis = spec.stepMillis();
        double minutes = stepMillis / MILLIS_PER_MINUTE;
        if (spec.model() instanceof Fundamental.Replay replay) {
            this.step = new Replayed(replay, startPrice, stepMillis);
        } else {
            Draws draws = new Draws(seed);
            double startLog = StrictMath.log(startPrice);
            this.step = new Simulated(startPrice, spec.model() instanceof Fundamental.Regimes regimes
                    ? new Switching(regimes, draws, minutes, startLog)
                    : diffusion((Fundamental.Diffusion) spec.model(), draws, minutes, startLog));
        }
    }

    public Fundamental.Spec spec() {
        return spec;
    }

    public long stepMillis() {
        return stepMillis;
    }

    /** The value at {@code millisSinceStart} (before the start: the start value). */
    public double valueAt(long millisSinceStart) {
        long index = Math.max(0, millisSinceStart) / stepMillis;
        if (index >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too far in the future for a path with steps of " + stepMillis
                    + " ms: " + millisSinceStart + " ms");
        }
        return value((int) index);
    }

    /** {@link #valueAt} on the tick grid, rounded half-even, never below one tick. */
    public BigDecimal priceAt(long millisSinceStart, TickScale scale) {
        BigDecimal ticks = new BigDecimal(valueAt(millisSinceStart))
                .divide(scale.tickSize(), 0, RoundingMode.HALF_EVEN);
        return scale.decimal(Math.max(1, ticks.longValueExact()));
    }

    private synchronized double value(int index) {
        if (index >= computed) {
            if (index >= values.length) {
                values = Arrays.copyOf(values, Math.max(index + 1, values.length * 2));
            }
            for (int i = computed; i <= index; i++) {
                values[i] = step.value(i);
            }
            computed = index + 1;
        }
        return values[index];
    }

    // ------------------------------------------------------------------------------------------- models

    /** The value of each step of the grid, asked for in order from step 0. */
    private interface Step {
        double value(int index);
    }

    /** A seeded process: the log value of the next step from the previous one. */
    private interface Process {
        double next(double log);
    }

    /** The start price, then the process's steps. */
    private static final class Simulated implements Step {
        private final double startPrice;
        private final Process process;
        private double log;

        Simulated(double startPrice, Process process) {
            this.startPrice = startPrice;
            this.process = process;
            this.log = StrictMath.log(startPrice);
        }

        @Override
        public double value(int index) {
            if (index == 0) {
                return startPrice;
            }
            log = Math.max(-LOG_BOUND, Math.min(LOG_BOUND, process.next(log)));
            return StrictMath.exp(log);
        }
    }

    private static Process diffusion(Fundamental.Diffusion model, Draws draws, double minutes, double startLog) {
        return model instanceof Fundamental.RandomWalk walk
                ? new Walking(walk, draws, minutes)
                : new Reverting((Fundamental.MeanReverting) model, draws, minutes, startLog);
    }

    /** Jumps of a diffusion: a Poisson number per step, each of an exponential size and a random sign. */
    private static double jumps(Fundamental.Jumps jumps, Draws draws, double minutes) {
        if (jumps.rate() == 0) {
            return 0;
        }
        double total = 0;
        for (int n = draws.poisson(jumps.rate() * minutes); n > 0; n--) {
            double size = draws.exponential(jumps.size() / 100);
            total += draws.chance(jumps.down()) ? -size : size;
        }
        return total;
    }

    private static final class Walking implements Process {
        private final Fundamental.Jumps jumps;
        private final Draws draws;
        private final double minutes;
        private final double drift;
        private final double deviation;

        Walking(Fundamental.RandomWalk walk, Draws draws, double minutes) {
            this.jumps = walk.jumps();
            this.draws = draws;
            this.minutes = minutes;
            this.drift = walk.drift() / 100 * minutes;
            this.deviation = walk.volatility() / 100 * StrictMath.sqrt(minutes);
        }

        @Override
        public double next(double previous) {
            return previous + drift + deviation * draws.gaussian() + jumps(jumps, draws, minutes);
        }
    }

    /** The exact discretization of Ornstein-Uhlenbeck: the deviation decays by e^(-θ·step), plus noise. */
    private static final class Reverting implements Process {
        private final Fundamental.Jumps jumps;
        private final Draws draws;
        private final double minutes;
        private final double mean;
        private final double decay;
        private final double deviation;

        Reverting(Fundamental.MeanReverting ou, Draws draws, double minutes, double startLog) {
            this.jumps = ou.jumps();
            this.draws = draws;
            this.minutes = minutes;
            this.mean = ou.mean() == null ? startLog : StrictMath.log(ou.mean().doubleValue());
            double theta = StrictMath.log(2) / (ou.halfLifeSeconds() / 60); // per minute
            this.decay = StrictMath.exp(-theta * minutes);
            double sigma = ou.volatility() / 100;
            this.deviation = sigma * StrictMath.sqrt((1 - decay * decay) / (2 * theta));
        }

        @Override
        public double next(double previous) {
            return mean + (previous - mean) * decay + deviation * draws.gaussian() + jumps(jumps, draws, minutes);
        }
    }

    /** Calm or volatile: each step may first switch state, then moves as that state's process does. */
    private static final class Switching implements Process {
        private final Process calm;
        private final Process agitated;
        private final Draws draws;
        private final double switchProbability;
        private boolean volatileNow;

        Switching(Fundamental.Regimes regimes, Draws draws, double minutes, double startLog) {
            this.calm = diffusion(regimes.calmState(), draws, minutes, startLog);
            this.agitated = diffusion(regimes.volatileState(), draws, minutes, startLog);
            this.draws = draws;
            this.switchProbability = 1 - StrictMath.exp(-regimes.switchRate() * minutes);
        }

        @Override
        public double next(double previous) {
            if (draws.chance(switchProbability)) {
                volatileNow = !volatileNow;
            }
            return (volatileNow ? agitated : calm).next(previous);
        }
    }

    /** A CSV's prices at each step's start, interpolated linearly. */
    private static final class Replayed implements Step {
        private final double[] millis;
        private final double[] prices;
        private final long stepMillis;
        /** The row at or before the last time asked: steps are asked in order. */
        private int row;

        Replayed(Fundamental.Replay replay, double startPrice, long stepMillis) {
            int n = replay.points().size();
            this.millis = new double[n];
            this.prices = new double[n];
            double scale = replay.rebase() ? startPrice / replay.points().get(0).price().doubleValue() : 1;
            for (int i = 0; i < n; i++) {
                Fundamental.Point point = replay.points().get(i);
                millis[i] = point.seconds().doubleValue() * 1000;
                prices[i] = point.price().doubleValue() * scale;
            }
            this.stepMillis = stepMillis;
        }

        @Override
        public double value(int index) {
            double t = (double) index * stepMillis;
            if (t <= millis[0]) {
                return prices[0];
            }
            while (row + 1 < millis.length && millis[row + 1] <= t) {
                row++;
            }
            if (row + 1 == millis.length) {
                return prices[row];
            }
            double share = (t - millis[row]) / (millis[row + 1] - millis[row]);
            return prices[row] + share * (prices[row + 1] - prices[row]);
        }
    }
}
