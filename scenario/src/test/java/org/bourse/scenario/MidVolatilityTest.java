package org.bourse.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MidVolatilityTest {

    @Test
    void aStillMidHasNoVolatility() {
        MidVolatility volatility = new MidVolatility(10_000);
        for (long t = 0; t < 60_000; t += 100) {
            volatility.sample(t, 100);
        }
        assertThat(volatility.percentPerRootMinute()).isZero();
    }

    @Test
    void aMidMovingOnePercentEachSecondMovesAbout7Point7PercentPerRootMinute() {
        MidVolatility volatility = new MidVolatility(10_000);
        double mid = 100;
        for (long t = 0; t < 120_000; t += 100) { // sampled every 100 ms, counted once a second
            if (t % 1000 == 0) {
                mid *= t % 2000 == 0 ? Math.exp(0.01) : Math.exp(-0.01);
            }
            volatility.sample(t, mid);
        }
        assertThat(volatility.percentPerRootMinute()).isCloseTo(Math.sqrt(60), within(0.01));
    }

    @Test
    void itForgetsWithTheTimeConstantOfItsWindow() {
        MidVolatility volatility = new MidVolatility(10_000);
        volatility.sample(0, 100);
        volatility.sample(1000, 100 * Math.exp(0.01)); // one move of 1 %, then nothing
        double after = volatility.percentPerRootMinute();
        for (long t = 2000; t <= 21_000; t += 1000) {
            volatility.sample(t, 100 * Math.exp(0.01));
        }
        // twenty seconds later the variance has kept e^-2 of itself, the volatility e^-1
        assertThat(volatility.percentPerRootMinute()).isCloseTo(after * Math.exp(-1), within(1e-9));
    }
}
