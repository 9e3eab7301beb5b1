package org.bourse.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./bourse} launcher lists its commands in its help, accepts them before building, and runs each: three
 * lists in one script, which must agree (a command in the help that the script then calls unknown is a broken
 * promise to a newcomer).
 */
class LauncherScriptTest {

    private static final Path SCRIPT = Path.of("..", "bourse");

    @Test
    void everyCommandInTheHelpIsAcceptedAndRun() throws IOException {
        String script = Files.readString(SCRIPT);
        List<String> listed = Pattern.compile("(?m)^  ([a-z]+) {2,}\\S").matcher(usage(script)).results()
                .map(match -> match.group(1)).toList();
        assertThat(listed).contains("session", "exchange", "relay", "battle", "bot", "crowd", "monitor", "build");

        Matcher accepted = Pattern.compile("(?m)^  ((?:[a-z]+\\|)+[a-z]+)\\) ;;$").matcher(script);
        assertThat(accepted.find()).as("the list of accepted commands").isTrue();
        assertThat(List.of(accepted.group(1).split("\\|"))).containsExactlyInAnyOrderElementsOf(listed);

        for (String command : listed) {
            if (!command.equals("build")) { // build is run before the others, by name
                assertThat(script).as("how '%s' runs", command).containsPattern("(?m)^  " + command + "\\) +\\S");
            }
        }
    }

    @Test
    void anUnknownCommandIsRefusedWithTheListBeforeAnyBuild() throws Exception {
        Process launcher = new ProcessBuilder("bash", SCRIPT.toString(), "sesion").redirectErrorStream(true).start();
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(launcher.waitFor()).isEqualTo(2);
        assertThat(output).contains("Usage: ./bourse <command>").endsWith("bourse: unknown command 'sesion'\n")
                .doesNotContain("building");
    }

    private static String usage(String script) {
        int start = script.indexOf("Usage: ./bourse");
        return script.substring(start, script.indexOf("Examples:", start));
    }
}
