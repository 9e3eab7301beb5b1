package org.bourse.bot.battle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A bot that ended on its own, or could not start, as a battle's {@code --bot-endings} file records it: one line
 * {@code <trader_id> TAB <exited|failed> TAB <why>} per bot, appended as it happens (the monitor follows the file;
 * the session lists it in its summary).
 */
public record BotEnding(String traderId, String state, String why) {

    /** The file's line for this ending (tabs in the reason become spaces). */
    String line() {
        return String.join("\t", traderId, state, why.replace('\t', ' ')) + "\n";
    }

    /** Every ending recorded in {@code file} so far (none if there is no file). */
    public static List<BotEnding> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(line -> line.split("\t", 3))
                .filter(fields -> fields.length == 3).map(f -> new BotEnding(f[0], f[1], f[2])).toList();
    }
}
