package org.bourse.exchange.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;
import org.bourse.exchange.files.FileProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output file as the writer thread sees it: lines are collected in memory and written to the channel in
 * batches. Used by the writer thread only (and by the opener before that thread starts), except for
 * {@link #lostLines()}, which anyone may read.
 *
 * <p>Buffering here rather than in a BufferedWriter is what makes losses countable: after a failed write we know
 * exactly which lines reached the file, and a batch that failed is dropped instead of being retried forever in
 * front of every later line. (The files are derived data: the journal, not these files, is what recovery trusts.)
 */
final class FileSink {

    private static final Logger log = LoggerFactory.getLogger(FileSink.class);
    private static final byte[] NEWLINE = {'\n'};

    private final Path path;
    private final WritableByteChannel channel;

    /** Lines not yet written, back to back. */
    private byte[] pending = new byte[16 * 1024];
    private int pendingLength;
    /** Where each pending line ends in {@link #pending}. */
    private int[] lineEnds = new int[256];
    private int pendingLines;

    /** The file ends in the middle of a line (a write failed part way), so the next write must start a new one. */
    private boolean midLine;
    private boolean failureLogged;
    private boolean closed;
    /** Only the writer thread adds to it; volatile so close() and tests can read it afterwards. */
    private volatile long lostLines;

    FileSink(Path path, WritableByteChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    Path path() {
        return path;
    }

    /** Keeps one line, {@code length} bytes of {@code bytes} and a newline, for the next {@link #flush}. */
    void appendLine(byte[] bytes, int offset, int length) {
        if (pendingLength + length + 1 > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length + 1));
        }
        System.arraycopy(bytes, offset, pending, pendingLength, length);
        pendingLength += length;
        pending[pendingLength++] = '\n';
        if (pendingLines == lineEnds.length) {
            lineEnds = Arrays.copyOf(lineEnds, lineEnds.length * 2);
        }
        lineEnds[pendingLines++] = pendingLength;
    }

    /** Writes bytes that must reach the file before any line (a header), or fails. */
    void writeNow(byte[] bytes) throws IOException {
        writeFully(ByteBuffer.wrap(bytes));
    }

    int pendingBytes() {
        return pendingLength;
    }

    /**
     * Writes the pending lines. On failure they are dropped and counted, the first failure is logged, and the next
     * flush tries again with whatever lines come later.
     */
    void flush() {
        if (pendingLength == 0) {
            return;
        }
        ByteBuffer batch = ByteBuffer.wrap(pending, 0, pendingLength);
        try {
            if (midLine) {
                writeFully(ByteBuffer.wrap(NEWLINE));
                midLine = false;
            }
            writeFully(batch);
        } catch (IOException e) {
            countLoss(batch.position());
            if (!failureLogged) {
                failureLogged = true;
                log.error("Cannot write to {} ({}); dropping its lines while this lasts, the number lost is reported "
                        + "when the exchange stops; `bourse replay` of the journal rebuilds the file",
                        path, FileProblems.describe(e));
            }
        }
        pendingLength = 0;
        pendingLines = 0;
        // A burst can grow the buffers a lot; do not keep that memory for the rest of the session.
        if (pending.length > 1024 * 1024) {
            pending = new byte[16 * 1024];
            lineEnds = new int[256];
        }
    }

    /** Writes what is pending and closes the file; later calls do nothing. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        flush();
        try {
            channel.close();
        } catch (IOException e) {
            log.error("Cannot close {} ({}); its last lines may be missing", path, FileProblems.describe(e));
        }
    }

    /** Lines dropped because writing them failed. */
    long lostLines() {
        return lostLines;
    }

    private void countLoss(int bytesWritten) {
        int linesWritten = 0;
        while (linesWritten < pendingLines && lineEnds[linesWritten] <= bytesWritten) {
            linesWritten++;
        }
        lostLines += pendingLines - linesWritten;
        int lastLineEnd = linesWritten == 0 ? 0 : lineEnds[linesWritten - 1];
        if (bytesWritten > lastLineEnd) {
            // Part of a line reached the file; the next lines must not be glued onto it.
            midLine = true;
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
