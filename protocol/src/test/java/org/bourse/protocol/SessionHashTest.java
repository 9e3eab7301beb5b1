package org.bourse.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session hash is SHA-256 over events.jsonl, the same from the events as from the file. */
class SessionHashTest {
    @TempDir
    Path dir;

    private static final List<String> EVENTS = List.of("{\"type\":\"trade\",\"seq\":1}",
            "{\"type\":\"book_update\",\"seq\":2}");

    @Test
    void anEmptySessionHasTheHashOfNothing() {
        assertThat(SessionHash.of(List.of()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void theHashOfTheEventsIsTheHashOfTheirLines() {
        // sha256 of "a\nb\n", as `printf 'a\nb\n' | sha256sum` prints it
        assertThat(SessionHash.of(List.of("a", "b")))
                .isEqualTo("911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2");
    }

    @Test
    void theFileAndTheEventsGiveOneHash() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, String.join("\n", EVENTS) + "\n", StandardCharsets.UTF_8);
        assertThat(SessionHash.ofFile(file)).isEqualTo(SessionHash.of(EVENTS)).hasSize(64).matches("[0-9a-f]+");
        assertThat(SessionHash.of(EVENTS)).isNotEqualTo(SessionHash.of(EVENTS.subList(0, 1)))
                .isNotEqualTo(SessionHash.of(List.of()));
    }

    @Test
    void aFileLargerThanOneReadIsHashedWhole() throws IOException {
        String line = "x".repeat(100_000);
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, line + "\n" + line + "y\n", StandardCharsets.UTF_8);
        assertThat(SessionHash.ofFile(file)).isEqualTo(SessionHash.of(List.of(line, line + "y")))
                .isNotEqualTo(SessionHash.of(List.of(line, line)));
    }
}
