package org.bourse.session;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bourse.cli.BourseVersion;
import org.bourse.cli.Commands;
import org.bourse.cli.LogFormatOption;
import org.bourse.protocol.WireJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code status}: what a running session's exchange and relay say about themselves ({@code GET /status} of each),
 * on one screen. Finds their ports in the session's run folder ({@link SessionPorts}), or takes them as options.
 */
@Command(name = "bourse status", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BourseVersion.class,
        description = {
            "Shows how a running session's exchange and relay are doing: ready or not, uptime, seq, orders and "
                + "events per second over the last minute, connections, traders, the journal, whether trading is "
                + "halted and whether the relay reaches the exchange.",
            "By default it asks the newest session under runs/ that is still running (the session records its ports "
                + "there), else the default ports 9003 and 9011."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:both answer and are ready",
            "1:one of them does not answer or is not ready (e.g. the relay cannot reach the exchange)",
            "2:bad options"},
        footer = {"", "Examples:",
            "  ./bourse status",
            "  ./bourse status --run-dir runs/2026-11-22_14-03-10",
            "  ./bourse status --exchange-admin 9003 --relay-http 9011"})
public final class StatusMain implements Callable<Integer> {
    static final int DEFAULT_EXCHANGE_ADMIN = 9003;
    static final int DEFAULT_RELAY_HTTP = 9011;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "The session's run folder (default: the newest running one under runs/).")
    Path runDir;

    @Option(names = "--exchange-admin", paramLabel = "PORT",
            description = "The exchange's admin port on this machine (default: the session's, else "
                    + DEFAULT_EXCHANGE_ADMIN + ").")
    Integer exchangeAdmin;

    @Option(names = "--relay-http", paramLabel = "PORT",
            description = "The relay's HTTP (dashboard) port on this machine (default: the session's, else "
                    + DEFAULT_RELAY_HTTP + ").")
    Integer relayHttp;

    @Mixin
    LogFormatOption logFormat;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(Commands.execute(new StatusMain(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SessionPorts ports;
        try {
            ports = ports();
        } catch (IOException e) {
            err.println("bourse status: " + e.getMessage());
            err.flush();
            return 1;
        }
        Answer exchange = ask(ports.exchangeAdmin());
        Answer relay = ask(ports.relayHttp());
        if (exchange.status() == null && relay.status() == null) {
            err.println("bourse status: nothing answers on 127.0.0.1:" + ports.exchangeAdmin() + " (exchange admin) "
                    + "nor 127.0.0.1:" + ports.relayHttp() + " (relay): no session is running (./bourse session "
                    + "starts one)");
            err.flush();
            return 1;
        }
        show(out, "exchange", ports.exchangeAdmin(), exchange, StatusMain::exchange);
        show(out, "relay", ports.relayHttp(), relay, StatusMain::relay);
        out.flush();
        return exchange.ready() && relay.ready() ? 0 : 1;
    }

    /** The options' ports, else the run folder's (given, or the newest running one), else the defaults. */
    private SessionPorts ports() throws IOException {
        SessionPorts recorded = null;
        if (runDir != null) {
            recorded = SessionPorts.readFrom(runDir);
        } else if (exchangeAdmin == null || relayHttp == null) {
            Optional<Path> running = newestRunning(Path.of("runs"));
            if (running.isPresent()) {
                recorded = SessionPorts.readFrom(running.get());
            }
        }
        return new SessionPorts(
                exchangeAdmin != null ? exchangeAdmin : recorded != null ? recorded.exchangeAdmin() : DEFAULT_EXCHANGE_ADMIN,
                relayHttp != null ? relayHttp : recorded != null ? recorded.relayHttp() : DEFAULT_RELAY_HTTP);
    }

    /** The run folder, named by its start time, that sorts last among those holding a ports file. */
    static Optional<Path> newestRunning(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(runs)) {
            return folders.filter(folder -> Files.isRegularFile(folder.resolve(SessionPorts.FILE)))
                    .max(Comparator.comparing(folder -> folder.getFileName().toString()));
        }
    }

    /** A process's {@code GET /status}, or why there is none. */
    private record Answer(JsonNode status, String problem) {
        boolean ready() {
            return status != null && status.path("ready").asBoolean();
        }
    }

    private static Answer ask(int port) throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/status");
        try {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                return new Answer(null, "answered " + reply.statusCode() + ": " + reply.body().strip());
            }
            return new Answer(WireJson.mapper().readTree(reply.body()), null);
        } catch (IOException e) {
            return new Answer(null, "does not answer on " + uri);
        }
    }

    /** A process's lines: its name, where it answers, then what it said or why it did not. */
    private static void show(PrintWriter out, String name, int port, Answer answer,
                             Function<JsonNode, List<String>> lines) {
        String where = String.format(Locale.ROOT, "%-9s http://127.0.0.1:%d  ", name, port);
        if (answer.status() == null) {
            out.println(where + answer.problem());
            return;
        }
        List<String> said = lines.apply(answer.status());
        out.println(where + said.get(0));
        said.subList(1, said.size()).forEach(line -> out.println("  " + line));
    }

    private static List<String> exchange(JsonNode s) {
        JsonNode connections = s.path("connections");
        JsonNode journal = s.path("journal");
        return List.of((s.path("ready").asBoolean() ? "ready" : "NOT READY") + ", "
                + (s.path("trading_halted").asBoolean() ? "trading HALTED" : "trading") + ", up "
                + uptime(s.path("uptime_s").asLong()),
            "seq " + s.path("seq").asLong() + "   orders/s " + number(s.path("orders_per_s"))
                + "   events/s " + number(s.path("events_per_s")) + "   traders " + s.path("traders").asInt()
                + "   resting orders " + s.path("resting_orders").asInt() + "   trades " + s.path("trade_count").asLong(),
            "connections: gateway " + connections.path("gateway").asInt() + ", stream "
                + connections.path("stream").asInt() + "   journal: " + (journal.isObject()
                ? journal.path("commands").asLong() + " commands, " + journal.path("bytes").asLong() + " bytes"
                : "none") + "   bid " + number(s.path("best_bid")) + "  ask " + number(s.path("best_ask"))
                + "  mark " + number(s.path("mark_price")));
    }

    private static List<String> relay(JsonNode s) {
        JsonNode upstream = s.path("upstream");
        return List.of((s.path("ready").asBoolean() ? "ready" : "NOT READY") + ", exchange "
                + upstream.path("uri").asText() + (upstream.path("reachable").asBoolean() ? " reachable" : " UNREACHABLE")
                + ", up " + uptime(s.path("uptime_s").asLong()),
            "seq " + s.path("seq").asLong() + "   events/s " + number(s.path("events_per_s"))
                + "   traders " + s.path("traders").asInt() + "   feed connections "
                + s.path("connections").path("feed").asInt() + "   resyncs " + s.path("resyncs").asLong()
                + "   dropped as too slow " + s.path("disconnected_too_slow").asLong());
    }

    /** A figure as written, "-" for none (an empty book side). */
    private static String number(JsonNode value) {
        return value.isNumber() ? value.decimalValue().toPlainString() : "-";
    }

    /** 1h02m03s, 4m05s, 6s. */
    static String uptime(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%dh%02dm%02ds", hours, minutes, secs)
                : minutes > 0 ? String.format(Locale.ROOT, "%dm%02ds", minutes, secs) : secs + "s";
    }
}
