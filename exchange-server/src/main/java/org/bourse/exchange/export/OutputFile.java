package org.bourse.exchange.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.bourse.exchange.files.FileProblems;
import org.bourse.exchange.files.SetAside;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One output file about to be written from its first line: checked, then created. A file is never appended to —
 * rows of an earlier market followed by rows of a reset one would contradict each other. An earlier run's file is
 * moved aside ({@code trades.1.csv}, said in one line); when the exchange recovers from its journal, a file that is
 * its own earlier output (it starts as this kind of file starts) is rewritten in place instead, from the journal.
 */
final class OutputFile {
    private static final Logger LOG = LoggerFactory.getLogger(OutputFile.class);

    private final Path path;
    private final String option;
    /** How a file written by Bourse as this kind of file begins. */
    private final byte[] signature;

    OutputFile(Path path, String option, String signature) {
        this.path = path;
        this.option = option;
        this.signature = signature.getBytes(StandardCharsets.UTF_8);
    }

    Path path() {
        return path;
    }

    /** Refuses a path that cannot become the file, changing nothing. */
    void check() throws ExportException {
        if (Files.isDirectory(path)) {
            throw new ExportException(path + " is a directory, not a file: pass " + option
                    + " with the path of a file");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ExportException("Cannot create " + path + ": directory " + parent + " does not exist; create it "
                    + "or pass " + option + " with another path");
        }
        if (!Files.isWritable(parent)) {
            throw new ExportException("Cannot create " + path + ": directory " + parent + " is not writable; fix its "
                    + "permissions or pass " + option + " with another path");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new ExportException(path + " is not a regular file: pass " + option
                    + " with the path of a regular file");
        }
    }

    /**
     * Moves an earlier file aside (or, when {@code rewrite} and it is Bourse's own, empties it) and opens the path
     * for writing from the start.
     */
    FileChannel create(boolean rewrite) throws ExportException {
        try {
            if (Files.exists(path) && Files.size(path) > 0 && !(rewrite && startsWithSignature())) {
                Path aside = SetAside.move(path);
                LOG.info("{} held an earlier market's data: kept as {}; starting a fresh file", path,
                        aside.getFileName());
            }
            return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new ExportException("Cannot write " + path + " (" + FileProblems.describe(e)
                    + "): check the disk and permissions or pass " + option + " with another path", e);
        }
    }

    private boolean startsWithSignature() throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(signature.length), signature);
        }
    }
}
