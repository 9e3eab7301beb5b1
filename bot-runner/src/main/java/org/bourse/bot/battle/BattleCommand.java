package org.bourse.bot.battle;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bourse.cli.CredentialsFile;
import org.bourse.cli.DurationConverter;
import org.bourse.cli.LogFormatOption;
import org.bourse.cli.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code battle} command: runs every bot of a config file, one OS process each, until stopped. */
@Command(name = "battle", sortOptions = false,
        description = {
            "Runs a battle: every enabled bot of the config file as a JVM of its own, all started at once, each "
                + "line they print shown prefixed with their trader id. A bot that exits is reported and the others "
                + "keep going (unless --stop-on-failure).",
            "Ctrl+C or SIGTERM stops every bot (SIGTERM, then SIGKILL after 1.5 s) and prints how each one ended.",
            "Exit status: 0 when every bot exited with 0 or was stopped, 1 when one failed, 2 when the config is "
                + "invalid (every problem is listed, one per line)."},
        footer = {"", "Examples:",
            "  battle                                 bots_config.json, until Ctrl+C",
            "  battle --config my_bots.json --duration 5m",
            "  battle --dry-run                       check the config, print the commands",
            "  battle --stop-on-failure               end all as soon as one bot fails",
            "",
            "Config file (JSON; paths in it are relative to its folder):",
            "  {\"market_data_uri\": \"ws://127.0.0.1:9010\",",
            "   \"order_gateway_uri\": \"ws://127.0.0.1:9001\",",
            "   \"classpath\": [\"my-strategies.jar\"],",
            "   \"bots\": [{\"trader_id\": \"maker_1\", \"strategy\": \"maker\", \"seed\": 7,",
            "             \"decision_interval\": 0.5, \"strategy_params\": {\"spread\": 0.1}}]}",
            "A bot may also set strategy_jar, market_data_uri, order_gateway_uri,",
            "log_level (TRACE..ERROR) and enabled (true/false). Its strategy is a",
            "built-in (listed by bot --help), a class name from the jars, or a Python",
            "class as py:my_module:MyStrategy (the module found in the config's folder",
            "first; run with --python, see clients/python/README.md)."})
