package org.bourse.exchange.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bourse.exchange.csv.CsvFiles.PERFORMANCE_HEADER;
import static org.bourse.exchange.csv.CsvFiles.TRADES_HEADER;
import static org.bourse.exchange.csv.CsvFiles.records;
import static org.bourse.exchange.csv.CsvFiles.text;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CsvExporterTest {

    @TempDir
    Path dir;

    private Path tradesCsv;
    private Path performanceCsv;

    @BeforeEach
    void paths() {
        tradesCsv = dir.resolve("trades.csv");
        performanceCsv = dir.resolve("performance.csv");
    }

    @Test
    void newFilesGetTheHeaderThenTheRows() throws Exception {
        try (CsvExporter exporter = CsvExporter.open(tradesCsv, performanceCsv)) {
            exporter.trade(1_700_000_000_123L, new BigDecimal("101.50"), 3, "alice", "bob");
            exporter.performance(1_700_000_000_124L, "alice", 3, new BigDecimal("-304.50"), BigDecimal.ZERO,
                    new BigDecimal("0.00"));
        }

        assertThat(text(tradesCsv)).isEqualTo(TRADES_HEADER + "\n1700000000123,101.50,3,alice,bob\n");
        assertThat(text(performanceCsv))
                .isEqualTo(PERFORMANCE_HEADER + "\n1700000000124,alice,3,-304.50,0,0.00\n");
    }

    @Test
    void newFilesGetTheHeaderEvenWithoutRows() throws Exception {
        CsvExporter.open(tradesCsv, performanceCsv).close();

        assertThat(text(tradesCsv)).isEqualTo(TRADES_HEADER + "\n");
        assertThat(text(performanceCsv)).isEqualTo(PERFORMANCE_HEADER + "\n");
    }

    @Test
    void emptyExistingFilesGetTheHeader() throws Exception {
        Files.createFile(tradesCsv);
        Files.createFile(performanceCsv);

        try (CsvExporter exporter = CsvExporter.open(tradesCsv, performanceCsv)) {
            exporter.trade(5, new BigDecimal("1"), 1, "a", "b");
        }

        assertThat(text(tradesCsv)).isEqualTo(TRADES_HEADER + "\n5,1,1,a,b\n");
        assertThat(text(performanceCsv)).isEqualTo(PERFORMANCE_HEADER + "\n");
    }

    @Test
    void reopeningAppendsWithoutASecondHeader() throws Exception {
        try (CsvExporter exporter = CsvExporter.open(tradesCsv, performanceCsv)) {
            exporter.trade(1, new BigDecimal("10"), 1, "a", "b");
        }
        try (CsvExporter exporter = CsvExporter.open(tradesCsv, performanceCsv)) {
            exporter.trade(2, new BigDecimal("11"), 2, "c", "d");
        }

        assertThat(text(tradesCsv)).isEqualTo(TRADES_HEADER + "\n1,10,1,a,b\n2,11,2,c,d\n");
        assertThat(text(performanceCsv)).isEqualTo(PERFORMANCE_HEADER + "\n");
    }

    @Test
    void appendsToAFileWithTheSameHeaderKeepingItsRows() throws Exception {
        byte[] before = (TRADES_HEADER + "\n1,99.9,4,x,y\n2,100,1,y,x\n").getBytes(StandardCharsets.UTF_8);
        Files.write(tradesCsv, before);

        try (CsvExporter exporter = CsvExporter.open(tradesCsv, performanceCsv)) {
            exporter.trade(3, new BigDecimal("100.1"), 7, "x", "z");
        }

        byte[] after = Files.readAllBytes(tradesCsv);
        assertThat(after).startsWith(before);
        assertThat(text(tradesCsv)).isEqualTo(TRADES_HEADER + "\n1,99.9,4,x,y\n2,100,1,y,x\n3,100.1,7,x,z\n");
    }

    @Test
    void rowAppendedToAFileWithoutFinalNewlineStartsOnItsOwnLine() throws Exception {
        Files.writeString(tradesCsv, TRADES_HEADER + "\n1,99.9,4,x,y");

        try (CsvExporter exporter = CsvExporter.open(tradesCsv, performanceCsv)) {
            exporter.trade(2, new BigDecimal("5"), 1, "p", "q");
        }

        assertThat(text(tradesCsv)).isEqualTo(TRADES_HEADER + "\n1,99.9,4,x,y\n2,5,1,p,q\n");
    }

    @Test
    void rowsReadBackExactlyAsWritten() throws Exception {
        BigDecimal[] prices = {
            new BigDecimal("10300.80"),
            new BigDecimal("0.1").add(new BigDecimal("0.2")),
            new BigDecimal("1E+3"),
            new BigDecimal("0.0000000001"),
            new BigDecimal("-123456789012345678901234567890.123456789"),
        };
        String[] expectedPrices = {"10300.80", "0.3", "1000", "0.0000000001",
            "-123456789012345678901234567890.123456789"};
        String[] traders = {"plain", "with,comma", "with \"quote\"", "two\nlines", " spaced ", "trader-é"};

        try (CsvExporter exporter = CsvExporter.open(tradesCsv, performanceCsv)) {
            for (int i = 0; i < prices.length; i++) {
                exporter.trade(1_700_000_000_000L + i, prices[i], i + 1, traders[i], traders[i + 1]);
                exporter.performance(1_700_000_000_000L + i, traders[i], -i, prices[i], prices[i].negate(),
                        prices[i].multiply(new BigDecimal("2")));
            }
        }

        List<CSVRecord> tradeRows = records(tradesCsv);
        List<CSVRecord> performanceRows = records(performanceCsv);
        assertThat(tradeRows).hasSize(prices.length);
        assertThat(performanceRows).hasSize(prices.length);
        for (int i = 0; i < prices.length; i++) {
            CSVRecord trade = tradeRows.get(i);
            assertThat(trade.get("timestamp")).isEqualTo(Long.toString(1_700_000_000_000L + i));
            assertThat(trade.get("price")).isEqualTo(expectedPrices[i]);
            assertThat(trade.get("qty")).isEqualTo(Integer.toString(i + 1));
            assertThat(trade.get("buy_trader")).isEqualTo(traders[i]);
            assertThat(trade.get("sell_trader")).isEqualTo(traders[i + 1]);

            CSVRecord performance = performanceRows.get(i);
            assertThat(performance.get("trader_id")).isEqualTo(traders[i]);
            assertThat(performance.get("position")).isEqualTo(Integer.toString(-i));
            // Same value; only 1E+3 comes back with another scale, as 1000.
            assertThat(new BigDecimal(performance.get("cash"))).isEqualByComparingTo(prices[i]);
            assertThat(performance.get("cash")).isEqualTo(expectedPrices[i]);
            assertThat(performance.get("realized_pnl")).isEqualTo(prices[i].negate().toPlainString());
            assertThat(performance.get("total_equity"))
                    .isEqualTo(prices[i].multiply(new BigDecimal("2")).toPlainString());
        }
        assertThat(text(tradesCsv)).doesNotContain("E+", "E-");
        // Values that need no quoting are not quoted, so simple tools can split on commas.
        assertThat(text(tradesCsv)).contains("\n1700000000000,10300.80,1,plain,\"with,comma\"\n");
    }

    @Test
    void aRowReachesTheDiskWithinASecondWithoutClose() throws Exception {
        try (CsvExporter exporter = CsvExporter.open(tradesCsv, performanceCsv)) {
            exporter.trade(42, new BigDecimal("7.25"), 9, "early", "bird");
            exporter.performance(42, "early", 9, new BigDecimal("-65.25"), BigDecimal.ZERO, BigDecimal.ZERO);

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                assertThat(text(tradesCsv)).endsWith("\n42,7.25,9,early,bird\n");
                assertThat(text(performanceCsv)).endsWith("\n42,early,9,-65.25,0,0\n");
            });

            // And again for a later row, so the first flush is not the only one.
            exporter.trade(43, new BigDecimal("7.50"), 1, "late", "bird");
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(text(tradesCsv)).endsWith("\n43,7.50,1,late,bird\n"));
        }
    }

    @Test
    @Timeout(60)
    void closeWritesAllRowsQueuedFromTwoThreads() throws Exception {
        int rowsPerThread = 100_000;
        CsvExporter exporter = CsvExporter.open(tradesCsv, performanceCsv);
        List<Thread> producers = new ArrayList<>();
        for (String trader : List.of("t0", "t1")) {
            Thread producer = new Thread(() -> {
                for (int i = 0; i < rowsPerThread; i++) {
                    exporter.trade(i, BigDecimal.valueOf(i, 2), i, trader, "other");
                }
            }, "producer-" + trader);
            producers.add(producer);
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join();
        }
        exporter.close();

        List<CSVRecord> rows = records(tradesCsv);
        assertThat(rows).hasSize(2 * rowsPerThread);
        // Each producer's rows are all there and in the order it queued them.
        for (String trader : List.of("t0", "t1")) {
            int expected = 0;
            for (CSVRecord row : rows) {
                if (row.get("buy_trader").equals(trader)) {
                    assertThat(row.get("timestamp")).isEqualTo(Integer.toString(expected));
                    assertThat(row.get("price")).isEqualTo(BigDecimal.valueOf(expected, 2).toPlainString());
                    expected++;
                }
            }
            assertThat(expected).isEqualTo(rowsPerThread);
        }
    }

    @Test
    @Timeout(60)
    void closeWhileRowsArriveKeepsEveryRowQueuedBeforeIt() throws Exception {
        CsvExporter exporter = CsvExporter.open(tradesCsv, performanceCsv);
        AtomicLong returned = new AtomicLong();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 500_000; i++) {
                exporter.performance(i, "busy", i, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE);
                returned.set(i + 1);
            }
        }, "producer");
        producer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> returned.get() >= 50_000);

        long queuedBeforeClose = returned.get();
        exporter.close();
        producer.join();

        List<CSVRecord> rows = records(performanceCsv);
        assertThat((long) rows.size()).isGreaterThanOrEqualTo(queuedBeforeClose);
        // No gaps: what was written is exactly the first rows queued.
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).get("timestamp")).isEqualTo(Integer.toString(i));
        }
        assertThat(rows.size() + exporter.ignoredRows()).isLessThanOrEqualTo(500_000);
    }

    @Test
    void closeIsIdempotent() throws Exception {
        CsvExporter exporter = CsvExporter.open(tradesCsv, performanceCsv);
        exporter.trade(1, BigDecimal.TEN, 1, "a", "b");
        Thread otherCloser = new Thread(exporter::close, "other-closer");
        otherCloser.start();
        exporter.close();
        otherCloser.join();
        String afterFirstClose = text(tradesCsv);

        exporter.close();

        assertThat(text(tradesCsv)).isEqualTo(afterFirstClose).isEqualTo(TRADES_HEADER + "\n1,10,1,a,b\n");
        assertThat(exporter.writerThread().isAlive()).isFalse();
    }

    @Test
    void rowsAfterCloseAreIgnoredWithoutException() throws Exception {
        CsvExporter exporter = CsvExporter.open(tradesCsv, performanceCsv);
        exporter.trade(1, BigDecimal.TEN, 1, "a", "b");
        exporter.close();
        byte[] trades = Files.readAllBytes(tradesCsv);
        byte[] performance = Files.readAllBytes(performanceCsv);

        exporter.trade(2, BigDecimal.ONE, 1, "late", "b");
        exporter.performance(2, "late", 1, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);

        assertThat(exporter.ignoredRows()).isEqualTo(2);
        assertThat(Files.readAllBytes(tradesCsv)).isEqualTo(trades);
        assertThat(Files.readAllBytes(performanceCsv)).isEqualTo(performance);
    }

    @Test
    void writesOnItsOwnNonDaemonThreadThatEndsOnClose() throws Exception {
        CsvExporter exporter = CsvExporter.open(tradesCsv, performanceCsv);
        Thread writer = exporter.writerThread();
        assertThat(writer.getName()).isEqualTo("csv-writer");
        assertThat(writer.isDaemon()).isFalse();
        assertThat(writer.isAlive()).isTrue();
        assertThat(exporter.tradesFile()).isEqualTo(tradesCsv);
        assertThat(exporter.performanceFile()).isEqualTo(performanceCsv);

        exporter.close();

        assertThat(writer.isAlive()).isFalse();
    }
}
