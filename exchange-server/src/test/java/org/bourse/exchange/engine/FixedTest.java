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
}
