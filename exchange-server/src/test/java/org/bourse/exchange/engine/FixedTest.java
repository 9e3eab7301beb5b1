package org.bourse.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The saturating arithmetic the margin checks rely on, at the edges of the long range. */
class FixedTest {

    @Test
    void multiplyDivideUpRoundsUpWithoutWrappingNearTheTopOfTheRange() {
        assertThat(Fixed.multiplyDivideUp(3 * 10_001, 2_000, 10_000)).isEqualTo(6_001);
        assertThat(Fixed.multiplyDivideUp(5, 2_000, 10_000)).isEqualTo(1);
        assertThat(Fixed.multiplyDivideUp(0, 2_000, 10_000)).isZero();
        // 9 223 372 036 854 770 000 is 5 807 below Long.MAX_VALUE: adding 9 999 before dividing would wrap
        assertThat(Fixed.multiplyDivideUp(922_337_203_685_477L * 10_000, 1, 10_000)).isEqualTo(922_337_203_685_477L);
        assertThat(Fixed.multiplyDivideUp(Long.MAX_VALUE - 1, 1, 10_000)).isEqualTo(Long.MAX_VALUE / 10_000 + 1);
        assertThat(Fixed.multiplyDivideUp(Long.MAX_VALUE, 2_000, 10_000)).isPositive(); // saturated product
    }

    @Test
    void multiplySaturates() {
        assertThat(Fixed.multiply(Long.MAX_VALUE, 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(Fixed.multiply(Long.MIN_VALUE, 2)).isEqualTo(Long.MIN_VALUE);
        assertThat(Fixed.multiply(-3, 4)).isEqualTo(-12);
    }

    @Test
    void addAndAbsSaturate() {
        assertThat(Fixed.add(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Fixed.add(Long.MIN_VALUE, -1)).isEqualTo(Long.MIN_VALUE);
        assertThat(Fixed.add(-5, -Long.MAX_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(Fixed.add(2, -3)).isEqualTo(-1);
        assertThat(Fixed.abs(Long.MIN_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Fixed.abs(-7)).isEqualTo(7);
    }

    @Test
    void multiplyDivideIsExactWhenOnlyTheProductIsBeyondALong() {
        long big = 4_000_000_000_000_000_000L;
        assertThat(Fixed.multiplyDivide(big, 4, 8)).isEqualTo(2_000_000_000_000_000_000L);
        assertThat(Fixed.multiplyDivide(-big, 4, 8)).isEqualTo(-2_000_000_000_000_000_000L);
        // rounded toward zero, as when the product fits: 3 x MAX / 6 = 4 611 686 018 427 387 903.5
        assertThat(Fixed.multiplyDivide(Long.MAX_VALUE, 3, 6)).isEqualTo(4_611_686_018_427_387_903L);
        assertThat(Fixed.multiplyDivide(Long.MAX_VALUE, -3, 6)).isEqualTo(-4_611_686_018_427_387_903L);
    }

    @Test
    void multiplyDivideSaturatesWhenTheQuotientIsBeyondALong() {
        // 2^62 x 4 / 2 = 2^63, one more than Long.MAX_VALUE
        assertThat(Fixed.multiplyDivide(1L << 62, 4, 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(Fixed.multiplyDivide(1L << 62, -4, 2)).isEqualTo(Long.MIN_VALUE); // -2^63 fits exactly
        assertThat(Fixed.multiplyDivide(1L << 62, -8, 2)).isEqualTo(Long.MIN_VALUE);
        assertThat(Fixed.multiplyDivide(Long.MAX_VALUE, Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void floorAndCeilingRatiosAreExactBeyondALong() {
        // 10 x MAX / 20 = 4 611 686 018 427 387 903.5
        assertThat(Fixed.floorRatio(Long.MAX_VALUE, 10, 20, 1)).isEqualTo(4_611_686_018_427_387_903L);
        assertThat(Fixed.floorRatio(-Long.MAX_VALUE, 10, 20, 1)).isEqualTo(-4_611_686_018_427_387_904L);
        assertThat(Fixed.ceilRatio(Long.MAX_VALUE, 10, 20, 1)).isEqualTo(4_611_686_018_427_387_904L);
        assertThat(Fixed.ceilRatio(-Long.MAX_VALUE, 10, 20, 1)).isEqualTo(-4_611_686_018_427_387_903L);
        // an exact quotient needs no rounding either way: -2^61 x 8 / 4 = -2^62
        assertThat(Fixed.floorRatio(-(1L << 61), 8, 4, 1)).isEqualTo(-(1L << 62));
        assertThat(Fixed.ceilRatio(-(1L << 61), 8, 4, 1)).isEqualTo(-(1L << 62));
        // a denominator beyond a long
        assertThat(Fixed.floorRatio(5, 1, Long.MAX_VALUE, 2)).isZero();
        assertThat(Fixed.floorRatio(-5, 1, Long.MAX_VALUE, 2)).isEqualTo(-1);
        assertThat(Fixed.ceilRatio(5, 1, Long.MAX_VALUE, 2)).isEqualTo(1);
        // and within a long, the same answers the plain way
        assertThat(Fixed.floorRatio(-7, 1, 2, 1)).isEqualTo(-4);
        assertThat(Fixed.ceilRatio(-7, 1, 2, 1)).isEqualTo(-3);
        assertThat(Fixed.ceilRatio(7, 1, 2, 1)).isEqualTo(4);
    }

    @Test
    void ratiosSaturateBeyondALong() {
        assertThat(Fixed.floorRatio(Long.MAX_VALUE, Long.MAX_VALUE, 1, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Fixed.floorRatio(Long.MIN_VALUE, Long.MAX_VALUE, 1, 1)).isEqualTo(Long.MIN_VALUE);
        assertThat(Fixed.ceilRatio(Long.MAX_VALUE, Long.MAX_VALUE, 1, 1)).isEqualTo(Long.MAX_VALUE);
        // 2^62 x 2 / 1 = 2^63: one beyond
        assertThat(Fixed.floorRatio(1L << 62, 2, 1, 1)).isEqualTo(Long.MAX_VALUE);
    }
}
