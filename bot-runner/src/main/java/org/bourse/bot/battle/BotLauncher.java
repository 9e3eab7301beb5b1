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
 * {@code BotRunnerMain bot} on this JVM's classpath.
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
    /** The bots log as the battle does. */
    private final LogOutput.Format logFormat;

    BotLauncher(String javaExecutable, List<String> jvmFlags, String classpath, String mainClass) {
        this(javaExecutable, jvmFlags, classpath, mainClass, null, false, Map.of(), LogOutput.Format.TEXT);
    }

    private BotLauncher(String javaExecutable, List<String> jvmFlags, String classpath, String mainClass,
                        SharedClassArchive sharedClasses, boolean lockstep, Map<String, String> tokens,
                        LogOutput.Format logFormat) {
        this.javaExecutable = javaExecutable;
        this.jvmFlags = List.copyOf(jvmFlags);
        this.classpath = classpath;
        this.mainClass = mainClass;
        this.sharedClasses = sharedClasses;
        this.lockstep = lockstep;
        this.tokens = Map.copyOf(tokens);
        this.logFormat = logFormat;
    }

    /** This launcher, starting bots that take part in a lockstep battle. */
    BotLauncher inLockstep() {
        return new BotLauncher(javaExecutable, jvmFlags, classpath, mainClass, sharedClasses, true, tokens, logFormat);
    }

    /** This launcher, giving each bot its token from {@code byTrader} (an exchange with credentials). */
    BotLauncher withTokens(Map<String, String> byTrader) {
        return new BotLauncher(javaExecutable, jvmFlags, classpath, mainClass, sharedClasses, lockstep, byTrader,
                logFormat);
    }

    LogOutput.Format logFormat() {
        return logFormat;
    }

    /** This launcher, starting bots that log in {@code format}. */
    BotLauncher loggingIn(LogOutput.Format format) {
        return new BotLauncher(javaExecutable, jvmFlags, classpath, mainClass, sharedClasses, lockstep, tokens, format);
    }

    /**
     * This launcher, with bots sharing a class-data archive kept in {@code cacheDir} (when their classpath allows
     * one: see {@link SharedClassArchive}). May take a JVM start (~0.1 s) to check an existing archive.
     */
    BotLauncher withSharedClassArchive(Path cacheDir) {
        return SharedClassArchive.prepare(javaExecutable, jvmFlags, classpath, cacheDir)
                .map(archive -> new BotLauncher(javaExecutable, jvmFlags, classpath, mainClass, archive, lockstep,
                        tokens, logFormat))
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

    /** The command line of a bot as a user would type it, executable first (what {@code --dry-run} prints). */
    List<String> command(BotSpec bot) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable);
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.add("bot");
        command.add("--trader-id");
        command.add(bot.traderId());
        command.add("--strategy");
        command.add(bot.strategy());
        for (Map.Entry<String, String> param : bot.strategyParams().entrySet()) {
            command.add("--strategy-param");
            command.add(param.getKey() + "=" + param.getValue());
        }
        for (Path jar : bot.strategyJars()) {
            command.add("--strategy-jar");
            command.add(jar.toString());
        }
        if (!bot.classpath().isEmpty()) {
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
        if (logFormat != LogOutput.Format.TEXT) {
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

    /**
     * Starts a bot: its {@link #command}, run through {@link BattleBotMain} so that it stops if the battle dies (the
     * battle names itself in its environment), and with the class-data archive's flags if there is one. Its stderr
     * is merged into its stdout (one stream, in the order the bot wrote it).
     */
    Process start(BotSpec bot) throws IOException {
        List<String> command = command(bot);
        int mainClassAt = 1 + jvmFlags.size() + 2; // java, flags, -cp classpath
        command.add(mainClassAt, BattleBotMain.class.getName());
        if (sharedClasses != null) {
            command.addAll(1, sharedClasses.flagsForNextBot());
        }
        ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true);
        ParentWatch.exportTo(process);
        String token = tokens.get(bot.traderId());
        if (token != null) {
            process.environment().put(BotCommand.TOKEN_ENV, token);
        }
        return process.start();
    }

    /** Once every bot has exited: keeps the class-data archive a bot recorded, for the next battles. */
    void battleOver() {
        if (sharedClasses != null) {
            sharedClasses.publish();
        }
    }
}
