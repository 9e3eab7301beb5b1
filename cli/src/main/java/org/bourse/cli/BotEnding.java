package org.bourse.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A bot that ended on its own, or could not start, as a battle's {@code --bot-endings} file records it: one line
 * {@code <trader_id> TAB <exited|failed> TAB <why>} per bot, appended as it happens (the monitor follows the file;
 * the session lists it in its summary).
 */
public record BotEnding(String traderId, String state, String why) {

    /** The file's line for this ending (tabs in the reason become spaces). */
    public String line() {
        return String.join("\t", traderId, state, why.replace('\t', ' ')) + "\n";
    }

    /** Every ending recorded in {@code file} so far (none if there is no file). */
    public static List<BotEnding> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(BotEnding::parse)
                .filter(Objects::nonNull).toList();
    }

    /** One line of the file, or null for one that is not (yet) whole. */
    public static BotEnding parse(String line) {
        String[] fields = line.split("\t", 3);
        return fields.length == 3 ? new BotEnding(fields[0], fields[1], fields[2]) : null;
    }
}
