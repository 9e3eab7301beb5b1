package org.bourse.session;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bourse.bot.StrategyLoadException;
import org.bourse.bot.battle.BattleConfig;
import org.bourse.bot.battle.BotSpec;
import org.bourse.bot.battle.InvalidConfigException;
import org.bourse.cli.BotEnding;
import org.bourse.cli.Commands;
import org.bourse.cli.CredentialsFile;
import org.bourse.cli.DurationConverter;
import org.bourse.cli.LogFormatOption;
import org.bourse.exchange.journal.JournalException;
import org.bourse.exchange.market.MarketException;
import org.bourse.exchange.server.ExchangeMain;
import org.bourse.lab.ConfigBattle;
import org.bourse.lab.InProcessBattle;
import org.bourse.lab.LogFile;
import org.bourse.protocol.SessionHash;
import org.bourse.protocol.TraderIds;
import org.bourse.report.JournalActivity;
import org.bourse.report.Report;
import org.bourse.report.ReportException;
import org.bourse.report.RunFolder;
import org.bourse.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code session}: the walkthrough's four terminals in one. Starts the exchange, the relay and the battle in the
 * background (each logging to a file of the run folder), runs the monitor in front, and at the end — the
 * duration, {@code q} in the monitor, or Ctrl+C — stops them in the walkthrough's order (monitor, bots, relay,
 * exchange: the exchange last, so that it records every order the bots sent and flushes its CSV files), then
 * prints the leaderboard and where the files are.
 */
@Command(name = "bourse session", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs a whole battle in one terminal: the exchange, the market-data relay and one process per bot of "
                + "the config in the background, the monitor in front.",
            "While it runs, the live dashboard is a web page at http://127.0.0.1:9011/ (the relay serves it).",
            "Ends after --duration, on q in the monitor, or on Ctrl+C: stops everything in order (bots, relay, "
                + "exchange), then prints the leaderboard, writes the battle report (report.html) and says where "
                + "it and the CSV files are.",
            "Every run gets its own folder (runs/<date-time>/) with the CSV files, events.jsonl, the exchange's "
                + "journal and a log per process; the summary ends with the session hash, which `bourse replay` of "
                + "the journal prints too.",
            "With --lockstep (or \"lockstep\": true in the config) the battle is reproducible: the exchange's "
                + "virtual clock tells each bot when to decide, so the same config and seeds give the same files and "
                + "session hash every run, as fast as the bots can decide."},
        footer = {"", "Examples:",
            "  ./bourse session                          the default battle (bots_config.json) until q or Ctrl+C",
            "  ./bourse session --duration 60s           one minute, then the leaderboard",
            "  ./bourse session --lockstep --no-monitor  60 s of virtual time, the same bytes every run",
            "  ./bourse session --config my_bots.json    your own line-up (see README: plug in your own strategy)",
            "  ./bourse session --gateway-port 0 --stream-port 0 --feed-port 0 --admin-port 0   any free ports"})
public final class SessionMain implements Callable<Integer> {
    /** In the run folder: each bot that ended on its own, as the battle records it (see battle --bot-endings). */
    private static final String BOT_ENDINGS = "bot-endings.tsv";
    /** 128 + SIGTERM: the exit status of a JVM that SIGTERM ended before it handled the signal itself. */
    private static final int KILLED_BY_SIGTERM = 143;
    private static final int DEFAULT_LOCKSTEP_SECONDS = 60;
    /** The run folder's credentials file: every token of the session (0600). */
    static final String CREDENTIALS = "credentials.properties";
    /** How many 100-ms waits between two questions to the exchange about a lockstep battle: each costs a bit of CPU. */
    private static final int STATUS_EVERY = 3;

