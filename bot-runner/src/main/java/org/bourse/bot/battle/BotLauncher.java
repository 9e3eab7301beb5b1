package org.bourse.bot.battle;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.bourse.bot.BotCommand;
import org.bourse.cli.LogFormatOption;
import org.bourse.cli.LogOutput;
import org.bourse.cli.ParentWatch;

/**
 * Builds and starts the command line of one bot: a JVM of its own, tuned to start fast and stay small, running
 * {@code BotRunnerMain bot} on this JVM's classpath; or, for a Python strategy, the Python client's bot
 * ({@code python3 -m bourse_client.bot}, same options) in the {@link PythonEnvironment}.
 */
final class BotLauncher {
    static final String BOT_MAIN_CLASS = "org.bourse.bot.BotRunnerMain";

    /**
     * A bot is small and mostly waits on its socket, and ten of them start at once on a laptop: the C1 compiler
     * alone (one thread; C2 compiling at start-up is what makes ten default JVMs crawl on two cores), the serial
     * collector, a small heap and thread stacks, and the JDK's class-data sharing archive. Measured on Java 17
     * (2 cores) with a bot-like JVM connecting over WebSocket: 0.51 s to connect instead of 0.67 s, and 56 MB
     * resident instead of 78 MB; ten started at once were all connected in about half the time.
     */
    static final List<String> FAST_START_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
            "-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-Xss512k", "-Xshare:auto");

    private final String javaExecutable;
    private final List<String> jvmFlags;
    private final String classpath;
    private final String mainClass;
    private final SharedClassArchive sharedClasses;
    private final boolean lockstep;
    /** Each bot's token by trader id, handed over in its environment (never on its command line). */
    private final Map<String, String> tokens;
    /** How Python bots run; null when the battle has none. */
    private final PythonEnvironment python;
    /** The bots log as the battle does. */
    private final LogOutput.Format logFormat;

    BotLauncher(String javaExecutable, List<String> jvmFlags, String classpath, String mainClass) {
        this(javaExecutable, jvmFlags, classpath, mainClass, null, false, Map.of(), null, LogOutput.Format.TEXT);
    }

    private BotLauncher(String javaExecutable, List<String> jvmFlags, String classpath, String mainClass,
                        SharedClassArchive sharedClasses, boolean lockstep, Map<String, String> tokens,
                        PythonEnvironment python, LogOutput.Format logFormat) {
        this.javaExecutable = javaExecutable;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.classpath = classpath;
        this.mainClass = mainClass;
        this.sharedClasses = sharedClasses;
        this.lockstep = lockstep;
        this.tokens = Map.copyOf(tokens);
        this.python = python;
        this.logFormat = logFormat;
    }

    /** This launcher, starting bots that take part in a lockstep battle. */
    BotLauncher inLockstep() {
        return new BotLauncher(javaExecutable, jvmFlags, classpath, mainClass, sharedClasses, true, tokens, python,
                logFormat);
    }

    /** This launcher, giving each bot its token from {@code byTrader} (an exchange with credentials). */
    BotLauncher withTokens(Map<String, String> byTrader) {
        return new BotLauncher(javaExecutable, jvmFlags, classpath, mainClass, sharedClasses, lockstep, byTrader,
                python, logFormat);
    }

    /** This launcher, running Python bots in {@code environment}. */
    BotLauncher withPython(PythonEnvironment environment) {
        return new BotLauncher(javaExecutable, jvmFlags, classpath, mainClass, sharedClasses, lockstep, tokens,
                environment, logFormat);
    }

    LogOutput.Format logFormat() {
        return logFormat;
    }

    /** This launcher, starting bots that log in {@code format}. */
    BotLauncher loggingIn(LogOutput.Format format) {
        return new BotLauncher(javaExecutable, jvmFlags, classpath, mainClass, sharedClasses, lockstep, tokens, python,
                format);
    }

    /**
     * This launcher, with bots sharing a class-data archive kept in {@code cacheDir} (when their classpath allows
     * one: see {@link SharedClassArchive}). May take a JVM start (~0.1 s) to check an existing archive.
     */
    BotLauncher withSharedClassArchive(Path cacheDir) {
        return SharedClassArchive.prepare(javaExecutable, jvmFlags, classpath, cacheDir)
                .map(archive -> new BotLauncher(javaExecutable, jvmFlags, classpath, mainClass, archive, lockstep,
                        tokens, python, logFormat))
                .orElse(this);
    }

    /** Bots run by this JVM's java, on this JVM's classpath. */
    static BotLauncher forThisJvm() {
        return forThisJvm(BOT_MAIN_CLASS);
    }

    /** Like {@link #forThisJvm()}, with another main class taking the same arguments (tests use a fake bot). */
    static BotLauncher forThisJvm(String mainClass) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new BotLauncher(java, FAST_START_FLAGS, System.getProperty("java.class.path"), mainClass);
    }

    /** The command line of a bot, executable first (a Python bot's runs with {@link #environment}). */
    List<String> command(BotSpec bot) {
        List<String> command = new ArrayList<>();
        if (bot.isPython()) {
            command.addAll(python(bot).command());
        } else {
            command.add(javaExecutable);
            command.addAll(jvmFlags);
            command.add("-cp");
            command.add(classpath);
            command.add(mainClass);
            command.add("bot");
        }
        command.add("--trader-id");
        command.add(bot.traderId());
        command.add("--strategy");
        command.add(bot.isPython() ? bot.pythonStrategy() : bot.strategy());
        for (Map.Entry<String, String> param : bot.strategyParams().entrySet()) {
            command.add("--strategy-param");
            command.add(param.getKey() + "=" + param.getValue());
        }
        if (bot.isPython() && bot.folder() != null) {
            command.add("--strategy-path");
            command.add(bot.folder().toString());
        }
        for (Path jar : bot.strategyJars()) {
            command.add("--strategy-jar");
            command.add(jar.toString());
        }
        if (!bot.classpath().isEmpty() && !bot.isPython()) {
            command.add("--classpath");
            command.add(bot.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        }
        command.add("--seed");
        command.add(Long.toString(bot.seed()));
        if (bot.decisionInterval() != null) {
            command.add("--decision-interval");
            command.add(bot.decisionInterval().toMillis() + "ms");
        }
        command.add("--market-data-uri");
        command.add(bot.marketDataUri().toString());
        command.add("--order-gateway-uri");
        command.add(bot.orderGatewayUri().toString());
        if (bot.logLevel() != null) {
            command.add("--log-level");
            command.add(bot.logLevel());
        }
        if (bot.staleGuard() != null) {
            if (bot.staleGuard().timeout() != null) {
                command.add("--stale-timeout");
                command.add(bot.staleGuard().timeout().toMillis() + "ms");
            }
            if (!bot.staleGuard().cancel()) {
                command.add("--no-stale-cancel");
            }
        }
        if (logFormat != LogOutput.Format.TEXT && !bot.isPython()) { // the Python bot logs text only
            command.add(LogFormatOption.NAME);
            command.add(logFormat.name().toLowerCase(Locale.ROOT));
        }
        if (lockstep) {
            command.add("--lockstep");
            if (bot.latencyMillis() > 0) {
                command.add("--latency-ms");
                command.add(Long.toString(bot.latencyMillis()));
            }
        }
        return command;
    }

    /** The environment a bot's command needs beyond this process's own: a Python bot's module path. */
    Map<String, String> environment(BotSpec bot) {
        return bot.isPython() ? python(bot).environment() : Map.of();
    }

    /** What a Python bot says of its strategy when asked to load and create it: null if it can run. */
    String pythonProblem(BotSpec bot) {
        List<String> check = command(bot);
        check.add("--check");
        String problem = python(bot).problemOf(check);
        return problem == null ? null : problem.startsWith("bot: ") ? problem.substring("bot: ".length())
                : bot.traderId() + ": " + problem;
    }

    /**
     * Starts a bot: its {@link #command} with its {@link #environment}; a JVM runs it through {@link BattleBotMain}
     * and with the class-data archive's flags if there is one. Either kind stops if the battle dies (the battle
     * names itself in its environment). Its stderr is merged into its stdout (one stream, in the order the bot
     * wrote it).
     */
    Process start(BotSpec bot) throws IOException {
        List<String> command = command(bot);
        if (!bot.isPython()) {
            int mainClassAt = 1 + jvmFlags.size() + 2; // java, flags, -cp classpath
            command.add(mainClassAt, BattleBotMain.class.getName());
            if (sharedClasses != null) {
                command.addAll(1, sharedClasses.flagsForNextBot());
            }
        }
        ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true);
        process.environment().putAll(environment(bot));
        ParentWatch.exportTo(process);
        String token = tokens.get(bot.traderId());
        if (token != null) {
            process.environment().put(BotCommand.TOKEN_ENV, token);
        }
        return process.start();
    }

    private PythonEnvironment python(BotSpec bot) {
        if (python == null) {
            throw new IllegalStateException(bot.traderId() + " runs a Python strategy, but the launcher was given no "
                    + "Python environment");
        }
        return python;
    }

    /** Once every bot has exited: keeps the class-data archive a bot recorded, for the next battles. */
    void battleOver() {
        if (sharedClasses != null) {
            sharedClasses.publish();
        }
    }
}
