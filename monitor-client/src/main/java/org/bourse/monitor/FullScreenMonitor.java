package org.bourse.monitor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor on a terminal: takes over the screen (alternate screen, hidden cursor, raw keys), redraws the market
 * at a fixed rate when it changed, and gives the screen back as it found it on {@code q}, Ctrl+C or close.
 * Drawing goes through JLine's {@link Display}, which rewrites only the characters that differ from the last
 * frame with the terminal's own cursor-positioning and line-clearing capabilities: no flicker.
 */
final class FullScreenMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FullScreenMonitor.class);

    /** 8 frames per second: smooth enough to follow, cheap whatever the event rate. */
    static final long FRAME_MILLIS = 125;
    private static final long KEY_POLL_MILLIS = 200;

    private final Terminal terminal;
    private final MarketModel model;
    private final FullScreenRenderer renderer;
    private final int depth;
    private final LongSupplier clock;
    private final Display display;
    private final RateMeter rate = new RateMeter();
    private final CountDownLatch quit = new CountDownLatch(1);
    /** The size is read again (and the screen redrawn whole) after a SIGWINCH; reading it costs a process. */
    private final AtomicBoolean resized = new AtomicBoolean(true);
    private ScheduledExecutorService painter;
    private Attributes original;
    private Size size;
    /** The frame on screen, to skip drawing an identical one. */
    private List<AttributedString> shown;
    private boolean open;
    private boolean paintFailed;

    FullScreenMonitor(Terminal terminal, MarketModel model, FullScreenRenderer renderer, int depth,
                      LongSupplier clock) {
        this.terminal = terminal;
        this.model = model;
        this.renderer = renderer;
        this.depth = depth;
        this.clock = clock;
        this.display = new Display(terminal, true);
    }

    /** Takes over the screen. */
    synchronized void open() {
        original = terminal.enterRawMode();
        terminal.handle(Terminal.Signal.WINCH, signal -> resized.set(true));
        terminal.handle(Terminal.Signal.INT, signal -> quit.countDown());
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.keypad_xmit);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
        open = true;
    }

    /** Opens, draws until {@code q} or Ctrl+C, then gives the screen back. */
    void run() throws InterruptedException {
        open();
        try {
            painter = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "monitor-painter"));
            painter.scheduleAtFixedRate(this::paintSafely, 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
            daemon(this::readKeys, "monitor-keys").start();
            quit.await();
        } finally {
            close();
        }
    }

    /** Draws the current picture if it differs from the one on screen; true if something was written. */
    synchronized boolean paint() {
        if (!open) {
            return false;
        }
        if (resized.getAndSet(false)) {
            size = terminal.getSize();
            display.resize(size.getRows(), size.getColumns());
            display.clear(); // the whole screen is rewritten: the terminal may have reflowed the old frame
            shown = null;
        }
        MarketPicture view = model.picture(depth);
        long perSecond = rate.perSecond(System.nanoTime(), view.eventsApplied());
        List<AttributedString> frame = renderer.frame(view, clock.getAsLong(), perSecond, size.getColumns(),
                size.getRows());
        if (frame.equals(shown)) {
            return false;
        }
        display.update(new ArrayList<>(frame), -1); // a copy: Display edits the list it keeps
        terminal.flush();
        shown = frame;
        return true;
    }

    private void paintSafely() {
        try {
            paint();
        } catch (RuntimeException e) {
            if (!paintFailed) {
                LOG.error("Cannot draw the screen", e);
                paintFailed = true;
            }
        }
    }

    private void readKeys() {
        NonBlockingReader reader = terminal.reader();
        try {
            while (quit.getCount() > 0) {
                int key = reader.read(KEY_POLL_MILLIS);
                // 3 is Ctrl+C on a terminal that does not turn it into a signal; -1 is the end of input
                if (key == 'q' || key == 'Q' || key == 3 || key == -1) {
                    quit.countDown();
                }
            }
        } catch (IOException | IllegalStateException e) {
            quit.countDown(); // the input ended, or the terminal was closed under us
        }
    }

    /** Asks {@link #run} to return. */
    void quit() {
        quit.countDown();
    }

    /** Stops drawing and restores the terminal: main screen, cursor, line mode. Safe to call twice. */
    @Override
    public void close() {
        quit.countDown();
        if (painter != null) {
            painter.shutdownNow();
            try {
                painter.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
            try {
                terminal.puts(Capability.cursor_normal);
                terminal.puts(Capability.keypad_local);
                terminal.puts(Capability.exit_ca_mode);
                terminal.flush();
                terminal.setAttributes(original);
            } catch (IllegalStateException closedAlready) {
                // On SIGTERM, JLine's own shutdown hook may close the terminal first, restoring its line mode
                // itself: nothing is left to give back.
            }
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
