package org.bourse.exchange.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Moves an earlier run's file out of the way rather than appending to it or overwriting it: {@code trades.csv}
 * becomes {@code trades.1.csv} (or the first free number), {@code journal} becomes {@code journal.1}.
 */
public final class SetAside {
    private SetAside() {
    }

    /** Renames {@code path} to the first free numbered name beside it; returns that name. */
    public static Path move(Path path) throws IOException {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; ; n++) {
            Path aside = path.resolveSibling(stem + "." + n + extension);
            if (!Files.exists(aside)) {
                return Files.move(path, aside);
            }
        }
    }
}
