package org.bourse.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateMeterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void measuresOverAboutTheLastSecond() {
        RateMeter meter = new RateMeter();

        assertThat(meter.perSecond(0, 0)).isZero();
        assertThat(meter.perSecond(SECOND / 2, 500)).isEqualTo(500); // not extrapolated before a second passed
        assertThat(meter.perSecond(SECOND, 1000)).isEqualTo(1000);
        // ten times faster for the next second: the first second drops out of the window
        assertThat(meter.perSecond(3 * SECOND / 2, 6000)).isEqualTo(5500);
        assertThat(meter.perSecond(2 * SECOND, 11_000)).isEqualTo(10_000);
        // then nothing
        assertThat(meter.perSecond(3 * SECOND, 11_000)).isZero();
    }
}
