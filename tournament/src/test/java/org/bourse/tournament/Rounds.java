package org.bourse.tournament;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Hand-made round results for the statistics' tests: only the figures the statistics read (PnL and rank). */
final class Rounds {
    private Rounds() {
    }

    /**
     * A counted round; {@code pnlsAndRanks} alternates trader id, PnL (a decimal string) and rank: {@code "a", "10",
     * 1, "b", "5", 2}.
     */
    static RoundResult round(long round, boolean variant, Object... pnlsAndRanks) {
        List<RoundResult.TraderResult> traders = new ArrayList<>();
        for (int i = 0; i < pnlsAndRanks.length; i += 3) {
            traders.add(new RoundResult.TraderResult((String) pnlsAndRanks[i], new BigDecimal((String) pnlsAndRanks[i + 1]),
                    BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, (Integer) pnlsAndRanks[i + 2], 0));
        }
        return new RoundResult(round, round, variant, List.copyOf(traders), null);
    }

    static RoundResult excluded(long round, boolean variant) {
        return RoundResult.excluded(round, round, variant, "maker_1 did not decide within 5 s");
    }
}
