package org.bourse.monitor;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourse.cli.Backoff;
import org.bourse.cli.BourseVersion;
import org.bourse.cli.Commands;
import org.bourse.cli.LogFormatOption;
import org.bourse.cli.ParentWatch;
import org.bourse.cli.WebSocketUri;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp.Capability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The {@code monitor} command: a read-only view of the market-data feed, full screen or as plain text. */
@Command(name = "bourse monitor", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BourseVersion.class,
        description = {
            "Watches the Bourse market-data feed: whether the relay and the exchange behind it are up, the book "
                + "(top, depth, spread, mid), the trades, and every trader's position, cash and PnL ranked by "
                + "equity, with liquidations and halts. Read-only: it sends nothing, and reconnects by itself "
                + "(250 ms, then up to every 5 s).",
            "On a terminal it draws a full screen (q or Ctrl+C quits). When the output is not a terminal, or with "
                + "--plain, it prints a block of plain text lines every --interval instead: STATUS, BOOK, LEVEL, "
                + "MARKET, TRADES, EVENTS, then one TRADER line per trader and the latest LIQUIDATION, HALT and "
                + "GAP lines, and an empty line."},
        footer = {"", "Examples:",
            "  monitor                                full screen, feed ws://127.0.0.1:9010",
            "  monitor --feed-uri ws://127.0.0.1:9002 straight from the exchange's stream",
            "  monitor --plain --interval 500ms | grep '^TRADER '",
            "  monitor --once --timeout 5s            one block after the snapshot",
            "",
            "Exit status: 0 when quit (or --once got a snapshot), 1 when --once timed out or the terminal failed, "
                + "2 for a bad option.",
            "Colours: off with --no-color or when NO_COLOR is set (any value)."})
public final class MonitorMain implements Callable<Integer> {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");
    private static final int MAX_DEPTH = 50;

    @Option(names = "--feed-uri", defaultValue = "ws://127.0.0.1:9010", paramLabel = "URI",
            converter = WebSocketUri.class,
            description = "The market-data feed: the relay, or the exchange's event stream (default: ${DEFAULT-VALUE}).")
    URI feedUri;

    @Option(names = "--plain", description = "Plain text blocks instead of the full screen, even on a terminal.")
    boolean plain;

    @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time between plain text blocks: 500ms, 1s, 2.5s... (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--once", description = "Plain text: print one block as soon as the snapshot arrived (or "
            + "--timeout passed), then exit.")
    boolean once;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --once: how long to wait for the snapshot (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--depth", defaultValue = "5", paramLabel = "LEVELS",
            description = "Price levels shown on each side of the book, 1-" + MAX_DEPTH + " (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--stale-after", defaultValue = "3s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Show STALE when the feed, live until then, has sent nothing for this long: the relay and "
                + "the exchange send a heartbeat after every quiet second, so silence means whoever is behind the "
                + "feed is stuck (default: ${DEFAULT-VALUE}).")
    Duration staleAfter;

    @Option(names = "--show-crowd", description = "A row for each trader of a scenario's background crowd (bg_...), "
            + "instead of one row for the whole crowd.")
    boolean showCrowd;

    @Option(names = "--traders", split = ",", paramLabel = "ID", description = "Traders listed from the start, "
            + "comma-separated (a battle's bots; the session passes them): one that has placed no order yet shows as "
            + "'no orders yet' instead of being absent.")
    List<String> traders = List.of();

    @Option(names = "--bot-endings", paramLabel = "FILE", description = "A battle's --bot-endings file: each bot "
            + "that ends on its own (or cannot start) is shown as it happens, with why. The session passes it.")
    Path botEndings;

    @Option(names = "--no-color", description = "No colours (also when the NO_COLOR environment variable is set).")
    boolean noColor;

    @Mixin
    LogFormatOption logFormat;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;

    MonitorMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        ParentWatch.startIfAsked();
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line, printing to {@code out} and {@code err}; returns the exit code. */
    static int run(PrintStream out, PrintStream err, String... args) {
        return Commands.commandLine(new MonitorMain(out))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        URI address = validate();
        MarketModel model = new MarketModel(address.toString(), System::currentTimeMillis);
        model.showCrowd(showCrowd);
        model.staleAfter(staleAfter);
        model.expect(traders);
        FeedConnection feed = new FeedConnection(address, model, Backoff.standard(), System::currentTimeMillis);
        feed.start();
        ScheduledExecutorService endings = followBotEndings(model);
        try {
            if (plain || once || System.console() == null) {
                return plain(model);
            }
            return fullScreen(model);
        } finally {
            if (endings != null) {
                endings.shutdownNow();
            }
            feed.close();
        }
    }

    /** With --bot-endings: each ending the battle records becomes a notice of the model, checked twice a second. */
    private ScheduledExecutorService followBotEndings(MarketModel model) {
        if (botEndings == null) {
            return null;
        }
        BotEndings file = new BotEndings(botEndings, System::currentTimeMillis);
        ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bot-endings");
            thread.setDaemon(true);
            return thread;
        });
        follower.scheduleWithFixedDelay(() -> {
            try {
                file.poll().forEach(model::botEnded);
            } catch (IOException e) {
                // unreadable for a moment: the next poll reads it
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
        return follower;
    }

    /** Checks the options; returns the feed's address. */
    private URI validate() {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--depth: " + depth
                    + " is not between 1 and " + MAX_DEPTH);
        }
        return feedUri;
    }


