package org.bourse.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinuteRateTest {

    @Test
    void noRateBeforeASecondHasPassed() {
        MinuteRate rate = new MinuteRate();
        assertThat(rate.perSecond(10_000, 0)).isEqualByComparingTo("0");
        rate.sample(10_000, 0);
        assertThat(rate.perSecond(10_500, 40)).isEqualByComparingTo("0");
    }

    @Test
    void sinceTheStartWhenItIsLessThanAMinuteAgo() {
        MinuteRate rate = new MinuteRate();
        for (long second = 0; second <= 10; second++) {
            rate.sample(second * 1000, second * 5);
        }
        assertThat(rate.perSecond(10_000, 50)).isEqualByComparingTo("5.0");
    }

    @Test
    void overTheLastMinuteOnly() {
        MinuteRate rate = new MinuteRate();
        // 100 a second for two minutes, then 10 a second for one
        long total = 0;
        for (long second = 0; second < 180; second++) {
            total += second < 120 ? 100 : 10;
            rate.sample(second * 1000, total);
        }
        assertThat(rate.perSecond(179_000, total)).isEqualByComparingTo("10.0");
    }

    @Test
    void oneSampleASecondKeepsTheFirstOfThatSecond() {
        MinuteRate rate = new MinuteRate();
        rate.sample(1_000, 0);
        rate.sample(1_900, 90); // same second: not kept
        assertThat(rate.perSecond(3_000, 200)).isEqualByComparingTo("100.0");
    }
}
