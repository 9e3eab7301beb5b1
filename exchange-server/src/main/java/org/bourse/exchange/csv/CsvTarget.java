package org.bourse.exchange.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What {@link CsvExporter#open} found at one path before writing anything. Checking both files first, and
 * only then opening them, is what lets a refused performance file leave the trades file untouched.
 */
record CsvTarget(Path path, CsvKind kind, boolean existed, boolean needsHeader, boolean endsMidLine) {

    /** Enough to hold any sane header line; a longer first line cannot match anyway. */
    private static final int HEADER_PROBE_BYTES = 8192;
    private static final int SHOWN_HEADER_CHARS = 120;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** Checks the path without creating or changing anything. */
    static CsvTarget inspect(Path path, CsvKind kind) throws CsvExportException {
        String option = kind.option();
        if (Files.isDirectory(path)) {
            throw new CsvExportException(path + " is a directory, not a file: pass " + option
                    + " with the path of a file");
        }
        if (!Files.exists(path)) {
            Path parent = path.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new CsvExportException("Cannot create " + path + ": directory " + parent
                        + " does not exist; create it or pass " + option + " with another path");
            }
            if (!Files.isWritable(parent)) {
                throw new CsvExportException("Cannot create " + path + ": directory " + parent
                        + " is not writable; fix its permissions or pass " + option + " with another path");
            }
            return new CsvTarget(path, kind, false, true, false);
        }
        if (!Files.isRegularFile(path)) {
            throw new CsvExportException(path + " is not a regular file: pass " + option
                    + " with the path of a regular file");
        }
        if (!Files.isReadable(path) || !Files.isWritable(path)) {
            throw new CsvExportException("Cannot read and write " + path + ": fix its permissions or pass "
                    + option + " with another path");
        }
        try {
            long size = Files.size(path);
            if (size == 0) {
                return new CsvTarget(path, kind, true, true, false);
            }
            String header = firstLine(path);
            if (!header.equals(kind.headerLine())) {
                throw new CsvExportException(path + " has header '" + shorten(header) + "' but Bourse writes '"
                        + kind.headerLine() + "': move the file away or pass " + option + " with another path");
            }
            return new CsvTarget(path, kind, true, false, lastByte(path, size) != '\n');
        } catch (IOException e) {
            throw new CsvExportException("Cannot read " + path + " (" + describe(e)
                    + "): fix the file or pass " + option + " with another path", e);
        }
    }

    /**
     * Opens the file for appending and, when it is new or empty, writes the header right away so that a disk
     * that cannot take even that fails here, where the user sees it, rather than later in the writer thread.
     */
    CsvSink openSink() throws CsvExportException {
        FileChannel channel = null;
        try {
            // CREATE_NEW rather than CREATE: undo() may only delete a file this exporter really created.
            channel = existed
                    ? FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    : FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            StandardOpenOption.APPEND);
            return new CsvSink(path, kind, channel, needsHeader, endsMidLine);
        } catch (IOException e) {
            closeQuietly(channel);
            undo();
            throw new CsvExportException("Cannot write " + path + " (" + describe(e)
                    + "): check the disk and permissions or pass " + kind.option() + " with another path", e);
        }
    }

    /**
     * Puts the path back as inspect() found it, as far as openSink() changed it: deletes a file it created,
     * empties a file that was empty. A file that had rows got nothing written by openSink(), so it is left alone.
     */
    void undo() {
        try {
            if (!existed) {
                Files.deleteIfExists(path);
            } else if (needsHeader) {
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    channel.truncate(0);
                }
            }
        } catch (IOException e) {
            // Best effort: open() is already failing with a clearer message about the other file.
        }
    }

    private static String firstLine(Path path) throws IOException {
        byte[] start;
        try (InputStream in = Files.newInputStream(path)) {
            start = in.readNBytes(HEADER_PROBE_BYTES);
        }
        int end = 0;
        while (end < start.length && start[end] != '\n') {
            end++;
        }
        String line = new String(start, 0, end, StandardCharsets.UTF_8);
        // Spreadsheet programs save CRLF and a byte order mark; neither changes what the columns are.
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (!line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
            line = line.substring(1);
        }
        return line;
    }

    private static byte lastByte(Path path, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, size - 1);
            return one.get(0);
        }
    }

    private static String shorten(String header) {
        // A binary file's first "line" must not break the one-line message.
        String printable = header.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= SHOWN_HEADER_CHARS
                ? printable
                : printable.substring(0, SHOWN_HEADER_CHARS) + "...";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing more to report than the failure that got us here.
            }
        }
    }

    /** The exception's message on one line, for log lines and error messages that already name the file. */
    static String describe(Throwable e) {
        String message;
        if (e instanceof FileSystemException fileError) {
            // Its getMessage() repeats the path; the reason alone reads better after ours.
            message = fileError.getReason() != null ? fileError.getReason() : e.getClass().getSimpleName();
        } else {
            message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return message.replaceAll("\\s+", " ").trim();
    }
}
