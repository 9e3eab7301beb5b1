package org.bourse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class LogFormatOptionTest {

    /** A command as Bourse's are: its logger made before the command line is parsed. */
    @Command(name = "bourse refuser")
    static final class Refuser implements Callable<Integer> {
        private static final Logger LOG = LoggerFactory.getLogger(Refuser.class);

        @Mixin
        LogFormatOption logFormat;

        @Override
        public Integer call() {
            LOG.atWarn().addKeyValue("trader", "maker_1").addKeyValue("reason", "insufficient_margin")
                    .log("maker_1: order refused (insufficient_margin)");
            return 0;
        }
    }

    private final PrintStream terminal = System.out;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void release() {
        System.setOut(terminal);
        LogOutput.use(LogOutput.Format.TEXT, "test");
    }

    @Test
    void jsonGivesOneObjectPerLineWithTheEventsFields() throws Exception {
        assertThat(Commands.execute(new Refuser(), "--log-format", "json")).isZero();

        String line = printed.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).doesNotContain("\n");
        JsonNode event = new ObjectMapper().readTree(line);
        assertThat(event.path("level").asText()).isEqualTo("WARN");
        assertThat(event.path("loggerName").asText()).isEqualTo(Refuser.class.getName());
        assertThat(event.path("formattedMessage").asText()).isEqualTo("maker_1: order refused (insufficient_margin)");
        assertThat(event.path("context").path("properties").path(LogOutput.PROCESS).asText()).isEqualTo("refuser");
        assertThat(event.path("timestamp").asLong()).isPositive();
        assertThat(event.path("kvpList").findValuesAsText("trader")).containsExactly("maker_1");
        assertThat(event.path("kvpList").findValuesAsText("reason")).containsExactly("insufficient_margin");
    }

    @Test
    void textIsTheConfiguredLineAgainAfterJson() {
        Commands.execute(new Refuser(), "--log-format", "json");
        printed.reset();

        assertThat(Commands.execute(new Refuser())).isZero();

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  LogFormatOptionTest\\$Refuser - maker_1: order refused "
                        + "\\(insufficient_margin\\)\\R");
    }

    @Test
    void eitherFormatInAnyCaseEvenWithoutBoursesConventions() {
        assertThat(new CommandLine(new Refuser()).execute("--log-format", "JSON")).isZero();
        assertThat(new CommandLine(new Refuser()).execute()).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8).lines())
                .hasSize(2)
                .first().asString().startsWith("{");
    }

    @Test
    void anotherFormatIsABadFlagInOneLine() {
        StringWriter err = new StringWriter();
        CommandLine command = Commands.commandLine(new Refuser());
        command.setErr(new PrintWriter(err, true));

        assertThat(command.execute("--log-format", "yaml")).isEqualTo(2);

        assertThat(err.toString()).isEqualTo("bourse refuser: Invalid value for option '--log-format': expected text "
                + "or json, not 'yaml' (see 'bourse refuser --help')" + System.lineSeparator());
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
