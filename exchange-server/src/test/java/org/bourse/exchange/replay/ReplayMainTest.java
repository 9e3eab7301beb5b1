package org.bourse.exchange.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bourse.api.Side;
import org.bourse.cli.Commands;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.journal.FsyncPolicy;
import org.bourse.exchange.journal.JournalHeader;
import org.bourse.exchange.journal.JournalWriter;
import org.bourse.exchange.journal.RandomCommands;
import org.bourse.protocol.TickScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bourse replay} as a user runs it: what it prints and how it exits. */
class ReplayMainTest {
    private static final long START = 1_739_980_000_000L;

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run replay(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Commands.commandLine(new ReplayMain());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A small market: two makers and a taker, a trade at 100.00 and one at 100.05. */
    private Path journal(List<Command> commands) throws Exception {
        Path path = dir.resolve("journal");
        JournalHeader header = JournalHeader.of("test", TickScale.cents(), EngineConfig.defaults(), START);
        try (JournalWriter writer = JournalWriter.create(path, header, FsyncPolicy.NONE)) {
            for (Command command : commands) {
                writer.append(command);
                writer.commit();
            }
        }
        return path;
    }

    private static List<Command> market() {
        return List.of(
                Command.PlaceOrder.limit(START + 1, "maker", "m1", Side.SELL, 10_000, 5),
                Command.PlaceOrder.limit(START + 2, "maker", "m2", Side.SELL, 10_005, 5),
                Command.PlaceOrder.limit(START + 3, "bidder", "b1", Side.BUY, 9_990, 2),
                Command.PlaceOrder.limit(START + 10_000, "taker", "t1", Side.BUY, 10_000, 3),
                Command.PlaceOrder.market(START + 20_000, "taker", "t2", Side.BUY, 4));
    }

    @Test
    void aWholeReplayWritesTheFilesAndPrintsTheHash() throws Exception {
        Path journal = journal(market());

        Run run = replay(journal.toString(), "--out", dir.resolve("out").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("replayed 5 commands of " + journal + " (seq ").containsPattern(
                "session hash: [0-9a-f]{64}\n");
        assertThat(Files.readAllLines(dir.resolve("out/trades.csv"))).containsExactly(
                "timestamp,price,qty,buy_trader,sell_trader", (START + 10_000) + ",100.00,3,taker,maker",
                (START + 20_000) + ",100.00,2,taker,maker", (START + 20_000) + ",100.05,2,taker,maker");
    }

    @Test
    void untilASeqOrATimeStopsThereAndPrintsTheMarket() throws Exception {
        Path journal = journal(market());

        // seq 5: the three resting orders' book updates, and the accounts of maker and bidder their first opened
        Run bySeq = replay(journal.toString(), "--out", dir.resolve("a").toString(), "--until", "5");
        assertThat(bySeq.exit()).isZero();
        assertThat(bySeq.out()).contains("The market after seq 5").contains("2 @ 99.90").contains("5 @ 100.00")
                .contains("5 @ 100.05").contains("session hash of the events up to here");
        assertThat(Files.readAllLines(dir.resolve("a/trades.csv"))).hasSize(1);

        Run byTime = replay(journal.toString(), "--out", dir.resolve("b").toString(), "--until",
                java.time.Instant.ofEpochMilli(START + 15_000).toString());
        assertThat(byTime.exit()).isZero();
        assertThat(byTime.out()).contains("replayed 4 commands").containsPattern("taker +3 ");
        assertThat(Files.readAllLines(dir.resolve("b/trades.csv"))).hasSize(2);
    }

    @Test
    void aTornJournalReplaysWhatIsWholeAndSaysWhere() throws Exception {
        Path journal = journal(market());
        long size = Files.size(journal);
        try (RandomAccessFile file = new RandomAccessFile(journal.toFile(), "rw")) {
            file.setLength(size - 3);
        }

        Run run = replay(journal.toString(), "--out", dir.resolve("out").toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("replayed 4 commands").contains("the journal ends with a torn block at byte");
    }

    @Test
    void damageInTheMiddleStopsThereAndExitsOne() throws Exception {
        Path journal = journal(market());
        byte[] bytes = Files.readAllBytes(journal);
        bytes[bytes.length - 30] ^= 1; // inside an earlier block, not the last
        Files.write(journal, bytes);

        Run run = replay(journal.toString(), "--out", dir.resolve("out").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("bourse replay: stopped at damage: " + journal + ": damaged block at byte");
    }

    @Test
    void badInputGetsOneLine() throws Exception {
        Run missing = replay(dir.resolve("nope").toString(), "--out", dir.resolve("out").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("bourse replay: no journal at " + dir.resolve("nope") + "\n");

        Path notAJournal = Files.writeString(dir.resolve("trades.csv"), "timestamp,price\n");
        Run wrong = replay(notAJournal.toString(), "--out", dir.resolve("out").toString());
        assertThat(wrong.err()).isEqualTo("bourse replay: " + notAJournal
                + " is not a Bourse journal (it does not start with BOURSE-J)\n");

        Run badUntil = replay(journal(market()).toString(), "--out", dir.resolve("out").toString(), "--until",
                "yesterday");
        assertThat(badUntil.exit()).isEqualTo(2);
        assertThat(badUntil.err()).contains("--until: 'yesterday' is neither a seq").doesNotContain("Exception");
    }

    @Test
    void anyCommandsAtAllReplayWithoutFailing() throws Exception {
        // values no gateway would let through: the engine refuses them, it never fails on them
        Path journal = journal(RandomCommands.of(99, 5_000));

        Run run = replay(journal.toString(), "--out", dir.resolve("out").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("replayed 5000 commands");
    }
}
