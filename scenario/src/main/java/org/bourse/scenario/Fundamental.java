package org.bourse.scenario;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.bourse.cli.Seeds;

/**
 * The hidden "true value" of the market: what the {@code "fundamental"} section of a scenario says (the records
 * here, read by {@link Scenario#parse}) and the path it gives ({@link #path}). Volatilities are percent per √minute
 * (the standard deviation of log returns over one minute of virtual time), rates are per minute, jump sizes
 * percent; docs/SCENARIOS.md has every field with its unit and default.
 */
public final class Fundamental {

    private Fundamental() {
    }

    /**
     * The value's path: a pure function of the spec, the seed and the start price (the exchange's reference
     * price), in virtual time since the start of the battle.
     */
    public static FundamentalPath path(Spec spec, long seed, BigDecimal startPrice) {
        Objects.requireNonNull(startPrice, "startPrice");
        if (startPrice.signum() <= 0) {
            throw new IllegalArgumentException("the start price must be positive, not " + startPrice.toPlainString());
        }
        return new FundamentalPath(spec, Seeds.derive(seed, "fundamental"), startPrice.doubleValue());
    }

    /**
     * @param stepMillis the grid the value moves on: constant within each step of this many virtual ms
     */
    public record Spec(long stepMillis, Model model) {
        public Spec {
            Objects.requireNonNull(model, "model");
            if (stepMillis < 1) {
                throw new IllegalArgumentException("stepMillis must be at least 1, not " + stepMillis);
            }
        }

        /**
         * The volatility the model gives over short horizons, in percent per √minute, jumps included (their
         * variance per minute is {@code rate × 2 × size²}); for regimes, the mean of the two states' variances
         * (each state lasts as long on average). Empty for a replayed CSV, which has no nominal figure.
         */
        public OptionalDouble nominalVolatility() {
            if (model instanceof Diffusion diffusion) {
                return OptionalDouble.of(StrictMath.sqrt(diffusion.variancePerMinute()));
            }
            if (model instanceof Regimes regimes) {
                return OptionalDouble.of(StrictMath.sqrt((regimes.calmState().variancePerMinute()
                        + regimes.volatileState().variancePerMinute()) / 2));
            }
            return OptionalDouble.empty();
        }
    }

    /** One of the four models: {@code random_walk}, {@code ou}, {@code regimes}, {@code csv}. */
    public sealed interface Model permits Diffusion, Regimes, Replay {
        /** The name the config gives it. */
        String name();
    }

    /** A seeded process of the log value: a random walk or a mean-reverting one, with jumps. */
    public sealed interface Diffusion extends Model permits RandomWalk, MeanReverting {
        /** Percent per √minute. */
        double volatility();

        Jumps jumps();

        /** The same process with another volatility: what a regime changes. */
        Diffusion withVolatility(double volatility);

        /** (Percent per √minute)², jumps included. */
        default double variancePerMinute() {
            Jumps jumps = jumps();
            return volatility() * volatility() + jumps.rate() * 2 * jumps.size() * jumps.size();
        }
    }

    /**
     * Jumps of the log value: on average {@code rate} per minute, each of an exponentially distributed size with
     * mean {@code size} percent (the value is multiplied by e^(±size/100)), downwards with probability {@code down}.
     */
    public record Jumps(double rate, double size, double down) {
        /** No jumps (a rate of 0, with the default size and direction). */
        public static final Jumps NONE = new Jumps(0, 1, 0.5);
    }

    /** A geometric random walk; {@code drift} is the log value's trend in percent per minute. */
    public record RandomWalk(double volatility, double drift, Jumps jumps) implements Diffusion {
        @Override
        public String name() {
            return "random_walk";
        }

        @Override
        public Diffusion withVolatility(double value) {
            return new RandomWalk(value, drift, jumps);
        }
    }

    /**
     * Ornstein-Uhlenbeck on the log value: it reverts to {@code mean} (null: the start price), half of any
     * deviation gone after {@code halfLifeSeconds}.
     */
    public record MeanReverting(double volatility, BigDecimal mean, double halfLifeSeconds, Jumps jumps)
            implements Diffusion {
        @Override
        public String name() {
            return "ou";
        }

        @Override
        public Diffusion withVolatility(double value) {
            return new MeanReverting(value, mean, halfLifeSeconds, jumps);
        }
    }

    /**
     * Switching between a calm and a volatile state, the same process with two volatilities; it starts calm and
     * leaves each state at {@code switchRate} per minute (so it stays 1 / switchRate minutes on average).
     */
    public record Regimes(Diffusion calmState, Diffusion volatileState, double switchRate) implements Model {
        @Override
        public String name() {
            return "regimes";
        }
    }

    /**
     * A real price path replayed: linear between rows, the first price before the first row, the last after the
     * last. With {@code rebase}, every price is scaled so that the first is the start price.
     *
     * @param points time in seconds since the start, strictly increasing; prices positive; at least one
     */
    public record Replay(List<Point> points, boolean rebase) implements Model {
        public Replay {
            points = List.copyOf(points);
            if (points.isEmpty()) {
                throw new IllegalArgumentException("a replay needs at least one point");
            }
        }

        @Override
        public String name() {
            return "csv";
        }
    }

    /** A row of a replayed CSV: seconds since the start, and the price then. */
    public record Point(BigDecimal seconds, BigDecimal price) {
    }
}
