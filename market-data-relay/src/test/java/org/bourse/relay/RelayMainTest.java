package org.bourse.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.TickScale;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code relay} command as a user runs it: its errors, its help, and a real process stopped by SIGTERM. */
class RelayMainTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    /** Runs the command in this JVM, capturing what it prints; a run that starts serving is a failure. */
    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> RelayMain.run(args),
                    "the relay started (or hung) instead of refusing " + List.of(args));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private static Set<String> relayThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.equals("relay") || n.equals("relay-upstream") || n.startsWith("WebSocketSelector")
                        || n.startsWith("WebSocketWorker"))
                .collect(Collectors.toSet());
    }

    @Test
    void aPortInUseIsOneLineAndExitCode1WithNothingLeftRunning() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> relayThreads().isEmpty());
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();

            Relay.Settings settings = new Relay.Settings(URI.create("ws://127.0.0.1:1"), "127.0.0.1", port, 10,
                    Duration.ofMillis(50), Duration.ofMillis(200), TickScale.cents());
            assertThatThrownBy(() -> Relay.start(settings)).isInstanceOf(StartupException.class)
                    .hasMessageContaining("already in use").hasMessageContaining(String.valueOf(port))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            Run run = run("--port", String.valueOf(port), "--upstream", "ws://127.0.0.1:1");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.out().strip().lines()).as(run.toString()).hasSize(1).first().asString()
                    .contains("Cannot start the relay: cannot listen on 127.0.0.1:" + port
                            + " for the feed: the port is already in use", "--port");
            assertThat(run.err()).isEmpty();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(relayThreads()).isEmpty());
    }

    @Test
    void aDashboardPortInUseIsOneLineNamingItsOptionWithNothingLeftRunning() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> relayThreads().isEmpty());
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();
            Run run = run("--port", "0", "--http-port", String.valueOf(port), "--upstream", "ws://127.0.0.1:1");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            // the feed had started (its selector's first words are about time slices) before the dashboard failed
            assertThat(run.out().strip().lines().filter(line -> !line.contains("TimeSlice"))).as(run.toString())
                    .hasSize(1).first().asString()
                    .contains("Cannot start the relay: cannot listen on 127.0.0.1:" + port
                            + " for the dashboard: the port is already in use", "--http-port");
            assertThat(run.err()).isEmpty();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(relayThreads()).isEmpty());
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                Arguments.of(new String[] {"--port", "70000"}, "--port"),
                Arguments.of(new String[] {"--port", "abc"}, "--port"),
                Arguments.of(new String[] {"--upstream", "http://127.0.0.1:9002"}, "--upstream"),
                Arguments.of(new String[] {"--queue-limit", "0"}, "--queue-limit"),
                Arguments.of(new String[] {"--backoff-min-ms", "0"}, "--backoff-min-ms"),
                Arguments.of(new String[] {"--backoff-max-ms", "100"}, "--backoff-max-ms"),
                Arguments.of(new String[] {"--tick-size", "0"}, "--tick-size"),
                Arguments.of(new String[] {"--http-port", "-1"}, "--http-port"),
                Arguments.of(new String[] {"--allowed-origin", "evil.example"}, "--allowed-origin"),
                Arguments.of(new String[] {"--no-such-flag"}, "--no-such-flag"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badFlags")
    void aBadFlagIsOneLineAndExitCode2(String[] flags, String named) {
        Run run = run(flags);
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().strip()).as("one line").isNotEmpty().doesNotContain("\n").contains(named);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpSaysWhatItDoesWithItsDefaultsAndExamples() {
        Run run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s+", " ")).contains("market-data relay", "default: ws://127.0.0.1:9002",
                "default: 9010", "default: 9011", "default: 10000", "Examples:", "relay --port 0");
    }

    /**
     * The relay as its own process, as a user starts it: it logs where it reads and where it serves, relays, and
     * on SIGTERM tells its subscribers it is going away (1001) and exits 0.
     */
    @Test
    void aRealProcessServesUntilSigtermThenSays1001AndExits0() throws Exception {
        try (Exchange exchange = Fixtures.exchange(dir, 0)) {
            Process relay = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(),
                    "--port", "0", "--http-port", "0", "--upstream", exchange.streamUri())
                    .redirectErrorStream(true).start();
            List<String> log = new ArrayList<>();
            try {
                BufferedReader lines = new BufferedReader(new InputStreamReader(relay.getInputStream(),
                        StandardCharsets.UTF_8));
                Pattern serving = Pattern.compile("Relaying " + Pattern.quote(exchange.streamUri())
                        + " \u2192 serving (ws://127\\.0\\.0\\.1:\\d+)");
                String uri = null;
                while (uri == null) {
                    String line = lines.readLine();
                    assertThat(line).as("the relay's log so far: %s", log).isNotNull();
                    log.add(line);
                    Matcher matcher = serving.matcher(line);
                    uri = matcher.find() ? matcher.group(1) : null;
                }
                try (TestClient subscriber = TestClient.connect(uri)) {
                    assertThat(subscriber.awaitSnapshot().get("seq").asLong()).isZero();

                    relay.toHandle().destroy(); // SIGTERM, leaving its output readable (Process.destroy closes it)
                    assertThat(relay.waitFor(15, TimeUnit.SECONDS)).as("exited").isTrue();
                    assertThat(relay.exitValue()).isZero();
                    await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.closeCode != -1);
                    assertThat(subscriber.closeCode).isEqualTo(1001);
                }
                lines.lines().forEach(log::add);
                assertThat(String.join("\n", log)).contains("Dashboard on http://127.0.0.1:",
                                "Connected to the exchange stream", "Relay stopped")
                        .doesNotContain("Exception");
            } finally {
                relay.destroyForcibly();
            }
        }
    }
}
