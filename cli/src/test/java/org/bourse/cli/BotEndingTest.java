package org.bourse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotEndingTest {

    @TempDir
    Path dir;

    @Test
    void whatTheBattleWritesIsWhatTheSessionReadsBack() throws Exception {
        Path file = dir.resolve("bot-endings.tsv");
        assertThat(BotEnding.read(file)).as("no file yet: no endings").isEmpty();

        BotEnding killed = new BotEnding("momentum_1", "failed", "exit code 137 (killed by signal 9)");
        BotEnding tabbed = new BotEnding("maker_1", "exited", "exit code 0: said\tgoodbye");
        Files.writeString(file, killed.line() + tabbed.line() + "a half-written line");

        assertThat(BotEnding.read(file)).containsExactly(killed,
                new BotEnding("maker_1", "exited", "exit code 0: said goodbye"));
    }
}
