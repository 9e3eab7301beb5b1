package org.bourse.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.bourse.monitor.Feeds.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.bourse.protocol.ServerMessage;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Curses;
import org.jline.utils.InfoCmp.Capability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The full-screen view drawn on a virtual xterm of a fixed size, over byte streams. */
class FullScreenMonitorTest {

    private static final long NOW = Feeds.T0 + 60_000;

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final MarketModel model = new MarketModel("ws://127.0.0.1:9010", () -> NOW);
    private Terminal terminal;
    private FullScreenMonitor monitor;

    @BeforeEach
    void openTerminal() throws IOException {
        terminal = TerminalBuilder.builder().system(false).streams(new PipedInputStream(keyboard), screen)
                .type("xterm-256color").size(new Size(80, 24)).build();
        monitor = new FullScreenMonitor(terminal, model,
                new FullScreenRenderer(ZoneOffset.UTC, 5, new Palette(true)), 5, () -> NOW);
    }

    @AfterEach
    void closeTerminal() throws IOException {
        monitor.close();
        terminal.close();
    }

    @Test
    void takesTheScreenDrawsTheMarketAndGivesTheScreenBack() {
        model.apply(snapshot(5));

        monitor.open();
        assertThat(monitor.paint()).isTrue();
        String drawn = written();
        monitor.close();
        String restored = written().substring(drawn.length());

        assertThat(drawn).startsWith(capability(Capability.enter_ca_mode)).contains(capability(Capability.cursor_invisible));
        String text = withoutStyles(drawn);
        assertThat(text).contains("STATUS: CONNECTED  ws://127.0.0.1:9010", "BID 99.95 x 3", "ASK 100.05 x 2",
                "15:46:40.002", "taker_1 / maker_1", "TOTAL PNL", "10000.10", "9999.90");
        assertThat(restored).contains(capability(Capability.cursor_normal), capability(Capability.exit_ca_mode));
    }

    @Test
    void aTerminalClosedFirstAsJLinesShutdownHookDoesOnSigtermIsNoFailure() throws IOException {
        model.apply(snapshot(5));
        monitor.open();
        monitor.paint();

        terminal.close();

        assertThatCode(monitor::close).doesNotThrowAnyException();
    }

    @Test
    void drawsOnlyWhatChanged() {
        model.apply(snapshot(5));
        monitor.open();
        monitor.paint();
        int before = screen.size();

        assertThat(monitor.paint()).isFalse();
        assertThat(screen.size()).isEqualTo(before);

        model.apply(Feeds.trade(6, "100.10", 3, "taker_9", "maker_1"));
        assertThat(monitor.paint()).isTrue();
        String update = withoutStyles(written().substring(before));
        // the older trade moves down the tape, onto a row of the ladder that had none; the header stays
        assertThat(update).contains("15:46:40.002   100.05     2  taker_1 / maker_1")
                .doesNotContain("STATUS: CONNECTED");
    }

    @Test
    void aResizeRedrawsTheWholeScreenAtTheNewSize() {
        model.apply(snapshot(5));
        monitor.open();
        monitor.paint();
        int before = screen.size();

        terminal.setSize(new Size(120, 40));
        terminal.raise(Terminal.Signal.WINCH);
        assertThat(monitor.paint()).isTrue();

        String redraw = written().substring(before);
        assertThat(redraw).startsWith(capability(Capability.clear_screen));
        assertThat(withoutStyles(redraw)).contains("STATUS: CONNECTED", "AVG ENTRY");
    }

    @Test
    void qQuits() throws Exception {
        model.apply(snapshot(5));
        Thread running = new Thread(() -> {
            try {
                monitor.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        running.start();

        keyboard.write('q');
        keyboard.flush();
        running.join(10_000);

        assertThat(running.isAlive()).isFalse();
        assertThat(written()).contains(capability(Capability.exit_ca_mode));
    }

    @Test
    void aStatusChangeIsDrawn() {
        model.apply(snapshot(5));
        monitor.open();
        monitor.paint();
        int before = screen.size();

        model.apply(new ServerMessage.Status(false, "ws://127.0.0.1:9002", "connection refused", NOW));
        monitor.paint();

        assertThat(withoutStyles(written().substring(before))).contains("EXCHANGE DOWN", "connection refused");
    }

    private String written() {
        terminal.flush();
        return screen.toString(StandardCharsets.UTF_8);
    }

    private String capability(Capability capability) {
        return Curses.tputs(terminal.getStringCapability(capability));
    }

    private static String withoutStyles(String output) {
        return output.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
