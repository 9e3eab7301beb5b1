package org.bourse.exchange.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.files.FileProblems;

/**
 * Opening a journal for a starting exchange, and running a journal's commands through something that applies them
 * (recovery, replay). The file format is in {@link JournalFile}; docs/JOURNAL.md describes it for users.
 */
public final class Journal {
    /** Commands between two {@link Replayer#endOfBatch} calls while a journal is replayed. */
    static final int REPLAY_BATCH = 4096;

    private Journal() {
    }

    /** What applies a journal's commands, in order, with a call now and then to let its outputs go. */
    public interface Replayer {
        void apply(Command command);

        void endOfBatch();
    }

    /** A journal opened by a starting exchange: the writer to append to, and what it held (null when new). */
    public record Opened(JournalWriter writer, Recovered recovered) {
    }

    /**
     * What recovery found: the number of commands replayed, the last one's timestamp, and the torn tail it cut
     * off (null if the journal ended cleanly).
     */
    public record Recovered(long commands, long lastTimestamp, JournalReader.Tail tail) {
    }

    /**
     * Checks, changing nothing, that the journal at {@code path} can be continued by an exchange with the settings
     * in {@code header}: it holds a market with the same settings, and every block up to a possible torn tail is
     * whole and readable.
     */
    public static void check(Path path, JournalHeader header) throws JournalException {
        checkWritable(path);
        try (JournalReader reader = openSameMarket(path, header)) {
            while (reader.next() != null) {
                // reading is checking
            }
        }
    }

    /**
     * Opens the journal at {@code path} for an exchange about to start with the settings in {@code header}: a
     * missing or empty file becomes a new journal; an existing one must hold a market with the same settings, is
     * replayed into {@code replayer}, cut after its last whole block and continued.
     */
    public static Opened open(Path path, JournalHeader header, FsyncPolicy fsync, Replayer replayer)
            throws JournalException {
        if (isNew(path)) {
            return new Opened(JournalWriter.create(path, header, fsync), null);
        }
        try (JournalReader reader = openSameMarket(path, header)) {
            replay(reader, replayer);
            Recovered recovered = new Recovered(reader.commandCount(), reader.lastTimestamp(), reader.tail());
            return new Opened(JournalWriter.resume(reader, fsync), recovered);
        }
    }

    private static JournalReader openSameMarket(Path path, JournalHeader header) throws JournalException {
        JournalReader reader = JournalReader.open(path);
        List<String> differences = reader.header().differencesFrom(header.scale(), header.engine());
        if (!differences.isEmpty()) {
            reader.close();
            throw new JournalException(path + " holds a market with other settings: "
                    + String.join(", ", differences) + "; restart with the journal's settings, or start a new "
                    + "market with --fresh (or another --journal)");
        }
        return reader;
    }

    /** Whether there is nothing at {@code path} to recover: no file, or an empty one. */
    public static boolean isNew(Path path) throws JournalException {
        if (Files.isDirectory(path)) {
            throw new JournalException(path + " is a directory: pass --journal with the path of a file");
        }
        try {
            return !Files.exists(path) || Files.size(path) == 0;
        } catch (IOException e) {
            throw new JournalException("cannot read the journal " + path + ": " + describe(e));
        }
    }

    /** Runs every whole command of the journal through {@code replayer}. */
    public static void replay(JournalReader reader, Replayer replayer) throws JournalException {
        int inBatch = 0;
        for (Command command; (command = reader.next()) != null; ) {
            replayer.apply(command);
            if (++inBatch == REPLAY_BATCH) {
                replayer.endOfBatch();
                inBatch = 0;
            }
        }
        replayer.endOfBatch();
    }

    /** Refuses, changing nothing, a journal path the exchange could not write. */
    public static void checkWritable(Path path) throws JournalException {
        if (Files.isDirectory(path)) {
            throw new JournalException(path + " is a directory: pass --journal with the path of a file");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new JournalException("cannot create the journal " + path + ": directory " + parent
                    + " does not exist; create it or pass --journal with another path");
        }
        if (Files.exists(path) ? !Files.isWritable(path) : !Files.isWritable(parent)) {
            throw new JournalException("cannot write the journal " + path + ": permission denied; fix the "
                    + "permissions or pass --journal with another path");
        }
    }

    static FileChannel openForWriting(Path path) throws JournalException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new JournalException("cannot create the journal " + path + ": directory " + parent
                    + " does not exist; create it or pass --journal with another path");
        }
        try {
            return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new JournalException("cannot write the journal " + path + ": permission denied; fix the "
                    + "permissions or pass --journal with another path");
        } catch (NoSuchFileException e) {
            throw new JournalException("cannot create the journal " + path + ": its directory does not exist");
        } catch (IOException e) {
            throw new JournalException("cannot write the journal " + path + ": " + describe(e));
        }
    }

    static String describe(Throwable e) {
        return FileProblems.describe(e);
    }
}
