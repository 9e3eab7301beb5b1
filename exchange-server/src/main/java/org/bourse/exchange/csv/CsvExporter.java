package org.bourse.exchange.csv;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code trades.csv} and {@code performance.csv} for the user to inspect.
 *
 * <p>The matching engine calls {@link #trade} and {@link #performance} on its hot path, so they only put a
 * row on a queue; a thread named {@code csv-writer} formats and writes. The queue is unbounded on purpose: a
 * bounded one would have to either block the engine or drop rows when the disk is slow, and a row is a few
 * dozen bytes, so even a long stall costs little memory next to losing the user's record of the session.
 *
 * <p>Rows reach the file in batches: as soon as the queue runs dry, and every {@value #FLUSH_INTERVAL_MILLIS} ms
 * while rows keep coming (well within the promised 500 ms, as long as the disk keeps up), and all of them on
 * {@link #close()}.
 *
 * <p>After {@code close()}, {@code trade} and {@code performance} are ignored: the engine may still finish a
 * command while the server shuts down, and failing it for a CSV row would be worse than missing the row. The
 * first ignored row is logged once. A call that races with {@code close()} may or may not be written; every
 * call that returned before {@code close()} was called is.
 *
 * <p>The writer thread is not a daemon, so the JVM cannot exit with rows still queued: the server must call
 * {@code close()} when it stops (a shutdown hook is enough for Ctrl+C).
 */
public final class CsvExporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CsvExporter.class);

    static final long FLUSH_INTERVAL_MILLIS = 200;
    private static final long FLUSH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(FLUSH_INTERVAL_MILLIS);
    /** How long the writer sleeps when the queue is empty; bounds how late a lone row is written. */
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Write before the interval is up once a batch is this big, so a burst does not pile up in memory. */
    private static final int FLUSH_BYTES = 64 * 1024;

    private final CsvSink trades;
    private final CsvSink performance;
    private final Queue<Row> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicLong ignoredRows = new AtomicLong();
    private final Thread writer;

    private CsvExporter(CsvSink trades, CsvSink performance) {
        this.trades = trades;
        this.performance = performance;
        this.writer = new Thread(this::writeUntilClosed, "csv-writer");
        // Explicit because a thread inherits daemon status from its creator, and the server may create us from one.
        writer.setDaemon(false);
    }

    /**
     * Opens (creating or appending to) both files; refuses a file whose existing header differs.
     *
     * <p>Both paths are checked before either file is created or written, so a refusal leaves the disk as it
     * was.
     */
    public static CsvExporter open(Path tradesCsv, Path performanceCsv) throws CsvExportException {
        Objects.requireNonNull(tradesCsv, "tradesCsv");
        Objects.requireNonNull(performanceCsv, "performanceCsv");
        if (sameFile(tradesCsv, performanceCsv)) {
            throw new CsvExportException(CsvKind.TRADES.option() + " and " + CsvKind.PERFORMANCE.option()
                    + " both point to " + tradesCsv + ": give them different paths");
        }
        CsvTarget tradesTarget = CsvTarget.inspect(tradesCsv, CsvKind.TRADES);
        CsvTarget performanceTarget = CsvTarget.inspect(performanceCsv, CsvKind.PERFORMANCE);
        CsvSink tradesSink = tradesTarget.openSink();
        CsvSink performanceSink;
        try {
            performanceSink = performanceTarget.openSink();
        } catch (CsvExportException e) {
            tradesSink.close();
            tradesTarget.undo();
            throw e;
        }
        return start(tradesSink, performanceSink);
    }

    /** Starts an exporter on sinks that are already open; tests use it to put a failing channel underneath. */
    static CsvExporter start(CsvSink trades, CsvSink performance) {
        CsvExporter exporter = new CsvExporter(trades, performance);
        exporter.writer.start();
        return exporter;
    }

    /** One row of trades.csv: timestamp,price,qty,buy_trader,sell_trader. Never blocks. */
    public void trade(long timestamp, BigDecimal price, long qty, String buyTrader, String sellTrader) {
        enqueue(new TradeRow(timestamp, price, qty, buyTrader, sellTrader));
    }

    /** One row of performance.csv: timestamp,trader_id,position,cash,realized_pnl,total_equity. Never blocks. */
    public void performance(long timestamp, String traderId, long position, BigDecimal cash,
                            BigDecimal realizedPnl, BigDecimal totalEquity) {
        enqueue(new PerformanceRow(timestamp, traderId, position, cash, realizedPnl, totalEquity));
    }

    /** Writes everything queued, flushes and closes both files; idempotent; waits for the writer thread. */
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

    public Path tradesFile() {
        return trades.path();
    }

    public Path performanceFile() {
        return performance.path();
    }

    /** Rows dropped because writing them failed, in both files. */
    long lostRows() {
        return trades.lostRows() + performance.lostRows();
    }

    /** Rows passed to trade() or performance() after close(). */
    long ignoredRows() {
        return ignoredRows.get();
    }

    Thread writerThread() {
        return writer;
    }

    private void enqueue(Row row) {
        if (closing.get()) {
            if (ignoredRows.incrementAndGet() == 1) {
                log.warn("CSV export to {} and {} is closed; ignoring rows from now on", trades.path(),
                        performance.path());
            }
            return;
        }
        queue.offer(row);
    }

    private void writeUntilClosed() {
        long lastFlush = System.nanoTime();
        try {
            while (true) {
                // Read before draining: once close() is seen, every row queued before it is already visible,
                // so draining until empty writes them all.
                boolean stopping = closing.get();
                Row row;
                while ((row = queue.poll()) != null) {
                    CsvSink sink = row instanceof TradeRow ? trades : performance;
                    sink.append(row.values());
                    boolean due = System.nanoTime() - lastFlush >= FLUSH_INTERVAL_NANOS;
                    if (due || sink.pendingBytes() >= FLUSH_BYTES) {
                        flushBoth();
                        lastFlush = System.nanoTime();
                    }
                }
                flushBoth();
                lastFlush = System.nanoTime();
                if (stopping) {
                    return;
                }
                LockSupport.parkNanos(this, IDLE_WAIT_NANOS);
            }
        } catch (RuntimeException | Error e) {
            // A bug, not an I/O error (those are handled per batch). Stop taking rows so they do not pile up.
            closing.set(true);
            log.error("CSV writer stopped unexpectedly; rows from now on are not written", e);
        } finally {
            trades.close();
            performance.close();
            reportLosses();
        }
    }

    private void flushBoth() {
        trades.flush();
        performance.flush();
    }

    private void reportLosses() {
        long lostTrades = trades.lostRows();
        long lostPerformance = performance.lostRows();
        if (lostTrades + lostPerformance > 0) {
            log.warn("CSV export lost {} row(s) of {} and {} row(s) of {} because of write errors", lostTrades,
                    trades.path(), lostPerformance, performance.path());
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (java.io.IOException e) {
            // Fall back to comparing the paths; inspect() reports an unreadable file properly.
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** A queued row; values are formatted on the writer thread so the caller pays only for the allocation. */
    private sealed interface Row permits TradeRow, PerformanceRow {
        Object[] values();
    }

    private record TradeRow(long timestamp, BigDecimal price, long qty, String buyTrader, String sellTrader)
            implements Row {
        @Override
        public Object[] values() {
            return new Object[] {Long.toString(timestamp), plain(price), Long.toString(qty), buyTrader, sellTrader};
        }
    }

    private record PerformanceRow(long timestamp, String traderId, long position, BigDecimal cash,
                                  BigDecimal realizedPnl, BigDecimal totalEquity) implements Row {
        @Override
        public Object[] values() {
            return new Object[] {Long.toString(timestamp), traderId, Long.toString(position), plain(cash),
                    plain(realizedPnl), plain(totalEquity)};
        }
    }

    /** toPlainString keeps every digit and never switches to 1E+3; null becomes an empty cell. */
    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
