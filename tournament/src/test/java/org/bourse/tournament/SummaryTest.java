package org.bourse.tournament;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.tournament.Rounds.excluded;
import static org.bourse.tournament.Rounds.round;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
    private static final List<RoundResult> RESULTS = List.of(
            round(1, false, "a", "1.5", 1, "b", "-1.5", 2), round(1, true, "a", "2.5", 1, "b", "-2.5", 2),
            excluded(2, false), round(2, true, "a", "1", 1, "b", "-1", 2),
            round(3, false, "a", "-0.125", 2, "b", "0.125", 1), excluded(3, true));

    private static Summary summary(String variantTrader, String variant) {
        return new Summary(new Summary.Info("bots.json", "0", 1, 5_000, new RoundRange(1, 3), List.of("a", "b"),
                variantTrader, variant), RESULTS, false);
    }

    @Test
    void theStandingsCountTheBaselinesBattlesThatCountedOnly() {
        Summary summary = summary(null, null);
        assertThat(summary.counted()).extracting(RoundResult::round).containsExactly(1L, 3L);
        assertThat(summary.excluded()).containsExactly(RESULTS.get(2), RESULTS.get(5));
        assertThat(summary.scale()).isEqualTo(3);
        assertThat(summary.standings()).isEqualTo(Standing.of(List.of("a", "b"), summary.counted(), 3));
        assertThat(summary.comparison()).isNull();
    }

    @Test
    void anABTournamentComparesItsPairedBattles() {
        Comparison comparison = summary("a", "a with spread 0.2").comparison();
        assertThat(comparison).isEqualTo(Comparison.of(new Lineup.Variant("a", null, null, "a with spread 0.2"),
                RESULTS, 3));
        assertThat(comparison.difference().n()).isEqualTo(1); // round 1 only: 2 and 3 lost one of their battles
    }
}
