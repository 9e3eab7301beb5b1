package org.bourse.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bourse.monitor.Feeds.snapshot;
import static org.bourse.monitor.Feeds.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class MonitorMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return MonitorMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpExplainsTheOptionsWithDefaultsAndExamples() {
        assertThat(run("--help")).isZero();

        assertThat(out()).contains("Usage: bourse monitor", "--feed-uri", "ws://127.0.0.1:9010).", "--plain",
                "--interval", "--once", "--depth", "--no-color", "NO_COLOR", "Examples:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--depth 0                    | --depth: 0 is not between 1 and 50",
        "--interval soon              | --interval",
        "--interval 5ms               | out of range",
        "--feed-uri http://127.0.0.1  | '--feed-uri': 'http://127.0.0.1' is not a WebSocket address",
        "--frobnicate                 | Unknown option: '--frobnicate'"})
    void badInputGetsOneLineAndExitCode2(String args, String message) {
        assertThat(run(args.trim().split(" "))).isEqualTo(2);

        assertThat(err()).contains(message).endsWith("(see 'bourse monitor --help')" + System.lineSeparator());
        assertThat(err().lines()).hasSize(1);
        assertThat(out()).isEmpty();
    }

    @Test
    void anAddressThatIsNotOneGetsOneLine() {
        assertThat(run("--feed-uri", "ws://bad host")).isEqualTo(2);

        assertThat(err()).isEqualTo("bourse monitor: Invalid value for option '--feed-uri': 'ws://bad host' is not a "
                + "WebSocket address (ws://host:port) (see 'bourse monitor --help')" + System.lineSeparator());
    }

    @Test
    void onceGetsTheSnapshotPrintsOneBlockAndExits() throws Exception {
        FakeRelay relay = FakeRelay.start(0, List.of(status(true, null), snapshot(5)));
        try {
            assertThat(run("--once", "--feed-uri", relay.uri(), "--depth", "2")).isZero();
        } finally {
            relay.shutdown();
        }

        assertThat(out()).startsWith("STATUS: CONNECTED feed=" + relay.uri() + " seq=5\n").endsWith("\n\n");
        assertThat(out().split("\n\n")).hasSize(1);
        assertThat(out().lines()).contains("LEVEL 2 bid 99.90 x 5 | ask 100.10 x 4")
                .filteredOn(line -> line.startsWith("TRADER ")).hasSize(2);
        assertThat(relay.received).isEmpty();
    }

    @Test
    void onceWithoutAFeedTimesOutWithExitCode1() throws Exception {
        FakeRelay gone = FakeRelay.start(0, List.of());
        String uri = gone.uri();
        gone.shutdown();

        assertThat(run("--once", "--timeout", "1s", "--feed-uri", uri)).isEqualTo(1);

        assertThat(out()).matches("(?s)STATUS: (DISCONNECTED|CONNECTING) feed=" + uri + " seq=- .*\n\n");
    }

    @Test
    void colourUnlessRefusedOrUnsupported() {
        assertThat(MonitorMain.wantsColour(false, null, 256)).isTrue();
        assertThat(MonitorMain.wantsColour(false, null, 8)).isTrue();
        assertThat(MonitorMain.wantsColour(true, null, 256)).isFalse();
        assertThat(MonitorMain.wantsColour(false, "", 256)).isFalse(); // NO_COLOR with any value, even empty
        assertThat(MonitorMain.wantsColour(false, "1", 256)).isFalse();
        assertThat(MonitorMain.wantsColour(false, null, 2)).isFalse();
        assertThat(MonitorMain.wantsColour(false, null, null)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"500ms, 500", "1s, 1000", "2.5s, 2500", "1m, 60000", "3, 3000", "10ms, 10", "1.5 S, 1500"})
    void durationsReadAsAPersonWritesThem(String text, long millis) {
        assertThat(new MonitorMain.DurationConverter().convert(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void durationsThatMakeNoSenseAreRefused() {
        MonitorMain.DurationConverter converter = new MonitorMain.DurationConverter();
        assertThatThrownBy(() -> converter.convert("-1s")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("1h")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("2d")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("1441m")).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
