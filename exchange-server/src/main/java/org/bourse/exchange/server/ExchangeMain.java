package org.bourse.exchange.server;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.bourse.cli.BourseVersion;
import org.bourse.cli.Commands;
import org.bourse.cli.DurationConverter;
import org.bourse.cli.LogFormatOption;
import org.bourse.cli.ParentWatch;
import org.bourse.exchange.book.SelfTradePrevention;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.journal.FsyncPolicy;
import org.bourse.exchange.market.Market;
import org.bourse.protocol.TickScale;
import org.bourse.transport.AllowedOrigins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The {@code exchange} command: starts the exchange and runs it until Ctrl+C or SIGTERM. */
@Command(name = "bourse exchange", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BourseVersion.class,
        description = {
            "Runs the Bourse exchange: the matching engine behind an order gateway (for bots) and an internal "
                + "event stream (for the market-data relay), writing every trade to trades.csv and every account "
                + "update to performance.csv.",
            "With --journal, every command is journaled before it is answered: a killed exchange restarted on the same "
                + "journal continues the same market (ids, seq, accounts, resting orders), and `bourse replay` "
                + "reproduces the session byte for byte.",
            "Stop it with Ctrl+C: it finishes the orders already received, flushes its files and exits 0."},
        footer = {"", "Examples:",
            "  exchange                                   gateway 9001, stream 9002, CSVs here",
            "  exchange --starting-cash 50000 --self-trade allow",
            "  exchange --journal market.journal           recover that market after a crash, or start it",
            "  exchange --gateway-port 0 --stream-port 0  any free ports (logged at start)",
            "  curl -X POST -H \"Authorization: Bearer $(cat admin.token)\" http://127.0.0.1:9003/halt",
            "                                             kill switch; admin.token is next to trades.csv (RUNBOOK.md)"})
