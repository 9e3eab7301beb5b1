package org.bourse.monitor;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** The monitor as plain text: a {@link PlainRenderer} block every interval, or once. */
final class PlainMonitor implements AutoCloseable {

    private final MarketModel model;
    private final PrintStream out;
    private final PlainRenderer renderer;
    private final int depth;
    private final LongSupplier clock;
    private final RateMeter rate = new RateMeter();
    private ScheduledExecutorService printer;

    PlainMonitor(MarketModel model, PrintStream out, PlainRenderer renderer, int depth, LongSupplier clock) {
        this.model = model;
        this.out = out;
        this.renderer = renderer;
        this.depth = depth;
        this.clock = clock;
    }

    /** Prints a block every {@code interval}, the first one interval from now, until closed. */
    void start(Duration interval) {
        printer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "monitor-printer");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        printer.scheduleAtFixedRate(this::printBlock, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits for the first snapshot (at most {@code timeout}) and prints one block; true if the snapshot came,
     * false if the block shows why it did not.
     */
    boolean once(Duration timeout) throws InterruptedException {
        boolean live = model.awaitSnapshot(timeout.toMillis());
        printBlock();
        return live;
    }

    synchronized void printBlock() {
        MarketPicture view = model.picture(depth);
        out.print(renderer.text(view, clock.getAsLong(), rate.perSecond(System.nanoTime(), view.eventsApplied())));
        out.flush();
    }

    @Override
    public void close() {
        if (printer != null) {
            printer.shutdownNow();
        }
    }
}
