package org.bourse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    @Test
    void readsEveryUnitAndBareSeconds() {
        assertThat(DurationConverter.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(DurationConverter.parse(" 3 ")).isEqualTo(Duration.ofSeconds(3));
        assertThat(DurationConverter.parse("1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void refusesWhatIsNotADurationInOneSentence() {
        assertThatThrownBy(() -> DurationConverter.parse("soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'soon' is not a duration (write e.g. 10s, 500ms, 1.5s or 2m)");
        assertThatThrownBy(() -> DurationConverter.parse("-1s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DurationConverter().convert("x"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> DurationConverter.parse("8000h")).hasMessageContaining("at most 7 days");
    }

    @Test
    void readsSecondsAsWrittenInAConfig() {
        assertThat(DurationConverter.ofSeconds(new java.math.BigDecimal("0.2"))).isEqualTo(Duration.ofMillis(200));
        assertThat(DurationConverter.ofSeconds(new java.math.BigDecimal("1"))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void formatsForReports() {
        assertThat(DurationConverter.format(Duration.ofSeconds(10))).isEqualTo("10 s");
        assertThat(DurationConverter.format(Duration.ofMillis(500))).isEqualTo("500 ms");
        assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    }
}
