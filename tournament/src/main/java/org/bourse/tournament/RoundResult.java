package org.bourse.tournament;

import java.math.BigDecimal;
import java.util.List;

/**
 * One battle of a tournament: each ranked trader's figures, or why the round is excluded from the statistics.
 *
 * @param variant  whether this is the A/B variant's battle of the round (false: the baseline's)
 * @param traders  in the config's order; empty when excluded
 * @param excluded why the round does not count (a strategy that did not decide in time); null when it counts
 */
public record RoundResult(long round, long seed, boolean variant, List<TraderResult> traders, String excluded) {

    /**
     * A trader's figures in a round; money in the exchange's exact decimals.
     *
     * @param returnPercent    PnL over the starting cash, %, 3 decimals
     * @param rank             1 for the highest PnL; traders with equal PnL share the better rank
     * @param strategyFailures how often its strategy threw or misbehaved (each a turn without what failed)
     */
    public record TraderResult(String trader, BigDecimal pnl, BigDecimal returnPercent, BigDecimal maxDrawdown,
                               long trades, long volume, int rank, long strategyFailures) {
    }

    public static RoundResult excluded(long round, long seed, boolean variant, String why) {
        return new RoundResult(round, seed, variant, List.of(), why);
    }

    public boolean counts() {
        return excluded == null;
    }

    public TraderResult of(String trader) {
        return traders.stream().filter(t -> t.trader().equals(trader)).findFirst().orElse(null);
    }
}
