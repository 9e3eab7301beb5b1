package org.bourse.exchange.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bourse.exchange.export.CsvFiles.TRADES_HEADER;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.bourse.protocol.TickScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A full or stalled disk cannot be produced on demand, so these tests put a channel under the exporter that
 * fails or blocks when told to.
 */
class FileExportFakeDiskTest {

    private final FakeDisk tradesChannel = new FakeDisk();
    private final FakeDisk performanceChannel = new FakeDisk();

    private FileExport start() throws IOException {
        FileSink trades = new FileSink(Path.of("trades.csv"), tradesChannel);
        trades.writeNow(new CsvLines().header(CsvKind.TRADES));
        FileSink performance = new FileSink(Path.of("performance.csv"), performanceChannel);
        performance.writeNow(new CsvLines().header(CsvKind.PERFORMANCE));
        return FileExport.start(trades, performance, null, new TickScale(BigDecimal.ONE), false, 0);
    }

    private static void trade(FileExport export, long timestamp, long price, String buyer) {
        export.trade(timestamp, price, 1, buyer, "b");
        export.commit();
    }

    @Test
    void rowsThatCannotBeWrittenAreCountedAndLaterRowsStillWritten() throws Exception {
        FileExport exporter = start();
        trade(exporter, 1, 1, "a");
        awaitContent(tradesChannel, TRADES_HEADER + "\n1,1,1,a,b\n");

        tradesChannel.failAfter(0);
        trade(exporter, 2, 1, "lost");
        trade(exporter, 3, 1, "lost");
        await().atMost(Duration.ofSeconds(2)).until(() -> exporter.lostLines() == 2);

        tradesChannel.heal();
        trade(exporter, 4, 10, "a");
        exporter.close();

        assertThat(tradesChannel.content()).isEqualTo(TRADES_HEADER + "\n1,1,1,a,b\n4,10,1,a,b\n");
        assertThat(exporter.lostLines()).isEqualTo(2);
        assertThat(performanceChannel.closed).isTrue();
        assertThat(tradesChannel.closed).isTrue();
    }

    @Test
    void aRowCutShortByAFailureDoesNotSwallowTheNextOne() throws Exception {
        FileExport exporter = start();
        String written = "2,1,1,whole,b\n";
        // The first row fits, the next one is cut after three bytes, whether they go in one batch or two.
        tradesChannel.failAfter(TRADES_HEADER.length() + 1 + written.length() + 3);
        trade(exporter, 2, 1, "whole");
        trade(exporter, 3, 1, "cut");
        await().atMost(Duration.ofSeconds(2)).until(() -> exporter.lostLines() == 1);

        tradesChannel.heal();
        trade(exporter, 4, 1, "next");
        exporter.close();

        assertThat(tradesChannel.content()).isEqualTo(TRADES_HEADER + "\n" + written + "3,1\n4,1,1,next,b\n");
        assertThat(exporter.lostLines()).isEqualTo(1);
    }

    @Test
    void rowsLostAtCloseAreCounted() throws Exception {
        FileExport exporter = start();
        performanceChannel.failAfter(0);
        exporter.performance(1, "a", 1, 1, 1, 1);
        exporter.commit();
        exporter.close();

        assertThat(exporter.lostLines()).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void closeWritesRowsStillQueuedBehindAStalledDisk() throws Exception {
        FileExport exporter = start();
        tradesChannel.stall();
        trade(exporter, 0, 1, "first");
        await().atMost(Duration.ofSeconds(2)).until(tradesChannel::isStalledWriter);

        // The writer is stuck in the first write, so all of these are still queued when close() is called.
        int rows = 100_000;
        for (int i = 1; i <= rows; i++) {
            exporter.trade(i, 1, 1, "t", "b");
            if (i % 100 == 0) {
                exporter.commit();
            }
        }
        Thread closer = new Thread(exporter::close, "closer");
        closer.start();
        closer.join(200);
        assertThat(closer.isAlive()).as("close() waits for the writer").isTrue();

        tradesChannel.resume();
        closer.join();

        assertThat(tradesChannel.content().lines().count() - 1).isEqualTo(1 + rows);
        assertThat(exporter.lostLines()).isZero();
    }

    private static void awaitContent(FakeDisk channel, String expected) {
        await().atMost(Duration.ofSeconds(2)).until(() -> channel.content().equals(expected));
    }

    /** Accepts bytes until a budget set by the test runs out, then fails like a full disk. */
    private static final class FakeDisk implements WritableByteChannel {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private long budget = Long.MAX_VALUE;
        private boolean stalled;
        private boolean writerWaiting;
        volatile boolean closed;

        synchronized void stall() {
            stalled = true;
        }

        synchronized void resume() {
            stalled = false;
            notifyAll();
        }

        synchronized boolean isStalledWriter() {
            return writerWaiting;
        }

        synchronized void failAfter(long totalBytes) {
            budget = totalBytes - bytes.size();
        }

        synchronized void heal() {
            budget = Long.MAX_VALUE;
        }

        synchronized String content() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        @Override
        public synchronized int write(ByteBuffer source) throws IOException {
            while (stalled) {
                writerWaiting = true;
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            writerWaiting = false;
            if (closed) {
                throw new ClosedChannelException();
            }
            if (budget <= 0) {
                throw new IOException("No space left on device");
            }
            int count = (int) Math.min(source.remaining(), budget);
            byte[] chunk = new byte[count];
            source.get(chunk);
            bytes.write(chunk, 0, count);
            budget -= count;
            return count;
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
