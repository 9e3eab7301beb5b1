package org.bourse.exchange.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bourse.exchange.engine.Command;

/**
 * Appends the commands the engine applies to a journal, one block per engine batch (group commit). Used by the
 * engine thread alone: {@link #append} encodes into memory, {@link #commit} writes the block — one system call —
 * and syncs it per the {@link FsyncPolicy}; only then may the batch's results leave the process. After a failed
 * write the writer refuses to go on: the exchange stops, and recovery later cuts off whatever part of the block
 * reached the file.
 */
public final class JournalWriter implements AutoCloseable {
    /** A block is written early (still before its results are released) once it holds this much. */
    private static final int EARLY_WRITE_BYTES = JournalFile.MAX_BLOCK / 2;

    private final Path path;
    private final FileChannel channel;
    private final FsyncPolicy fsync;
    private final CommandCodec codec;
    private final CommandCodec.Block block = new CommandCodec.Block(64 * 1024);
    private final Thread syncer;
    private int pending;
    private long commands;
    /** The file's size: where the next block goes. Written by the engine thread, read by the syncer. */
    private volatile long end;
    private volatile long synced;
    private volatile IOException syncFailure;
    private volatile boolean closed;
    private JournalException broken;

    /** A writer that appends to {@code channel} from {@code end} on (package-private: tests give it a channel). */
    JournalWriter(Path path, FileChannel channel, FsyncPolicy fsync, CommandCodec codec, long end, long commands) {
        this.path = path;
        this.channel = channel;
        this.fsync = fsync;
        this.codec = codec;
        this.end = end;
        this.synced = end;
        this.commands = commands;
        this.syncer = fsync == FsyncPolicy.INTERVAL ? new Thread(this::syncEverySecond, "journal-sync") : null;
        if (syncer != null) {
            syncer.setDaemon(true);
            syncer.start();
        }
        block.buffer().position(JournalFile.BLOCK_HEADER);
    }

    /** Creates a new journal (the path must not exist, or be empty) and writes its header. */
    public static JournalWriter create(Path path, JournalHeader header, FsyncPolicy fsync) throws JournalException {
        FileChannel channel = Journal.openForWriting(path);
        try {
            channel.truncate(0);
            ByteBuffer start = JournalFile.encodeHeader(header);
            long size = start.remaining();
            writeFully(channel, start, 0);
            channel.force(true); // the header once, whatever the policy: a journal must at least open
            return new JournalWriter(path, channel, fsync, new CommandCodec(java.util.List.of(), 0), size, 0);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new JournalException("cannot write the journal " + path + ": " + Journal.describe(e));
        }
    }

    /** Continues a journal just read to its end by {@code reader}, cutting off a torn tail first. */
    static JournalWriter resume(JournalReader reader, FsyncPolicy fsync) throws JournalException {
        Path path = reader.path();
        FileChannel channel = Journal.openForWriting(path);
        try {
            if (channel.size() != reader.wholeEnd()) {
                channel.truncate(reader.wholeEnd());
                channel.force(true);
            }
            return new JournalWriter(path, channel, fsync, reader.continuation(), reader.wholeEnd(),
                    reader.commandCount());
        } catch (IOException e) {
            closeQuietly(channel);
            throw new JournalException("cannot write the journal " + path + ": " + Journal.describe(e));
        }
    }

    /** Adds a command to the current block (engine thread). */
    public void append(Command command) throws JournalException {
        codec.write(command, block);
        pending++;
        if (block.position() >= EARLY_WRITE_BYTES) {
            write();
        }
    }

    /**
     * Writes the current block, if it holds anything, and syncs per the policy: when this returns, the batch's
     * results may be released.
     *
     * @throws JournalException if the block cannot be written; the writer is then broken for good
     */
    public void commit() throws JournalException {
        if (pending > 0) {
            write();
        }
        if (fsync == FsyncPolicy.BATCH && synced != end) {
            try {
                channel.force(false);
                synced = end;
            } catch (IOException e) {
                throw broken("cannot sync the journal " + path + ": " + Journal.describe(e), e);
            }
        } else if (syncFailure != null) {
            throw broken("cannot sync the journal " + path + ": " + Journal.describe(syncFailure), syncFailure);
        }
    }

    private void write() throws JournalException {
        if (broken != null) {
            throw broken;
        }
        ByteBuffer buffer = block.buffer();
        int length = buffer.position() - JournalFile.BLOCK_HEADER;
        buffer.putInt(0, length);
        buffer.putInt(4, JournalFile.blockCrc(buffer, 0, length));
        buffer.flip();
        long at = end;
        try {
            writeFully(channel, buffer, at);
        } catch (IOException e) {
            throw broken("cannot write the journal " + path + " at byte " + at + ": " + Journal.describe(e), e);
        }
        end = at + buffer.limit();
        commands += pending;
        pending = 0;
        buffer.clear().position(JournalFile.BLOCK_HEADER);
    }

    private JournalException broken(String message, Exception cause) {
        broken = new JournalException(message, cause);
        return broken;
    }

    /** The journal's size in bytes, as written so far. */
    public long size() {
        return end;
    }

    /** Commands written to the file so far. */
    public long commandCount() {
        return commands;
    }

    public Path path() {
        return path;
    }

    public FsyncPolicy fsync() {
        return fsync;
    }

    private void syncEverySecond() {
        while (!closed) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(FsyncPolicy.INTERVAL_MILLIS));
            long written = end;
            if (written != synced && !closed) {
                try {
                    channel.force(false);
                    synced = written;
                } catch (IOException e) {
                    syncFailure = e;
                    return;
                }
            }
        }
    }

    /** Syncs what was written (whatever the policy: a clean stop leaves a durable journal) and closes the file. */
    @Override
    public void close() throws JournalException {
        if (closed) {
            return;
        }
        closed = true;
        if (syncer != null) {
            LockSupport.unpark(syncer);
        }
        try {
            if (broken == null) {
                channel.force(false);
            }
            channel.close();
        } catch (IOException e) {
            throw new JournalException("cannot close the journal " + path + ": " + Journal.describe(e), e);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already failing with a clearer message
        }
    }
}
