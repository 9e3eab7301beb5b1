package org.bourse.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bourse.cli.Commands;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.TickScale;
import org.bourse.relay.Relay;
import org.bourse.transport.AllowedOrigins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./bourse status} against a real exchange and relay, and with nothing running. */
class StatusMainTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> running = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private int status(String... args) {
        CommandLine command = Commands.commandLine(new StatusMain());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private static int portOfUri(String uri) {
        return URI.create(uri).getPort();
    }

    @Test
    void showsBothProcessesOfARunningSessionFromItsRunFolder() throws Exception {
        Exchange exchange = Exchange.start(new Exchange.Settings("127.0.0.1", 0, 0, 0, TickScale.cents(),
                EngineConfig.defaults(), dir.resolve("trades.csv"), dir.resolve("performance.csv"), null, 0,
                64 * 1024, 4L << 20));
        running.add(exchange);
        Relay relay = Relay.start(new Relay.Settings(URI.create(exchange.streamUri()), "127.0.0.1", 0, 10_000,
                Duration.ofMillis(50), Duration.ofMillis(200), TickScale.cents(), 0, AllowedOrigins.LOOPBACK));
        running.add(relay);
        int admin = portOfUri(exchange.adminUri());
        int http = portOfUri(relay.dashboardUri());
        Path run = Files.createDirectories(dir.resolve("runs").resolve("2026-12-08_01-00-00"));
        new SessionPorts(admin, http).writeTo(run);
        // the relay is ready once it has the exchange's snapshot
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            out.getBuffer().setLength(0);
            return status("--run-dir", run.toString()) == 0;
        });

        String screen = out.toString();
        assertThat(screen).containsPattern("(?m)^exchange  http://127.0.0.1:" + admin
                + "  ready, trading, up \\d+s$");
        assertThat(screen).containsPattern("(?m)^  seq 0   orders/s [\\d.]+   events/s [\\d.]+   traders 0   "
                + "resting orders 0   trades 0$");
        assertThat(screen).containsPattern("(?m)^  connections: gateway 0, stream 1   journal: none   bid -  ask -  mark 100$");
        assertThat(screen).containsPattern("(?m)^relay     http://127.0.0.1:" + http + "  ready, exchange "
                + exchange.streamUri() + " reachable, up \\d+s$");
        assertThat(screen).containsPattern("(?m)^  seq 0   events/s [\\d.]+   traders 0   feed connections 0   "
                + "resyncs 0   dropped as too slow 0$");
        assertThat(screen.lines()).hasSize(5);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void nothingRunningIsOneLine() throws Exception {
        int free;
        try (ServerSocket socket = new ServerSocket(0)) {
            free = socket.getLocalPort();
        }

        int code = status("--exchange-admin", "" + free, "--relay-http", "" + free);

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("bourse status: nothing answers on 127.0.0.1:" + free + " (exchange "
                + "admin) nor 127.0.0.1:" + free + " (relay): no session is running (./bourse session starts one)"
                + System.lineSeparator());
    }

    @Test
    void aRunFolderOfASessionThatEndedIsOneLine() {
        int code = status("--run-dir", dir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("bourse status: no session runs in " + dir + " (it has no "
                + SessionPorts.FILE + ")" + System.lineSeparator());
    }

    @Test
    void theNewestRunningSessionIsTheDefault() throws Exception {
        Path runs = dir.resolve("runs");
        Path older = Files.createDirectories(runs.resolve("2026-12-08_01-00-00"));
        Path newer = Files.createDirectories(runs.resolve("2026-12-08_02-00-00"));
        Files.createDirectories(runs.resolve("2026-12-08_03-00-00")); // ended: no ports
        new SessionPorts(1, 2).writeTo(older);
        new SessionPorts(3, 4).writeTo(newer);

        assertThat(StatusMain.newestRunning(runs)).contains(newer);
        assertThat(SessionPorts.readFrom(newer)).isEqualTo(new SessionPorts(3, 4));
        assertThat(StatusMain.newestRunning(dir.resolve("none"))).isEmpty();
    }
}
