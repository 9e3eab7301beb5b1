package org.bourse.exchange.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CSV file as the writer thread sees it: rows are formatted by Commons CSV into memory and written to the
 * channel in batches. Used by the writer thread only (and by open() before that thread starts), except for
 * {@link #lostRows()}, which anyone may read.
 *
 * <p>Buffering here rather than in a BufferedWriter is what makes losses countable: after a failed write we
 * know exactly which rows reached the file, and a batch that failed is dropped instead of being retried
 * forever in front of every later row.
 */
final class CsvSink {

    private static final Logger log = LoggerFactory.getLogger(CsvSink.class);
    private static final byte[] NEWLINE = {'\n'};

    private final Path path;
    private final WritableByteChannel channel;
    private final CSVPrinter printer;
    private final StringBuilder formatted = new StringBuilder(128);

    /** Rows formatted but not yet written, back to back. */
    private byte[] pending = new byte[16 * 1024];
    private int pendingLength;
    /** Where each pending row ends in {@link #pending}. */
    private int[] rowEnds = new int[256];
    private int pendingRows;

    /** The file ends in the middle of a line, so the next write must start a new one. */
    private boolean midLine;
    private boolean failureLogged;
    private boolean closed;
    /** Only the writer thread adds to it; volatile so close() and tests can read it afterwards. */
    private volatile long lostRows;

    /**
     * @param writeHeader whether the file is new or empty; the header is then written before returning
     * @param midLine     whether the existing file lacks its final newline
     * @throws IOException if the header cannot be written; the caller closes the channel
     */
    CsvSink(Path path, CsvKind kind, WritableByteChannel channel, boolean writeHeader, boolean midLine)
            throws IOException {
        this.path = path;
        this.channel = channel;
        this.midLine = midLine;
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader(kind.columns())
                .setSkipHeaderRecord(!writeHeader)
                // The files are for the user's tools on this machine; one line ending everywhere keeps them diffable.
                .setRecordSeparator('\n')
                .get();
        // Prints the header into 'formatted' when the format asks for it.
        this.printer = new CSVPrinter(formatted, format);
        if (formatted.length() > 0) {
            writeFully(ByteBuffer.wrap(takeFormatted()));
        }
    }

    Path path() {
        return path;
    }

    /** Formats one row into memory; each value is a String or null (an empty cell). */
    void append(Object... values) {
        try {
            printer.printRecord(values);
        } catch (IOException e) {
            // Cannot happen: the printer writes into a StringBuilder.
            throw new UncheckedIOException(e);
        }
        byte[] row = takeFormatted();
        if (pendingLength + row.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + row.length));
        }
        System.arraycopy(row, 0, pending, pendingLength, row.length);
        pendingLength += row.length;
        if (pendingRows == rowEnds.length) {
            rowEnds = Arrays.copyOf(rowEnds, rowEnds.length * 2);
        }
        rowEnds[pendingRows++] = pendingLength;
    }

    int pendingBytes() {
        return pendingLength;
    }

    /**
     * Writes the pending rows. On failure they are dropped and counted, the first failure is logged, and the
     * next flush tries again with whatever rows come later.
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
                log.error("Cannot write to {} ({}); dropping CSV rows while this lasts, the number lost is "
                        + "reported when the exchange stops", path, CsvTarget.describe(e));
            }
        }
        pendingLength = 0;
        pendingRows = 0;
        // A burst can grow the buffers a lot; do not keep that memory for the rest of the session.
        if (pending.length > 1024 * 1024) {
            pending = new byte[16 * 1024];
            rowEnds = new int[256];
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
            log.error("Cannot close {} ({}); its last rows may be missing", path, CsvTarget.describe(e));
        }
    }

    /** Rows dropped because writing them failed. */
    long lostRows() {
        return lostRows;
    }

    private void countLoss(int bytesWritten) {
        int rowsWritten = 0;
        while (rowsWritten < pendingRows && rowEnds[rowsWritten] <= bytesWritten) {
            rowsWritten++;
        }
        lostRows += pendingRows - rowsWritten;
        int lastRowEnd = rowsWritten == 0 ? 0 : rowEnds[rowsWritten - 1];
        if (bytesWritten > lastRowEnd) {
            // Part of a row reached the file; the next rows must not be glued onto it.
            midLine = true;
        }
    }

    private byte[] takeFormatted() {
        byte[] bytes = formatted.toString().getBytes(StandardCharsets.UTF_8);
        formatted.setLength(0);
        return bytes;
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
