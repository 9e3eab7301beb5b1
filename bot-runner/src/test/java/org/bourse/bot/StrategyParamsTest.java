package org.bourse.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyParamsTest {

    @Test
    void pairsBecomeAMapInTheOrderGiven() {
        assertThat(StrategyParams.parse(List.of("spread=0.10", "size=3", "url=ws://x?a=b", "note=")))
                .containsExactly(java.util.Map.entry("spread", "0.10"), java.util.Map.entry("size", "3"),
                        java.util.Map.entry("url", "ws://x?a=b"), java.util.Map.entry("note", ""));
        assertThat(StrategyParams.parse(List.of())).isEmpty();
    }

    @Test
    void aPairWithoutEqualsIsNamed() {
        assertThatThrownBy(() -> StrategyParams.parse(List.of("spread=0.1", "size3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--strategy-param 'size3': key=value expected");
    }

    @Test
    void anEmptyKeyIsRefused() {
        assertThatThrownBy(() -> StrategyParams.parse(List.of("=3")))
                .hasMessage("--strategy-param '=3': the key before '=' is empty");
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertThatThrownBy(() -> StrategyParams.parse(List.of("size=1", "size=2")))
                .hasMessage("--strategy-param 'size' is given twice");
    }
}
