package org.bourse.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromAQuarterSecondUpToFiveSecondsAndStartsOverOnReset() {
        Backoff backoff = Backoff.standard();

        assertThat(LongStream.generate(backoff::nextMillis).limit(8).toArray())
                .containsExactly(250, 500, 1000, 2000, 4000, 5000, 5000, 5000);

        backoff.reset();
        assertThat(backoff.nextMillis()).isEqualTo(250);
    }
}
