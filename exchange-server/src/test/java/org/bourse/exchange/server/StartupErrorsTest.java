package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The exchange refuses to start, with one clear sentence, rather than half-start or start wrong. */
class StartupErrorsTest {

    @TempDir
    Path dir;

    /** A port held by someone else for the duration of the test. */
    private static ServerSocket occupy() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    private static Set<String> exchangeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.equals("engine") || n.equals("file-writer") || n.equals("journal-sync")
                        || n.startsWith("WebSocketSelector")
                        || n.startsWith("WebSocketWorker") || n.endsWith("-write-sweep") || n.equals("HTTP-Dispatcher"))
                .collect(Collectors.toSet());
    }

    static Stream<Arguments> busyPorts() {
        return Stream.of(Arguments.of("gateway", "--gateway-port"), Arguments.of("stream", "--stream-port"),
                Arguments.of("admin", "--admin-port"));
    }

    @ParameterizedTest(name = "{0} port in use")
    @MethodSource("busyPorts")
    void aPortInUseIsReportedWithTheFlagThatMovesIt(String which, String flag) throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> exchangeThreads().isEmpty());
        try (ServerSocket busy = occupy()) {
            int port = busy.getLocalPort();
            Harness.Config config = Harness.config(dir).ports(which.equals("gateway") ? port : 0,
                    which.equals("stream") ? port : 0, which.equals("admin") ? port : 0);

            assertThatThrownBy(config::start)
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining(flag)
                    .hasMessageContaining(String.valueOf(port))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

            // nothing was left running: no engine, no CSV writer, no listener
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(exchangeThreads()).isEmpty());
        }
        // and, the port free again, the same settings start
        try (Exchange exchange = Harness.config(dir).start()) {
            assertThat(exchange.gatewayPort()).isPositive();
        }
    }

    @Test
    void aNonLoopbackHostWithoutCredentialsIsRefused() throws Exception {
        assertThatThrownBy(() -> Harness.config(dir).host("0.0.0.0").start())
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("0.0.0.0")
                .hasMessageContaining("credentials");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(exchangeThreads()).isEmpty());
        assertThat(dir.resolve("trades.csv")).doesNotExist();
    }

    @Test
    void aNonLoopbackHostWithCredentialsStartsAndKeepsTheAdminEndpointOnLoopback() throws Exception {
        Path credentials = dir.resolve("credentials.properties");
        Files.writeString(credentials, "alice=s3cret\n@stream=feed\n");
        try (Exchange exchange = Harness.config(dir).host("0.0.0.0").credentials(credentials).start()) {
            assertThat(exchange.adminUri()).startsWith("http://127.0.0.1:");
            TestClient client = TestClient.connect("ws://127.0.0.1:" + exchange.gatewayPort());
            try {
                assertThat(client.request(Harness.hello("alice", "s3cret")).path("type").asText()).isEqualTo("welcome");
            } finally {
                client.close();
            }
        }
    }

    @Test
    void aBadCredentialsFileIsRefusedWithTheReason() throws Exception {
        Path missing = dir.resolve("missing.properties");
        assertThatThrownBy(() -> Harness.config(dir).credentials(missing).start())
                .isInstanceOf(StartupException.class).hasMessageContaining("cannot read the credentials file");
        Path empty = Files.writeString(dir.resolve("empty.properties"), "# nobody\n");
        assertThatThrownBy(() -> Harness.config(dir).credentials(empty).start())
                .isInstanceOf(StartupException.class).hasMessageContaining("has no trader");
        Path blank = Files.writeString(dir.resolve("blank.properties"), "alice=\n");
        assertThatThrownBy(() -> Harness.config(dir).credentials(blank).start())
                .isInstanceOf(StartupException.class).hasMessageContaining("empty token");
        Path noStream = Files.writeString(dir.resolve("no-stream.properties"), "alice=s3cret\n");
        assertThatThrownBy(() -> Harness.config(dir).credentials(noStream).start())
                .isInstanceOf(StartupException.class).hasMessageContaining("no '@stream=token' line");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(exchangeThreads()).isEmpty());
    }

    // ------------------------------------------------------------------------------------ command line

    private record Run(int exitCode, String err) {
    }

    /** Runs the command with any free ports and the CSVs in the temp dir; a run that starts is a failure. */
    private Run run(String... flags) {
        List<String> given = List.of(flags);
        List<String> args = new ArrayList<>(given);
        for (String[] fallback : new String[][] {{"--gateway-port", "0"}, {"--stream-port", "0"},
            {"--admin-port", "0"}, {"--trades-csv", dir.resolve("t.csv").toString()},
            {"--performance-csv", dir.resolve("p.csv").toString()}}) {
            if (!given.contains(fallback[0])) {
                args.addAll(List.of(fallback));
            }
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> ExchangeMain.run(args.toArray(String[]::new)),
                    "the exchange started (or hung) instead of refusing " + List.of(flags));
            return new Run(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                Arguments.of(new String[] {"--price-band", "2"}, "--price-band"),
                Arguments.of(new String[] {"--tick-size", "0"}, "--tick-size"),
                Arguments.of(new String[] {"--tick-size", "-0.01"}, "--tick-size"),
                Arguments.of(new String[] {"--self-trade", "maybe"}, "--self-trade"),
                Arguments.of(new String[] {"--gateway-port", "abc"}, "--gateway-port"),
                Arguments.of(new String[] {"--stream-port", "70000"}, "--stream-port"),
                Arguments.of(new String[] {"--initial-margin", "0.123456"}, "--initial-margin"),
                Arguments.of(new String[] {"--maintenance-margin", "1"}, "--maintenance-margin"),
                Arguments.of(new String[] {"--max-order-qty", "-1"}, "--max-order-qty"),
                Arguments.of(new String[] {"--starting-cash", "100.001"}, "--starting-cash"),
                Arguments.of(new String[] {"--reference-price", "0"}, "--reference-price"),
                Arguments.of(new String[] {"--fsync", "sometimes"}, "--fsync"),
                Arguments.of(new String[] {"--fresh"}, "--fresh goes with --journal"),
                Arguments.of(new String[] {"--max-traders", "0"}, "--max-traders must be 1 to 25000, not 0"),
                Arguments.of(new String[] {"--allowed-origin", "evil.example"}, "--allowed-origin"),
                Arguments.of(new String[] {"--no-such-flag"}, "--no-such-flag"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badFlags")
    void aBadFlagValueExitsWithCode2AndOneLine(String[] flags, String named) {
        Run run = run(flags);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).as("one line").doesNotContain("\n").isNotEmpty();
        assertThat(run.err()).contains(named);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(exchangeThreads()).isEmpty());
    }

    @Test
    void aJournalThatCannotBeUsedExitsWith1AndOneLine() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("a-directory"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a journal\n");
        Path nowhere = dir.resolve("missing").resolve("journal");
        for (Path journal : List.of(directory, text, nowhere)) {
            assertThat(run("--journal", journal.toString()).exitCode()).isEqualTo(1);
            Harness.Config config = Harness.config(dir);
            config.journal = journal;
            assertThatThrownBy(config::start).isInstanceOf(StartupException.class)
                    .hasMessageContaining(journal.toString())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception"));
        }
        assertThat(dir.resolve("trades.csv")).as("nothing was touched").doesNotExist();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(exchangeThreads()).isEmpty());
    }

    @Test
    void aPortInUseOnTheCommandLineExitsWith1() throws Exception {
        try (ServerSocket busy = occupy()) {
            Run run = run("--gateway-port", String.valueOf(busy.getLocalPort()));
            assertThat(run.exitCode()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(exchangeThreads()).isEmpty());
    }
}
