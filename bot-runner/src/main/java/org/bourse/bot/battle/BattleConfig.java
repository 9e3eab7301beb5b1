package org.bourse.bot.battle;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.bourse.cli.Seeds;
import org.bourse.scenario.Scenario;

/**
 * A validated battle configuration ({@code bots_config.json}).
 *
 * @param bots     every bot of the file, in order, the disabled ones included
 * @param warnings things worth telling the user that do not stop the battle (unknown keys)
 * @param seed     the battle's seed: bots without a seed of their own derive theirs from it, and a lockstep battle's
 *                 clock its phases and orders
 * @param lockstep whether the battle runs in lockstep by default ({@code "lockstep": true})
 * @param market   the {@code "market"} section: the scenario (a fundamental value and a background crowd), or null
 *                 for a market of the bots alone
 */
public record BattleConfig(Path file, URI marketDataUri, URI orderGatewayUri, List<BotSpec> bots,
                           List<String> warnings, long seed, boolean lockstep, Scenario market) {

    /** Reads and validates a config file; relative paths in it are relative to the file's folder. */
    public static BattleConfig load(Path file) throws InvalidConfigException {
        return new BattleConfigReader(file).read();
    }

    public List<BotSpec> enabledBots() {
        return bots.stream().filter(BotSpec::enabled).toList();
    }

    /** The same battle in the market of {@code scenario} (null: the bots alone). */
    public BattleConfig withMarket(Scenario scenario) {
        return new BattleConfig(file, marketDataUri, orderGatewayUri, bots, warnings, seed, lockstep, scenario);
    }

    /**
     * The same battle under another seed: the market's and the lockstep clock's. (Bots keep the seeds they were
     * read with: their own, or the ones derived from the seed the file gave.)
     */
    public BattleConfig withSeed(long battleSeed) {
        return new BattleConfig(file, marketDataUri, orderGatewayUri, bots, warnings, battleSeed, lockstep, market);
    }

    /** The seed of the market's fundamental and crowd, derived from the battle's. */
    public long marketSeed() {
        return Seeds.derive(seed, "market");
    }
}
