package org.bourse.bot.battle;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bourse.api.Strategy;
import org.bourse.bot.StrategyLoadException;
import org.bourse.bot.StrategyLoader;

/**
 * One bot of a battle, validated: everything its command line needs, with paths absolute and URIs resolved
 * (a bot's own URI, else the config's top-level one).
 *
 * @param seed             the bot's own, or one derived from the battle's seed and the trader id
 * @param decisionInterval null: the bot's default
 * @param latencyMillis    in a lockstep battle, how much later than decided its actions reach the book
 * @param strategyParams   in the order of the config file
 * @param strategyJars     this bot's {@code strategy_jar}s
 * @param classpath        the config's top-level {@code classpath}, shared by every bot
 * @param logLevel         TRACE, DEBUG, INFO, WARN or ERROR; null: the bot's default
 * @param folder           the config file's folder, where a Python strategy's module is looked up first; null for a
 *                         bot not read from a file
 * @param staleGuard       how the bot treats market data gone stale; null: the bot's defaults
 */
public record BotSpec(String traderId, String strategy, long seed, Duration decisionInterval, long latencyMillis,
                      Map<String, String> strategyParams, List<Path> strategyJars, List<Path> classpath,
                      URI marketDataUri, URI orderGatewayUri, String logLevel, boolean enabled, Path folder,
                      StaleGuard staleGuard) {

    /**
     * A real-time bot's stale-data guard ({@code bot --stale-timeout}, {@code --no-stale-cancel}).
     *
     * @param timeout how old market data may be before the bot stops trading on it; null: the bot's default
     * @param cancel  whether it then cancels its resting orders
     */
    public record StaleGuard(Duration timeout, boolean cancel) {
    }
    /** How a config names a Python strategy: {@code py:module:Class}. */
    public static final String PYTHON_PREFIX = "py:";

    /** A bot not read from a config file. */
    public BotSpec(String traderId, String strategy, long seed, Duration decisionInterval, long latencyMillis,
                   Map<String, String> strategyParams, List<Path> strategyJars, List<Path> classpath,
                   URI marketDataUri, URI orderGatewayUri, String logLevel, boolean enabled) {
        this(traderId, strategy, seed, decisionInterval, latencyMillis, strategyParams, strategyJars, classpath,
                marketDataUri, orderGatewayUri, logLevel, enabled, null, null);
    }

    /** Whether its strategy is a Python class, run by the Python client as a process of its own. */
    public boolean isPython() {
        return strategy.startsWith(PYTHON_PREFIX);
    }

    /** A Python strategy as the Python bot's {@code --strategy} takes it: {@code module:Class}. */
    String pythonStrategy() {
        return strategy.substring(PYTHON_PREFIX.length());
    }

    /**
     * Its strategy, built as its bot builds it (the same loader, seed and parameters): what a dry run checks and an
     * in-process battle runs. The error names the bot.
     */
    public Strategy createStrategy() throws StrategyLoadException {
        if (isPython()) {
            throw new StrategyLoadException(traderId + ": " + strategy + " is a Python strategy: it runs as a process "
                    + "of its own (./bourse battle or session), not inside a JVM");
        }
        String joined = classpath.isEmpty() ? null
                : classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        try {
            return StrategyLoader.create(strategyJars, joined).create(strategy, traderId, seed, strategyParams);
        } catch (StrategyLoadException e) {
            throw new StrategyLoadException(traderId + ": " + e.getMessage());
        }
    }

    /** The same bot talking to other addresses (a null one is left as it is). */
    public BotSpec withUris(URI marketData, URI orderGateway) {
        return new BotSpec(traderId, strategy, seed, decisionInterval, latencyMillis, strategyParams, strategyJars,
                classpath,
                marketData == null ? marketDataUri : marketData, orderGateway == null ? orderGatewayUri : orderGateway,
                logLevel, enabled, folder, staleGuard);
    }

    /** The same bot with another seed (a tournament's round gives each bot its own). */
    public BotSpec withSeed(long newSeed) {
        return new BotSpec(traderId, strategy, newSeed, decisionInterval, latencyMillis, strategyParams, strategyJars,
                classpath, marketDataUri, orderGatewayUri, logLevel, enabled, folder, staleGuard);
    }

    /** The same bot running another strategy (a name or a class) with these parameters (a tournament's variant). */
    public BotSpec withStrategy(String newStrategy, Map<String, String> params) {
        return new BotSpec(traderId, newStrategy, seed, decisionInterval, latencyMillis, params, strategyJars,
                classpath, marketDataUri, orderGatewayUri, logLevel, enabled, folder, staleGuard);
    }
}
