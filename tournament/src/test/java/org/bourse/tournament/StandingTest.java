package org.bourse.tournament;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.tournament.Rounds.round;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandingTest {
    /** Three rounds of a, b and c: a tie for first in round 3, a tie for second in round 1. */
    private static final List<RoundResult> ROUNDS = List.of(
            round(1, false, "a", "10", 1, "b", "5", 2, "c", "5", 2),
            round(2, false, "a", "-2", 3, "b", "4", 1, "c", "0", 2),
            round(3, false, "a", "3", 1, "b", "3", 1, "c", "-1", 3));

    @Test
    void eachTradersRecordOverTheRoundsBestMeanPnlFirst() {
        List<Standing> standings = Standing.of(List.of("a", "b", "c"), ROUNDS, 2);

        assertThat(standings).extracting(Standing::trader).containsExactly("b", "a", "c");
        Standing b = standings.get(0);
        assertThat(b.pnl()).isEqualTo(Statistics.estimate(decimals("5", "4", "3"), 2));
        assertThat(b.sharpe()).isEqualTo(Statistics.sharpe(decimals("5", "4", "3")));
        assertThat(b.ranks()).containsExactly(2L, 1L, 0L);
        assertThat(b.wins()).isEqualTo(2);
        assertThat(b.winRate()).isEqualTo(new BigDecimal("66.7"));
        assertThat(b.meanRank()).isEqualTo(new BigDecimal("1.33"));
        assertThat(b.headToHead()).isEqualTo(Map.of("a", 1L, "c", 2L)); // equal PnL beats nobody

        Standing a = standings.get(1);
        assertThat(a.pnl().mean()).isEqualTo(new BigDecimal("3.67"));
        assertThat(a.ranks()).containsExactly(2L, 0L, 1L);
        assertThat(a.wins()).isEqualTo(2);
        assertThat(a.meanRank()).isEqualTo(new BigDecimal("1.67"));
        assertThat(a.headToHead()).containsExactly(Map.entry("b", 1L), Map.entry("c", 2L));

        Standing c = standings.get(2);
        assertThat(c.ranks()).containsExactly(0L, 2L, 1L);
        assertThat(c.wins()).isZero();
        assertThat(c.winRate()).isEqualTo(new BigDecimal("0.0"));
        assertThat(c.meanRank()).isEqualTo(new BigDecimal("2.33"));
        assertThat(c.headToHead()).containsExactly(Map.entry("a", 1L), Map.entry("b", 0L));
    }

    @Test
    void equalMeansAreOrderedByTraderAndNoRoundsGiveNoFigures() {
        List<RoundResult> rounds = List.of(round(1, false, "y", "2", 1, "x", "2", 1),
                round(2, false, "y", "4", 1, "x", "4", 1));
        assertThat(Standing.of(List.of("y", "x"), rounds, 2)).extracting(Standing::trader).containsExactly("x", "y");

        List<Standing> none = Standing.of(List.of("y", "x"), List.of(), 2);
        assertThat(none).extracting(Standing::trader).containsExactly("x", "y");
        Standing x = none.get(0);
        assertThat(x.pnl()).isEqualTo(new Statistics.Estimate(0, null, null, null, null));
        assertThat(x.sharpe()).isNull();
        assertThat(x.winRate()).isNull();
        assertThat(x.meanRank()).isNull();
        assertThat(x.ranks()).containsExactly(0L, 0L);
    }

    @Test
    void theStatisticsAreRoundedToTheMoneysDecimalsAtLeastTwo() {
        assertThat(Standing.scale(List.of(round(1, false, "a", "10", 1)))).isEqualTo(2);
        assertThat(Standing.scale(List.of(round(1, false, "a", "10", 1, "b", "0.125", 2),
                round(2, false, "a", "0.5", 1)))).isEqualTo(3);
        assertThat(Standing.scale(List.of())).isEqualTo(2);
    }

    private static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }
}
