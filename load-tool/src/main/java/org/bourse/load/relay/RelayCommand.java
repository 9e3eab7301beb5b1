package org.bourse.load.relay;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.bourse.cli.LogFormatOption;
import org.bourse.cli.WebSocketUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

@Command(name = "relay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measures the market-data relay against a running exchange and relay (it starts neither): drives the "
                    + "exchange's gateway at a paced rate of stream events, subscribes to the exchange's stream "
                    + "directly (the reference) and to the relay's feed, and prints per subscriber the events "
                    + "received and missed, the seq gaps, the resyncs, and the latency the relay adds (arrival via "
                    + "the relay minus first arrival on a direct subscriber, in this process, on one clock), "
                    + "p50 / p99 / p99.9 / max (HdrHistogram, warm-up excluded).",
            "",
            "Each round, a maker rests a qty-1 order and a taker takes it with an IOC: 5 events. --stalled adds "
                    + "subscribers to the relay that never read, to see that they do not slow the others down."},
        footer = {
            "",
            "Examples:",
            "  java -jar exchange-server/target/exchange-server.jar &        # gateway 9001, stream 9002",
            "  java -jar market-data-relay/target/market-data-relay.jar &    # feed 9010",
            "  load relay                           # 5,000 events/s, 10 relay subscribers, 10 s",
            "  load relay --stalled 1               # and one subscriber that never reads",
            "  load relay --direct-subscribers 10   # as many straight on the exchange's stream",
            "",
            "Exit status: 0 nothing lost; 1 could not run (e.g. no relay at --relay-uri); 2 bad options;",
            "3 a subscriber missed events or was disconnected (the report says which). The latency target",
            "(p99 <= 5 ms) is reported, not enforced: it depends on the machine."})
public final class RelayCommand implements Callable<Integer> {
    /** The run finished but something was wrong: the load tool's exit status for that. */
    private static final int EXIT_PROBLEMS = 3;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--gateway-uri", defaultValue = "ws://127.0.0.1:9001", paramLabel = "URI",
            converter = WebSocketUri.class,
            description = "The exchange's order gateway, to drive it (default: ${DEFAULT-VALUE}).")
    URI gateway;

    @Option(names = "--stream-uri", defaultValue = "ws://127.0.0.1:9002", paramLabel = "URI",
            converter = WebSocketUri.class,
            description = "The exchange's event stream, the reference (default: ${DEFAULT-VALUE}).")
    URI stream;

    @Option(names = "--relay-uri", defaultValue = "ws://127.0.0.1:9010", paramLabel = "URI",
            converter = WebSocketUri.class,
            description = "The relay's feed (default: ${DEFAULT-VALUE}).")
    URI relay;

    @Option(names = "--events-per-second", defaultValue = "5000", paramLabel = "R",
            description = "Events a second on the stream, in rounds of 5 (default: ${DEFAULT-VALUE}).")
    double eventsPerSecond;

    @Option(names = {"-s", "--subscribers"}, defaultValue = "10", paramLabel = "N",
            description = "Subscribers to the relay (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--direct-subscribers", defaultValue = "1", paramLabel = "N",
            description = "Subscribers straight to the exchange's stream, at least 1: the first arrival among them "
                    + "is the reference (default: ${DEFAULT-VALUE}).")
    int directSubscribers;

    @Option(names = "--stalled", defaultValue = "0", paramLabel = "N",
            description = "More subscribers to the relay that never read (default: ${DEFAULT-VALUE}).")
    int stalled;

    @Option(names = {"-d", "--duration"}, defaultValue = "10s", paramLabel = "TIME",
            description = "How long to measure, after the warm-up (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "2s", paramLabel = "TIME",
            description = "Load first, left out of every figure (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--connect-timeout", defaultValue = "5s", paramLabel = "TIME",
            description = "Limit for connecting and getting every snapshot (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--drain-timeout", defaultValue = "2s", paramLabel = "TIME",
            description = "After the run, how long the relay's subscribers may take to catch up "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Mixin
    LogFormatOption logFormat;

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cmd = spec.commandLine();
        RelayBench.Plan plan = plan(cmd);
        RelayReport report = new RelayBench(plan, quiet ? null : cmd.getErr()).execute();
        PrintWriter out = cmd.getOut();
        out.print("load relay\n" + report.toText());
        out.flush();
        List<String> problems = report.problems();
        problems.forEach(problem -> cmd.getErr().println("bourse load: " + problem));
        cmd.getErr().flush();
        return problems.isEmpty() ? 0 : EXIT_PROBLEMS;
    }

    private RelayBench.Plan plan(CommandLine cmd) {
        require(cmd, eventsPerSecond >= MarketDriver.EVENTS_PER_ROUND && eventsPerSecond <= 100_000,
                "--events-per-second must be between " + MarketDriver.EVENTS_PER_ROUND + " and 100000");
        require(cmd, subscribers >= 1 && subscribers <= 1_000, "--subscribers must be between 1 and 1000");
        require(cmd, directSubscribers >= 1 && directSubscribers <= 1_000,
                "--direct-subscribers must be between 1 and 1000");
        require(cmd, stalled >= 0 && stalled <= 100, "--stalled must be between 0 and 100");
        require(cmd, duration.toNanos() > 0, "--duration must be more than 0");
        require(cmd, connectTimeout.toNanos() > 0, "--connect-timeout must be more than 0");
        return new RelayBench.Plan(gateway, stream, relay, eventsPerSecond, subscribers, directSubscribers, stalled,
                warmup, duration, connectTimeout, drainTimeout);
    }


    private static void require(CommandLine cmd, boolean condition, String message) {
        if (!condition) {
            throw new CommandLine.ParameterException(cmd, message);
        }
    }
}
