package org.bourse.exchange.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The files this process holds open, as Linux lists them in /proc/self/fd: to show that nothing is left open. */
final class OpenFiles {
    private static final Path FDS = Path.of("/proc/self/fd");

    private OpenFiles() {
    }

    static boolean listed() {
        return Files.isDirectory(FDS);
    }

    /** How many of this process's file descriptors refer to {@code file}. */
    static long of(Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        try (Stream<Path> fds = Files.list(FDS)) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(target);
                } catch (IOException e) {
                    return false; // closed since it was listed
                }
            }).count();
        }
    }
}