public final class ExchangeMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeMain.class);

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Anything but loopback needs --credentials.")
    String host;

    @Option(names = "--gateway-port", defaultValue = "9001", description = "Order gateway port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int gatewayPort;

    @Option(names = "--stream-port", defaultValue = "9002", description = "Internal event stream port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int streamPort;

    @Option(names = "--admin-port", defaultValue = "9003", description = "Admin HTTP endpoint (kill switch, status), always on 127.0.0.1; its token is written to admin.token next to trades.csv (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int adminPort;

    @Option(names = "--tick-size", defaultValue = "0.01", description = "Price increment; prices off this grid are rejected (default: ${DEFAULT-VALUE}).")
    BigDecimal tickSize;

    @Option(names = "--starting-cash", defaultValue = "10000", description = "Cash of each trader's new account (default: ${DEFAULT-VALUE}).")
    BigDecimal startingCash;

    @Option(names = "--reference-price", defaultValue = "100", description = "Mark price before the first trade and two-sided book (default: ${DEFAULT-VALUE}).")
    BigDecimal referencePrice;

    @Option(names = "--initial-margin", defaultValue = "0.20", description = "Initial margin as a fraction of the projected position's value (default: ${DEFAULT-VALUE}).")
    BigDecimal initialMargin;

    @Option(names = "--maintenance-margin", defaultValue = "0.10", description = "Maintenance margin fraction; below it a trader is liquidated (default: ${DEFAULT-VALUE}).")
    BigDecimal maintenanceMargin;

    @Option(names = "--max-order-qty", defaultValue = "1000", description = "Largest order, in lots; 0 = no limit (default: ${DEFAULT-VALUE}).")
    long maxOrderQty;

    @Option(names = "--max-position", defaultValue = "1000", description = "Largest absolute position, in lots; 0 = no limit (default: ${DEFAULT-VALUE}).")
    long maxPosition;

    @Option(names = "--price-band", defaultValue = "0.10", description = "How far a limit price may be from the mark, as a fraction; 0 = no band (default: ${DEFAULT-VALUE}).")
    BigDecimal priceBand;

    @Option(names = "--max-open-orders", defaultValue = "200", description = "Most resting orders per trader; 0 = no limit (default: ${DEFAULT-VALUE}).")
    int maxOpenOrders;

    @Option(names = "--liquidation-cooldown-ms", defaultValue = "5000", description = "How long a liquidated trader's new orders are refused, in ms (default: ${DEFAULT-VALUE}).")
    long liquidationCooldownMillis;

    @Option(names = "--self-trade", defaultValue = "cancel_resting",
            description = "Self-trade prevention: cancel_resting, cancel_incoming or allow (default: ${DEFAULT-VALUE}).")
    String selfTrade;

    @Option(names = "--max-messages-per-second", defaultValue = "10000", description = "Per gateway connection; more are rejected with rate_limited; 0 = no limit (default: ${DEFAULT-VALUE}).")
    int messagesPerSecond;

    @Option(names = "--trades-csv", defaultValue = "trades.csv", description = "Where trades are written (default: ${DEFAULT-VALUE}).")
    Path tradesCsv;

    @Option(names = "--performance-csv", defaultValue = "performance.csv", description = "Where account updates are written (default: ${DEFAULT-VALUE}).")
    Path performanceCsv;

    @Option(names = "--events", paramLabel = "FILE", description = "Also write every public event, exactly as the stream sends it, one per line (events.jsonl: what `replay` and `report` read).")
    Path events;

    @Option(names = "--journal", paramLabel = "FILE", description = "Journal every command here before answering it. An existing journal is recovered: the market continues where it stopped (its settings must match), and the CSVs are rewritten from it.")
    Path journal;

    @Option(names = "--fsync", defaultValue = "interval", paramLabel = "POLICY",
            description = "When the journal is synced to disk: none, batch (before each answer: survives a machine crash, costs a disk flush per batch) or interval (every second: a machine crash loses at most the last second). Every policy survives a killed exchange (default: ${DEFAULT-VALUE}).")
    FsyncPolicy fsync;

    @Option(names = "--fresh", description = "Start a new market even if --journal holds one (the old journal is kept as <name>.1).")
    boolean fresh;

    @Option(names = "--lockstep", description = "Run a lockstep battle: a virtual clock that tells the bots of --roster when to decide; the same bots, seeds and settings give the same bytes every run.")
    boolean lockstep;

    @Option(names = "--roster", split = ",", paramLabel = "TRADER[,TRADER...]", description = "With --lockstep: the traders that take part; the clock starts when all have joined.")
    List<String> roster;

    @Option(names = "--lockstep-seed", defaultValue = "1", paramLabel = "SEED", description = "With --lockstep: seeds the bots' decision phases and the order in which simultaneous decisions reach the book (default: ${DEFAULT-VALUE}).")
    long lockstepSeed;

    @Option(names = "--start-time", defaultValue = "2026-01-01T00:00:00Z", paramLabel = "INSTANT", description = "With --lockstep: the virtual time the clock starts at, which every timestamp counts from (default: ${DEFAULT-VALUE}, so that files are the same any day).")
    Instant startTime;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "TIME", description = "With --lockstep: how much virtual time the battle lasts, e.g. 60s (default: until stopped).")
    Duration duration;

    @Option(names = "--decision-timeout", defaultValue = "2s", converter = DurationConverter.class, paramLabel = "TIME", description = "With --lockstep: how long (wall clock) a bot may take to decide before it is skipped for that turn, which makes the run not reproducible (default: ${DEFAULT-VALUE}).")
    Duration decisionTimeout;

    @Option(names = "--startup-timeout", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "TIME", description = "With --lockstep: how long (wall clock) the roster has to join (default: ${DEFAULT-VALUE}).")
    Duration startupTimeout;

    @Option(names = "--keep-orders-on-disconnect", description = "Leave a trader's resting orders in the book when "
            + "its last connection to the gateway closes (by default they are cancelled, reason disconnect).")
    boolean keepOrdersOnDisconnect;

    @Option(names = "--credentials", paramLabel = "FILE", description = "trader_id=token lines; clients must then send a hello with their token first.")
    Path credentials;

    @Option(names = "--max-traders", defaultValue = "" + Exchange.Access.DEFAULT_MAX_TRADERS, paramLabel = "N",
            description = "How many traders the exchange serves at once: those with an account and those a connection speaks for; a connection for more is refused with max_traders_exceeded (default: ${DEFAULT-VALUE}, at most " + Exchange.Access.MOST_TRADERS + ").")
    int maxTraders;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "A web page origin, besides this machine's, that may open the gateway and the stream, e.g. http://192.168.1.5:9011 (repeatable). Programs send no origin and are not concerned; pages from elsewhere are refused, so that no web site can trade through your browser.")
    List<String> allowedOrigins = List.of();

    @Mixin
    LogFormatOption logFormat;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        ParentWatch.startIfAsked();
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String... args) {
        return Commands.execute(new ExchangeMain(), args);
    }

    /**
     * The settings a command line gives, without starting anything: the exchange's options and defaults in one
     * place for whoever runs the market in its own process (the in-process lockstep battle).
     *
     * @throws IllegalArgumentException one line, as the command line would say it
     */
    public static Exchange.Settings settingsOf(List<String> args) {
        ExchangeMain main = new ExchangeMain();
        try {
            Commands.commandLine(main).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return main.settings();
    }

    @Override
    public Integer call() {
        Exchange.Settings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Exchange exchange;
        try {
            exchange = Exchange.start(settings);
        } catch (StartupException e) {
            LOG.error("Cannot start the exchange: {}", e.getMessage());
            return 1;
        }
        return serve(exchange);
    }

    /**
     * Runs a started exchange until Ctrl+C or SIGTERM (exit 0), or until it fails by itself: then one line says
     * why, it stops, and the process exits with 1.
     */
    static int serve(Exchange exchange) {
        return Commands.serveUntilSignalledOrFailed(exchange::close, exchange.failure(),
                reason -> LOG.atError().addKeyValue("reason", reason).log("Stopping: {}", reason),
                () -> LOG.info("Exchange running; press Ctrl+C to stop"));
    }

    Exchange.Settings settings() {
        TickScale scale;
        try {
            scale = new TickScale(tickSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tick-size: " + e.getMessage());
        }
        SelfTradePrevention stp = switch (selfTrade.toLowerCase(java.util.Locale.ROOT)) {
            case "cancel_resting" -> SelfTradePrevention.CANCEL_RESTING;
            case "cancel_incoming" -> SelfTradePrevention.CANCEL_INCOMING;
            case "allow" -> SelfTradePrevention.ALLOW;
            default -> throw new IllegalArgumentException("--self-trade: '" + selfTrade
                    + "' is not one of cancel_resting, cancel_incoming, allow");
        };
        requireNonNegative("--max-order-qty", maxOrderQty);
        requireNonNegative("--max-position", maxPosition);
        requireNonNegative("--max-open-orders", maxOpenOrders);
        requireNonNegative("--liquidation-cooldown-ms", liquidationCooldownMillis);
        requireNonNegative("--max-messages-per-second", messagesPerSecond);
        requirePort("--gateway-port", gatewayPort);
        requirePort("--stream-port", streamPort);
        requirePort("--admin-port", adminPort);
        long cash = units("--starting-cash", scale, startingCash);
        long reference = units("--reference-price", scale, referencePrice);
        if (reference <= 0) {
            throw new IllegalArgumentException("--reference-price must be greater than 0");
        }
        int initial = basisPoints("--initial-margin", initialMargin);
        int maintenance = basisPoints("--maintenance-margin", maintenanceMargin);
        if (maintenance >= 10_000) {
            throw new IllegalArgumentException("--maintenance-margin must be below 1");
        }
        int band = basisPoints("--price-band", priceBand);
        if (band >= 10_000) {
            throw new IllegalArgumentException("--price-band must be below 1 (0 switches the band off)");
        }
        EngineConfig engine = new EngineConfig(cash, reference, initial, maintenance, stp, maxOrderQty, maxPosition,
                band, maxOpenOrders, liquidationCooldownMillis);
        if (fresh && journal == null) {
            throw new IllegalArgumentException("--fresh goes with --journal (without a journal every start is fresh)");
        }
        Market.Storage storage = new Market.Storage(tradesCsv, performanceCsv, events, journal, fsync, fresh);
        return new Exchange.Settings(host, gatewayPort, streamPort, adminPort, scale, engine, storage, credentials,
                messagesPerSecond, 64 * 1024, 4L << 20, lockstep(), new Exchange.Access(origins(), maxTraders),
                keepOrdersOnDisconnect);
    }

    private AllowedOrigins origins() {
        try {
            return AllowedOrigins.loopbackAnd(allowedOrigins);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--allowed-origin: " + e.getMessage());
        }
    }

    private Exchange.Lockstep lockstep() {
        if (!lockstep) {
            for (String option : List.of("--roster", "--duration")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new IllegalArgumentException(option + " goes with --lockstep");
                }
            }
            return null;
        }
        if (roster == null || roster.isEmpty() || roster.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("--lockstep needs --roster: the trader ids of the battle's bots, "
                    + "separated by commas");
        }
        if (duration != null && duration.isZero() || decisionTimeout.isZero() || startupTimeout.isZero()) {
            throw new IllegalArgumentException("--duration, --decision-timeout and --startup-timeout must be more "
                    + "than 0");
        }
        return new Exchange.Lockstep(new TreeSet<>(roster), lockstepSeed, startTime.toEpochMilli(), duration,
                decisionTimeout, startupTimeout);
    }

    private static long units(String option, TickScale scale, BigDecimal value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException(option + " must not be negative");
        }
        try {
            return scale.ticks(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private static int basisPoints(String option, BigDecimal fraction) {
        BigDecimal bps = fraction.movePointRight(4);
        if (fraction.signum() < 0 || bps.stripTrailingZeros().scale() > 0 || bps.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            throw new IllegalArgumentException(option + ": '" + fraction.toPlainString()
                    + "' must be a fraction like 0.20, with at most 4 decimals");
        }
        return bps.intValueExact();
    }

    private static void requireNonNegative(String option, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must not be negative");
        }
    }

    private static void requirePort(String option, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(option + ": " + port + " is not a port (0-65535)");
        }
    }
}
