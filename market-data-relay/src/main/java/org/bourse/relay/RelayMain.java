package org.bourse.relay;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.bourse.cli.BourseVersion;
import org.bourse.cli.Commands;
import org.bourse.cli.CredentialsFile;
import org.bourse.cli.LogFormatOption;
import org.bourse.cli.ParentWatch;
import org.bourse.cli.WebSocketUri;
import org.bourse.protocol.TickScale;
import org.bourse.transport.AllowedOrigins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The {@code relay} command: relays the exchange's event stream until Ctrl+C or SIGTERM. */
@Command(name = "bourse relay", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        usageHelpAutoWidth = true,
        versionProvider = BourseVersion.class,
        description = {
            "Runs the Bourse market-data relay: subscribes to the exchange's internal event stream and serves it to "
                + "any number of subscribers (bots, monitors, dashboards) on the market-data feed. Each subscriber "
                + "gets a status (is the exchange reachable?), a snapshot of the whole market, then every event "
                + "exactly as the exchange sent it, in seq order.",
            "It also serves the live dashboard, a web page of the battle that subscribes to the feed like any "
                + "other client (http://127.0.0.1:9011/ by default).",
            "A subscriber that falls behind is resynced with a fresh snapshot rather than slowing anyone down; one "
                + "that does not read at all is disconnected (1008). When the exchange goes away the relay keeps "
                + "serving, tells subscribers, and reconnects with backoff.",
            "Stop it with Ctrl+C: subscribers are told it is going away (1001) and it exits 0."},
        footer = {"", "Examples:",
            "  relay                  serves ws://127.0.0.1:9002 on ws://127.0.0.1:9010",
            "  relay --port 0         any free port (the log says which)",
            "  relay --http-port 8080 the dashboard on http://127.0.0.1:8080/",
            "  relay --tick-size 0.05 for an exchange started with --tick-size 0.05",
            "  relay --upstream ws://127.0.0.1:9102 --port 9110"})
public final class RelayMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RelayMain.class);

    @Option(names = "--upstream", defaultValue = "ws://127.0.0.1:9002", paramLabel = "URI",
            converter = WebSocketUri.class,
            description = "The exchange's event stream (default: ${DEFAULT-VALUE}).")
    URI upstream;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address the feed listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "9010", paramLabel = "PORT",
            description = "Port of the feed (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--http-port", defaultValue = "9011", paramLabel = "PORT",
            description = "Port of the live dashboard, a web page of the feed (default: ${DEFAULT-VALUE}; 0 = any "
                + "free port).")
    int httpPort;

    @Option(names = "--no-dashboard", description = "Serve no dashboard.")
    boolean noDashboard;

    @Option(names = "--bot-endings", paramLabel = "FILE", description = "A battle's bot-endings file (battle "
            + "--bot-endings): the dashboard shows each bot that failed or exited while the others trade. A session "
            + "passes its own.")
    Path botEndings;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
            description = "A web page origin, besides this machine's, that may use the feed and the dashboard, "
                + "e.g. http://192.168.1.5:9011 (repeatable). Browsers name the page they run in; pages from "
                + "elsewhere are refused so that no web site can read the feed through your browser.")
    List<String> allowedOrigins = List.of();

    @Option(names = "--queue-limit", defaultValue = "10000", paramLabel = "N",
            description = "Messages that may wait for one slow subscriber; beyond that its backlog is dropped and "
                + "replaced by a fresh snapshot (default: ${DEFAULT-VALUE}).")
    int queueLimit;

    @Option(names = "--backoff-min-ms", defaultValue = "250", paramLabel = "MS",
            description = "First delay before reconnecting to a lost exchange, doubled after each failure "
                + "(default: ${DEFAULT-VALUE}).")
    long minBackoffMillis;

    @Option(names = "--backoff-max-ms", defaultValue = "5000", paramLabel = "MS",
            description = "Longest delay between reconnection attempts (default: ${DEFAULT-VALUE}).")
    long maxBackoffMillis;

    @Option(names = "--tick-size", defaultValue = "0.01", paramLabel = "TICK",
            description = "The exchange's --tick-size, for the decimals the dashboard shows "
                + "(default: ${DEFAULT-VALUE}).")
    BigDecimal tickSize;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "The exchange's credentials file: its @stream line is the event stream's token, which an "
                + "exchange with --credentials requires (a session passes its own).")
    Path credentials;

    @Mixin
    LogFormatOption logFormat;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        ParentWatch.startIfAsked();
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit code (0 after Ctrl+C, 1 if it cannot start, 2 for bad flags). */
    public static int run(String... args) {
        return Commands.execute(new RelayMain(), args);
    }

    @Override
    public Integer call() {
        Relay.Settings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Relay relay;
        try {
            relay = Relay.start(settings);
        } catch (StartupException e) {
            LOG.error("Cannot start the relay: {}", e.getMessage());
            return 1;
        }
        LOG.info("Relay running; press Ctrl+C to stop");
        return Commands.serveUntilSignalled(relay::close);
    }

    Relay.Settings settings() {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port: " + port + " is not a port (0-65535)");
        }
        if (!noDashboard && (httpPort < 0 || httpPort > 65_535)) {
            throw new IllegalArgumentException("--http-port: " + httpPort + " is not a port (0-65535)");
        }
        AllowedOrigins origins;
        try {
            origins = AllowedOrigins.loopbackAnd(allowedOrigins);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--allowed-origin: " + e.getMessage());
        }
        if (queueLimit < 1) {
            throw new IllegalArgumentException("--queue-limit must be at least 1");
        }
        if (minBackoffMillis < 1) {
            throw new IllegalArgumentException("--backoff-min-ms must be at least 1");
        }
        if (maxBackoffMillis < minBackoffMillis) {
            throw new IllegalArgumentException("--backoff-max-ms must be at least --backoff-min-ms ("
                    + minBackoffMillis + ")");
        }
        TickScale scale;
        try {
            scale = new TickScale(tickSize);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tick-size: " + e.getMessage());
        }
        String upstreamToken = null;
        if (credentials != null) {
            try {
                upstreamToken = CredentialsFile.tokenOf(credentials, CredentialsFile.STREAM);
            } catch (IOException e) {
                throw new IllegalArgumentException("--credentials: " + e.getMessage());
            }
        }
        return new Relay.Settings(upstream, host, port, queueLimit, Duration.ofMillis(minBackoffMillis),
                Duration.ofMillis(maxBackoffMillis), scale, noDashboard ? Relay.NO_DASHBOARD : httpPort, origins,
                upstreamToken, botEndings);
    }
}
