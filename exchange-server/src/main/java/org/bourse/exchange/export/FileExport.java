package org.bourse.exchange.export;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.bourse.protocol.SessionHash;
import org.bourse.protocol.TextBuffer;
import org.bourse.protocol.TickScale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the user inspects after a session: {@code trades.csv}, {@code performance.csv} and, when asked,
 * {@code events.jsonl} (every public event exactly as the stream sent it), and computes the session hash over the
 * events ({@link SessionHash}).
 *
 * <p>The engine thread stages rows ({@link #trade}, {@link #performance}, {@link #event}) and hands each batch over
 * with {@link #commit} once the batch is in the journal, so no row reaches a file before the command that made it
 * is durable; a thread named {@code file-writer} formats (numbers as the exact decimals of the tick size, text by
 * Commons CSV's quoting rules), hashes and writes. The hand-off never blocks the live exchange
 * (rows are a few dozen bytes, and dropping them is worse than holding them through a slow disk); an offline
 * replay asks for a bound instead, so that it cannot run ahead of the disk by gigabytes.
 *
 * <p>Lines reach the files as soon as the writer runs dry, every {@value #FLUSH_INTERVAL_MILLIS} ms while they keep
 * coming, and all of them on {@link #close()}. The writer thread is not a daemon, so the JVM cannot exit with
 * lines still queued: the exchange calls {@code close()} when it stops.
 */
public final class FileExport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FileExport.class);
    private static final byte COMMA = ',';
    private static final byte[] NEWLINE = {'\n'};

    static final long FLUSH_INTERVAL_MILLIS = 200;
    private static final long FLUSH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(FLUSH_INTERVAL_MILLIS);
    /** How long the writer sleeps when the queue is empty; bounds how late a lone row is written. */
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Write before the interval is up once a file has this much waiting, so a burst does not pile up in memory. */
    private static final int FLUSH_BYTES = 64 * 1024;

    /** Where the files go; {@code events} is null when no events.jsonl is wanted. */
    public record Paths(Path trades, Path performance, Path events) {
        public Paths {
            Objects.requireNonNull(trades, "trades");
            Objects.requireNonNull(performance, "performance");
        }
    }

    private final FileSink trades;
    private final FileSink performance;
    private final FileSink events;
    private final TickScale scale;
    /** Writer thread only. */
    private final CsvLines csv = new CsvLines();
    private final TextBuffer row = new TextBuffer(256);
    private final SessionHash hash;
    private final int maxQueuedBatches;
    private final Queue<List<Row>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedBatches = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Thread writer;
    /** Engine thread only. */
    private List<Row> staged = new ArrayList<>();
    private volatile Thread waitingCommitter;
    private volatile String sessionHash;

    private FileExport(FileSink trades, FileSink performance, FileSink events, TickScale scale, boolean hashEvents,
                       int maxQueuedBatches) {
        this.scale = scale;
        this.trades = trades;
        this.performance = performance;
        this.events = events;
        this.hash = hashEvents || events != null ? new SessionHash() : null;
        this.maxQueuedBatches = maxQueuedBatches;
        this.writer = new Thread(this::writeUntilClosed, "file-writer");
        // Explicit because a thread inherits daemon status from its creator, and the server may create us from one.
        writer.setDaemon(false);
    }

    /**
     * Creates the files: an earlier run's file at one of the paths is moved aside, or, with {@code rewrite} (the
     * exchange recovering from its journal), rewritten from its first line when it is Bourse's own. Every path is
     * checked before any file is touched, so a refusal leaves the disk as it was.
     *
     * @param hashEvents       compute the session hash even without an events file
     * @param maxQueuedBatches 0 for a hand-off that never blocks; else how many committed batches may wait for the
     *                         writer before {@link #commit} waits
     */
    public static FileExport open(Paths paths, TickScale scale, boolean hashEvents, boolean rewrite,
                                  int maxQueuedBatches) throws ExportException {
        List<OutputFile> files = new ArrayList<>();
        files.add(new OutputFile(paths.trades(), CsvKind.TRADES.option(), CsvKind.TRADES.headerLine() + "\n"));
        files.add(new OutputFile(paths.performance(), CsvKind.PERFORMANCE.option(),
                CsvKind.PERFORMANCE.headerLine() + "\n"));
        if (paths.events() != null) {
            files.add(new OutputFile(paths.events(), "--events", "{\"type\":"));
        }
        for (int i = 0; i < files.size(); i++) {
            files.get(i).check();
            for (int j = 0; j < i; j++) {
                if (sameFile(files.get(i).path(), files.get(j).path())) {
                    throw new ExportException("two outputs point to " + files.get(i).path()
                            + ": give each of --trades-csv, --performance-csv and --events its own path");
                }
            }
        }
        List<FileSink> sinks = new ArrayList<>();
        try {
            for (OutputFile file : files) {
                FileChannel channel = file.create(rewrite);
                sinks.add(new FileSink(file.path(), channel));
            }
            sinks.get(0).writeNow(new CsvLines().header(CsvKind.TRADES));
            sinks.get(1).writeNow(new CsvLines().header(CsvKind.PERFORMANCE));
        } catch (ExportException e) {
            sinks.forEach(FileSink::close);
            throw e;
        } catch (IOException e) {
            sinks.forEach(FileSink::close);
            throw new ExportException("Cannot write " + paths.trades() + " or " + paths.performance() + " ("
                    + org.bourse.exchange.files.FileProblems.describe(e) + "): check the disk", e);
        }
        return start(sinks.get(0), sinks.get(1), sinks.size() > 2 ? sinks.get(2) : null, scale, hashEvents,
                maxQueuedBatches);
    }

    /** Starts the writer on sinks that are already open; tests use it to put a failing channel underneath. */
    static FileExport start(FileSink trades, FileSink performance, FileSink events, TickScale scale,
                            boolean hashEvents, int maxQueuedBatches) {
        FileExport export = new FileExport(trades, performance, events, scale, hashEvents, maxQueuedBatches);
        export.writer.start();
        return export;
    }

    // ------------------------------------------------------------------------------------- engine thread

    /**
     * Stages one row of trades.csv: timestamp,price,qty,buy_trader,sell_trader; the price in ticks, written as the
     * exact decimal of the tick size.
     */
    public void trade(long timestamp, long price, long qty, String buyTrader, String sellTrader) {
        staged.add(new TradeRow(timestamp, price, qty, buyTrader, sellTrader));
    }

    /**
     * Stages one row of performance.csv: timestamp,trader_id,position,cash,realized_pnl,total_equity; money in
     * units of the tick size times one lot.
     */
    public void performance(long timestamp, String traderId, long position, long cash, long realizedPnl,
                            long totalEquity) {
        staged.add(new PerformanceRow(timestamp, traderId, position, cash, realizedPnl, totalEquity));
    }

    /** Whether public events are wanted: for events.jsonl or the session hash. */
    public boolean recordsEvents() {
        return hash != null;
    }

    /** Stages one public event's JSON text (UTF-8), in seq order (only when {@link #recordsEvents}). */
    public void event(byte[] json) {
        staged.add(new EventLine(json));
    }

    /**
     * Hands the staged rows to the writer: call it once they may reach the files (their commands are journaled).
     * Waits only when the export was opened with a bound and the writer is that far behind.
     */
    public void commit() {
        if (staged.isEmpty()) {
            return;
        }
        if (closing.get()) {
            staged.clear();
            return;
        }
        queue.offer(staged);
        staged = new ArrayList<>();
        if (maxQueuedBatches > 0 && queuedBatches.incrementAndGet() > maxQueuedBatches) {
            waitingCommitter = Thread.currentThread();
            LockSupport.unpark(writer); // it may be idling between polls
            while (queuedBatches.get() > maxQueuedBatches && writer.isAlive()) {
                LockSupport.parkNanos(this, IDLE_WAIT_NANOS);
            }
            waitingCommitter = null;
        }
    }

    /** Drops the staged rows: their commands never reached the journal. */
    public void discard() {
        staged.clear();
    }

    // --------------------------------------------------------------------------------------- any thread

    /** Writes everything committed, flushes and closes the files; idempotent; waits for the writer thread. */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            LockSupport.unpark(writer);
        }
        // Every caller waits, so that any close() that returns means the files are complete.
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                // Stopping half way would lose rows; finish, then let the caller see the interrupt.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The session hash of every event written, once {@link #close()} has returned; null if none was computed. */
    public String sessionHash() {
        return sessionHash;
    }

    public Path tradesFile() {
        return trades.path();
    }

    public Path performanceFile() {
        return performance.path();
    }

    /** The events.jsonl file, or null. */
    public Path eventsFile() {
        return events == null ? null : events.path();
    }

    /** Lines dropped because writing them failed, in all files. */
    long lostLines() {
        return trades.lostLines() + performance.lostLines() + (events == null ? 0 : events.lostLines());
    }

    Thread writerThread() {
        return writer;
    }

    // ------------------------------------------------------------------------------------- writer thread

    private void writeUntilClosed() {
        long lastFlush = System.nanoTime();
        try {
            while (true) {
                // Read before draining: once close() is seen, every batch committed before it is already visible,
                // so draining until empty writes them all.
                boolean stopping = closing.get();
                List<Row> batch;
                while ((batch = queue.poll()) != null) {
                    release();
                    for (int i = 0; i < batch.size(); i++) {
                        write(batch.get(i));
                    }
                    boolean due = System.nanoTime() - lastFlush >= FLUSH_INTERVAL_NANOS;
                    if (due || trades.pendingBytes() + performance.pendingBytes() >= FLUSH_BYTES
                            || events != null && events.pendingBytes() >= FLUSH_BYTES) {
                        flushAll();
                        lastFlush = System.nanoTime();
                    }
                }
                flushAll();
                lastFlush = System.nanoTime();
                if (stopping) {
                    return;
                }
                LockSupport.parkNanos(this, IDLE_WAIT_NANOS);
            }
        } catch (RuntimeException | Error e) {
            // A bug, not an I/O error (those are handled per batch). Stop taking rows so they do not pile up.
            closing.set(true);
            log.error("The file writer stopped unexpectedly; rows from now on are not written", e);
        } finally {
            trades.close();
            performance.close();
            if (events != null) {
                events.close();
            }
            if (hash != null) {
                sessionHash = hash.hex();
            }
            reportLosses();
            Thread committer = waitingCommitter;
            if (committer != null) {
                LockSupport.unpark(committer);
            }
        }
    }

    private void release() {
        if (maxQueuedBatches > 0) {
            queuedBatches.decrementAndGet();
            Thread committer = waitingCommitter;
            if (committer != null) {
                LockSupport.unpark(committer);
            }
        }
    }

    private void write(Row staged) {
        if (staged instanceof EventLine event) {
            hash.update(event.json, 0, event.json.length);
            hash.update(NEWLINE, 0, 1);
            if (events != null) {
                events.appendLine(event.json, 0, event.json.length);
            }
        } else if (staged instanceof TradeRow t) {
            row.clear().number(t.timestamp).append(COMMA);
            scale.appendDecimal(row, t.price).append(COMMA).number(t.qty).append(COMMA)
                    .append(csv.field(t.buyTrader)).append(COMMA).append(csv.field(t.sellTrader));
            trades.appendLine(row.array(), 0, row.length());
        } else if (staged instanceof PerformanceRow p) {
            row.clear().number(p.timestamp).append(COMMA).append(csv.field(p.traderId)).append(COMMA)
                    .number(p.position).append(COMMA);
            scale.appendDecimal(row, p.cash).append(COMMA);
            scale.appendDecimal(row, p.realizedPnl).append(COMMA);
            scale.appendDecimal(row, p.totalEquity);
            performance.appendLine(row.array(), 0, row.length());
        }
    }

    private void flushAll() {
        trades.flush();
        performance.flush();
        if (events != null) {
            events.flush();
        }
    }

    private void reportLosses() {
        long lost = lostLines();
        if (lost > 0) {
            log.warn("{} line(s) of {}, {}{} were lost to write errors; `bourse replay` of the journal rebuilds them",
                    lost, trades.path(), performance.path(), events == null ? "" : " and " + events.path());
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // Fall back to comparing the paths; opening reports an unreadable file properly.
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** A staged row; values are formatted on the writer thread so the engine pays only for the allocation. */
    private sealed interface Row permits TradeRow, PerformanceRow, EventLine {
    }

    private record TradeRow(long timestamp, long price, long qty, String buyTrader, String sellTrader)
            implements Row {
    }

    private record PerformanceRow(long timestamp, String traderId, long position, long cash, long realizedPnl,
                                  long totalEquity) implements Row {
    }

    private record EventLine(byte[] json) implements Row {
    }
}
