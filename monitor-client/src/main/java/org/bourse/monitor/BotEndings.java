package org.bourse.monitor;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.bourse.cli.BotEnding;

/**
 * Follows a battle's {@code --bot-endings} file: one line per bot that ended on its own or could not start,
 * {@code <trader_id> TAB <exited|failed> TAB <why>}, appended as it happens. Each new line becomes a
 * {@link Notice.BotEnded}, so that a bot that died shows on the screen while the battle goes on.
 */
final class BotEndings {
    private final Path file;
    private final LongSupplier clock;
    private long read;

    BotEndings(Path file, LongSupplier clock) {
        this.file = file;
        this.clock = clock;
    }

    /** The endings appended since the last call (none while the file does not exist). */
    List<Notice.BotEnded> poll() throws IOException {
        List<Notice.BotEnded> endings = new ArrayList<>();
        if (!Files.exists(file)) {
            return endings;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() <= read) {
                return endings;
            }
            byte[] appended = new byte[(int) (in.length() - read)];
            in.seek(read);
            in.readFully(appended);
            String text = new String(appended, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n') + 1; // a line still being written waits for the next poll
            read += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
            for (String line : text.substring(0, complete).split("\n")) {
                BotEnding ended = BotEnding.parse(line);
                if (ended != null) {
                    endings.add(new Notice.BotEnded(clock.getAsLong(), ended.traderId(), ended.state(), ended.why()));
                }
            }
        }
        return endings;
    }
}
