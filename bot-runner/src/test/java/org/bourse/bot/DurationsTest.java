package org.bourse.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms,500", "1s,1000", "2.5s,2500", "1m,60000", "250,250", "0.25s,250", "1.5m,90000"})
    void readsDurationsAsPeopleWriteThem(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "1h", "-5ms", "1 s 2", "ms"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration (examples: 500ms, 1s, 2.5s, 1m; a plain number is "
                        + "milliseconds)");
    }

    @ParameterizedTest
    @CsvSource({"0,'0' must be longer than 0", "0s,'0s' must be longer than 0",
        "1.5ms,'1.5ms' is not a whole number of milliseconds", "1000000m,'1000000m' is longer than a year"})
    void refusesDurationsTheBotCannotUse(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"1000,1s", "1500,1500ms", "120000,2m", "20,20ms"})
    void formatsDurationsTheWayTheyAreRead(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