    @Option(names = "--config", defaultValue = "bots_config.json",
            description = "The battle's bots (default: ${DEFAULT-VALUE}, here or in the Bourse folder).")
    Path config;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop after this long, e.g. 60s or 5m (default: run until q or Ctrl+C). With --lockstep "
                    + "this is virtual time (default: " + DEFAULT_LOCKSTEP_SECONDS + "s), usually over in less wall "
                    + "time.")
    Duration duration;

    @Option(names = "--lockstep", description = "A reproducible battle: the exchange's virtual clock tells each bot "
            + "when to decide and applies their orders in a seeded order, so the same config and seeds give the "
            + "same journal, CSV files and session hash every run. The config's \"lockstep\": true does the same.")
    boolean lockstep;

    @Option(names = "--scenario", paramLabel = "PRESET", description = "The market: a preset scenario (calm, "
            + "trending, volatile, crash, lively) instead of the config's \"market\" section — a hidden fundamental "
            + "value and a background crowd trading on it (docs/SCENARIOS.md).")
    String scenario;

    @Option(names = "--show-crowd", description = "List the background crowd's traders (bg_...) in the leaderboard "
            + "too (they are always in the files and the report).")
    boolean showCrowd;

    @Option(names = "--in-process", description = "With --lockstep (which it implies): run the exchange's market and "
            + "every bot of the config in this one JVM, no sockets, no relay or monitor: the same files, byte for "
            + "byte, as the battle run as processes, in a fraction of the time.")
    boolean inProcess;

    @Option(names = "--decision-timeout", converter = DurationConverter.class, defaultValue = "2s",
            description = "With --lockstep: how long (wall clock) a bot may take to decide before it is skipped for "
                    + "that turn, which makes the run not reproducible (default: ${DEFAULT-VALUE}).")
    Duration decisionTimeout;

    @Option(names = "--run-dir", description = "Where the CSVs and logs go (default: runs/<date-time> here).")
    Path runDir;

    @Option(names = "--gateway-port", defaultValue = "9001", description = "Order gateway port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int gatewayPort;

    @Option(names = "--stream-port", defaultValue = "9002", description = "Exchange event stream port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int streamPort;

    @Option(names = "--feed-port", defaultValue = "9010", description = "The relay's market-data feed port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int feedPort;

    @Option(names = "--http-port", defaultValue = "9011", description = "The live dashboard's port, served by the relay (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int httpPort;

    @Option(names = "--open", description = "Open the live dashboard in your web browser once the relay is up.")
    boolean open;

    @Option(names = "--admin-port", defaultValue = "9003", description = "Exchange admin (kill switch) port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int adminPort;

    @Option(names = "--startup-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long each process may take to open its port (default: ${DEFAULT-VALUE}).")
    Duration startupTimeout;

    @Option(names = "--no-monitor", description = "Run without the monitor (for scripts): print the leaderboard at the end only.")
    boolean noMonitor;

    @Mixin
    LogFormatOption logFormat;

    private final PrintStream out = System.out;
    private final List<Child> started = new ArrayList<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    /** What went wrong while the monitor had the screen, printed once it is gone. */
    private final List<String> reportLater = new ArrayList<>();
    private int exitCode;
    /** In a lockstep battle, where it stood when last asked; null in real time. */
    private LockstepStatus lockstepStatus;
    private String lockstepEndedEarly;
    /** The battle's bot-endings file; without the monitor, the session prints each ending as it is recorded. */
    private Path botEndings;
    private int endingsShown;

    public static void main(String[] args) {
        System.exit(Commands.execute(new SessionMain(), args));
    }

    @Override
    public Integer call() {
        Installation bourse;
        try {
            bourse = Installation.locate();
        } catch (SessionException e) {
            out.println("bourse session: " + e.getMessage());
            return 2;
        }
        Path battleConfig = resolveConfig(bourse);
        if (!Files.isRegularFile(battleConfig)) {
            out.println("bourse session: no battle config at " + battleConfig + " (pass one with --config)");
            return 2;
        }
        BattleConfig battle;
        try {
            battle = BattleConfig.load(battleConfig);
        } catch (InvalidConfigException e) {
            e.errors().forEach(error -> out.println("bourse session: " + battleConfig + ": " + error));
            return 2;
        }
        if (scenario != null) {
            try {
                battle = battle.withMarket(Scenario.preset(scenario));
            } catch (IllegalArgumentException e) {
                out.println("bourse session: --scenario: " + e.getMessage());
                return 2;
            }
        }
        List<String> unbuildable = battle.strategyProblems();
        if (!unbuildable.isEmpty()) {
            unbuildable.forEach(problem -> out.println("bourse session: " + battleConfig + ": " + problem));
            return 2;
        }
        boolean inLockstep = lockstep || inProcess || battle.lockstep();
        if (inLockstep && duration == null) {
            duration = Duration.ofSeconds(DEFAULT_LOCKSTEP_SECONDS);
        }
        Path folder = runDir != null ? runDir : Path.of("runs",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss")));
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            out.println("bourse session: cannot create the run folder " + folder + ": " + e.getMessage());
            return 2;
        }
        if (inProcess) {
            return inProcess(folder, battle);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::killLeftovers, "session-cleanup"));
        Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
        Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());

        Child monitor = null;
        try {
            // a port taken by another exchange would answer for ours: find out before starting anything
            int gateway = portOrFree(gatewayPort, "--gateway-port");
            int stream = portOrFree(streamPort, "--stream-port");
            int admin = portOrFree(adminPort, "--admin-port");
            int feed = portOrFree(feedPort, "--feed-port");
            int http = portOrFree(httpPort, "--http-port");
            String gatewayUri = "ws://127.0.0.1:" + gateway;
            String streamUri = "ws://127.0.0.1:" + stream;
            String feedUri = "ws://127.0.0.1:" + feed;

            out.println("Bourse session in " + folder.toAbsolutePath());
            String credentials = writeCredentials(folder, battle);
            List<String> exchangeCommand = bourse.command("exchange", "--gateway-port", "" + gateway,
                    "--stream-port", "" + stream, "--admin-port", "" + admin, "--credentials", credentials);
            exchangeCommand.addAll(marketOptions(folder, battle, inLockstep));
            Child exchange = launch("exchange", exchangeCommand, folder);
            exchange.awaitPort(gateway, startupTimeout);
            exchange.awaitPort(stream, startupTimeout);
            out.println("  exchange  " + gatewayUri + " (orders), " + streamUri + " (events)   log: "
                    + exchange.log);

            // the bots that end on their own, recorded by the battle as they do, shown by the monitor and dashboard
            botEndings = folder.resolve(BOT_ENDINGS).toAbsolutePath();
            Child relay = launch("relay", bourse.command("relay", "--upstream", streamUri, "--port", "" + feed,
                    "--http-port", "" + http, "--credentials", credentials, "--bot-endings", botEndings.toString()),
                    folder);
            relay.awaitPort(feed, startupTimeout);
            relay.awaitPort(http, startupTimeout);
            out.println("  relay     " + feedUri + " (market data)   log: " + relay.log);
            recordPorts(folder, new SessionPorts(admin, http));
            String dashboard = "http://127.0.0.1:" + http + "/";
            out.println("  dashboard " + dashboard);
            if (open) {
                Browser.open(dashboard, out);
            }

            if (battle.market() != null) {
                List<String> crowdCommand = bourse.command("crowd", "--config", battleConfig.toString(),
                        "--market-data-uri", feedUri, "--order-gateway-uri", gatewayUri, "--fundamental-csv",
                        folder.resolve(RunFolder.FUNDAMENTAL).toAbsolutePath().toString(), "--credentials",
                        credentials);
                if (scenario != null) {
                    crowdCommand.addAll(List.of("--scenario", scenario));
                }
                if (inLockstep) {
                    crowdCommand.add("--lockstep");
                }
                Child crowd = launch("crowd", crowdCommand, folder);
                out.println("  crowd     " + battle.market().crowd().size() + " background traders   log: "
                        + crowd.log);
            }
            List<String> battleCommand = bourse.command("battle", "--config", battleConfig.toString(),
                    "--market-data-uri", feedUri, "--order-gateway-uri", gatewayUri, "--bot-endings",
                    botEndings.toString(),
                    "--credentials", credentials);
            if (inLockstep) {
                battleCommand.add("--lockstep");
            }
            Child bots = launch("battle", battleCommand, folder);
            out.println("  battle    " + battleConfig + "   log: " + bots.log);

            if (noMonitor) {
                out.println(inLockstep ? "Running in lockstep for " + DurationConverter.format(duration)
                        + " of virtual time; Ctrl+C to stop earlier." : duration == null ? "Running; Ctrl+C to stop."
                        : "Running for " + duration.toSeconds() + " s; Ctrl+C to stop earlier.");
            } else {
                monitor = Child.foreground(logging(bourse.command("monitor", "--feed-uri", feedUri, "--bot-endings",
                        botEndings.toString(), "--traders", String.join(",",
                                battle.enabledBots().stream().map(BotSpec::traderId).toList()))));
            }
            if (inLockstep) {
                awaitLockstep(monitor, admin);
            } else {
                awaitEnd(monitor);
            }
        } catch (SessionException e) {
            // it never got going: stop what did start, quietly, and say why in one line
            stopQuietly();
            forgetPorts(folder);
            try {
                Files.deleteIfExists(folder); // only if nothing started, so that the folder stayed empty
            } catch (IOException keep) {
                // logs of what started: they stay
            }
            out.println("bourse session: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopAll(monitor, folder.resolve(BOT_ENDINGS));
        forgetPorts(folder);
        summary(folder, battle, battle.market() != null ? "{exchange,relay,crowd,battle}.log"
                : "{exchange,relay,battle}.log");
        return exitCode;
    }

    /**
     * A fresh token for each bot, the crowd and the relay's subscription, in the run folder's credentials file
     * (0600): the exchange then takes orders from this session's processes only.
     *
     * @return the file's absolute path
     */
    private static String writeCredentials(Path folder, BattleConfig battle) throws SessionException {
        List<String> ids = new ArrayList<>(battle.enabledBots().stream().map(BotSpec::traderId).toList());
        if (battle.market() != null) {
            ids.add(TraderIds.CROWD);
        }
        ids.add(CredentialsFile.STREAM);
        Path file = folder.resolve(CREDENTIALS).toAbsolutePath();
        try {
            CredentialsFile.writeNew(file, ids);
        } catch (IOException e) {
            throw new SessionException("cannot write the credentials file " + file + ": " + e.getMessage());
        }
        return file.toString();
    }

    /** The exchange's options for this session's market: its files and, in lockstep, the battle's clock. */
    private List<String> marketOptions(Path folder, BattleConfig battle, boolean inLockstep) {
        // a session is always a new market: --fresh keeps an earlier journal of a reused --run-dir aside
        List<String> options = new ArrayList<>(List.of(
                "--trades-csv", folder.resolve(RunFolder.TRADES).toAbsolutePath().toString(),
                "--performance-csv", folder.resolve(RunFolder.PERFORMANCE).toAbsolutePath().toString(),
                "--events", folder.resolve(RunFolder.EVENTS).toAbsolutePath().toString(),
                "--journal", folder.resolve(RunFolder.JOURNAL).toAbsolutePath().toString(), "--fresh"));
        if (inLockstep) {
            List<String> roster = new ArrayList<>(battle.enabledBots().stream().map(BotSpec::traderId).toList());
            if (battle.market() != null) {
                roster.add(TraderIds.CROWD);
            }
            options.addAll(List.of("--lockstep", "--roster", String.join(",", roster),
                    "--lockstep-seed", "" + battle.seed(), "--duration", duration.toMillis() + "ms",
                    "--decision-timeout", decisionTimeout.toNanos() / 1000 + "us"));
        }
        return options;
    }

    /**
     * The battle in this JVM: the exchange's market with the settings its process would have, every bot's strategy
     * in a trader of its own, no sockets. The log (strategy failures, the run's progress) goes to battle.log.
     */
    private int inProcess(Path folder, BattleConfig battle) {
        Path log = folder.resolve("battle.log").toAbsolutePath();
        LogFile.redirect(log);
        out.println("Bourse session in " + folder.toAbsolutePath());
        out.println("  in process: the exchange and " + battle.enabledBots().size() + " bots of " + config
                + " in this JVM, in lockstep for " + DurationConverter.format(duration) + " of virtual time   log: "
                + log);
        Thread runner = Thread.currentThread();
        Signal.handle(new Signal("INT"), signal -> runner.interrupt());
        Signal.handle(new Signal("TERM"), signal -> runner.interrupt());
        long started = System.nanoTime();
        ConfigBattle.Outcome outcome;
        try {
            outcome = ConfigBattle.run(battle, ExchangeMain.settingsOf(marketOptions(folder, battle, true)),
                    folder.resolve(RunFolder.FUNDAMENTAL));
        } catch (StrategyLoadException | IllegalArgumentException e) {
            out.println("bourse session: " + e.getMessage());
            return 2;
        } catch (MarketException | JournalException | IOException e) {
            out.println("bourse session: " + e.getMessage());
            return 1;
        }
        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        InProcessBattle.Result result = outcome.result();
        lockstepStatus = new LockstepStatus(true, result.complete(), result.rounds(), result.decisions(), wallMillis,
                true, List.of());
        if (!result.complete()) {
            lockstepEndedEarly = "the session was stopped";
        }
        for (ConfigBattle.TraderFigures trader : outcome.traders()) {
            if (trader.failure() != null) {
                // as a bot process would exit 1: a strategy that never got a turn through has not traded
                out.println("  " + trader.traderId() + " failed: " + trader.failure() + " (see " + log + ")");
                exitCode = 1;
            } else if (trader.strategyFailures() > 0) {
                out.println("  " + trader.traderId() + ": its strategy failed " + trader.strategyFailures()
                        + " times (each failure a turn without that action; see " + log + ")");
            }
        }
        summary(folder, battle, "battle.log");
        return exitCode;
    }

    /** The leaderboard, the report, where the files are, the session hash, and whether it is reproducible. */
    private void summary(Path folder, BattleConfig battle, String logs) {
        List<String> bots = battle.enabledBots().stream().map(BotSpec::traderId).toList();
        Path trades = folder.resolve(RunFolder.TRADES).toAbsolutePath();
        Path performance = folder.resolve(RunFolder.PERFORMANCE).toAbsolutePath();
        Path events = folder.resolve(RunFolder.EVENTS).toAbsolutePath();
        Path journal = folder.resolve(RunFolder.JOURNAL).toAbsolutePath();
        try {
            Leaderboard all = Leaderboard.read(trades, performance, bots);
            Leaderboard board = showCrowd ? all : all.withoutCrowd();
            out.println();
            out.println("Leaderboard (" + board.trades() + " trades):");
            board.lines().forEach(line -> out.println("  " + line));
            int hidden = all.rows().size() - board.rows().size();
            if (hidden > 0) {
                out.println("  (and " + hidden + " background traders of the crowd: --show-crowd lists them)");
            }
        } catch (IOException | RuntimeException e) {
            out.println("bourse session: cannot read the results: " + e.getMessage());
            exitCode = 1;
        }
        try {
            Report.Written report = Report.write(folder, null, Report.DEFAULT_STARTING_CASH, JournalActivity.of(folder));
            Path file = report.file().toAbsolutePath().normalize();
            out.println();
            out.println("Report:       " + file);
            out.println("              " + file.toUri());
        } catch (ReportException e) {
            out.println("bourse session: cannot write the battle report: " + e.getMessage());
            exitCode = 1;
        }
        out.println("Trades:       " + trades);
        out.println("Performance:  " + performance);
        out.println("Events:       " + events);
        Path fundamental = folder.resolve(RunFolder.FUNDAMENTAL).toAbsolutePath();
        if (Files.exists(fundamental)) {
            out.println("Fundamental:  " + fundamental + "   (the hidden value the crowd traded on)");
        }
        out.println("Journal:      " + journal + "   (./bourse replay " + journal + " --out DIR reproduces the files)");
        out.println((logs.startsWith("{") ? "Logs:         " : "Log:          ") + folder.toAbsolutePath() + "/" + logs);
        try {
            out.println("session hash: " + SessionHash.ofFile(events));
        } catch (IOException e) {
            out.println("bourse session: cannot read " + events + " for the session hash: " + e.getMessage());
            exitCode = 1;
        }
        printReproducible();
    }

    private Child launch(String name, List<String> command, Path folder) throws SessionException {
        Child child = Child.start(name, logging(command), folder.resolve(name + ".log").toAbsolutePath());
        started.add(child);
        return child;
    }

    /** For {@code ./bourse status}: where this session's exchange and relay answer. */
    private static void recordPorts(Path folder, SessionPorts ports) throws SessionException {
        try {
            ports.writeTo(folder);
        } catch (IOException e) {
            throw new SessionException("cannot write " + folder.resolve(SessionPorts.FILE) + ": " + e.getMessage());
        }
    }

    /** The session no longer runs: {@code ./bourse status} must not look for it there. */
    private void forgetPorts(Path folder) {
        try {
            SessionPorts.removeFrom(folder);
        } catch (IOException e) {
            out.println("bourse session: cannot remove " + folder.resolve(SessionPorts.FILE) + ": " + e.getMessage());
        }
    }

    /** {@code command}, logging in the session's format. */
    private List<String> logging(List<String> command) {
        List<String> logging = new ArrayList<>(command);
        logging.addAll(List.of(LogFormatOption.NAME, logFormat.format().name().toLowerCase(Locale.ROOT)));
        return logging;
    }

    /** Until the duration passes, the monitor quits, Ctrl+C, or a background process dies. */
    private void awaitEnd(Child monitor) throws InterruptedException {
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            if (interrupted(monitor)) {
                return;
            }
        }
    }

    /** Until the exchange's virtual clock has run out, or as {@link #awaitEnd}, but for the duration. */
    private void awaitLockstep(Child monitor, int adminPort) throws InterruptedException {
        for (int poll = 0; !interrupted(monitor); poll++) {
            if (poll % STATUS_EVERY != 0) {
                continue;
            }
            try {
                lockstepStatus = LockstepStatus.fetch(adminPort);
            } catch (IOException e) {
                continue; // the exchange is going down: the loop finds out from the process
            }
            if (lockstepStatus.finished()) {
                return;
            }
        }
        try {
            lockstepStatus = LockstepStatus.fetch(adminPort);
        } catch (IOException e) {
            // what the last poll said stands
        }
    }

    /**
     * Waits 100 ms; true when the session must end: Ctrl+C, the monitor quit, or a background process died (a
     * lockstep battle then ended early, for the reason kept in {@link #lockstepEndedEarly}).
     */
    private boolean interrupted(Child monitor) throws InterruptedException {
        if (stopRequested.await(100, TimeUnit.MILLISECONDS)) {
            lockstepEndedEarly = "the session was stopped";
            return true;
        }
        if (monitor != null && !monitor.isAlive()) {
            lockstepEndedEarly = "the monitor was quit";
            return true;
        }
        if (monitor == null) {
            announceEndings();
        }
        for (Child child : started) {
            if (child.diedOnItsOwn()) {
                // a session without its exchange, relay or bots has nothing left to show
                reportLater.add("the " + child.name + " exited on its own with code " + child.exitCode() + ": "
                        + child.lastWords());
                lockstepEndedEarly = "the " + child.name + " exited";
                exitCode = 1;
                return true;
            }
        }
        return false;
    }

    /** Whether the same command gives the same files again, and if not, why not. */
    private void printReproducible() {
        if (lockstepStatus == null) {
            out.println("reproducible: no (a real-time battle follows the wall clock; --lockstep makes it repeatable)");
            return;
        }
        LockstepStatus status = lockstepStatus;
        long wall = Math.max(1, status.wallMillis());
        out.println("Lockstep:     " + status.rounds() + " rounds, " + status.decisions() + " decisions in "
                + String.format(Locale.ROOT, "%.1f", wall / 1000.0) + " s of wall time ("
                + status.rounds() * 1000 / wall + " rounds/s)");
        List<String> problems = new ArrayList<>(status.problems());
        if (lockstepEndedEarly != null) {
            problems.add(0, lockstepEndedEarly + " before the end of the virtual " + DurationConverter.format(duration));
        } else if (!status.started()) {
            problems.add(0, "the clock never started");
        }
        if (problems.isEmpty()) {
            out.println("reproducible: yes (the same command gives the same files and session hash)");
        } else {
            out.println("reproducible: no");
            problems.forEach(problem -> out.println("  " + problem));
        }
    }

    /** The walkthrough's order: monitor, bots, relay, exchange. */
    private void stopAll(Child monitor, Path endings) {
        try {
            if (monitor != null) {
                monitor.stop(Duration.ofSeconds(3));
            } else {
                announceEndings(); // those since the last look
            }
            reportLater.forEach(line -> out.println("bourse session: " + line));
            out.println();
            out.println("Stopping: bots, relay, exchange...");
            for (int i = started.size() - 1; i >= 0; i--) {
                Child child = started.get(i);
                boolean diedEarlier = child.diedOnItsOwn();
                int code = child.stop(Duration.ofSeconds("exchange".equals(child.name) ? 15 : 5));
                if (diedEarlier) {
                    out.println("  " + child.name + ": had exited on its own with code " + code + " (" + child.lastWords()
                            + ")");
                    exitCode = 1;
                } else if (code == KILLED_BY_SIGTERM) {
                    // every process handles SIGTERM once it is up; before that the JVM's default ends it with 143,
                    // which is still the stop the session asked for (a battle gets there before starting a bot)
                    out.println("  " + child.name + ": stopped while still starting");
                } else if (code != 0) {
                    out.println("  " + child.name + ": exit code " + code + " (see " + child.log + ")");
                    exitCode = 1;
                    if (child.name.equals("battle") && monitor != null) { // without it, shown as they ended
                        endingsIn(endings).forEach(ended -> out.println("    " + ended.traderId() + " " + ended.state()
                                + ": " + ended.why()));
                    }
                } else {
                    out.println("  " + child.name + ": stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killLeftovers();
        }
    }

    /** Prints the bots that ended since the last look, as they end: without the monitor, nothing else shows it. */
    private void announceEndings() {
        if (botEndings == null) {
            return;
        }
        List<BotEnding> endings = endingsIn(botEndings);
        for (; endingsShown < endings.size(); endingsShown++) {
            BotEnding ended = endings.get(endingsShown);
            out.println("  bot " + ended.traderId() + " " + ended.state() + ": " + ended.why());
        }
    }

    /** The bots that ended on their own, as the battle recorded them (none if it could not be read). */
    private List<BotEnding> endingsIn(Path file) {
        try {
            return BotEnding.read(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    private void stopQuietly() {
        try {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).stop(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killLeftovers();
        }
    }

    private void killLeftovers() {
        for (Child child : started) {
            if (child.isAlive()) {
                child.kill();
            }
        }
    }

    private Path resolveConfig(Installation bourse) {
        if (Files.isRegularFile(config) || config.isAbsolute()) {
            return config.toAbsolutePath();
        }
        Path bundled = bourse.home().resolve(config);
        return Files.isRegularFile(bundled) ? bundled : config.toAbsolutePath();
    }

    /** {@code port} if nothing listens there, or any free port for 0. */
    private static int portOrFree(int port, String option) throws SessionException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // a port left in TIME_WAIT by the last session is free to use
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new SessionException("port " + port + " (" + option + ") is already in use: is another exchange or "
                    + "session running? Stop it, or pick other ports (0 = any free port)");
        }
    }
}
