package org.bourse.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourse.session.strategies.Quitter;
import org.bourse.session.strategies.Thrower;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lockstep sessions as a user runs them ({@code session --lockstep}, the real exchange, relay and one process per
 * bot; and {@code --in-process}): the same config gives the same bytes whatever the machine is doing, and a bot
 * that fails is named instead of silently changing the battle.
 */
class LockstepSessionTest {
    private static final Pattern HASH = Pattern.compile("(?m)^session hash: ([0-9a-f]{64})$");
    private static final Path TEST_CLASSES = Path.of(Thrower.class.getProtectionDomain().getCodeSource()
            .getLocation().getPath());
    private static final List<String> FILES = List.of("journal", "events.jsonl", "trades.csv", "performance.csv");

    @TempDir
    Path dir;

    /**
     * Four built-ins and a strategy that throws every third turn (an exception is a decision to do nothing), in a
     * scenario's market with a small background crowd (its own process, one lockstep participant).
     */
    private Path config(String extraBot) throws Exception {
        Path config = dir.resolve("battle.json");
        Files.writeString(config, """
                {
                  "seed": 11,
                  "classpath": ["%s"],
                  "market": {"preset": "lively", "crowd": {"value_traders": {"count": 6},
                             "noise_traders": {"count": 4}, "market_makers": {"count": 1}}},
                  "bots": [
                    {"trader_id": "maker_1", "strategy": "maker", "decision_interval": 0.2},
                    {"trader_id": "maker_2", "strategy": "maker", "decision_interval": 0.3},
                    {"trader_id": "taker_1", "strategy": "taker", "decision_interval": 0.25, "latency_ms": 5},
                    {"trader_id": "random_1", "strategy": "random", "decision_interval": 0.2},
                    {"trader_id": "thrower", "strategy": "%s", "decision_interval": 0.2}%s
                  ]
                }
                """.formatted(TEST_CLASSES.toString().replace("\\", "/"), Thrower.class.getName(), extraBot));
        return config;
    }

    @Test
    void theSameConfigGivesTheSameBytesAsProcessesUnderLoadAndInOneProcess() throws Exception {
        Path config = config("");
        String first = session(config, "first", List.of());
        String second;
        // the second run with both cores busy and another decision timeout: neither may change a byte
        AtomicBoolean spinning = new AtomicBoolean(true);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread spinner = new Thread(() -> {
                long x = 0;
                while (spinning.get()) {
                    x += System.nanoTime() % 7;
                }
                assertThat(x).isNotNegative();
            });
            spinner.setDaemon(true);
            spinner.start();
            spinners.add(spinner);
        }
        try {
            second = session(config, "second", List.of("--decision-timeout", "5s"));
        } finally {
            spinning.set(false);
            for (Thread spinner : spinners) {
                spinner.join();
            }
        }
        String inProcess = session(config, "in-process", List.of("--in-process"));

        for (String out : List.of(first, second, inProcess)) {
            assertThat(out).contains("reproducible: yes").containsPattern("Lockstep: +\\d+ rounds, \\d+ decisions in");
        }
        assertThat(hash(second)).isEqualTo(hash(first));
        assertThat(hash(inProcess)).isEqualTo(hash(first));
        for (String file : FILES) {
            byte[] expected = Files.readAllBytes(dir.resolve("first").resolve(file));
            assertThat(Files.readAllBytes(dir.resolve("second").resolve(file))).as(file).isEqualTo(expected);
            assertThat(Files.readAllBytes(dir.resolve("in-process").resolve(file))).as(file).isEqualTo(expected);
        }
        // every timestamp is virtual: the battle starts at the fixed start, whatever the day
        assertThat(Files.readAllLines(dir.resolve("first").resolve("trades.csv")).get(1)).startsWith("17672256");
        assertThat(Files.readAllLines(dir.resolve("first").resolve("trades.csv"))).hasSizeGreaterThan(10);
        // the crowd traded with the bots, and wrote the same fundamental in both ways of running
        assertThat(Files.readAllLines(dir.resolve("first").resolve("trades.csv"))).anySatisfy(row -> {
            String[] f = row.split(",");
            assertThat(f[3].startsWith("bg_") != f[4].startsWith("bg_")).as(row).isTrue();
        });
        assertThat(Files.readAllBytes(dir.resolve("in-process").resolve("fundamental.csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("first").resolve("fundamental.csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("second").resolve("fundamental.csv")));
        assertThat(Files.readAllLines(dir.resolve("first").resolve("fundamental.csv"))).hasSizeGreaterThan(40);
        assertThat(first).containsPattern("\\(and (\\d|1[01]) background traders of the crowd: --show-crowd lists them\\)")
                .contains("crowd     11 background traders");
        // the failing strategy is reported where the user looks: the bot's log, and the in-process summary
        assertThat(Files.readString(dir.resolve("first").resolve("battle.log")))
                .contains("thrower: nextOrder threw IllegalStateException: turn 3 went wrong");
        assertThat(inProcess).containsPattern("thrower: its strategy failed \\d+ times");
    }

