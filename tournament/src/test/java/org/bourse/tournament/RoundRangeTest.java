package org.bourse.tournament;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoundRangeTest {

    @Test
    void aCountOrARange() {
        assertThat(RoundRange.parse("20")).isEqualTo(new RoundRange(1, 20));
        assertThat(RoundRange.parse("51..100")).isEqualTo(new RoundRange(51, 100));
        assertThat(RoundRange.parse("1..50").overlaps(RoundRange.parse("50..60"))).isTrue();
        assertThat(RoundRange.parse("1..50").overlaps(RoundRange.parse("51..60"))).isFalse();
    }

    @Test
    void badRoundsAreSaidInOneLine() {
        assertThatThrownBy(() -> RoundRange.parse("0")).hasMessage("--rounds must be at least 1, got 0");
        assertThatThrownBy(() -> RoundRange.parse("-3")).hasMessage("--rounds must be at least 1, got -3");
        assertThatThrownBy(() -> RoundRange.parse("0..5")).hasMessageContaining("numbered from 1");
        assertThatThrownBy(() -> RoundRange.parse("9..5")).hasMessageContaining("comes before the first");
        assertThatThrownBy(() -> RoundRange.parse("ten")).hasMessageContaining("not 'ten'");
    }
}
