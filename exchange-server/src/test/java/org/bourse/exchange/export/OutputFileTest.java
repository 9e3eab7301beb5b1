package org.bourse.exchange.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bourse.exchange.export.CsvFiles.PERFORMANCE_HEADER;
import static org.bourse.exchange.export.CsvFiles.TRADES_HEADER;
import static org.bourse.exchange.export.CsvFiles.text;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bourse.protocol.TickScale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which paths the files may be written to, and what happens to files an earlier run left there. */
class OutputFileTest {

    @TempDir
    Path dir;

    private Path tradesCsv;
    private Path performanceCsv;
    private Path events;

    @BeforeEach
    void paths() {
        tradesCsv = dir.resolve("trades.csv");
        performanceCsv = dir.resolve("performance.csv");
        events = dir.resolve("events.jsonl");
    }

    private FileExport open(boolean rewrite) throws ExportException {
        return FileExport.open(new FileExport.Paths(tradesCsv, performanceCsv, events), TickScale.cents(), false, rewrite, 0);
    }

    @Test
    void anEarlierRunsFilesAreKeptAsideNeverAppendedTo() throws Exception {
        Files.writeString(tradesCsv, TRADES_HEADER + "\n1,100.00,5,a,b\n");
        Files.writeString(performanceCsv, "someone else's file\n");
        Files.writeString(events, "{\"type\":\"trade\"}\n");

        try (FileExport export = open(false)) {
            export.trade(2, 9_900, 1, "c", "d");
            export.commit();
        }

        assertThat(text(dir.resolve("trades.1.csv"))).isEqualTo(TRADES_HEADER + "\n1,100.00,5,a,b\n");
        assertThat(text(dir.resolve("performance.1.csv"))).isEqualTo("someone else's file\n");
        assertThat(text(dir.resolve("events.1.jsonl"))).isEqualTo("{\"type\":\"trade\"}\n");
        assertThat(text(tradesCsv)).isEqualTo(TRADES_HEADER + "\n2,99.00,1,c,d\n");
        assertThat(text(performanceCsv)).isEqualTo(PERFORMANCE_HEADER + "\n");
        assertThat(events).isEmptyFile();

        open(false).close();
        assertThat(dir.resolve("trades.2.csv")).hasContent(TRADES_HEADER + "\n2,99.00,1,c,d");
    }

    @Test
    void emptyFilesAreSimplyReused() throws Exception {
        Files.createFile(tradesCsv);

        open(false).close();

        assertThat(text(tradesCsv)).isEqualTo(TRADES_HEADER + "\n");
        assertThat(dir.resolve("trades.1.csv")).doesNotExist();
    }

    @Test
    void recoveryRewritesItsOwnFilesAndKeepsOthersAside() throws Exception {
        Files.writeString(tradesCsv, TRADES_HEADER + "\n1,100.00,5,a,b\n");
        Files.writeString(performanceCsv, "a,b\n1,2\n");
        Files.writeString(events, "{\"type\":\"book_update\"}\n");

        open(true).close();

        assertThat(text(tradesCsv)).isEqualTo(TRADES_HEADER + "\n");
        assertThat(dir.resolve("trades.1.csv")).doesNotExist();
        assertThat(text(dir.resolve("performance.1.csv"))).isEqualTo("a,b\n1,2\n");
        assertThat(events).isEmptyFile();
        assertThat(dir.resolve("events.1.jsonl")).doesNotExist();
    }

    @Test
    void aDirectoryIsRefusedAndNothingIsCreated() throws Exception {
        Files.createDirectory(performanceCsv);

        assertThatThrownBy(() -> open(false))
                .isInstanceOf(ExportException.class)
                .hasMessage(performanceCsv + " is a directory, not a file: pass --performance-csv with the path"
                        + " of a file");
        assertThat(tradesCsv).doesNotExist();
        assertThat(events).doesNotExist();
    }

    @Test
    void aMissingParentDirectoryIsRefused() {
        Path nowhere = dir.resolve("no-such-dir").resolve("trades.csv");

        assertThatThrownBy(() -> FileExport.open(new FileExport.Paths(nowhere, performanceCsv, null), TickScale.cents(), false, false,
                0))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining(nowhere.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("--trades-csv");
        assertThat(nowhere.getParent()).doesNotExist();
        assertThat(performanceCsv).doesNotExist();
    }

    @Test
    void twoOutputsOnOneFileAreRefused() {
        assertThatThrownBy(() -> FileExport.open(new FileExport.Paths(tradesCsv, performanceCsv,
                dir.resolve(".").resolve("trades.csv")), TickScale.cents(), false, false, 0))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("two outputs point to " + dir.resolve(".").resolve("trades.csv"));
        assertThat(tradesCsv).doesNotExist();
    }

    @Test
    void somethingThatIsNotARegularFileIsRefused() throws Exception {
        Path link = dir.resolve("loop");
        Files.createSymbolicLink(link, link); // a link to itself: neither a file nor a directory

        assertThatThrownBy(() -> FileExport.open(new FileExport.Paths(link, performanceCsv, null), TickScale.cents(), false, false, 0))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining(link.toString())
                .hasMessageContaining("--trades-csv");
    }
}
