package org.bourse.load.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourse.load.LoadMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code load relay} through its command line, against a stand-in exchange and relay. */
class RelayCommandTest {

    private StandInMarket market;

    @AfterEach
    void stop() throws InterruptedException {
        if (market != null) {
            market.close();
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = LoadMain.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run bench(String... extra) {
        String[] base = {"relay", "--gateway-uri", market.uri("/gateway"), "--stream-uri", market.uri("/stream"),
            "--relay-uri", market.uri("/relay"), "--events-per-second", "500", "--subscribers", "2",
            "--duration", "1s", "--warmup", "300ms", "--drain-timeout", "1s", "--quiet"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return run(args);
    }

    /** The figures of one subscriber's row: events, missing, gaps, resyncs. */
    private static long[] counts(Run run, String label) {
        Matcher m = Pattern.compile("\\n  " + Pattern.quote(label) + " +([\\d,]+) +([\\d,]+) +([\\d,]+) +([\\d,]+) ")
                .matcher(run.out());
        assertThat(m.find()).as("a row for %s in%n%s", label, run.out()).isTrue();
        long[] counts = new long[4];
        for (int i = 0; i < 4; i++) {
            counts[i] = Long.parseLong(m.group(i + 1).replace(",", ""));
        }
        return counts;
    }

    @Test
    void everySubscriberGetsARowWithItsEventsAndItsDelay() throws Exception {
        market = StandInMarket.start(0);
        Run run = bench();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        // 500 events/s for 1 s, in rounds of 5: never more; fewer when a busy machine makes the pacer late (how many
        // is a figure for the benchmark, not something a test may require)
        long events = counts(run, "direct-1")[0];
        assertThat(events).as(run.out()).isPositive().isLessThanOrEqualTo(550L);
        for (String label : new String[] {"relay-1", "relay-2"}) {
            assertThat(counts(run, label)).as(run.out()).containsExactly(events, 0, 0, 0);
        }
        assertThat(counts(run, "all 2")).containsExactly(2 * events, 0, 0, 0);
        assertThat(run.out()).contains("p50 µs", "p99.9 µs", "rounds started", "0 orders refused",
                "every event to every relay subscriber: yes");
        assertThat(run.out()).containsPattern("relay-1 +[\\d,]+ +0 +0 +0 +[\\d,.]+ +[\\d,.]+ +[\\d,.]+ +[\\d,.]+");
    }

    @Test
    void anEventTheRelayDidNotPassOnIsAMissAndExitCode3() throws Exception {
        market = StandInMarket.start(400);
        Run run = bench("--stalled", "1");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(counts(run, "relay-1")).as(run.out()).containsSubsequence(1, 1);
        assertThat(counts(run, "direct-1")[1]).isZero();
        assertThat(run.err()).contains("bourse load: relay-1 missed 1 of the ",
                "bourse load: relay-2 missed 1 of the ");
        // the stand-in never gives up on a subscriber that does not read
        assertThat(run.out()).contains("stalled-1: still connected: ");
    }

    @Test
    void noRelayIsOneLineAndExitCode1() throws Exception {
        market = StandInMarket.start(0);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort(); // free once closed: nothing listens there
        }
        Run run = run("relay", "--gateway-uri", market.uri("/gateway"), "--stream-uri", market.uri("/stream"),
                "--relay-uri", "ws://127.0.0.1:" + port, "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("bourse load: cannot subscribe to the relay at ws://127.0.0.1:" + port + ": ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badOptionsAreOneLineAndExitCode2() {
        for (String[] args : new String[][] {{"relay", "--subscribers", "0"}, {"relay", "--duration", "soon"},
            {"relay", "--relay-uri", "http://127.0.0.1:9010"}, {"relay", "--direct-subscribers", "0"},
            {"relay", "--events-per-second", "1"}}) {
            Run run = run(args);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err().lines()).as(run.toString()).hasSize(1);
            assertThat(run.err()).startsWith("bourse load relay: ").contains(args[1].equals("--duration") ? "'soon'"
                    : args[1]);
        }
    }
}
