package org.bourse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromAQuarterSecondUpToFiveSecondsAndStartsOverOnReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), null);

        assertThat(LongStream.generate(backoff::nextMillis).limit(8).toArray())
                .containsExactly(250, 500, 1000, 2000, 4000, 5000, 5000, 5000);

        backoff.reset();
        assertThat(backoff.nextMillis()).isEqualTo(250);
    }

    @Test
    void jitterDrawsEachDelayBetweenHalfTheCeilingAndAllOfIt() {
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), new SplittableRandom(7));
        long[] ceilings = {250, 500, 1000, 2000, 4000, 5000, 5000};
        for (long ceiling : ceilings) {
            assertThat(backoff.nextMillis()).isBetween(ceiling / 2, ceiling);
        }
        long[] many = LongStream.generate(Backoff.standard()::nextMillis).limit(1).toArray();
        assertThat(many[0]).isBetween(125L, 250L);
    }
}