    @Test
    void aBotThatDiesIsNamedAndTheRunGoesOnNotReproducible() throws Exception {
        Path config = config(",\n    {\"trader_id\": \"quitter\", \"strategy\": \"" + Quitter.class.getName()
                + "\", \"decision_interval\": 0.1, \"strategy_params\": {\"turns\": \"15\"}}");
        String out = session(config, "dying", List.of());

        // without the monitor, the session says so when it happens, before it stops anything
        assertThat(out).containsPattern("  bot quitter failed: .*3");
        assertThat(out.indexOf("  bot quitter failed")).isLessThan(out.indexOf("Stopping: bots"));
        assertThat(out).contains("reproducible: no").containsPattern("quitter left at 2026-01-01T00:00:01\\.\\d+Z "
                + "\\(its connection closed\\); the run went on without it");
        // the others traded on to the end of the virtual time
        List<String> trades = Files.readAllLines(dir.resolve("dying").resolve("trades.csv"));
        long lastTrade = Long.parseLong(trades.get(trades.size() - 1).split(",")[0]);
        assertThat(lastTrade).isGreaterThan(1_767_225_600_000L + 3_000);
        assertThat(Files.readString(dir.resolve("dying").resolve("battle.log"))).contains("quitter")
                .containsPattern("exit(ed)? .*3");
    }

    @Test
    void inOneProcessAStrategyThatFailsEveryTurnFailsTheRunAsItsBotWould() throws Exception {
        Path config = config(",\n    {\"trader_id\": \"broken\", \"strategy\": \"" + Thrower.class.getName()
                + "\", \"decision_interval\": 0.5, \"strategy_params\": {\"every\": \"1\"}}");

        Process session = start(config, "broken", List.of("--in-process"));

        assertThat(session.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("broken.out")))
                .containsPattern("broken failed: the strategy's nextOrder threw on every turn \\(\\d+\\)")
                .contains("thrower: its strategy failed");
    }

    /** Runs a 5-second (virtual) lockstep session on free ports; its output. */
    private String session(Path config, String name, List<String> options) throws Exception {
        start(config, name, options);
        String out = Files.readString(dir.resolve(name + ".out"));
        assertThat(out).as(out).doesNotContain("Exception");
        return out;
    }

    /** Runs a 5-second (virtual) lockstep session on free ports to its end; its output is in NAME.out. */
    private Process start(Path config, String name, List<String> options) throws Exception {
        Path run = dir.resolve(name);
        Path output = dir.resolve(name + ".out");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), SessionMain.class.getName(), "--config",
                config.toString(), "--lockstep", "--no-monitor", "--duration", "5s", "--run-dir", run.toString(),
                "--gateway-port", "0", "--stream-port", "0", "--feed-port", "0", "--admin-port", "0",
                "--http-port", "0"));
        command.addAll(options);
        Process session = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .directory(dir.toFile()).start();
        session.getOutputStream().close();
        try {
            assertThat(session.waitFor(180, TimeUnit.SECONDS)).as("the session ends by itself").isTrue();
            return session;
        } finally {
            session.destroyForcibly();
            session.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String hash(String out) {
        Matcher m = HASH.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }
}
