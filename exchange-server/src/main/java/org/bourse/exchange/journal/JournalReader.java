package org.bourse.exchange.journal;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.bourse.exchange.engine.Command;
import org.bourse.protocol.WireJson;

/**
 * Reads a journal from its start, one command at a time, checking every block's checksum. The end of the file is
 * either clean or a <em>torn tail</em> — a last block cut short or never completed, which is what a crash in the
 * middle of a write leaves, and which {@link #tail()} then reports so that recovery can cut it off. Damage anywhere
 * else (a block whose checksum fails with whole blocks after it, an impossible length) is an error naming its byte
 * offset: a journal is never silently skipped over.
 */
public final class JournalReader implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final JournalHeader header;
    private final CommandCodec codec = new CommandCodec(List.of(), 0);
    /** Bytes of the file from {@link #bufferStart}; the block being read starts at {@link #blockStart}. */
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    private long bufferStart;
    private long blockStart;
    /** The payload of the block being read, positioned at its next command; null between blocks. */
    private ByteBuffer payload;
    private long wholeEnd;
    private long commands;
    private Tail tail;
    private boolean ended;

    /** Bytes at the end of a journal that do not make a whole block; {@code offset} is where they begin. */
    public record Tail(long offset, long bytes) {
    }

    private JournalReader(Path path, FileChannel channel, long size, JournalHeader header, long headerEnd) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.header = header;
        this.bufferStart = headerEnd;
        this.blockStart = headerEnd;
        this.wholeEnd = headerEnd;
        buffer.limit(0);
    }

    /** Opens a journal and reads its header. */
    public static JournalReader open(Path path) throws JournalException {
        FileChannel channel;
        try {
            if (Files.isDirectory(path)) {
                throw new JournalException(path + " is a directory, not a journal file");
            }
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new JournalException("no journal at " + path);
        } catch (IOException e) {
            throw new JournalException("cannot read the journal " + path + ": " + Journal.describe(e));
        }
        try {
            long size = channel.size();
            ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, JournalFile.MAX_HEADER + 32));
            readFully(channel, start, 0);
            start.flip();
            JournalHeader header = header(path, start, size);
            return new JournalReader(path, channel, size, header, start.position());
        } catch (IOException e) {
            closeQuietly(channel);
            throw new JournalException("cannot read the journal " + path + ": " + Journal.describe(e));
        } catch (JournalException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static JournalHeader header(Path path, ByteBuffer start, long size) throws JournalException {
        byte[] magic = new byte[JournalFile.MAGIC.length];
        if (start.remaining() < magic.length + 8) {
            throw notAJournal(path, start);
        }
        start.get(magic);
        if (!Arrays.equals(magic, JournalFile.MAGIC)) {
            throw notAJournal(path, start);
        }
        int version = start.getInt();
        if (version != JournalHeader.FORMAT_VERSION) {
            throw new JournalException(path + " is a journal of format version " + version + "; this Bourse reads "
                    + "version " + JournalHeader.FORMAT_VERSION + ": replay it with the Bourse that wrote it");
        }
        int length = start.getInt();
        if (length < 0 || length > JournalFile.MAX_HEADER || start.remaining() < length + 4) {
            throw new JournalException(path + ": the journal's header is incomplete (" + size + " bytes in all): "
                    + "the exchange that created it was stopped while starting; move it away or start with --fresh");
        }
        byte[] json = new byte[length];
        start.get(json);
        if (start.getInt() != JournalFile.crc(json)) {
            throw new JournalException(path + ": the journal's header is damaged (checksum mismatch at byte "
                    + (JournalFile.MAGIC.length + 8) + ")");
        }
        try {
            return WireJson.mapper().readValue(json, JournalHeader.class);
        } catch (IOException | RuntimeException e) {
            throw new JournalException(path + ": the journal's header cannot be read: "
                    + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    private static JournalException notAJournal(Path path, ByteBuffer start) {
        return new JournalException(path + " is not a Bourse journal (" + (start.limit() == 0 ? "it is empty"
                : "it does not start with BOURSE-J") + ")");
    }

    public JournalHeader header() {
        return header;
    }

    public Path path() {
        return path;
    }

    /**
     * The next command, or null at the end of the whole blocks (then {@link #tail()} says whether a torn block
     * follows).
     *
     * @throws JournalException for damage before the end, naming the byte offset of the block
     */
    public Command next() throws JournalException {
        while (true) {
            if (payload != null) {
                Command command;
                try {
                    command = codec.read(payload);
                } catch (CommandCodec.FormatException e) {
                    throw new JournalException(path + ": the block at byte " + blockStart + " holds something this "
                            + "Bourse cannot read (" + e.getMessage() + "): was it written by a newer version?");
                }
                if (command != null) {
                    commands++;
                    return command;
                }
                payload = null;
                blockStart = wholeEnd;
            }
            if (ended || !nextBlock()) {
                ended = true;
                return null;
            }
        }
    }

    /** Finds the block at {@link #blockStart}; false at the end of the whole blocks. */
    private boolean nextBlock() throws JournalException {
        long remaining = size - blockStart;
        if (remaining == 0) {
            return false;
        }
        if (remaining < JournalFile.BLOCK_HEADER) {
            torn(remaining);
            return false;
        }
        fill(JournalFile.BLOCK_HEADER);
        int at = (int) (blockStart - bufferStart);
        int length = buffer.getInt(at);
        if (length <= 0 || length > JournalFile.MAX_BLOCK) {
            if (zerosFrom(blockStart)) {
                torn(remaining); // the file was extended but never written (a crash of the machine)
                return false;
            }
            throw new JournalException(path + ": damaged block at byte " + blockStart + " (impossible length "
                    + Integer.toUnsignedString(length) + "), " + remaining + " bytes before the end");
        }
        if (JournalFile.BLOCK_HEADER + (long) length > remaining) {
            torn(remaining); // the last write was cut short
            return false;
        }
        fill(JournalFile.BLOCK_HEADER + length);
        at = (int) (blockStart - bufferStart);
        if (buffer.getInt(at + 4) != JournalFile.blockCrc(buffer, at, length)) {
            if (JournalFile.BLOCK_HEADER + (long) length == remaining) {
                torn(remaining); // the last block's bytes never all reached the disk
                return false;
            }
            throw new JournalException(path + ": damaged block at byte " + blockStart + " (checksum mismatch), "
                    + (remaining - JournalFile.BLOCK_HEADER - length) + " bytes of later blocks after it");
        }
        payload = buffer.slice(at + JournalFile.BLOCK_HEADER, length);
        wholeEnd = blockStart + JournalFile.BLOCK_HEADER + length;
        return true;
    }

    private void torn(long bytes) {
        tail = new Tail(blockStart, bytes);
    }

    /** Makes the buffer hold at least {@code bytes} from {@link #blockStart} on (the caller checked they exist). */
    private void fill(int bytes) throws JournalException {
        int offset = (int) (blockStart - bufferStart);
        int have = buffer.limit() - offset;
        if (have >= bytes) {
            return;
        }
        // keep the part of the block already read, at the front, and read the rest after it
        buffer.position(offset);
        if (buffer.capacity() >= bytes) {
            buffer.compact();
        } else {
            buffer = ByteBuffer.allocate(Math.max(bytes, buffer.capacity() * 2)).put(buffer);
        }
        bufferStart = blockStart;
        long readFrom = blockStart + have;
        buffer.limit((int) Math.min(buffer.capacity(), have + (size - readFrom)));
        try {
            readFully(channel, buffer, readFrom);
        } catch (IOException e) {
            throw new JournalException("cannot read the journal " + path + " at byte " + readFrom + ": "
                    + Journal.describe(e));
        }
        buffer.flip();
    }

    private boolean zerosFrom(long offset) throws JournalException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        try {
            for (long at = offset; at < size; ) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), size - at));
                readFully(channel, chunk, at);
                for (int i = 0; i < chunk.limit(); i++) {
                    if (chunk.get(i) != 0) {
                        return false;
                    }
                }
                at += chunk.limit();
            }
        } catch (IOException e) {
            throw new JournalException("cannot read the journal " + path + ": " + Journal.describe(e));
        }
        return true;
    }

    /** The torn block at the end, once {@link #next} has returned null; null if the journal ends cleanly. */
    public Tail tail() {
        return tail;
    }

    /** Where the whole blocks read so far end: the size the journal is cut to after a torn tail. */
    public long wholeEnd() {
        return wholeEnd;
    }

    public long size() {
        return size;
    }

    /** Commands returned so far. */
    public long commandCount() {
        return commands;
    }

    /** What a writer continuing this journal needs, once it has been read to the end. */
    CommandCodec continuation() {
        return new CommandCodec(codec.traders(), codec.lastTimestamp());
    }

    /** The timestamp of the last command read (0 before the first). */
    public long lastTimestamp() {
        return codec.lastTimestamp();
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, position);
            if (n < 0) {
                throw new IOException("the file ended early (was it changed while being read?)");
            }
            position += n;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // read-only: nothing is lost
        }
    }
}
