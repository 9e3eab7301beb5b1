package org.bourse.exchange.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.bourse.api.Side;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.protocol.TickScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JournalTest {
    private static final JournalHeader HEADER = JournalHeader.of("test", TickScale.cents(), EngineConfig.defaults(),
            1_739_980_000_000L);

    @TempDir
    Path dir;

    static LongStream seeds() {
        return LongStream.of(1, 2, 3, 42, 20_261_207);
    }

    /** A journal of {@code commands}, committed in blocks of random sizes; returns where each block ends. */
    private static List<Long> write(Path path, List<Command> commands, long seed, FsyncPolicy fsync)
            throws JournalException {
        SplittableRandom random = new SplittableRandom(seed);
        List<Long> blockEnds = new ArrayList<>();
        JournalWriter writer = JournalWriter.create(path, HEADER, fsync);
        blockEnds.add(writer.size()); // where the first block starts
        for (Command command : commands) {
            writer.append(command);
            if (random.nextInt(8) == 0) {
                writer.commit();
                blockEnds.add(writer.size());
            }
        }
        writer.commit();
        if (blockEnds.get(blockEnds.size() - 1) != writer.size()) {
            blockEnds.add(writer.size());
        }
        writer.close();
        return blockEnds;
    }

    private static List<Command> read(JournalReader reader) throws JournalException {
        List<Command> commands = new ArrayList<>();
        for (Command command; (command = reader.next()) != null; ) {
            commands.add(command);
        }
        return commands;
    }

    private static List<Command> readAll(Path path) throws JournalException {
        try (JournalReader reader = JournalReader.open(path)) {
            return read(reader);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyCommandReadsBackExactlyAsWritten(long seed) throws Exception {
        List<Command> commands = RandomCommands.of(seed, 20_000);
        assertThat(commands).extracting(Object::getClass).as("every kind of command is tried")
                .containsAll(List.of(Command.class.getPermittedSubclasses()));
        Path path = dir.resolve("j");
        write(path, commands, seed, FsyncPolicy.NONE);

        try (JournalReader reader = JournalReader.open(path)) {
            assertThat(reader.header()).isEqualTo(HEADER);
            assertThat(read(reader)).isEqualTo(commands);
            assertThat(reader.tail()).isNull();
            assertThat(reader.commandCount()).isEqualTo(commands.size());
            assertThat(reader.wholeEnd()).isEqualTo(Files.size(path));
        }
    }

    @Test
    void anOrderTakesAboutTwentyBytes() throws Exception {
        List<Command> orders = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            orders.add(Command.PlaceOrder.limit(1_739_980_000_000L + i * 7L, "maker_" + i % 8, "maker_" + i % 8
                    + "-" + i, i % 2 == 0 ? Side.BUY : Side.SELL, 10_000 + i % 50, 1 + i % 5));
        }
        Path path = dir.resolve("j");
        List<Long> ends = write(path, orders, 7, FsyncPolicy.NONE);

        double perCommand = (double) (Files.size(path) - ends.get(0)) / orders.size();
        assertThat(perCommand).isBetween(15.0, 25.0);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aTornTailAnywhereInTheLastBlockLeavesTheWholeBlocksAndIsCutOffOnResume(long seed) throws Exception {
        List<Command> commands = RandomCommands.of(seed, 300);
        Path whole = dir.resolve("whole");
        List<Long> ends = write(whole, commands, seed, FsyncPolicy.NONE);
        byte[] bytes = Files.readAllBytes(whole);
        List<Command> more = RandomCommands.of(seed + 1, 50);
        long lastWhole = ends.get(ends.size() - 2);
        int inWholeBlocks = 0; // the commands of the blocks before the last
        try (JournalReader reader = JournalReader.open(whole)) {
            while (reader.next() != null && reader.wholeEnd() <= lastWhole) {
                inWholeBlocks++;
            }
        }
        assertThat(inWholeBlocks).isPositive().isLessThan(commands.size());
        int cuts = 0;
        // cuts all through the last block, leaving it incomplete
        for (long cut = lastWhole + 1; cut < bytes.length; cut += 1 + cut % 3) {
            cuts++;
            Path torn = dir.resolve("torn-" + cut);
            Files.write(torn, java.util.Arrays.copyOf(bytes, (int) cut));
            List<Command> prefix;
            try (JournalReader reader = JournalReader.open(torn)) {
                prefix = read(reader);
                assertThat(reader.tail()).isEqualTo(new JournalReader.Tail(lastWhole, cut - lastWhole));
                assertThat(reader.wholeEnd()).isEqualTo(lastWhole);
                assertThat(prefix).isEqualTo(commands.subList(0, inWholeBlocks));
                try (JournalWriter writer = JournalWriter.resume(reader, FsyncPolicy.NONE)) {
                    for (Command command : more) {
                        writer.append(command);
                    }
                    writer.commit();
                }
            }
            List<Command> expected = new ArrayList<>(prefix);
            expected.addAll(more);
            try (JournalReader again = JournalReader.open(torn)) {
                assertThat(read(again)).isEqualTo(expected);
                assertThat(again.tail()).isNull();
            }
            Files.delete(torn);
        }
        assertThat(cuts).as("cut points tried").isGreaterThan(5);
    }

    @Test
    void aTailOfZerosIsTornNotDamage() throws Exception {
        List<Command> commands = RandomCommands.of(5, 1_000);
        Path path = dir.resolve("j");
        write(path, commands, 5, FsyncPolicy.NONE);
        long size = Files.size(path);
        Files.write(path, new byte[8192], java.nio.file.StandardOpenOption.APPEND);

        try (JournalReader reader = JournalReader.open(path)) {
            assertThat(read(reader)).isEqualTo(commands);
            assertThat(reader.tail()).isEqualTo(new JournalReader.Tail(size, 8192));
        }
    }

    @Test
    void aDamagedBlockBeforeTheEndIsAnErrorNamingItsOffset() throws Exception {
        List<Command> commands = RandomCommands.of(9, 2_000);
        Path path = dir.resolve("j");
        List<Long> ends = write(path, commands, 9, FsyncPolicy.NONE);
        long third = ends.get(3);
        flip(path, third + 8 + 2); // a payload byte of the block starting at 'third'

        try (JournalReader reader = JournalReader.open(path)) {
            assertThatThrownBy(() -> read(reader))
                    .isInstanceOf(JournalException.class)
                    .hasMessage(path + ": damaged block at byte " + third + " (checksum mismatch), "
                            + (Files.size(path) - ends.get(4)) + " bytes of later blocks after it");
        }
        assertThatThrownBy(() -> Journal.check(path, HEADER)).hasMessageContaining("damaged block at byte " + third);
    }

    @Test
    void aDamagedLengthBeforeTheEndIsAnErrorToo() throws Exception {
        Path path = dir.resolve("j");
        List<Long> ends = write(path, RandomCommands.of(10, 2_000), 10, FsyncPolicy.NONE);
        long second = ends.get(2);
        flip(path, second); // the length's most significant byte: an impossible length

        try (JournalReader reader = JournalReader.open(path)) {
            assertThatThrownBy(() -> read(reader)).hasMessageContaining("damaged block at byte " + second
                    + " (impossible length");
        }
    }

    @Test
    void aBlockHeaderAloneWithAnImpossibleLengthIsDamageNotATornTail() throws Exception {
        Path path = dir.resolve("j");
        write(path, RandomCommands.of(19, 100), 19, FsyncPolicy.NONE);
        long end = Files.size(path);
        Files.write(path, new byte[] {-1, -1, -1, -1, 1, 2, 3, 4}, java.nio.file.StandardOpenOption.APPEND);

        try (JournalReader reader = JournalReader.open(path)) {
            assertThatThrownBy(() -> read(reader)).hasMessage(path + ": damaged block at byte " + end
                    + " (impossible length 4294967295), 8 bytes before the end");
        }
    }

    @Test
    void aDamagedLastBlockIsATornTail() throws Exception {
        List<Command> commands = RandomCommands.of(11, 500);
        Path path = dir.resolve("j");
        List<Long> ends = write(path, commands, 11, FsyncPolicy.NONE);
        long last = ends.get(ends.size() - 2);
        flip(path, Files.size(path) - 1);

        try (JournalReader reader = JournalReader.open(path)) {
            List<Command> read = read(reader);
            assertThat(reader.tail()).isEqualTo(new JournalReader.Tail(last, Files.size(path) - last));
            assertThat(read).isEqualTo(commands.subList(0, read.size()));
        }
    }

    @Test
    void whatIsNotAJournalIsSaidSo() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));
        Path text = Files.writeString(dir.resolve("text"), "timestamp,price,qty\n");
        assertThatThrownBy(() -> JournalReader.open(empty)).hasMessage(empty + " is not a Bourse journal (it is empty)");
        assertThatThrownBy(() -> JournalReader.open(text))
                .hasMessage(text + " is not a Bourse journal (it does not start with BOURSE-J)");
        assertThatThrownBy(() -> JournalReader.open(dir.resolve("missing"))).hasMessage("no journal at "
                + dir.resolve("missing"));
        assertThatThrownBy(() -> JournalReader.open(dir)).hasMessage(dir + " is a directory, not a journal file");
    }

    @Test
    void anotherFormatVersionOrADamagedHeaderIsRefused() throws Exception {
        Path path = dir.resolve("j");
        write(path, RandomCommands.of(12, 10), 12, FsyncPolicy.NONE);
        byte[] bytes = Files.readAllBytes(path);

        byte[] newer = bytes.clone();
        newer[11] = 2; // the version's last byte
        Files.write(path, newer);
        assertThatThrownBy(() -> JournalReader.open(path)).hasMessage(path + " is a journal of format version 2; "
                + "this Bourse reads version 1: replay it with the Bourse that wrote it");

        byte[] damaged = bytes.clone();
        damaged[20] ^= 1; // inside the header's JSON
        Files.write(path, damaged);
        assertThatThrownBy(() -> JournalReader.open(path)).hasMessageContaining("the journal's header is damaged");

        Files.write(path, java.util.Arrays.copyOf(bytes, 30));
        assertThatThrownBy(() -> JournalReader.open(path)).hasMessageContaining("the journal's header is incomplete");
    }

    @Test
    void aMarketWithOtherSettingsIsRefusedNamingTheOptions() throws Exception {
        Path path = dir.resolve("j");
        write(path, RandomCommands.of(13, 10), 13, FsyncPolicy.NONE);

        JournalHeader richer = JournalHeader.of("test", TickScale.cents(),
                EngineConfig.defaults().withStartingCash(5_000_000).withMargins(2_500, 1_000), 0);
        assertThatThrownBy(() -> Journal.check(path, richer)).hasMessage(path + " holds a market with other "
                + "settings: --starting-cash 10000.00 (now 50000.00), --initial-margin 0.2 (now 0.25); restart with "
                + "the journal's settings, or start a new market with --fresh (or another --journal)");
        JournalHeader coarser = JournalHeader.of("test", new TickScale(new BigDecimal("0.05")),
                EngineConfig.defaults(), 0);
        assertThatThrownBy(() -> Journal.check(path, coarser)).hasMessageContaining("--tick-size 0.01 (now 0.05)");
    }

    @Test
    void openCreatesANewJournalThenRecoversIt() throws Exception {
        Path path = dir.resolve("market.journal");
        List<Command> seen = new ArrayList<>();
        Journal.Replayer replayer = new Journal.Replayer() {
            @Override
            public void apply(Command command) {
                seen.add(command);
            }

            @Override
            public void endOfBatch() {
            }
        };
        Journal.Opened created = Journal.open(path, HEADER, FsyncPolicy.BATCH, replayer);
        assertThat(created.recovered()).isNull();
        List<Command> commands = RandomCommands.of(14, 10_000);
        for (Command command : commands) {
            created.writer().append(command);
        }
        created.writer().commit();
        created.writer().close();

        Journal.Opened recovered = Journal.open(path, HEADER, FsyncPolicy.INTERVAL, replayer);
        assertThat(seen).isEqualTo(commands);
        assertThat(recovered.recovered()).isEqualTo(new Journal.Recovered(10_000,
                commands.get(commands.size() - 1).timestamp(), null));
        assertThat(recovered.writer().commandCount()).isEqualTo(10_000);
        recovered.writer().append(new Command.SetTradingHalted(1, true));
        recovered.writer().commit();
        recovered.writer().close();
        assertThat(readAll(path)).hasSize(10_001).endsWith(new Command.SetTradingHalted(1, true));
    }

    @Test
    void pathsTheExchangeCannotWriteAreRefusedBeforeAnythingHappens() throws Exception {
        assertThatThrownBy(() -> Journal.checkWritable(dir))
                .hasMessage(dir + " is a directory: pass --journal with the path of a file");
        Path nowhere = dir.resolve("missing").resolve("j");
        assertThatThrownBy(() -> Journal.checkWritable(nowhere)).hasMessageContaining("directory "
                + nowhere.getParent() + " does not exist");
        assertThatThrownBy(() -> Journal.open(nowhere, HEADER, FsyncPolicy.NONE, null))
                .isInstanceOf(JournalException.class).hasMessage("cannot create the journal " + nowhere
                        + ": directory " + nowhere.getParent() + " does not exist; create it or pass --journal with "
                        + "another path");
    }

    @Test
    void aJournalLargerThanTheReadersBufferReadsBack() throws Exception {
        List<Command> commands = RandomCommands.of(15, 150_000);
        Path path = dir.resolve("j");
        write(path, commands, 15, FsyncPolicy.NONE);
        assertThat(Files.size(path)).as("several times the reader's buffer").isGreaterThan(2L << 20);

        assertThat(readAll(path)).isEqualTo(commands);
    }

    @Test
    void replayLetsTheOutputsGoEveryBatchAndAtTheEnd() throws Exception {
        Path path = dir.resolve("j");
        List<Command> commands = RandomCommands.of(16, 2 * Journal.REPLAY_BATCH + 100);
        write(path, commands, 16, FsyncPolicy.NONE);
        List<Integer> batches = new ArrayList<>();
        List<Command> applied = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(path)) {
            Journal.replay(reader, new Journal.Replayer() {
                @Override
                public void apply(Command command) {
                    applied.add(command);
                }

                @Override
                public void endOfBatch() {
                    batches.add(applied.size());
                }
            });
        }
        assertThat(applied).isEqualTo(commands);
        assertThat(batches).containsExactly(Journal.REPLAY_BATCH, 2 * Journal.REPLAY_BATCH, commands.size());
    }

    @Test
    void resumingCutsATornTailEvenWhenNothingIsAppended() throws Exception {
        Path path = dir.resolve("j");
        List<Command> commands = RandomCommands.of(17, 500);
        write(path, commands, 17, FsyncPolicy.NONE);
        long whole = Files.size(path);
        Files.write(path, new byte[] {0, 0, 1, 0, 9, 9, 9, 9, 1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        try (JournalReader reader = JournalReader.open(path)) {
            assertThat(read(reader)).isEqualTo(commands);
            assertThat(reader.tail()).isEqualTo(new JournalReader.Tail(whole, 11));
            JournalWriter.resume(reader, FsyncPolicy.NONE).close();
        }
        assertThat(Files.size(path)).isEqualTo(whole);
    }

    @Test
    void checkingAJournalPathChecksThatItCanBeWritten() throws Exception {
        assertThatThrownBy(() -> Journal.check(dir, HEADER))
                .hasMessage(dir + " is a directory: pass --journal with the path of a file");
        Path nowhere = dir.resolve("missing").resolve("j");
        assertThatThrownBy(() -> Journal.check(nowhere, HEADER)).hasMessage("cannot create the journal " + nowhere
                + ": directory " + nowhere.getParent() + " does not exist; create it or pass --journal with another path");
        assertThat(Journal.isNew(dir.resolve("none"))).isTrue();
        assertThat(Journal.isNew(Files.createFile(dir.resolve("empty")))).isTrue();
    }

    @Test
    void nothingIsLeftOpenWhateverHappens() throws Exception {
        assumeTrue(OpenFiles.listed(), "lists the open files of a Linux process");
        Path path = dir.resolve("j");
        write(path, RandomCommands.of(18, 100), 18, FsyncPolicy.NONE);
        assertThat(OpenFiles.of(path)).as("closed by its writer").isZero();
        readAll(path);
        assertThat(OpenFiles.of(path)).as("closed by its reader").isZero();
        Journal.check(path, HEADER);
        JournalHeader other = JournalHeader.of("test", TickScale.cents(), EngineConfig.defaults().withStartingCash(1), 0);
        assertThatThrownBy(() -> Journal.check(path, other)).hasMessageContaining("other settings");
        assertThat(OpenFiles.of(path)).as("closed after a refused market").isZero();

        Path text = Files.writeString(dir.resolve("text"), "timestamp,price,qty\n");
        assertThatThrownBy(() -> JournalReader.open(text)).hasMessageContaining("is not a Bourse journal");
        assertThat(OpenFiles.of(text)).as("closed after a refused file").isZero();

        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "a device that is always full");
        assertThatThrownBy(() -> JournalWriter.create(full, HEADER, FsyncPolicy.NONE)).isInstanceOf(JournalException.class)
                .hasMessage("cannot write the journal /dev/full: No space left on device");
        assertThat(OpenFiles.of(full)).as("closed after a failed creation").isZero();
    }

    private static void flip(Path path, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.seek(offset);
            int b = file.read();
            file.seek(offset);
            file.write(b ^ 0x80);
        }
    }
}
