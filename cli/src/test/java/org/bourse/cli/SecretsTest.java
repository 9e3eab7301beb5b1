package org.bourse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @Test
    void tokensAreSixtyFourHexDigitsAndNeverRepeat() {
        String one = Secrets.newToken();
        assertThat(one).matches("[0-9a-f]{64}");
        assertThat(Secrets.newToken()).isNotEqualTo(one);
    }

    @Test
    void aSecretFileIsTheOwnersOnlyEvenWhenItReplacesAReadableOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin.token");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Secrets.writeOwnerOnly(file, "abc\n");
        assertThat(Files.readString(file)).isEqualTo("abc\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