public final class BattleCommand implements Callable<Integer> {
    static final int CONFIG_ERROR = 2;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);
    private static final Pattern NO_QUOTES_NEEDED = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Logger LOG = LoggerFactory.getLogger(BattleCommand.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "bots_config.json",
            description = "The battle's bots (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop the battle after this long, like 30s, 5m or 1h "
                    + "(default: until Ctrl+C, or until every bot has exited).")
    Duration duration;

    @Option(names = "--market-data-uri", paramLabel = "URI",
            description = "Every bot's market-data feed, whatever the config says (the session uses this).")
    URI marketDataUri;

    @Option(names = "--order-gateway-uri", paramLabel = "URI",
            description = "Every bot's order gateway, whatever the config says.")
    URI orderGatewayUri;

    @Option(names = "--stop-on-failure",
            description = "Stop every bot as soon as one fails (exits on its own with a code other than 0).")
    boolean stopOnFailure;

    @Option(names = "--bot-endings", paramLabel = "FILE", description = "Record each bot that ends on its own (or "
            + "cannot start) in FILE as it happens, with its exit code and last line: 'monitor --bot-endings FILE' "
            + "shows them. The session does this.")
    Path botEndings;

    @Option(names = "--dry-run", description = "Validate the config, build every bot's strategy (class, "
            + "constructor, parameters) as the bot would, and print each bot's command line; start nothing.")
    boolean dryRun;

    @Option(names = "--lockstep", description = "Run the bots in a lockstep battle (the exchange must run one, with "
            + "these bots as its roster), whatever the config's \"lockstep\" says.")
    boolean lockstep;

    @Option(names = "--no-cds", description = "Start the bots without the class-data archive that makes them start "
            + "faster (kept in ~/.cache/bourse, made by the first battle when the bots run from jars).")
    boolean noCds;

    @Option(names = "--credentials", paramLabel = "FILE", description = "The exchange's credentials file: each "
            + "bot gets the token of its trader id's line (in its environment, not on its command line). A session "
            + "writes one and passes it. Without it, each bot gets a token made up for this battle, which claims its "
            + "trader id on an exchange that has no credentials file.")
    Path credentials;

    @Option(names = "--python", paramLabel = "PYTHON", description = "The Python interpreter of the bots whose "
            + "strategy is Python (\"py:module:Class\"); it needs the websockets package (default: the "
            + PythonEnvironment.PYTHON_ENV + " environment variable, else the first of python3 on the PATH and "
            + "/usr/bin/python3 that has it).")
    String python;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Mixin
    LogFormatOption logFormat;

    @Spec
    CommandSpec spec;

    private final BotLauncher launcher;
    private final PrintStream botOutput;

    public BattleCommand() {
        this(BotLauncher.forThisJvm(), System.out);
    }

    /** A battle whose bots start with {@code launcher} and print to {@code botOutput}. */
    BattleCommand(BotLauncher launcher, PrintStream botOutput) {
        this.launcher = launcher;
        this.botOutput = botOutput;
    }

    @Override
    public Integer call() {
        if (duration != null && duration.isZero()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--duration must be longer than 0");
        }
        BattleConfig battleConfig;
        try {
            battleConfig = BattleConfig.load(config);
        } catch (InvalidConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            e.errors().forEach(error -> err.println(config + ": " + error));
            err.flush();
            return CONFIG_ERROR;
        }
        battleConfig.bots().stream().filter(bot -> !bot.enabled())
                .forEach(bot -> LOG.info("{} is disabled (\"enabled\": false): not started", bot.traderId()));
        List<BotSpec> bots = battleConfig.enabledBots().stream()
                .map(bot -> bot.withUris(marketDataUri, orderGatewayUri)).toList();
        BotLauncher launcher = (lockstep || battleConfig.lockstep() ? this.launcher.inLockstep() : this.launcher)
                .loggingIn(logFormat.format());
        PythonEnvironment pythonBots = null;
        if (battleConfig.hasPythonBots()) {
            try {
                pythonBots = PythonEnvironment.locate(python);
            } catch (PythonEnvironment.Unavailable e) {
                spec.commandLine().getErr().println("bourse battle: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return CONFIG_ERROR;
            }
            launcher = launcher.withPython(pythonBots);
        }
        if (dryRun) {
            // a bot that would fail at start fails here, one line naming it
            List<String> problems = battleConfig.strategyProblems(pythonBots);
            PrintWriter err = spec.commandLine().getErr();
            problems.forEach(problem -> err.println(config + ": " + problem));
            err.flush();
            if (!problems.isEmpty()) {
                return CONFIG_ERROR;
            }
            PrintWriter out = spec.commandLine().getOut();
            BotLauncher printed = launcher;
            bots.forEach(bot -> out.println((shellQuoted(printed.environment(bot).entrySet().stream()
                    .map(variable -> variable.getKey() + "=" + variable.getValue()).toList()) + " "
                    + shellQuoted(printed.command(bot))).strip()));
            out.flush();
            return 0;
        }
        LOG.info("Battle of {} bot(s) from {}: market data {}, order gateway {}", bots.size(), config,
                marketDataUri != null ? marketDataUri : battleConfig.marketDataUri(),
                orderGatewayUri != null ? orderGatewayUri : battleConfig.orderGatewayUri());
        if (battleConfig.market() != null) {
            // the crowd is one process of its own (a session starts it); a battle is the config's bots
            LOG.info("{} has a \"market\" section: its background crowd runs apart, with ./bourse crowd --config {}"
                    + " (./bourse session starts both)", config, config);
        }
        BotLauncher botLauncher = noCds ? launcher : launcher.withSharedClassArchive(SharedClassArchive.defaultCacheDir());
        try {
            botLauncher = botLauncher.withTokens(credentials != null ? tokensOf(bots) : freshTokens(bots));
        } catch (IOException e) {
            spec.commandLine().getErr().println("bourse battle: --credentials: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return CONFIG_ERROR;
        }
        return run(new Battle(botLauncher, bots, botOutput, botEndings));
    }

    /**
     * A token made up for each bot: an exchange without a credentials file lets the first hello with a token claim
     * its trader, so no other program can act as one of this battle's bots while it runs.
     */
    private static Map<String, String> freshTokens(List<BotSpec> bots) {
        Map<String, String> tokens = new HashMap<>();
        bots.forEach(bot -> tokens.put(bot.traderId(), Secrets.newToken()));
        return tokens;
    }

    /** Each bot's token from the credentials file, which must have a line for every one. */
    private Map<String, String> tokensOf(List<BotSpec> bots) throws IOException {
        Map<String, String> tokens = CredentialsFile.read(credentials);
        for (BotSpec bot : bots) {
            if (!tokens.containsKey(bot.traderId())) {
                throw new IOException("the credentials file " + credentials + " has no line for '" + bot.traderId()
                        + "'");
            }
        }
        return tokens;
    }

    private int run(Battle battle) {
        // Ctrl+C and SIGTERM end the battle like its end: every bot stopped, a summary, and the exit status of the
        // battle itself rather than the JVM's 130 / 143 for "killed by a signal".
        Thread onSignal = new Thread(() -> {
            battle.requestStop("Ctrl+C or SIGTERM");
            try {
                List<Battle.Outcome> outcomes = battle.awaitOutcomes(SHUTDOWN_WAIT);
                if (outcomes != null) {
                    Runtime.getRuntime().halt(Battle.exitStatus(outcomes));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "battle-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        List<Battle.Outcome> outcomes = battle.run(duration, stopOnFailure);
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
            // The hook is already running; it ends the JVM with the same status.
        }
        return Battle.exitStatus(outcomes);
    }

    /** A command line that a POSIX shell reads back as the same arguments. */
    static String shellQuoted(List<String> command) {
        return command.stream()
                .map(arg -> NO_QUOTES_NEEDED.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }
}
