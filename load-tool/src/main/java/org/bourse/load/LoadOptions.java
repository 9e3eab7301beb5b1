package org.bourse.load;

import java.net.URI;
import java.time.Duration;
import org.bourse.cli.WebSocketUri;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The load options shared by {@code run} and {@code compare}. */
final class LoadOptions {

    @Option(names = {"-c", "--connections"}, defaultValue = "8", paramLabel = "N",
            description = "Gateway connections, each trading as its own trader load-<run>-<i> (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = {"-d", "--duration"}, defaultValue = "10s", paramLabel = "TIME",
            description = "How long to measure, after the warm-up: 10s, 500ms, 2m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "2s", paramLabel = "TIME",
            description = "Load sent first and left out of every figure (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--in-flight", paramLabel = "W",
            description = "Orders awaiting their ack per connection: 1 = closed loop (the default), more = pipelined.")
    Integer inFlight;

    @Option(names = "--rate", paramLabel = "R",
            description = "Paced mode: R orders/s in total, spread over the connections, sent on schedule whatever "
                    + "the acks do; latency counts from each order's intended send time.")
    Double rate;

    @Option(names = "--max-outstanding", defaultValue = "1000", paramLabel = "N",
            description = "Paced mode: at most N orders awaiting their ack per connection; at the cap the pacer "
                    + "waits and falls behind schedule (default: ${DEFAULT-VALUE}).")
    int maxOutstanding;

    @Option(names = "--feed-uri", paramLabel = "URI",
            converter = WebSocketUri.class,
            description = "Event stream to subscribe to during the run (the exchange's ws://127.0.0.1:9002, or the "
                    + "relay's ws://127.0.0.1:9010): counts events, measures their lag and checks seq.")
    URI feedUri;

    @Option(names = "--subscribers", paramLabel = "M",
            description = "Feed subscribers (default: 1 with --feed-uri).")
    Integer subscribers;

    @Option(names = "--connect-timeout", defaultValue = "5s", paramLabel = "TIME",
            description = "Limit for opening every connection (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--drain-timeout", defaultValue = "2s", paramLabel = "TIME",
            description = "After the run, how long to wait for the last acks (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--max-orders", defaultValue = "100000000", paramLabel = "N",
            description = "Stop sending after N orders in all, whatever the time (default: ${DEFAULT-VALUE}).")
    long maxOrders;

    @Option(names = "--json", description = "Print the report as one JSON object instead of text.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    /** Checks the options against each other; {@code uri} is where the load goes. */
    LoadPlan plan(CommandLine cmd, URI uri) {
        require(cmd, connections >= 1 && connections <= 10_000, "--connections must be between 1 and 10000");
        require(cmd, duration.toNanos() > 0, "--duration must be more than 0");
        require(cmd, !connectTimeout.isZero(), "--connect-timeout must be more than 0");
        require(cmd, maxOrders >= 1, "--max-orders must be at least 1");
        int window = 1;
        double pace = 0;
        if (rate != null) {
            require(cmd, inFlight == null, "give either --in-flight (closed loop / pipelined) or --rate (paced), not both");
            require(cmd, rate > 0 && rate <= 10_000_000, "--rate must be more than 0 and at most 10000000 orders/s");
            pace = rate;
        } else if (inFlight != null) {
            require(cmd, inFlight >= 1 && inFlight <= 65_536, "--in-flight must be between 1 and 65536");
            window = inFlight;
        }
        require(cmd, maxOutstanding >= 1 && maxOutstanding <= 1_000_000,
                "--max-outstanding must be between 1 and 1000000");
        int subs = subscribers == null ? (feedUri == null ? 0 : 1) : subscribers;
        if (feedUri != null) {
            require(cmd, subs >= 1 && subs <= 10_000, "--subscribers must be between 1 and 10000");
        } else {
            require(cmd, subs == 0, "--subscribers needs --feed-uri");
        }
        return new LoadPlan(uri, connections, warmup, duration, window, pace, maxOutstanding, feedUri, subs,
                connectTimeout, drainTimeout, maxOrders);
    }

    static void checkUri(CommandLine cmd, URI uri, String option) {
        try {
            WebSocketUri.parse(uri.toString());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, option + ": " + e.getMessage());
        }
    }

    private static void require(CommandLine cmd, boolean condition, String message) {
        if (!condition) {
            throw new CommandLine.ParameterException(cmd, message);
        }
    }
}
