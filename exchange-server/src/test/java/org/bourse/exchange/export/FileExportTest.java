package org.bourse.exchange.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bourse.exchange.export.CsvFiles.PERFORMANCE_HEADER;
import static org.bourse.exchange.export.CsvFiles.TRADES_HEADER;
import static org.bourse.exchange.export.CsvFiles.records;
import static org.bourse.exchange.export.CsvFiles.text;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.bourse.protocol.SessionHash;
import org.bourse.protocol.TickScale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileExportTest {

    @TempDir
    Path dir;

    private Path tradesCsv;
    private Path performanceCsv;
    private Path eventsFile;

    @BeforeEach
    void paths() {
        tradesCsv = dir.resolve("trades.csv");
        performanceCsv = dir.resolve("performance.csv");
        eventsFile = dir.resolve("events.jsonl");
    }

    private FileExport open() throws ExportException {
        return FileExport.open(new FileExport.Paths(tradesCsv, performanceCsv, null), TickScale.cents(), false,
                false, 0);
    }

    @Test
    void newFilesGetTheHeaderThenTheRows() throws Exception {
        try (FileExport export = open()) {
            export.trade(1_700_000_000_123L, 10_150, 3, "alice", "bob");
            export.performance(1_700_000_000_124L, "alice", 3, -30_450, 0, 0);
            export.commit();
        }

        assertThat(text(tradesCsv)).isEqualTo(TRADES_HEADER + "\n1700000000123,101.50,3,alice,bob\n");
        assertThat(text(performanceCsv))
                .isEqualTo(PERFORMANCE_HEADER + "\n1700000000124,alice,3,-304.50,0.00,0.00\n");
    }

    @Test
    void newFilesGetTheHeaderEvenWithoutRows() throws Exception {
        open().close();

        assertThat(text(tradesCsv)).isEqualTo(TRADES_HEADER + "\n");
        assertThat(text(performanceCsv)).isEqualTo(PERFORMANCE_HEADER + "\n");
    }

    @Test
    void rowsReachNoFileBeforeTheirBatchIsCommitted() throws Exception {
        FileExport export = open();
        export.trade(1, 100, 1, "committed", "b");
        export.commit();
        export.trade(2, 100, 1, "discarded", "b");
        export.discard();
        export.trade(3, 100, 1, "never committed", "b");
        export.close();

        assertThat(text(tradesCsv)).isEqualTo(TRADES_HEADER + "\n1,1.00,1,committed,b\n");
    }

    @Test
    void rowsReadBackExactlyAsWrittenWhateverTheTickAndTheValues() throws Exception {
        long[] units = {10_300_80, 0, 1, -1, -5, 99, 100, -100_000, 123_456_789_012_345L, Long.MAX_VALUE,
            Long.MIN_VALUE, Long.MAX_VALUE / 3};
        String[] traders = {"plain", "with,comma", "with \"quote\"", "two\nlines", " spaced ", "trader-é", "#hash"};
        for (String tick : new String[] {"0.01", "0.05", "1", "10", "0.0001", "0.25"}) {
            TickScale scale = new TickScale(new BigDecimal(tick));
            try (FileExport export = FileExport.open(new FileExport.Paths(tradesCsv, performanceCsv, null), scale,
                    false, true, 0)) {
                for (int i = 0; i < units.length; i++) {
                    export.trade(1_700_000_000_000L + i, units[i], i + 1, traders[i % traders.length],
                            traders[(i + 1) % traders.length]);
                    export.performance(-i, traders[i % traders.length], -i, units[i], -units[i] / 2, units[i] / 7);
                }
                export.commit();
            }

            List<CSVRecord> tradeRows = records(tradesCsv);
            List<CSVRecord> performanceRows = records(performanceCsv);
            assertThat(tradeRows).hasSize(units.length);
            for (int i = 0; i < units.length; i++) {
                CSVRecord trade = tradeRows.get(i);
                assertThat(trade.get("timestamp")).isEqualTo(Long.toString(1_700_000_000_000L + i));
                assertThat(trade.get("price")).isEqualTo(scale.decimal(units[i]).toPlainString());
                assertThat(trade.get("qty")).isEqualTo(Integer.toString(i + 1));
                assertThat(trade.get("buy_trader")).isEqualTo(traders[i % traders.length]);
                assertThat(trade.get("sell_trader")).isEqualTo(traders[(i + 1) % traders.length]);

                CSVRecord performance = performanceRows.get(i);
                assertThat(performance.get("timestamp")).isEqualTo(Long.toString(-i));
                assertThat(performance.get("trader_id")).isEqualTo(traders[i % traders.length]);
                assertThat(performance.get("position")).isEqualTo(Integer.toString(-i));
                assertThat(performance.get("cash")).isEqualTo(scale.decimal(units[i]).toPlainString());
                assertThat(performance.get("realized_pnl")).isEqualTo(scale.decimal(-units[i] / 2).toPlainString());
                assertThat(performance.get("total_equity")).isEqualTo(scale.decimal(units[i] / 7).toPlainString());
            }
            assertThat(text(tradesCsv)).doesNotContain("E+", "E-");
        }
        // Values that need no quoting are not quoted, so simple tools can split on commas.
        assertThat(text(tradesCsv)).contains("\n1700000000000,257520.00,1,plain,\"with,comma\"\n");
    }

    @Test
    void aCommittedRowReachesTheDiskWithinASecondWithoutClose() throws Exception {
        try (FileExport export = open()) {
            export.trade(42, 725, 9, "early", "bird");
            export.performance(42, "early", 9, -6_525, 0, 0);
            export.commit();

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                assertThat(text(tradesCsv)).endsWith("\n42,7.25,9,early,bird\n");
                assertThat(text(performanceCsv)).endsWith("\n42,early,9,-65.25,0.00,0.00\n");
            });

            // And again for a later row, so the first flush is not the only one.
            export.trade(43, 750, 1, "late", "bird");
            export.commit();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(text(tradesCsv)).endsWith("\n43,7.50,1,late,bird\n"));
        }
    }

    @Test
    @Timeout(60)
    void closeWritesEveryCommittedBatchInOrder() throws Exception {
        FileExport export = open();
        for (int i = 0; i < 200_000; i++) {
            export.trade(i, i, i, "t", "other");
            if (i % 7 == 0) {
                export.commit();
            }
        }
        export.commit();
        export.close();

        List<CSVRecord> rows = records(tradesCsv);
        assertThat(rows).hasSize(200_000);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).get("timestamp")).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    @Timeout(60)
    void aBoundedHandOffWaitsForTheWriterAndLosesNothing() throws Exception {
        FileExport export = FileExport.open(new FileExport.Paths(tradesCsv, performanceCsv, null),
                TickScale.cents(), false, false, 2);
        for (int i = 0; i < 100_000; i++) {
            export.performance(i, "busy", i, 100, 0, 100);
            export.commit(); // one row per batch: the bound of 2 is hit all the time
        }
        export.close();

        List<CSVRecord> rows = records(performanceCsv);
        assertThat(rows).hasSize(100_000);
        assertThat(rows.get(99_999).get("position")).isEqualTo("99999");
    }

    @Test
    void eventsGoOnePerLineAndTheSessionHashIsTheFilesHash() throws Exception {
        List<String> events = List.of("{\"type\":\"trade\",\"seq\":1,\"price\":100.00}",
                "{\"type\":\"book_update\",\"seq\":2,\"bids\":[[99.99,3]]}", "{\"type\":\"x\",\"trader\":\"é\"}");
        FileExport export = FileExport.open(new FileExport.Paths(tradesCsv, performanceCsv, eventsFile),
                TickScale.cents(), false, false, 0);
        assertThat(export.recordsEvents()).isTrue();
        events.forEach(event -> export.event(event.getBytes(StandardCharsets.UTF_8)));
        export.commit();
        export.close();

        assertThat(text(eventsFile)).isEqualTo(String.join("\n", events) + "\n");
        assertThat(export.sessionHash()).isEqualTo(SessionHash.ofFile(eventsFile)).isEqualTo(SessionHash.of(events))
                .hasSize(64);
    }

    @Test
    void theHashIsComputedWithoutAnEventsFileWhenAsked() throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            events.add("{\"type\":\"trading_status\",\"seq\":" + i + "}");
        }
        FileExport export = FileExport.open(new FileExport.Paths(tradesCsv, performanceCsv, null),
                TickScale.cents(), true, false, 0);
        events.forEach(event -> export.event(event.getBytes(StandardCharsets.UTF_8)));
        export.commit();
        assertThat(export.sessionHash()).as("not before close").isNull();
        export.close();

        assertThat(export.sessionHash()).isEqualTo(SessionHash.of(events));
        assertThat(export.eventsFile()).isNull();
    }

    @Test
    void withoutEventsFileOrHashNoEventsAreRecorded() throws Exception {
        FileExport export = open();
        assertThat(export.recordsEvents()).isFalse();
        export.close();
        assertThat(export.sessionHash()).isNull();
    }

    @Test
    void closeIsIdempotent() throws Exception {
        FileExport export = open();
        export.trade(1, 1_000, 1, "a", "b");
        export.commit();
        Thread otherCloser = new Thread(export::close, "other-closer");
        otherCloser.start();
        export.close();
        otherCloser.join();
        String afterFirstClose = text(tradesCsv);

        export.close();

        assertThat(text(tradesCsv)).isEqualTo(afterFirstClose).isEqualTo(TRADES_HEADER + "\n1,10.00,1,a,b\n");
        assertThat(export.writerThread().isAlive()).isFalse();
    }

    @Test
    void rowsCommittedAfterCloseAreDroppedWithoutException() throws Exception {
        FileExport export = open();
        export.close();

        export.trade(2, 100, 1, "late", "b");
        export.commit();

        assertThat(text(tradesCsv)).isEqualTo(TRADES_HEADER + "\n");
    }

    @Test
    void writesOnItsOwnNonDaemonThreadThatEndsOnClose() throws Exception {
        FileExport export = open();
        Thread writer = export.writerThread();
        assertThat(writer.getName()).isEqualTo("file-writer");
        assertThat(writer.isDaemon()).isFalse();
        assertThat(writer.isAlive()).isTrue();
        assertThat(export.tradesFile()).isEqualTo(tradesCsv);
        assertThat(export.performanceFile()).isEqualTo(performanceCsv);

        export.close();

        assertThat(writer.isAlive()).isFalse();
    }
}
