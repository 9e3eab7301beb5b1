package org.bourse.exchange.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.protocol.TickScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer asks of the disk, seen through a channel that records it: syncs per policy, failures. */
class JournalWriterTest {
    private static final JournalHeader HEADER = JournalHeader.of("test", TickScale.cents(), EngineConfig.defaults(),
            1_739_980_000_000L);
    /** Generous: the background sync runs once a second. */
    private static final long WAIT_MILLIS = 10_000;

    @TempDir
    Path dir;
    private Path path;
    private RecordingChannel channel;
    private long headerEnd;

    /** A new journal, continued by a writer that writes through a {@link RecordingChannel}. */
    private JournalWriter writer(FsyncPolicy fsync) throws Exception {
        path = dir.resolve("j");
        JournalWriter.create(path, HEADER, FsyncPolicy.NONE).close();
        headerEnd = Files.size(path);
        channel = new RecordingChannel(FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
        return new JournalWriter(path, channel, fsync, new CommandCodec(List.of(), 0), headerEnd, 0);
    }

    private List<Command> readBack() throws Exception {
        List<Command> commands = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(path)) {
            for (Command command; (command = reader.next()) != null; ) {
                commands.add(command);
            }
        }
        return commands;
    }

    @Test
    void batchSyncsEachCommitThatWroteSomethingAndNothingElse() throws Exception {
        List<Command> commands = RandomCommands.of(1, 4);
        JournalWriter writer = writer(FsyncPolicy.BATCH);
        assertThat(writer.path()).isEqualTo(path);
        assertThat(writer.fsync()).isEqualTo(FsyncPolicy.BATCH);
        for (Command command : commands.subList(0, 3)) {
            writer.append(command);
        }
        writer.commit();
        assertThat(channel.forces).hasValue(1);
        long size = writer.size();
        writer.commit(); // nothing new: no empty block, no sync
        assertThat(writer.size()).isEqualTo(size);
        assertThat(channel.forces).hasValue(1);
        writer.append(commands.get(3));
        writer.commit();
        assertThat(channel.forces).hasValue(2);
        assertThat(writer.commandCount()).isEqualTo(4);
        writer.close();
        assertThat(readBack()).isEqualTo(commands);
    }

    @Test
    void noneSyncsOnlyOnACleanClose() throws Exception {
        JournalWriter writer = writer(FsyncPolicy.NONE);
        for (Command command : RandomCommands.of(2, 100)) {
            writer.append(command);
            writer.commit();
        }
        assertThat(channel.forces).hasValue(0);
        writer.close();
        assertThat(channel.forces).hasValue(1);
        assertThat(channel.isOpen()).isFalse();
        writer.close(); // a second close changes nothing
        assertThat(channel.forces).hasValue(1);
        assertThat(readBack()).hasSize(100);
    }

    @Test
    void intervalSyncsInTheBackgroundOnADaemonThread() throws Exception {
        Set<Thread> before = syncThreads();
        JournalWriter writer = writer(FsyncPolicy.INTERVAL);
        Set<Thread> started = syncThreads();
        started.removeAll(before);
        assertThat(started).as("the writer's sync thread").hasSize(1)
                .allMatch(Thread::isDaemon, "does not keep a stopping exchange alive");
        writer.append(new Command.MarkToMarket(1));
        writer.commit();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (channel.forces.get() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(channel.forces).as("synced within a few seconds").hasValue(1);
        writer.close();
        started.iterator().next().join(WAIT_MILLIS);
        assertThat(started.iterator().next().isAlive()).as("the sync thread ends with the writer").isFalse();
    }

    @Test
    void aLargeBatchIsWrittenBeforeItsCommit() throws Exception {
        JournalWriter writer = writer(FsyncPolicy.NONE);
        List<Command> commands = RandomCommands.of(3, 60_000);
        for (Command command : commands) {
            writer.append(command);
        }
        assertThat(writer.size()).as("written early").isGreaterThan(headerEnd + JournalFile.MAX_BLOCK / 2);
        assertThat(writer.commandCount()).isPositive().isLessThan(commands.size());
        writer.commit();
        assertThat(writer.commandCount()).isEqualTo(commands.size());
        writer.close();
        assertThat(readBack()).isEqualTo(commands);
    }

    @Test
    void aChannelThatWritesLessThanAskedIsWrittenToTheEnd() throws Exception {
        JournalWriter writer = writer(FsyncPolicy.NONE);
        channel.maxWrite = 100;
        List<Command> commands = RandomCommands.of(4, 1_000);
        for (int i = 0; i < commands.size(); i++) {
            writer.append(commands.get(i));
            if (i % 100 == 99) {
                writer.commit();
            }
        }
        writer.close();
        assertThat(Files.size(path) - headerEnd).as("blocks of many writes each").isGreaterThan(10 * 100);
        assertThat(readBack()).isEqualTo(commands);
    }

    @Test
    void aFailedWriteBreaksTheWriterForGood() throws Exception {
        JournalWriter writer = writer(FsyncPolicy.BATCH);
        writer.append(new Command.MarkToMarket(1));
        writer.commit();
        long at = writer.size();
        channel.failWrites = true;
        writer.append(new Command.MarkToMarket(2));
        JournalException failed = assertThrows(JournalException.class, writer::commit);
        assertThat(failed).hasMessage("cannot write the journal " + path + " at byte " + at
                + ": No space left on device");
        channel.failWrites = false; // the disk recovers, the writer does not: what reached the file is unknown
        assertThatThrownBy(writer::commit).isSameAs(failed);
        int forces = channel.forces.get();
        writer.close();
        assertThat(channel.forces).as("nothing more synced after the failure").hasValue(forces);
        assertThat(channel.isOpen()).isFalse();
        assertThat(readBack()).containsExactly(new Command.MarkToMarket(1));
    }

    @Test
    void aFailedSyncIsAnError() throws Exception {
        JournalWriter writer = writer(FsyncPolicy.BATCH);
        channel.failForces = true;
        writer.append(new Command.MarkToMarket(1));
        assertThatThrownBy(writer::commit).isInstanceOf(JournalException.class)
                .hasMessage("cannot sync the journal " + path + ": Input/output error");
    }

    @Test
    void aFailedBackgroundSyncIsAnErrorAtTheNextCommit() throws Exception {
        JournalWriter writer = writer(FsyncPolicy.INTERVAL);
        channel.failForces = true;
        writer.append(new Command.MarkToMarket(1));
        writer.commit();
        JournalException failure = null;
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (failure == null && System.currentTimeMillis() < deadline) {
            try {
                writer.commit();
                Thread.sleep(10);
            } catch (JournalException e) {
                failure = e;
            }
        }
        assertThat(failure).as("the failure reported").isNotNull()
                .hasMessage("cannot sync the journal " + path + ": Input/output error");
        writer.close();
    }

    private static Set<Thread> syncThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("journal-sync") && thread.isAlive()) {
                threads.add(thread);
            }
        }
        return threads;
    }
}
