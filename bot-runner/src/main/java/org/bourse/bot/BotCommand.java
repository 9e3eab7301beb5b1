package org.bourse.bot;

import ch.qos.logback.classic.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.bourse.api.Strategy;
import org.bourse.cli.BourseVersion;
import org.bourse.cli.DurationConverter;
import org.bourse.cli.LogFormatOption;
import org.bourse.cli.LogOutput;
import org.bourse.cli.WebSocketUri;
import org.bourse.protocol.TraderIds;
import org.bourse.strategies.BuiltInStrategies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The {@code bot} command: runs one strategy as a bot until Ctrl+C or SIGTERM. */
@Command(name = "bot", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BourseVersion.class,
        description = {
            "Runs one trading strategy as a bot: it reads the market from the market-data feed, asks the strategy "
                + "what to do once per decision interval, and sends its orders, cancels and replaces to the "
                + "exchange's order gateway. It reconnects by itself when a connection drops, and resumes where "
                + "the exchange says the trader stands.",
            "Stop it with Ctrl+C (or SIGTERM): it cancels the trader's resting orders (unless "
                + "--no-cancel-on-exit), closes its connections and exits 0 within a second.",
            "A strategy of your own is a public class implementing org.bourse.api.Strategy, with the public "
                + "constructor",
            "  (String traderId, RandomGenerator rng, Map<String, String> params)",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped with Ctrl+C or SIGTERM",
            "1:the exchange refused the bot (e.g. a wrong --token), the bot failed, or its strategy threw on "
                + "every turn",
            "2:bad options, or a strategy that cannot be loaded or created"},
        footer = {"", "Examples:",
            "  bot --trader-id maker_1 --strategy maker",
            "  bot --trader-id m2 --strategy maker --strategy-param spread=0.10 --seed 42",
            "  bot --trader-id me --strategy com.example.MyStrategy --strategy-jar my.jar \\",
            "      --decision-interval 250ms --market-data-uri ws://127.0.0.1:9002"})
public final class BotCommand implements Callable<Integer> {
    /** The environment variable a bot's token may come in. */
    public static final String TOKEN_ENV = "BOURSE_TOKEN";

    private static final Logger LOG = LoggerFactory.getLogger(BotCommand.class);

    /** How long a Ctrl+C waits for the bot before the process exits anyway. */
    private static final Duration STOP_TIMEOUT = Duration.ofMillis(900);

    @Option(names = "--trader-id", required = true, paramLabel = "ID",
            description = "The trader to trade as (1 to " + TraderIds.MAX_LENGTH + " characters).")
    String traderId;

    @Option(names = "--strategy", required = true, paramLabel = "NAME|CLASS",
            completionCandidates = BuiltInStrategies.class,
            description = "A built-in strategy (${COMPLETION-CANDIDATES}; docs/STRATEGIES.md) or the fully "
                    + "qualified name of a class implementing org.bourse.api.Strategy.")
    String strategy;

    @Option(names = "--strategy-param", paramLabel = "KEY=VALUE",
            description = "A parameter for the strategy; repeat for more.")
    List<String> strategyParams = new ArrayList<>();

