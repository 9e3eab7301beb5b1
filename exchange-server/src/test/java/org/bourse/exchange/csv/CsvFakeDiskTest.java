package org.bourse.exchange.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bourse.exchange.csv.CsvFiles.TRADES_HEADER;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A full or stalled disk cannot be produced on demand, so these tests put a channel under the exporter that
 * fails or blocks when told to.
 */
class CsvFakeDiskTest {

    private final FakeDisk tradesChannel = new FakeDisk();
    private final FakeDisk performanceChannel = new FakeDisk();

    private CsvExporter start() throws IOException {
        return CsvExporter.start(
                new CsvSink(Path.of("trades.csv"), CsvKind.TRADES, tradesChannel, true, false),
                new CsvSink(Path.of("performance.csv"), CsvKind.PERFORMANCE, performanceChannel, true, false));
    }

    @Test
    void rowsThatCannotBeWrittenAreCountedAndLaterRowsStillWritten() throws Exception {
        CsvExporter exporter = start();
        exporter.trade(1, BigDecimal.ONE, 1, "a", "b");
        awaitContent(tradesChannel, TRADES_HEADER + "\n1,1,1,a,b\n");

        tradesChannel.failAfter(0);
        exporter.trade(2, BigDecimal.ONE, 1, "lost", "b");
        exporter.trade(3, BigDecimal.ONE, 1, "lost", "b");
        await().atMost(Duration.ofSeconds(2)).until(() -> exporter.lostRows() == 2);

        tradesChannel.heal();
        exporter.trade(4, BigDecimal.TEN, 1, "a", "b");
        exporter.close();

        assertThat(tradesChannel.content()).isEqualTo(TRADES_HEADER + "\n1,1,1,a,b\n4,10,1,a,b\n");
        assertThat(exporter.lostRows()).isEqualTo(2);
        assertThat(performanceChannel.closed).isTrue();
        assertThat(tradesChannel.closed).isTrue();
    }

    @Test
    void aRowCutShortByAFailureDoesNotSwallowTheNextOne() throws Exception {
        CsvExporter exporter = start();
        String written = "2,1,1,whole,b\n";
        // The first row fits, the next one is cut after three bytes, whether they go in one batch or two.
        tradesChannel.failAfter(TRADES_HEADER.length() + 1 + written.length() + 3);
        exporter.trade(2, BigDecimal.ONE, 1, "whole", "b");
        exporter.trade(3, BigDecimal.ONE, 1, "cut", "b");
        await().atMost(Duration.ofSeconds(2)).until(() -> exporter.lostRows() == 1);

        tradesChannel.heal();
        exporter.trade(4, BigDecimal.ONE, 1, "next", "b");
        exporter.close();

        assertThat(tradesChannel.content()).isEqualTo(TRADES_HEADER + "\n" + written + "3,1\n4,1,1,next,b\n");
        assertThat(exporter.lostRows()).isEqualTo(1);
    }

    @Test
    void rowsLostAtCloseAreCounted() throws Exception {
        CsvExporter exporter = start();
        performanceChannel.failAfter(0);
        exporter.performance(1, "a", 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);
        exporter.close();

        assertThat(exporter.lostRows()).isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void closeWritesRowsStillQueuedBehindAStalledDisk() throws Exception {
        CsvExporter exporter = start();
        tradesChannel.stall();
        exporter.trade(0, BigDecimal.ONE, 1, "first", "b");
        await().atMost(Duration.ofSeconds(2)).until(tradesChannel::isStalledWriter);

        // The writer is stuck in the first write, so all of these are still queued when close() is called.
        int rowsPerThread = 50_000;
        List<Thread> producers = new ArrayList<>();
        for (String trader : List.of("t0", "t1")) {
            Thread producer = new Thread(() -> {
                for (int i = 1; i <= rowsPerThread; i++) {
                    exporter.trade(i, BigDecimal.ONE, 1, trader, "b");
                }
            });
            producers.add(producer);
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join();
        }
        Thread closer = new Thread(exporter::close, "closer");
        closer.start();
        closer.join(200);
        assertThat(closer.isAlive()).as("close() waits for the writer").isTrue();

        tradesChannel.resume();
        closer.join();

        long rows = tradesChannel.content().lines().count() - 1;
        assertThat(rows).isEqualTo(1 + 2L * rowsPerThread);
        assertThat(exporter.lostRows()).isZero();
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
