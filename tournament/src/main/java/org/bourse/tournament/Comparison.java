package org.bourse.tournament;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The A/B verdict: in each round the baseline and the variant played the same battle (the same seeds, the same
 * market: common random numbers), so the difference of the compared trader's PnL between the two is the variant's
 * effect alone, without the luck of the round. Its mean, 95 % confidence interval (Student's t, as the standings),
 * the rounds the variant did better in, and a sentence.
 *
 * @param difference   variant PnL − baseline PnL per round
 * @param variantWins  rounds in which the variant made more
 * @param ties         rounds in which both made the same
 */
public record Comparison(String trader, String variant, Statistics.Estimate difference, long variantWins, long ties,
                         String verdict) {

    /** The pairs of {@code results} whose battles both counted. */
    public static Comparison of(Lineup.Variant variant, List<RoundResult> results, int scale) {
        Map<Long, RoundResult> baseline = new TreeMap<>();
        Map<Long, RoundResult> changed = new TreeMap<>();
        for (RoundResult r : results) {
            if (r.counts()) {
                (r.variant() ? changed : baseline).put(r.round(), r);
            }
        }
        List<BigDecimal> differences = new ArrayList<>();
        long wins = 0;
        long ties = 0;
        for (Map.Entry<Long, RoundResult> entry : baseline.entrySet()) {
            RoundResult other = changed.get(entry.getKey());
            if (other == null) {
                continue;
            }
            BigDecimal d = other.of(variant.traderId()).pnl().subtract(entry.getValue().of(variant.traderId()).pnl());
            differences.add(d);
            wins += d.signum() > 0 ? 1 : 0;
            ties += d.signum() == 0 ? 1 : 0;
        }
        Statistics.Estimate estimate = Statistics.estimate(differences, scale);
        return new Comparison(variant.traderId(), variant.description(), estimate, wins, ties,
                verdict(variant.description(), estimate, wins, ties));
    }

    private static String verdict(String variant, Statistics.Estimate d, long wins, long ties) {
        long n = d.n();
        if (n < 2) {
            return "not enough paired rounds to compare (" + n + "): play at least 2";
        }
        if (d.excludesZero()) {
            return variant + (d.mean().signum() > 0 ? " better: " : " worse: ") + signed(d.mean()) + " per round, 95 % CI ["
                    + signed(d.low()) + ", " + signed(d.high()) + "], " + wins + " of " + n + " rounds";
        }
        if (d.sd().signum() == 0) {
            return "no detectable difference after " + n + " rounds: the variant made the baseline's PnL in every round";
        }
        String said = "no detectable difference after " + n + " rounds (" + signed(d.mean()) + " per round, 95 % CI ["
                + signed(d.low()) + ", " + signed(d.high()) + "], " + wins + " of " + n + " rounds better";
        Long needed = Statistics.roundsToDetect(d.mean(), d.sd());
        return needed == null ? said + ")"
                : said + "); about " + needed + " rounds would detect a difference of " + d.mean().abs().toPlainString();
    }

    static String signed(BigDecimal value) {
        return (value.signum() > 0 ? "+" : "") + value.toPlainString();
    }
}
