package org.bourse.bot.battle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bourse.cli.LogOutput;
import org.bourse.cli.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command as a user meets it: its output, its errors, its exit codes. Nothing here starts a bot. */
class BattleCommandTest {
    private static final BotLauncher LAUNCHER = new BotLauncher("java", List.of("-Xmx64m"), "bots.jar", "org.example.Bot");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream botOutput = new ByteArrayOutputStream();

    @Test
    void aDryRunPrintsEachEnabledBotsCommandLineAndStartsNothing() throws IOException {
        Path config = write("""
                {"bots": [
                  {"trader_id": "maker_1", "strategy": "maker", "seed": 7, "decision_interval": 0.5,
                   "strategy_params": {"spread": 0.1}},
                  {"trader_id": "off", "strategy": "taker", "enabled": false},
                  {"trader_id": "taker_1", "strategy": "taker", "order_gateway_uri": "ws://127.0.0.1:19001"}]}""");

        int status = run("--config", config.toString(), "--dry-run");

        assertThat(status).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString().lines()).containsExactly(
                "java -Xmx64m -cp bots.jar org.example.Bot bot --trader-id maker_1 --strategy maker "
                        + "--strategy-param spread=0.1 --seed 7 "
                        + "--decision-interval 500ms --market-data-uri ws://127.0.0.1:9010 "
                        + "--order-gateway-uri ws://127.0.0.1:9001",
                "java -Xmx64m -cp bots.jar org.example.Bot bot --trader-id taker_1 --strategy taker --seed "
                        + Seeds.derive(1, "taker_1") + " --market-data-uri ws://127.0.0.1:9010 "
                        + "--order-gateway-uri ws://127.0.0.1:19001");
        assertThat(botOutput.size()).isZero();
    }

    @Test
    void theBotsLogInTheBattlesFormat() throws IOException {
        Path config = write("""
                {"bots": [{"trader_id": "maker_1", "strategy": "maker", "seed": 7}]}""");

        int status;
        try {
            status = run("--config", config.toString(), "--dry-run", "--log-format", "json");
        } finally {
            LogOutput.use(LogOutput.Format.TEXT, "test"); // the battle switched this JVM's log too
        }

        assertThat(status).isZero();
        assertThat(out.toString().lines()).singleElement().asString().endsWith(" --log-format json");
    }

    @Test
    void aBotsStaleDataGuardIsPassedOnFromTheConfig() throws IOException {
        Path config = write("""
                {"bots": [
                  {"trader_id": "patient", "strategy": "maker", "seed": 7, "stale_timeout": "20s",
                   "stale_cancel": false},
                  {"trader_id": "quick", "strategy": "taker", "seed": 8, "stale_timeout": 0.5},
                  {"trader_id": "plain", "strategy": "taker", "seed": 9}]}""");

        assertThat(run("--config", config.toString(), "--dry-run")).isZero();

        assertThat(out.toString().lines()).hasSize(3)
                .anySatisfy(line -> assertThat(line).contains("--trader-id patient ")
                        .contains(" --stale-timeout 20000ms --no-stale-cancel"))
                .anySatisfy(line -> assertThat(line).contains("--trader-id quick ")
                        .contains(" --stale-timeout 500ms").doesNotContain("stale-cancel"))
                .anySatisfy(line -> assertThat(line).contains("--trader-id plain ").doesNotContain("stale"));
    }

    @Test
    void aStaleTimeoutThatIsNotADurationIsAnError() throws IOException {
        Path config = write("""
                {"bots": [{"trader_id": "a", "strategy": "maker", "stale_timeout": 0, "stale_cancel": "no"}]}""");

        assertThat(run("--config", config.toString(), "--dry-run")).isEqualTo(2);

        assertThat(err.toString().lines()).containsExactly(
                config + ": bots[0].stale_timeout: must be > 0, got 0",
                config + ": bots[0].stale_cancel: must be true or false, got string \"no\"");
    }

    @Test
    void aDryRunBuildsEveryStrategyAndNamesTheBotWhoseCannotBeBuilt() throws IOException {
        Path config = write("""
                {"bots": [
                  {"trader_id": "maker_1", "strategy": "maker", "strategy_params": {"sprad": 0.1}},
                  {"trader_id": "mine", "strategy": "com.example.Missing"},
                  {"trader_id": "taker_1", "strategy": "taker"}]}""");

        int status = run("--config", config.toString(), "--dry-run");

        assertThat(status).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).hasSize(2)
                .anySatisfy(line -> assertThat(line).startsWith(config + ": maker_1: ")
                        .contains("unknown parameter 'sprad'"))
                .anySatisfy(line -> assertThat(line).startsWith(config + ": mine: ")
                        .contains("com.example.Missing"));
    }

    @Test
    void anInvalidConfigPrintsEveryErrorOnALineOfItsOwnAndExits2() throws IOException {
        Path config = write("""
                {"market_data_uri": "http://x", "bots": [
                  {"trader_id": "maker_1", "strategy": "maker", "decision_interval": -1},
                  {"trader_id": "maker_1", "strategy": "maker"}]}""");

        int status = run("--config", config.toString());

        assertThat(status).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).containsExactly(
                config + ": market_data_uri: 'http://x' is not a WebSocket address (ws://host:port)",
                config + ": bots[0].decision_interval: must be > 0, got -1",
                config + ": bots[1].trader_id: duplicate 'maker_1' (first at bots[0])");
    }

    @Test
    void aCredentialsFileWithoutABotsLineIsOneLineAndExit2() throws IOException {
        Path config = write("""
                {"bots": [{"trader_id": "maker_1", "strategy": "maker"}, {"trader_id": "taker_1", "strategy": "taker"}]}""");
        Path credentials = Files.writeString(dir.resolve("credentials.properties"), "maker_1=abc\n");

        assertThat(run("--config", config.toString(), "--credentials", credentials.toString(), "--no-cds"))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo("bourse battle: --credentials: the credentials file " + credentials
                + " has no line for 'taker_1'" + System.lineSeparator());
        assertThat(botOutput.size()).isZero();
    }

    @Test
    void aMissingConfigIsOneLineAndExit2() {
        Path missing = dir.resolve("bots_config.json");

        assertThat(run("--config", missing.toString(), "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void aBadDurationIsRefusedWithExit2() throws IOException {
        Path config = write("{\"bots\": [{\"trader_id\": \"a\", \"strategy\": \"maker\"}]}");

        assertThat(run("--config", config.toString(), "--duration", "10 minutes")).isEqualTo(2);
        assertThat(err.toString()).contains("'10 minutes' is not a duration (write e.g. 10s, 500ms, 1.5s or 2m)");
    }

    @Test
    void helpDescribesTheOptionsTheConfigAndExamples() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--config=FILE", "bots_config.json", "--duration=DURATION",
                "--stop-on-failure", "--dry-run", "Exit status", "Examples:", "strategy_params", "built-in (listed by bot --help)");
    }

    @Test
    void shellQuotingKeepsEachArgumentWhole() {
        assertThat(BattleCommand.shellQuoted(List.of("java", "-cp", "/a b/c.jar", "x=1", "it's", "")))
                .isEqualTo("java -cp '/a b/c.jar' x=1 'it'\\''s' ''");
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new BattleCommand(LAUNCHER,
                new PrintStream(botOutput, true, StandardCharsets.UTF_8)));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("bots.json"), json);
    }
}
