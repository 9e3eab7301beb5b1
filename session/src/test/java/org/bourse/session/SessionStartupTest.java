package org.bourse.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session that cannot start says why in one line, starts nothing and leaves nothing behind. */
class SessionStartupTest {

    @TempDir
    Path dir;

    @Test
    void aPortTakenByAnotherProcessIsRefusedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path run = dir.resolve("run");
            Result result = session("--gateway-port", String.valueOf(taken.getLocalPort()), "--stream-port", "0",
                    "--feed-port", "0", "--admin-port", "0", "--http-port", "0", "--run-dir", run.toString(),
                    "--no-monitor");

            assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
            assertThat(result.output().strip()).isEqualTo("bourse session: port " + taken.getLocalPort()
                    + " (--gateway-port) is already in use: is another exchange or session running? Stop it, or pick "
                    + "other ports (0 = any free port)");
            assertThat(run).doesNotExist();
        }
    }

    @Test
    void aMissingBattleConfigIsOneLineAndExit2() throws Exception {
        Result result = session("--config", dir.resolve("nowhere.json").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output().strip()).isEqualTo("bourse session: no battle config at " + dir.resolve("nowhere.json")
                + " (pass one with --config)");
    }

    @Test
    void aBotWhoseStrategyCannotBeBuiltIsOneLineNamingItAndNothingStarts() throws Exception {
        Path config = Files.writeString(dir.resolve("battle.json"), """
                {"bots": [{"trader_id": "maker_1", "strategy": "maker", "strategy_params": {"sprad": 0.1}},
                          {"trader_id": "taker_1", "strategy": "taker"}]}
                """);
        Path run = dir.resolve("run");
        Result result = session("--config", config.toString(), "--run-dir", run.toString(), "--no-monitor");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output().strip()).startsWith("bourse session: " + config + ": maker_1: ")
                .contains("unknown parameter 'sprad'").doesNotContain("\n");
        assertThat(run).doesNotExist();
    }

    @Test
    void aSessionEndsByItselfWhenItsDurationIsUp() throws Exception {
        Path config = dir.resolve("battle.json");
        Files.writeString(config, """
                {"bots": [{"trader_id": "maker_1", "strategy": "maker", "seed": 1, "decision_interval": 0.2}]}
                """);
        Result result = session("--config", config.toString(), "--duration", "2s", "--no-monitor",
                "--run-dir", dir.resolve("run").toString(), "--gateway-port", "0", "--stream-port", "0",
                "--feed-port", "0", "--admin-port", "0", "--http-port", "0");

        assertThat(result.exitCode()).as(result.output()).isZero();
        Path report = dir.resolve("run").resolve("report.html").toAbsolutePath();
        assertThat(result.output()).contains("Running for 2 s").containsPattern("dashboard http://127\\.0\\.0\\.1:\\d+/")
                .containsSubsequence("battle: stopped", "relay: stopped", "exchange: stopped", "Leaderboard (",
                        "Report:       " + report, report.toUri().toString());
        assertThat(report).isRegularFile();
    }

    private record Result(int exitCode, String output) {
    }

    private Result session(String... args) throws Exception {
        Path output = dir.resolve("out.txt");
        List<String> command = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                SessionMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(output));
    }
}
