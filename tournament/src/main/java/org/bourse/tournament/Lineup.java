package org.bourse.tournament;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bourse.bot.battle.BattleConfig;
import org.bourse.bot.battle.BotSpec;
import org.bourse.cli.Seeds;

/**
 * The battle each round plays: the config's, under the round's seed, its bots' seeds derived from it (so that a
 * round of two tournaments with the same seed is the same battle); and, in an A/B tournament, the same battle with
 * one trader's strategy or parameters changed — the variant — under the very same seeds.
 */
public final class Lineup {

    /** The changed trader: its strategy (a built-in name or a class) and its parameters, the changes merged in. */
    public record Variant(String traderId, String strategy, Map<String, String> params, String description) {
    }

    private final BattleConfig config;
    private final Variant variant;

    private Lineup(BattleConfig config, Variant variant) {
        this.config = config;
        this.variant = variant;
    }

    /**
     * @param compare       {@code trader=Class} (--compare), or null
     * @param compareParams {@code trader.key=value} each (--compare-param)
     * @throws IllegalArgumentException one line naming what is wrong
     */
    public static Lineup of(BattleConfig config, String compare, List<String> compareParams) {
        if (config.enabledBots().isEmpty()) {
            throw new IllegalArgumentException("the config has no enabled bot: a tournament ranks bots");
        }
        if (compare == null && compareParams.isEmpty()) {
            return new Lineup(config, null);
        }
        String trader = null;
        String strategy = null;
        if (compare != null) {
            int eq = compare.indexOf('=');
            if (eq <= 0 || eq == compare.length() - 1) {
                throw new IllegalArgumentException("--compare takes TRADER=STRATEGY (e.g. my_bot=com.acme.MyStrategyV2),"
                        + " not '" + compare + "'");
            }
            trader = compare.substring(0, eq).strip();
            strategy = compare.substring(eq + 1).strip();
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (String param : compareParams) {
            int dot = param.indexOf('.');
            int eq = param.indexOf('=');
            if (dot <= 0 || eq < dot + 2) {
                throw new IllegalArgumentException("--compare-param takes TRADER.KEY=VALUE (e.g. my_bot.qty=3), not '"
                        + param + "'");
            }
            String named = param.substring(0, dot);
            if (trader != null && !trader.equals(named)) {
                throw new IllegalArgumentException("--compare-param " + param + " names " + named + " but the variant is "
                        + trader + "'s: one trader is compared at a time");
            }
            trader = named;
            changes.put(param.substring(dot + 1, eq), param.substring(eq + 1));
        }
        BotSpec bot = bot(config, trader);
        Map<String, String> params = new LinkedHashMap<>(bot.strategyParams());
        params.putAll(changes);
        List<String> said = new ArrayList<>();
        if (strategy != null) {
            said.add(strategy);
        }
        changes.forEach((key, value) -> said.add(key + "=" + value));
        return new Lineup(config, new Variant(trader, strategy != null ? strategy : bot.strategy(), Map.copyOf(params),
                trader + " with " + String.join(", ", said)));
    }

    private static BotSpec bot(BattleConfig config, String trader) {
        return config.enabledBots().stream().filter(b -> b.traderId().equals(trader)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no trader '" + trader + "' in " + config.file()
                        .getFileName() + " to compare (its traders: " + String.join(", ", traders(config)) + ")"));
    }

    /** The seed of round {@code round} of a tournament seeded {@code seed}. */
    public static long roundSeed(long seed, long round) {
        return Seeds.derive(seed, round);
    }

    /** Round {@code round}'s battle: the baseline's, or with the variant. */
    public BattleConfig round(long seed, long round, boolean withVariant) {
        long roundSeed = roundSeed(seed, round);
        List<BotSpec> bots = new ArrayList<>();
        for (BotSpec bot : config.bots()) {
            BotSpec seeded = bot.withSeed(Seeds.derive(roundSeed, bot.traderId()));
            if (withVariant && bot.traderId().equals(variant.traderId())) {
                seeded = seeded.withStrategy(variant.strategy(), orderedLike(bot.strategyParams(), variant.params()));
            }
            bots.add(seeded);
        }
        return config.withSeed(roundSeed).withBots(bots);
    }

    /** The variant's parameters in the config's order, the new ones after (a strategy sees them in that order). */
    private static Map<String, String> orderedLike(Map<String, String> original, Map<String, String> params) {
        Map<String, String> ordered = new LinkedHashMap<>();
        original.keySet().forEach(key -> ordered.put(key, params.get(key)));
        new java.util.TreeMap<>(params).forEach(ordered::putIfAbsent);
        return ordered;
    }

    /** The bots a tournament ranks, in the config's order. */
    public List<String> traders() {
        return traders(config);
    }

    private static List<String> traders(BattleConfig config) {
        return config.enabledBots().stream().map(BotSpec::traderId).toList();
    }

    public BattleConfig config() {
        return config;
    }

    /** Null unless this is an A/B tournament. */
    public Variant variant() {
        return variant;
    }
}