    private int plain(MarketModel model) throws InterruptedException {
        PlainMonitor monitor = new PlainMonitor(model, out,
                new PlainRenderer(ZoneId.systemDefault(), depth), depth, System::currentTimeMillis);
        if (once) {
            return monitor.once(timeout) ? 0 : 1;
        }
        monitor.start(interval);
        // Ctrl+C or SIGTERM is how plain mode ends: a clean exit (0), not the JVM's 130 / 143
        return Commands.serveUntilSignalled(monitor::close);
    }

    private int fullScreen(MarketModel model) throws InterruptedException {
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder().system(true).name("monitor").dumb(true).build();
        } catch (IOException e) {
            spec.commandLine().getErr().println("bourse monitor: cannot use this terminal (" + e.getMessage()
                    + "); run with --plain");
            return 1;
        }
        try (terminal) {
            if (terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
                spec.commandLine().getErr().println("bourse monitor: this terminal cannot be drawn on; printing plain "
                        + "text instead (--plain)");
                return plain(model);
            }
            Integer colours = terminal.getNumericCapability(Capability.max_colors);
            boolean colour = wantsColour(noColor, System.getenv("NO_COLOR"), colours);
            FullScreenMonitor screen = new FullScreenMonitor(terminal, model,
                    new FullScreenRenderer(ZoneId.systemDefault(), depth, new Palette(colour)), depth,
                    System::currentTimeMillis);
            // SIGTERM: give the screen back before the JVM goes
            Thread restore = new Thread(screen::close, "restore-terminal");
            Runtime.getRuntime().addShutdownHook(restore);
            try (HeldStderr held = new HeldStderr()) {
                screen.run();
            }
            Runtime.getRuntime().removeShutdownHook(restore);
            return 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println("bourse monitor: the terminal failed: " + e.getMessage());
            return 1;
        }
    }

    /** Colour unless asked not to (the flag, or NO_COLOR with any value) or the terminal has fewer than 8. */
    static boolean wantsColour(boolean noColorFlag, String noColorEnv, Integer terminalColours) {
        return !noColorFlag && noColorEnv == null && terminalColours != null && terminalColours >= 8;
    }

    /** "500ms", "1s", "2.5s", "1m", or a bare number of seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Matcher matcher = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a duration (examples: 500ms, 1s, 2.5s)");
            }
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            BigDecimal millis = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(switch (unit) {
                case "ms" -> 1;
                case "m" -> 60_000;
                default -> 1_000;
            }));
            if (millis.compareTo(BigDecimal.TEN) < 0 || millis.compareTo(BigDecimal.valueOf(86_400_000)) > 0) {
                throw new CommandLine.TypeConversionException("'" + value + "' is out of range (10ms to 24h)");
            }
            return Duration.ofMillis(millis.longValue());
        }
    }
}
