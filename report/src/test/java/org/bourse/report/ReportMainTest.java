package org.bourse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bourse.cli.Commands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code report} command on a real run, on a folder with only CSVs, and on folders it cannot use. */
class ReportMainTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path run;

    @BeforeAll
    static void record() throws Exception {
        run = RecordedRun.record(shared.resolve("run"));
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result report(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Commands.execute(new ReportMain(), args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    @Test
    void writesTheReportAndSaysWhereWithAFileUrl() throws Exception {
        Result result = report(run.toString());
        Path file = run.resolve("report.html").toAbsolutePath();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Report: " + file, file.toUri().toString())
                .doesNotContain("bourse report: note: no journal");
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("connect-src 'none'")
                .doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("</script>\n</script>");
        // the events are inlined exactly as the file has them
        assertThat(html).contains(Files.readAllLines(run.resolve(RunFolder.EVENTS)).get(0));
    }

    @Test
    void theSameFilesGiveTheSameBytes() throws Exception {
        Path first = dir.resolve("first.html");
        Path second = dir.resolve("second.html");
        assertThat(report(run.toString(), "--output", first.toString()).exitCode()).isZero();
        assertThat(report(run.toString(), "--output", second.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void aFolderWithOnlyTheCsvFilesGetsWhatTheyTellAndSaysWhatIsMissing() throws Exception {
        Path old = dir.resolve("old-run");
        Files.createDirectories(old);
        Files.copy(run.resolve("trades.csv"), old.resolve("trades.csv"));
        Files.copy(run.resolve("performance.csv"), old.resolve("performance.csv"));

        Result result = report(old.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("bourse report: note: no events.jsonl in this folder", "no replay",
                "starting cash is assumed to be 10000.00", "bourse report: note: no journal in this folder");
        String html = Files.readString(old.resolve("report.html"));
        assertThat(html).contains("\"events\":null").contains("\"maker_share\":\"n/a\"")
                .contains("\"trader\":\"maker_1\"");
    }

    @Test
    void aBrokenFundamentalIsANoteAndTheReportIsMadeWithoutIt() throws Exception {
        Path cut = dir.resolve("cut-run");
        Files.createDirectories(cut);
        for (String file : List.of(RunFolder.EVENTS, RunFolder.TRADES, RunFolder.PERFORMANCE)) {
            Files.copy(run.resolve(file), cut.resolve(file));
        }
        Files.writeString(cut.resolve(RunFolder.FUNDAMENTAL), "timestamp,fundamental\n1000,100.00\n2000,abc\n");

        Result result = report(cut.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("report: note: " + cut.resolve(RunFolder.FUNDAMENTAL)
                + " line 3 is not a timestamp and a value: 2000,abc: the report has no fundamental value");
        assertThat(Files.readString(cut.resolve("report.html"))).contains("\"fundamental\":null");
    }

    @Test
    void aFolderThatIsNotARunIsOneLineAndExit2() throws Exception {
        Result missing = report(dir.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("bourse report: " + dir.resolve("nowhere")
                + " is not a folder: give the run folder of a session (runs/<date-time>)");

        Result empty = report(dir.toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err().strip()).doesNotContain("\n").contains("has no events.jsonl, trades.csv or "
                + "performance.csv");

        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve(RunFolder.EVENTS), "{\"type\":\"trade\",\"seq\":1}\nnot json\n");
        Result bad = report(broken.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("line 1 is not an event");
        Files.writeString(broken.resolve(RunFolder.EVENTS), "{\"type\":\"trading_status\",\"seq\":1,"
                + "\"halted\":true,\"timestamp\":1}\nnot json\n");
        assertThat(report(broken.toString()).err().strip()).contains("line 2 is not an event");
    }

    @Test
    void aBadFlagIsOneLine() {
        Result result = report(run.toString(), "--starting-cash", "lots");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n").contains("--starting-cash");
    }
}
