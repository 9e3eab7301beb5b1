package org.bourse.tournament;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.tournament.Rounds.excluded;
import static org.bourse.tournament.Rounds.round;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final Lineup.Variant VARIANT = new Lineup.Variant("a", null, null, "a with spread 0.2");

    /** Rounds 1, 2, ... in which the variant made {@code differences} more than the baseline (which made 0). */
    private static Comparison ofDifferences(String... differences) {
        List<RoundResult> results = new ArrayList<>();
        for (int i = 0; i < differences.length; i++) {
            results.add(round(i + 1, false, "a", "0", 1));
            results.add(round(i + 1, true, "a", differences[i], 1));
        }
        return Comparison.of(VARIANT, results, 2);
    }

    @Test
    void onlyRoundsInWhichBothBattlesCountedArePaired() {
        List<RoundResult> results = List.of(
                round(1, false, "a", "10", 1, "b", "0", 2), round(1, true, "a", "10.5", 1, "b", "-50", 2),
                round(2, false, "a", "3", 1, "b", "1", 2), round(2, true, "a", "2.5", 1, "b", "9", 2),
                excluded(3, false), round(3, true, "a", "100", 1, "b", "0", 2),
                round(4, false, "a", "1", 2, "b", "8", 1), round(4, true, "a", "2", 2, "b", "8", 1),
                round(5, false, "a", "7", 1, "b", "0", 2), excluded(5, true),
                round(6, false, "a", "0", 1, "b", "0", 1));

        Comparison comparison = Comparison.of(VARIANT, results, 2);

        assertThat(comparison.trader()).isEqualTo("a");
        assertThat(comparison.variant()).isEqualTo("a with spread 0.2");
        assertThat(comparison.difference()).isEqualTo(Statistics.estimate(
                List.of(new BigDecimal("0.5"), new BigDecimal("-0.5"), new BigDecimal("1")), 2));
        assertThat(comparison.variantWins()).isEqualTo(2);
        assertThat(comparison.ties()).isZero();
        assertThat(comparison.verdict()).isEqualTo("no detectable difference after 3 rounds (+0.33 per round, 95 % CI "
                + "[-1.56, +2.23], 2 of 3 rounds better); about 42 rounds would detect a difference of 0.33");
    }

    @Test
    void aDifferenceWhoseIntervalExcludesZeroIsBetterOrWorse() {
        assertThat(ofDifferences("5", "4", "3").verdict()).isEqualTo(
                "a with spread 0.2 better: +4.00 per round, 95 % CI [+1.52, +6.48], 3 of 3 rounds");
        Comparison worse = ofDifferences("-3", "-5", "-4");
        assertThat(worse.verdict()).isEqualTo(
                "a with spread 0.2 worse: -4.00 per round, 95 % CI [-6.48, -1.52], 0 of 3 rounds");
        assertThat(worse.variantWins()).isZero();
    }

    @Test
    void tiesAreCountedApartFromWins() {
        Comparison comparison = ofDifferences("3", "5", "0", "4");
        assertThat(comparison.variantWins()).isEqualTo(3);
        assertThat(comparison.ties()).isEqualTo(1);
        assertThat(comparison.verdict()).isEqualTo("no detectable difference after 4 rounds (+3.00 per round, 95 % CI "
                + "[-0.44, +6.44], 3 of 4 rounds better); about 5 rounds would detect a difference of 3.00");
    }

    @Test
    void theVerdictSaysWhyThereIsNoDifference() {
        Comparison same = ofDifferences("0", "0");
        assertThat(same.ties()).isEqualTo(2);
        assertThat(same.verdict()).isEqualTo(
                "no detectable difference after 2 rounds: the variant made the baseline's PnL in every round");
        // a mean of zero: no number of rounds would detect it
        assertThat(ofDifferences("1", "-1").verdict()).isEqualTo(
                "no detectable difference after 2 rounds (0.00 per round, 95 % CI [-12.71, +12.71], 1 of 2 rounds better)");
        assertThat(ofDifferences("1").verdict()).isEqualTo("not enough paired rounds to compare (1): play at least 2");
        assertThat(ofDifferences().verdict()).isEqualTo("not enough paired rounds to compare (0): play at least 2");
    }

    @Test
    void signedShowsThePlusOfAPositiveNumberOnly() {
        assertThat(Comparison.signed(new BigDecimal("1.50"))).isEqualTo("+1.50");
        assertThat(Comparison.signed(new BigDecimal("0.00"))).isEqualTo("0.00");
        assertThat(Comparison.signed(new BigDecimal("-1.50"))).isEqualTo("-1.50");
    }
}
