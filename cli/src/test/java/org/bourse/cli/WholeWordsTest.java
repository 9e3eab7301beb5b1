package org.bourse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Help text wraps between words, never inside a file name, a path or an address. */
class WholeWordsTest {

    @Command(name = "bourse demo", mixinStandardHelpOptions = true, usageHelpWidth = 60, description = {
        "Reads bots_config.json, writes events.jsonl and trades.csv next to docs/SCENARIOS.md, serves "
            + "http://127.0.0.1:8080/relay and measures p99.9 of bots_config.json bots_config.json."})
    static final class Demo implements Runnable {
        @Option(names = "--config", description = "The battle's bots (default: ${DEFAULT-VALUE}, here "
                + "bots_config.json, else bots_config.json next to the launcher).", defaultValue = "bots_config.json")
        String config;

        @Override
        public void run() {
        }
    }

    @Test
    void noWordIsBrokenAtADotASlashOrAColonAndTheHelpReadsAsWritten() {
        StringWriter out = new StringWriter();
        Commands.commandLine(new Demo()).setOut(new PrintWriter(out)).execute("--help");
        String help = out.toString();

        assertThat(help).doesNotContain("\uFEFF").contains("bots_config.json", "events.jsonl", "docs/SCENARIOS.md",
                "http://127.0.0.1:8080/relay", "p99.9", "bots_config.json, here");
    }
}
