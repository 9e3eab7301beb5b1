package org.bourse.tournament;

import java.util.List;

/**
 * A tournament's results and what they add up to: the standings of the counted baseline battles and, in an A/B
 * tournament, the comparison. A pure function of the results: a merge of shards makes the summary of the whole.
 *
 * @param results every battle that ended, in round order (the excluded ones say why)
 * @param stopped whether the tournament was stopped before its last round
 */
public record Summary(Info info, List<RoundResult> results, boolean stopped) {

    /**
     * What the tournament was: what a shard must share with another to be merged with it.
     *
     * @param config        the config file's name
     * @param configSha256  its content's SHA-256
     * @param traders       the ranked bots, in the config's order
     * @param variant       the A/B variant ("trader with changes"), or null
     * @param variantTrader the compared trader, or null
     */
    public record Info(String config, String configSha256, long seed, long durationMillis, RoundRange rounds,
                       List<String> traders, String variantTrader, String variant) {
    }

    /** The baseline's battles that count. */
    public List<RoundResult> counted() {
        return results.stream().filter(r -> !r.variant() && r.counts()).toList();
    }

    public List<RoundResult> excluded() {
        return results.stream().filter(r -> !r.counts()).toList();
    }

    public int scale() {
        return Standing.scale(results);
    }

    public List<Standing> standings() {
        return Standing.of(info.traders(), counted(), scale());
    }

    /** Null unless an A/B tournament. */
    public Comparison comparison() {
        return info.variant() == null ? null : Comparison.of(
                new Lineup.Variant(info.variantTrader(), null, null, info.variant()), results, scale());
    }
}
