package org.bourse.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Tokens and the files that hold them (trader credentials, the admin token): random from the operating system,
 * never from a seed, and written so that only the user who runs Bourse can read them. Tokens are the one thing
 * Bourse makes at random without a seed: they reach no journal, CSV, event or report.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A fresh token: 32 random bytes as 64 hex digits (fits a properties file, a header and a JSON string). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Writes {@code text} to {@code file}, readable and writable by its owner only (0600) from the moment it
     * exists: an earlier file is deleted first, so its permissions are not kept. On a file system without POSIX
     * permissions the file gets the system's defaults.
     */
    public static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writer.write(text);
        }
    }
}
