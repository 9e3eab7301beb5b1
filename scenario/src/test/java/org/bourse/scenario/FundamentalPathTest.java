package org.bourse.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.bourse.protocol.TickScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FundamentalPathTest {
    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final Fundamental.Jumps JUMPS = new Fundamental.Jumps(3, 1, 0.5);

    static Stream<Fundamental.Spec> models() {
        Fundamental.Diffusion walk = new Fundamental.RandomWalk(1, 0.2, JUMPS);
        return Stream.of(
                new Fundamental.Spec(100, walk),
                new Fundamental.Spec(100, new Fundamental.MeanReverting(1, null, 60, JUMPS)),
                new Fundamental.Spec(50, new Fundamental.Regimes(walk, walk.withVolatility(3), 2)));
    }

    @ParameterizedTest
    @MethodSource("models")
    void theSameSeedGivesTheSamePathWhateverOrderItIsAskedIn(Fundamental.Spec spec) {
        FundamentalPath forward = Fundamental.path(spec, 42, HUNDRED);
        FundamentalPath backward = Fundamental.path(spec, 42, HUNDRED);
        int steps = 5_000;
        double[] expected = new double[steps];
        for (int i = 0; i < steps; i++) {
            expected[i] = forward.valueAt(i * spec.stepMillis());
        }
        for (int i = steps - 1; i >= 0; i--) {
            assertThat(backward.valueAt(i * spec.stepMillis())).isEqualTo(expected[i]);
        }
        FundamentalPath other = Fundamental.path(spec, 43, HUNDRED);
        assertThat(other.valueAt(steps * spec.stepMillis())).isNotEqualTo(forward.valueAt(steps * spec.stepMillis()));
        // the values move: a path that stood still would pass the rest of this test
        assertThat(Stream.of(1000, 2000, 3000).map(i -> expected[i]).distinct()).hasSize(3);
    }

    /**
     * The path is the same on every JVM and CPU (StrictMath, SplittableRandom): these values were recorded once and
     * must never change unless the models themselves change (then docs/SCENARIOS.md says so too).
     */
    @Test
    void aSeededPathIsTheSameBitForBitEverywhere() {
        Fundamental.Spec spec = new Fundamental.Spec(100, new Fundamental.MeanReverting(1.5, null, 600, JUMPS));
        FundamentalPath path = Fundamental.path(spec, 7, HUNDRED);
        assertThat(new double[] {path.valueAt(100), path.valueAt(60_000), path.valueAt(3_600_000)})
                .containsExactly(GOLDEN_100_MS, GOLDEN_1_MIN, GOLDEN_1_HOUR);
    }

    /** 99.87330904397768, 99.53169727523391 and 94.70229366750773, to the last bit. */
    private static final double GOLDEN_100_MS = Double.longBitsToDouble(0x4058f7e44b9dcbdaL);
    private static final double GOLDEN_1_MIN = Double.longBitsToDouble(0x4058e20754022020L);
    private static final double GOLDEN_1_HOUR = Double.longBitsToDouble(0x4057acf26123888dL);

    @Test
    void theValueIsConstantOnEachStepAndTheStartValueBeforeTheStart() {
        Fundamental.Spec spec = new Fundamental.Spec(100, new Fundamental.RandomWalk(2, 0, Fundamental.Jumps.NONE));
        FundamentalPath path = Fundamental.path(spec, 1, HUNDRED);
        assertThat(path.valueAt(0)).isEqualTo(100.0);
        assertThat(path.valueAt(-5_000)).isEqualTo(100.0);
        assertThat(path.valueAt(99)).isEqualTo(100.0);
        assertThat(path.valueAt(100)).isNotEqualTo(100.0);
        assertThat(path.valueAt(1_234)).isEqualTo(path.valueAt(1_200)).isEqualTo(path.valueAt(1_299))
                .isNotEqualTo(path.valueAt(1_300));
    }

    @Test
    void aReplayedCsvIsInterpolatedLinearlyAndHeldBeforeAndAfterItsRows() {
        FundamentalPath path = Fundamental.path(replay(false, "5", "100", "15", "110", "25", "90"), 1, HUNDRED);
        assertThat(path.valueAt(0)).isEqualTo(100.0);
        assertThat(path.valueAt(5_000)).isEqualTo(100.0);
        assertThat(path.valueAt(10_000)).isEqualTo(105.0);
        assertThat(path.valueAt(12_560)).isEqualTo(path.valueAt(12_550)).isCloseTo(107.55, within(1e-9));
        assertThat(path.valueAt(20_000)).isEqualTo(100.0);
        assertThat(path.valueAt(25_000)).isEqualTo(90.0);
        assertThat(path.valueAt(600_000)).isEqualTo(90.0);
    }

    @Test
    void aRebasedCsvStartsAtTheStartPrice() {
        FundamentalPath path = Fundamental.path(replay(true, "0", "200", "10", "220"), 1, new BigDecimal("50"));
        assertThat(path.valueAt(0)).isEqualTo(50.0);
        assertThat(path.valueAt(10_000)).isEqualTo(55.0);
    }

    @Test
    void pricesAreRoundedHalfEvenToTheTickAndNeverBelowOneTick() {
        TickScale halves = new TickScale(new BigDecimal("0.5"));
        FundamentalPath path = Fundamental.path(replay(false, "0", "0.75", "1", "1.25", "2", "1.3", "3", "0.1"), 1,
                HUNDRED);
        assertThat(path.priceAt(0, halves)).isEqualByComparingTo("1.0"); // 1.5 ticks: to the even 2
        assertThat(path.priceAt(1_000, halves)).isEqualByComparingTo("1.0"); // 2.5 ticks: to the even 2
        assertThat(path.priceAt(2_000, halves)).isEqualByComparingTo("1.5"); // 2.6 ticks
        assertThat(path.priceAt(3_000, halves)).isEqualByComparingTo("0.5"); // 0.2 ticks: one tick at least
        assertThat(path.priceAt(0, TickScale.cents()).toPlainString()).isEqualTo("0.75");
    }

    @Test
    void theStartPriceMustBePositive() {
        Fundamental.Spec spec = new Fundamental.Spec(100, new Fundamental.RandomWalk(1, 0, Fundamental.Jumps.NONE));
        assertThatThrownBy(() -> Fundamental.path(spec, 1, BigDecimal.ZERO))
                .hasMessage("the start price must be positive, not 0");
    }

    @Test
    void theCsvOfAPathHasOneRowPerStepOfTheGrid() throws Exception {
        FundamentalPath path = Fundamental.path(new Fundamental.Spec(500,
                new Fundamental.Replay(points("0", "100", "1", "101", "2", "100.5"), false)), 1, HUNDRED);
        StringWriter out = new StringWriter();
        FundamentalCsv.write(out, path, 1_767_225_600_000L, 2_000, TickScale.cents());
        assertThat(out.toString()).isEqualTo("""
                timestamp,fundamental
                1767225600000,100.00
                1767225600500,100.50
                1767225601000,101.00
                1767225601500,100.75
                """);
    }

    @Test
    void nominalVolatilityCountsTheJumpsAndAveragesTheRegimes() {
        assertThat(new Fundamental.Spec(100, new Fundamental.RandomWalk(3, 0, new Fundamental.Jumps(2, 2, 0.5)))
                .nominalVolatility()).hasValue(5.0); // √(9 + 2·2·2²)
        Fundamental.Diffusion calm = new Fundamental.MeanReverting(1, null, 60, Fundamental.Jumps.NONE);
        assertThat(new Fundamental.Spec(100, new Fundamental.Regimes(calm, calm.withVolatility(7), 1))
                .nominalVolatility()).hasValue(5.0); // √((1 + 49) / 2)
        assertThat(new Fundamental.Spec(100, new Fundamental.Replay(points("0", "1"), false)).nominalVolatility())
                .isEmpty();
    }

    private static Fundamental.Spec replay(boolean rebase, String... secondsAndPrices) {
        return new Fundamental.Spec(50, new Fundamental.Replay(points(secondsAndPrices), rebase));
    }

    static List<Fundamental.Point> points(String... secondsAndPrices) {
        List<Fundamental.Point> points = new java.util.ArrayList<>();
        for (int i = 0; i < secondsAndPrices.length; i += 2) {
            points.add(new Fundamental.Point(new BigDecimal(secondsAndPrices[i]),
                    new BigDecimal(secondsAndPrices[i + 1])));
        }
        return points;
    }
}
