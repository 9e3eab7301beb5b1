package org.bourse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {

    @Test
    void aNewFileGivesEveryIdItsOwnTokenForItsOwnerOnly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("credentials.properties");
        CredentialsFile.writeNew(file, List.of("maker_1", "a:b=c", CredentialsFile.STREAM));
        Map<String, String> tokens = CredentialsFile.read(file);
        assertThat(tokens).containsOnlyKeys("maker_1", "a:b=c", "@stream");
        assertThat(tokens.values()).doesNotHaveDuplicates().allMatch(token -> token.matches("[0-9a-f]{64}"));
        assertThat(CredentialsFile.tokenOf(file, "a:b=c")).isEqualTo(tokens.get("a:b=c"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aMissingLineOrEmptyTokenIsOneSentence(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "alice=\n");
        assertThatThrownBy(() -> CredentialsFile.read(file)).hasMessage("the credentials file " + file
                + " gives 'alice' an empty token");
        Files.writeString(file, "alice=x\n");
        assertThatThrownBy(() -> CredentialsFile.tokenOf(file, "bob")).hasMessage("the credentials file " + file
                + " has no line for 'bob'");
        assertThatThrownBy(() -> CredentialsFile.read(dir.resolve("none"))).hasMessageStartingWith(
                "cannot read the credentials file");
    }
}
