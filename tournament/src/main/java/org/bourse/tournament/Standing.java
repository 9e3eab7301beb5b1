package org.bourse.tournament;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trader's record over a tournament's counted rounds (the baseline's battles).
 *
 * @param pnl        the mean PnL per round with its 95 % confidence interval
 * @param sharpe     mean over standard deviation of the per-round PnL; null when it never varied
 * @param wins       rounds it ranked first in (a tie for first is a win for each)
 * @param winRate    wins over rounds, %, 1 decimal
 * @param meanRank   2 decimals
 * @param ranks      how many rounds it ranked 1st, 2nd, …
 * @param headToHead per other trader, the rounds it made more than that trader
 */
public record Standing(String trader, Statistics.Estimate pnl, BigDecimal sharpe, long wins, BigDecimal winRate,
                       BigDecimal meanRank, List<Long> ranks, Map<String, Long> headToHead) {

    /** The standings of {@code traders} over {@code rounds} (counted baseline battles), best mean PnL first. */
    public static List<Standing> of(List<String> traders, List<RoundResult> rounds, int scale) {
        List<Standing> standings = new ArrayList<>();
        for (String trader : traders) {
            List<BigDecimal> pnls = new ArrayList<>();
            long[] ranks = new long[traders.size()];
            long rankSum = 0;
            Map<String, Long> beats = new LinkedHashMap<>();
            traders.stream().filter(t -> !t.equals(trader)).forEach(t -> beats.put(t, 0L));
            for (RoundResult round : rounds) {
                RoundResult.TraderResult own = round.of(trader);
                pnls.add(own.pnl());
                ranks[own.rank() - 1]++;
                rankSum += own.rank();
                for (RoundResult.TraderResult other : round.traders()) {
                    if (!other.trader().equals(trader) && own.pnl().compareTo(other.pnl()) > 0) {
                        beats.merge(other.trader(), 1L, Long::sum);
                    }
                }
            }
            long n = rounds.size();
            standings.add(new Standing(trader, Statistics.estimate(pnls, scale), Statistics.sharpe(pnls), ranks[0],
                    n == 0 ? null : BigDecimal.valueOf(ranks[0] * 100).divide(BigDecimal.valueOf(n), 1,
                            RoundingMode.HALF_EVEN),
                    n == 0 ? null : BigDecimal.valueOf(rankSum).divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_EVEN),
                    java.util.Arrays.stream(ranks).boxed().toList(), beats));
        }
        standings.sort(Comparator.comparing((Standing s) -> s.pnl().mean(),
                Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(Standing::trader));
        return List.copyOf(standings);
    }

    /** The money's decimals in these rounds (at least 2): the statistics are rounded to them. */
    public static int scale(List<RoundResult> rounds) {
        int scale = 2;
        for (RoundResult round : rounds) {
            for (RoundResult.TraderResult t : round.traders()) {
                scale = Math.max(scale, t.pnl().scale());
            }
        }
        return scale;
    }
}
