package org.bourse.bot.battle;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bourse.bot.StrategyLoadException;
import org.bourse.cli.Seeds;
import org.bourse.scenario.Scenario;

/**
 * A validated battle configuration ({@code bots_config.json}).
 *
 * @param bots     every bot of the file, in order, the disabled ones included
 * @param seed     the battle's seed: bots without a seed of their own derive theirs from it, and a lockstep battle's
 *                 clock its phases and orders
 * @param lockstep whether the battle runs in lockstep by default ({@code "lockstep": true})
 * @param market   the {@code "market"} section: the scenario (a fundamental value and a background crowd), or null
 *                 for a market of the bots alone
 */
public record BattleConfig(Path file, URI marketDataUri, URI orderGatewayUri, List<BotSpec> bots, long seed,
                           boolean lockstep, Scenario market) {

    /** Reads and validates a config file; relative paths in it are relative to the file's folder. */
    public static BattleConfig load(Path file) throws InvalidConfigException {
        return new BattleConfigReader(file).read();
    }

    public List<BotSpec> enabledBots() {
        return bots.stream().filter(BotSpec::enabled).toList();
    }

    /**
     * Builds every enabled bot's strategy (class, constructor, parameters) as its bot would: one line naming the bot
     * for each that cannot be built, so that it fails before the battle starts rather than alone in a log. A Python
     * bot's is built by the Python client, in the {@link PythonEnvironment} found as the battle finds it.
     */
    public List<String> strategyProblems() {
        if (!hasPythonBots()) {
            return strategyProblems(null);
        }
        try {
            return strategyProblems(PythonEnvironment.locate(null));
        } catch (PythonEnvironment.Unavailable e) {
            return List.of(e.getMessage());
        }
    }

    /** {@link #strategyProblems()}, Python bots run in {@code python} (null when there are none). */
    public List<String> strategyProblems(PythonEnvironment python) {
        BotLauncher pythonBots = python == null ? null : BotLauncher.forThisJvm().withPython(python);
        List<String> problems = new ArrayList<>();
        for (BotSpec bot : enabledBots()) {
            String problem;
            if (bot.isPython()) {
                problem = pythonBots.pythonProblem(bot);
            } else {
                try {
                    bot.createStrategy();
                    problem = null;
                } catch (StrategyLoadException e) {
                    problem = e.getMessage();
                }
            }
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /** Whether any enabled bot runs a Python strategy. */
    public boolean hasPythonBots() {
        return enabledBots().stream().anyMatch(BotSpec::isPython);
    }

    /** The same battle in the market of {@code scenario} (null: the bots alone). */
    public BattleConfig withMarket(Scenario scenario) {
        return new BattleConfig(file, marketDataUri, orderGatewayUri, bots, seed, lockstep, scenario);
    }

    /**
     * The same battle under another seed: the market's and the lockstep clock's. (Bots keep the seeds they were
     * read with: their own, or the ones derived from the seed the file gave.)
     */
    public BattleConfig withSeed(long battleSeed) {
        return new BattleConfig(file, marketDataUri, orderGatewayUri, bots, battleSeed, lockstep, market);
    }

    /** The same battle with these bots. */
    public BattleConfig withBots(List<BotSpec> newBots) {
        return new BattleConfig(file, marketDataUri, orderGatewayUri, List.copyOf(newBots), seed, lockstep, market);
    }

    /** The seed of the market's fundamental and crowd, derived from the battle's. */
    public long marketSeed() {
        return Seeds.derive(seed, "market");
    }
}
