package org.bourse.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourse.cli.CredentialsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python strategy in a battle beside Java bots, as a user runs it: the session (real exchange, relay, battle and
 * monitor processes on free ports, with the tokens every session hands its bots) starts the example strategy of
 * clients/python, named {@code py:quoter:Quoter} and found next to the config file, with the Python client. Its
 * trades must be in trades.csv, and its account in performance.csv, on the monitor and the leaderboard; in a
 * lockstep battle it must take its turns so that two runs give the same bytes.
 */
class PythonBotSessionTest {
    private static final Path HOME = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().getParent();
    private static final Pattern HASH = Pattern.compile("(?m)^session hash: ([0-9a-f]{64})$");
    private static final String PYTHON_BOT = "py_quoter";

    @TempDir
    Path dir;

    @Test
    void aPythonBotTradesBesideJavaBotsAndShowsWhereTheirResultsDo() throws Exception {
        Path config = config();
        Path run = dir.resolve("run");
        Path output = dir.resolve("session.out");
        Process session = session(config, run, List.of("--duration", "300s"), output).start();
        session.getOutputStream().close();
        Set<ProcessHandle> processes = new HashSet<>();
        try {
            // until the Python bot has traded (however long the bots take to start), then Ctrl+C
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250)).until(() -> {
                session.descendants().forEach(processes::add);
                return pythonTrades(run.resolve("trades.csv")) > 0
                        && Pattern.compile("(?m)^TRADER " + PYTHON_BOT + " .* status=active$")
                        .matcher(Files.readString(output)).find();
            });
            session.destroy();
            assertThat(session.waitFor(60, TimeUnit.SECONDS)).as("the session stops on SIGTERM").isTrue();
            String out = Files.readString(output);
            assertThat(session.exitValue()).as(out).isZero();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(processes).as("no process left behind").noneMatch(ProcessHandle::isAlive));

            // the session gave the Python bot its token, which it must have used: the exchange wants one
            assertThat(CredentialsFile.read(run.resolve(SessionMain.CREDENTIALS))).containsKey(PYTHON_BOT);
            String battleLog = Files.readString(run.resolve("battle.log"));
            assertThat(battleLog).contains("[" + PYTHON_BOT + "]", PYTHON_BOT + ": trading with Quoter",
                    PYTHON_BOT + ": connected to the order gateway").doesNotContain("refused the hello")
                    .containsPattern(PYTHON_BOT + ": stopped; [1-9]\\d* orders sent");
            assertThat(battleLog).containsPattern(PYTHON_BOT + " +stopped +exit code 0");
            // its account in the files and on the leaderboard, like any bot's
            assertThat(Files.readAllLines(run.resolve("performance.csv"))).anyMatch(row -> row.contains(","
                    + PYTHON_BOT + ","));
            assertThat(out).containsPattern("(?m)^\\s*\\d+\\s+" + PYTHON_BOT + "\\s+[1-9]\\d*\\s");
            assertThat(Files.readString(run.resolve("report.html"))).contains(PYTHON_BOT);
        } finally {
            session.destroyForcibly();
            processes.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void inALockstepBattleThePythonBotTakesItsTurnsAndTwoRunsGiveTheSameBytes() throws Exception {
        Path config = config();
        String first = lockstep(config, "first");
        String second = lockstep(config, "second");

        for (String out : List.of(first, second)) {
            assertThat(out).contains("reproducible: yes");
        }
        assertThat(hash(second)).isEqualTo(hash(first));
        for (String file : List.of("journal", "events.jsonl", "trades.csv", "performance.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("second").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("first").resolve(file)));
        }
        assertThat(pythonTrades(dir.resolve("first").resolve("trades.csv"))).isPositive();
        assertThat(Files.readAllLines(dir.resolve("first").resolve("trades.csv")).get(1))
                .as("virtual time").startsWith("17672256");
    }

    /** Three Java bots and the Python example, copied next to the config as a user's own module would be. */
    private Path config() throws IOException {
        Files.copy(HOME.resolve("clients/python/examples/quoter.py"), dir.resolve("quoter.py"));
        Path config = dir.resolve("battle.json");
        Files.writeString(config, """
                {
                  "seed": 5,
                  "bots": [
                    {"trader_id": "maker_1", "strategy": "maker", "decision_interval": 0.2},
                    {"trader_id": "taker_1", "strategy": "taker", "decision_interval": 0.2,
                     "strategy_params": {"aggression": 1.0}},
                    {"trader_id": "random_1", "strategy": "random", "decision_interval": 0.2},
                    {"trader_id": "%s", "strategy": "py:quoter:Quoter", "decision_interval": 0.2,
                     "strategy_params": {"qty": 2, "take": 0.3}}
                  ]
                }
                """.formatted(PYTHON_BOT));
        return config;
    }

    /** A 5-second (virtual) lockstep session to its end; its output. */
    private String lockstep(Path config, String name) throws Exception {
        Path output = dir.resolve(name + ".out");
        Process session = session(config, dir.resolve(name), List.of("--lockstep", "--no-monitor", "--duration", "5s"),
                output).start();
        session.getOutputStream().close();
        try {
            assertThat(session.waitFor(180, TimeUnit.SECONDS)).as("the session ends by itself").isTrue();
        } finally {
            session.destroyForcibly();
            session.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        String out = Files.readString(output);
        assertThat(session.exitValue()).as(out).isZero();
        return out;
    }

    /** The session as {@code ./bourse session} starts it: BOURSE_HOME names the installation (its clients/python). */
    private ProcessBuilder session(Path config, Path run, List<String> options, Path output) {
        ProcessBuilder session = new ProcessBuilder(command(config, run, options)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).directory(dir.toFile());
        session.environment().put("BOURSE_HOME", HOME.toString());
        return session;
    }

    private static List<String> command(Path config, Path run, List<String> options) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), SessionMain.class.getName(), "--config",
                config.toString(), "--run-dir", run.toString(), "--gateway-port", "0", "--stream-port", "0",
                "--feed-port", "0", "--admin-port", "0", "--http-port", "0"));
        command.addAll(options);
        return command;
    }

    /** The rows of trades.csv where the Python bot bought or sold (timestamp,price,qty,buy_trader,sell_trader). */
    private static long pythonTrades(Path tradesCsv) throws IOException {
        if (!Files.exists(tradesCsv)) {
            return 0;
        }
        return Files.readAllLines(tradesCsv).stream().skip(1).map(row -> row.split(","))
                .filter(f -> f.length == 5 && (f[3].equals(PYTHON_BOT) || f[4].equals(PYTHON_BOT))).count();
    }

    private static String hash(String out) {
        Matcher m = HASH.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }
}
