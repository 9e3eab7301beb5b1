package org.bourse.load;

import java.net.URI;
import java.util.concurrent.Callable;
import org.bourse.cli.LogFormatOption;
import org.bourse.cli.WebSocketUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Sends crossing qty-1 limit orders (buys a few cents above 100.00, sells a few cents below) over N "
                    + "gateway connections for warm-up + duration, then prints the acked orders/s, the rejects by "
                    + "reason and the ack latency percentiles (and, with --feed-uri, the feed's events/s, lag and seq "
                    + "gaps).",
            "",
            "Modes: closed loop (--in-flight 1, the default: the next order when the previous is acked), pipelined "
                    + "(--in-flight W), paced (--rate R: on schedule whatever the acks do)."},
        footer = {
            "",
            "Examples:",
            "  load run --uri ws://127.0.0.1:9001 --connections 8 --duration 10s",
            "  load run --uri ws://127.0.0.1:9001 --in-flight 16",
            "  load run --uri ws://127.0.0.1:9001 --rate 5000 --feed-uri ws://127.0.0.1:9002 --subscribers 2",
            "  load run --uri ws://127.0.0.1:9101 --duration 5s --json",
            "",
            "Exit status: 0 a clean run; 1 could not run (e.g. no server at --uri); 2 bad options;",
            "3 the run finished but with errors, unacked orders or no ack at all (the report says which)."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-u", "--uri"}, required = true, paramLabel = "URI",
            converter = WebSocketUri.class,
            description = "The order gateway, e.g. ws://127.0.0.1:9001 (or a trivial server, ws://127.0.0.1:9101).")
    URI uri;

    @Mixin
    LogFormatOption logFormat;

    @Mixin
    LoadOptions options;

    @Override
    public Integer call() throws InterruptedException {
        LoadPlan plan = options.plan(spec.commandLine(), uri);
        LoadReport report = new LoadRun(plan, options.quiet ? null : spec.commandLine().getErr()).execute();
        if (options.json) {
            spec.commandLine().getOut().println(report.toJson().toString());
        } else {
            spec.commandLine().getOut().print("load run\n" + report.toText());
        }
        spec.commandLine().getOut().flush();
        return LoadMain.finish(spec.commandLine(), report.problems());
    }
}
