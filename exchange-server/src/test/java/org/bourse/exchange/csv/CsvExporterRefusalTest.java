package org.bourse.exchange.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.bourse.exchange.csv.CsvFiles.PERFORMANCE_HEADER;
import static org.bourse.exchange.csv.CsvFiles.TRADES_HEADER;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExporterRefusalTest {

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
    void tradesFileWithAnotherHeaderIsRefusedAndNothingIsWritten() throws Exception {
        byte[] before = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Files.write(tradesCsv, before);

        assertThatThrownBy(() -> CsvExporter.open(tradesCsv, performanceCsv))
                .isInstanceOf(CsvExportException.class)
                .hasMessage(tradesCsv + " has header 'a,b' but Bourse writes '" + TRADES_HEADER
                        + "': move the file away or pass --trades-csv with another path");

        assertThat(Files.readAllBytes(tradesCsv)).isEqualTo(before);
        assertThat(performanceCsv).doesNotExist();
    }

    @Test
    void performanceFileWithAnotherHeaderIsRefusedAndNewTradesFileIsNotCreated() throws Exception {
        // The trades header, in the wrong file: a plausible mix-up.
        byte[] before = (TRADES_HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(performanceCsv, before);

        assertThatThrownBy(() -> CsvExporter.open(tradesCsv, performanceCsv))
                .isInstanceOf(CsvExportException.class)
                .hasMessageContaining(performanceCsv.toString())
                .hasMessageContaining("'" + PERFORMANCE_HEADER + "'")
                .hasMessageContaining("--performance-csv");

        assertThat(Files.readAllBytes(performanceCsv)).isEqualTo(before);
        assertThat(tradesCsv).doesNotExist();
    }

    @Test
    void refusedPerformanceFileLeavesExistingTradesFilesUntouched() throws Exception {
        Files.writeString(performanceCsv, "timestamp,trader_id,position\n");
        byte[] trades = (TRADES_HEADER + "\n1,2,3,a,b").getBytes(StandardCharsets.UTF_8);
        Files.write(tradesCsv, trades);

        assertThatThrownBy(() -> CsvExporter.open(tradesCsv, performanceCsv))
                .isInstanceOf(CsvExportException.class);
        assertThat(Files.readAllBytes(tradesCsv)).isEqualTo(trades);

        Files.write(tradesCsv, new byte[0]);
        assertThatThrownBy(() -> CsvExporter.open(tradesCsv, performanceCsv))
                .isInstanceOf(CsvExportException.class);
        assertThat(Files.size(tradesCsv)).isZero();
    }

    @Test
    void headerWithTheSameColumnsInAnotherOrderIsRefused() throws Exception {
        Files.writeString(tradesCsv, "timestamp,qty,price,buy_trader,sell_trader\n");

        assertThatThrownBy(() -> CsvExporter.open(tradesCsv, performanceCsv))
                .isInstanceOf(CsvExportException.class)
                .hasMessageContaining("has header 'timestamp,qty,price,buy_trader,sell_trader'");
    }

    @Test
    void headerSavedWithCrlfAndByteOrderMarkIsAccepted() throws Exception {
        Files.writeString(tradesCsv, "\uFEFF" + TRADES_HEADER + "\r\n1,2,3,a,b\r\n");

        CsvExporter.open(tradesCsv, performanceCsv).close();

        assertThat(CsvFiles.records(tradesCsv)).hasSize(1);
    }

    @Test
    void directoryIsRefused() throws Exception {
        Files.createDirectory(performanceCsv);

        assertThatThrownBy(() -> CsvExporter.open(tradesCsv, performanceCsv))
                .isInstanceOf(CsvExportException.class)
                .hasMessage(performanceCsv + " is a directory, not a file: pass --performance-csv with the path"
                        + " of a file");
        assertThat(tradesCsv).doesNotExist();
    }

    @Test
    void missingParentDirectoryIsRefused() {
        Path nowhere = dir.resolve("no-such-dir").resolve("trades.csv");

        assertThatThrownBy(() -> CsvExporter.open(nowhere, performanceCsv))
                .isInstanceOf(CsvExportException.class)
                .hasMessageContaining(nowhere.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("--trades-csv");
        assertThat(nowhere.getParent()).doesNotExist();
        assertThat(performanceCsv).doesNotExist();
    }

    @Test
    void theSameFileForBothIsRefused() {
        assertThatThrownBy(() -> CsvExporter.open(tradesCsv, dir.resolve(".").resolve("trades.csv")))
                .isInstanceOf(CsvExportException.class)
                .hasMessageContaining("both point to " + tradesCsv);
        assertThat(tradesCsv).doesNotExist();
    }

    @Test
    void readOnlyFileIsRefused() throws Exception {
        Files.writeString(tradesCsv, TRADES_HEADER + "\n");
        Files.setPosixFilePermissions(tradesCsv, PosixFilePermissions.fromString("r--r--r--"));
        // root writes to read-only files anyway, so there is nothing to refuse there.
        assumeThat(Files.isWritable(tradesCsv)).as("running as a user who honours file permissions").isFalse();

        assertThatThrownBy(() -> CsvExporter.open(tradesCsv, performanceCsv))
                .isInstanceOf(CsvExportException.class)
                .hasMessage("Cannot read and write " + tradesCsv
                        + ": fix its permissions or pass --trades-csv with another path");
        assertThat(performanceCsv).doesNotExist();
    }

    @Test
    void messagesAreOneLineEvenForABinaryFile() throws Exception {
        Files.write(tradesCsv, new byte[] {0, 1, 2, '\r', 3, '\t', 'x', '\n', 'y'});

        assertThatThrownBy(() -> CsvExporter.open(tradesCsv, performanceCsv))
                .isInstanceOf(CsvExportException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("\\p{Cntrl}"));
    }

    /**
     * open() undoes the trades file when the performance file fails only after passing inspection (a race or
     * an I/O error), which a test cannot provoke through open(); so this checks the undo step itself.
     */
    @Test
    void undoLeavesThePathAsInspectionFoundIt() throws Exception {
        CsvTarget created = CsvTarget.inspect(tradesCsv, CsvKind.TRADES);
        created.openSink().close();
        assertThat(tradesCsv).hasContent(TRADES_HEADER);
        created.undo();
        assertThat(tradesCsv).doesNotExist();

        Files.createFile(performanceCsv);
        CsvTarget empty = CsvTarget.inspect(performanceCsv, CsvKind.PERFORMANCE);
        empty.openSink().close();
        assertThat(Files.size(performanceCsv)).isPositive();
        empty.undo();
        assertThat(Files.size(performanceCsv)).isZero();

        byte[] rows = (TRADES_HEADER + "\n1,2,3,a,b\n").getBytes(StandardCharsets.UTF_8);
        Files.write(tradesCsv, rows);
        CsvTarget withRows = CsvTarget.inspect(tradesCsv, CsvKind.TRADES);
        withRows.openSink().close();
        withRows.undo();
        assertThat(Files.readAllBytes(tradesCsv)).isEqualTo(rows);
    }
}