    @Option(names = "--strategy-jar", paramLabel = "JAR", description = "A jar holding the strategy class; repeatable.")
    List<Path> strategyJars = new ArrayList<>();

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "More jars and class directories for the strategy, separated by '${sys:path.separator}'.")
    String classpath;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the strategy's random generator (default: a random one, logged so that the "
                    + "run can be repeated).")
    Long seed;

    @Option(names = "--decision-interval", defaultValue = BotSettings.DEFAULT_DECISION_INTERVAL, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often the strategy decides: 500ms, 1s, 2.5s, 1m; a plain number is seconds, as in "
                    + "bots_config.json (default: ${DEFAULT-VALUE}).")
    Duration decisionInterval;

    @Option(names = "--market-data-uri", defaultValue = BotSettings.DEFAULT_MARKET_DATA_URI, paramLabel = "URI",
            converter = WebSocketUri.class,
            description = {"The market-data relay, or the exchange's own event stream (port 9002).",
                "Default: ${DEFAULT-VALUE}"})
    URI marketDataUri;

    @Option(names = "--order-gateway-uri", defaultValue = BotSettings.DEFAULT_ORDER_GATEWAY_URI, paramLabel = "URI",
            converter = WebSocketUri.class,
            description = {"The exchange's order gateway.", "Default: ${DEFAULT-VALUE}"})
    URI orderGatewayUri;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:" + TOKEN_ENV + "}",
            description = "The trader's token, for an exchange started with --credentials (default: the "
                    + TOKEN_ENV + " environment variable, which battle sets for its bots; the environment, unlike "
                    + "the command line, is not shown to other users).")
    String token;

    @Option(names = "--cancel-on-exit", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Cancel the trader's resting orders when the bot stops (default: ${DEFAULT-VALUE}; "
                    + "--no-cancel-on-exit leaves them in the book).")
    boolean cancelOnExit;

    @Option(names = "--stale-timeout", defaultValue = BotSettings.DEFAULT_STALE_TIMEOUT, paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "In real time: when the market data gets older than this (nothing from the feed, which "
                    + "sends a heartbeat every quiet second) while the gateway is up, stop asking the strategy until "
                    + "fresh data comes, and say so (default: ${DEFAULT-VALUE}). Not in a lockstep battle.")
    Duration staleTimeout;

    @Option(names = "--stale-cancel", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Cancel the trader's resting orders when the market data turns stale (default: "
                    + "${DEFAULT-VALUE}; --no-stale-cancel leaves them in the book).")
    boolean staleCancel;

    @Option(names = "--lockstep", description = "Take part in a lockstep battle: decide when the exchange (started "
            + "with --lockstep, this trader in its --roster) says, every --decision-interval of its virtual time, on "
            + "the market as of that moment. The same seeds then give the same battle every run.")
    boolean lockstep;

    @Option(names = "--latency-ms", defaultValue = "0", paramLabel = "MS",
            description = "With --lockstep: how many virtual milliseconds after deciding the bot's actions reach "
                    + "the book (default: ${DEFAULT-VALUE}).")
    long latencyMillis;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "TRACE, DEBUG (adds a summary every 10 s), INFO, WARN, ERROR or OFF (default: the "
                    + "BOURSE_LOG_LEVEL environment variable, else INFO).")
    LogLevel logLevel;

    @Mixin
    LogFormatOption logFormat;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    enum LogLevel {
        TRACE, DEBUG, INFO, WARN, ERROR, OFF;

        void apply() {
            if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                    instanceof ch.qos.logback.classic.Logger root) {
                root.setLevel(Level.toLevel(name()));
            }
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (logLevel != null) {
            logLevel.apply();
        }
        BotSettings settings = settings();
        LogOutput.describe("trader", traderId);
        Map<String, String> params;
        try {
            params = StrategyParams.parse(strategyParams);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long seedValue = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        Strategy instance;
        try {
            instance = StrategyLoader.create(strategyJars, classpath)
                    .create(strategy, traderId, seedValue, params);
        } catch (StrategyLoadException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return spec.exitCodeOnInvalidInput();
        }
        if (lockstep) {
            LOG.info("{}: seed {} (--seed {} with the same battle repeats this run, unless the exchange reports it "
                    + "not reproducible)", traderId, seedValue, seedValue);
        } else {
            LOG.info("{}: seed {} (--seed {} repeats the strategy's random numbers; in real time the run itself "
                    + "depends on timing: --lockstep repeats it)", traderId, seedValue, seedValue);
        }
        return new Bot(settings, instance).runUntilSignalled(STOP_TIMEOUT, () -> { });
    }

    BotSettings settings() {
        String problem = traderId.isEmpty() ? "must not be empty" : TraderIds.problem(traderId);
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--trader-id: " + problem);
        }
        if (decisionInterval.toMillis() < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--decision-interval must be at least 1ms, not " + DurationConverter.format(decisionInterval));
        }
        if (lockstep && decisionInterval.toNanos() % 1_000_000 != 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--decision-interval must be whole "
                    + "milliseconds in a lockstep battle, not " + DurationConverter.format(decisionInterval));
        }
        if (latencyMillis < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--latency-ms must be 0 or more, not "
                    + latencyMillis);
        }
        if (latencyMillis > 0 && !lockstep) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--latency-ms goes with --lockstep");
        }
        if (staleTimeout.toMillis() < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--stale-timeout must be at least 1ms, not " + DurationConverter.format(staleTimeout));
        }
        return new BotSettings(traderId, marketDataUri, orderGatewayUri, token, decisionInterval, cancelOnExit,
                lockstep, latencyMillis, staleTimeout, staleCancel);
    }

}
