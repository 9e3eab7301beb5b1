package org.bourse.bot.battle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The battle command as its own process, as a user runs it (with {@link FakeBot}s for bots): what it prints, how it
 * ends, and that it leaves no process behind when it is sent SIGTERM.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BattleProcessTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private Process battle;
    private final List<Thread> readers = new ArrayList<>();
    /** Bots that outlive their battle if the test fails: not the battle's descendants any more, so listed here. */
    private final List<ProcessHandle> orphans = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        if (battle != null) {
            battle.descendants().forEach(ProcessHandle::destroyForcibly);
            battle.destroyForcibly();
        }
        orphans.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void sigtermToTheBattleStopsEveryBotLeavesNothingBehindAndExits0() throws Exception {
        start(config("""
                {"trader_id": "stubborn", "strategy": "maker", "strategy_params": {"ignore_sigterm": true}},
                {"trader_id": "a", "strategy": "maker"},
                {"trader_id": "b", "strategy": "taker"}"""));
        await().atMost(PATIENCE).until(() -> out.containsAll(List.of(
                "[stubborn] hello from stubborn", "[a]        hello from a", "[b]        hello from b")));
        List<ProcessHandle> bots = battle.descendants().toList();
        assertThat(bots).hasSize(3).allMatch(ProcessHandle::isAlive);

        battle.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output

        assertThat(exitStatus()).isZero();
        assertThat(bots).noneMatch(ProcessHandle::isAlive);
        assertThat(out).anyMatch(line -> line.contains("stubborn  stopped  exit code 137"))
                .anyMatch(line -> line.contains("a         stopped  exit code 143"))
                .anyMatch(line -> line.contains("Battle over: 3 bot(s), 0 failed"));
    }

    @Test
    void withoutACredentialsFileEachBotGetsAFreshTokenOfItsOwn() throws Exception {
        start(config("""
                {"trader_id": "a", "strategy": "maker"},
                {"trader_id": "b", "strategy": "maker"}"""));
        await().atMost(PATIENCE).until(() -> tokens().size() == 2);
        battle.toHandle().destroy();
        assertThat(exitStatus()).isZero();
        assertThat(tokens()).allMatch(token -> token.matches("[0-9a-f]{64}")).doesNotHaveDuplicates();
        // not on any command line: the battle's own output (its dry run prints command lines) never shows them
        assertThat(err).noneMatch(line -> tokens().stream().anyMatch(line::contains));
    }

    private List<String> tokens() {
        return out.stream().filter(line -> line.contains("token of ")).map(line -> line.replaceAll(".*: ", ""))
                .toList();
    }

    @Test
    void botsStopByThemselvesWhenTheBattleIsKilledWithoutAChanceToStopThem() throws Exception {
        start(config("""
                {"trader_id": "a", "strategy": "maker"},
                {"trader_id": "b", "strategy": "maker"}"""));
        await().atMost(PATIENCE).until(() -> out.containsAll(List.of("[a] hello from a", "[b] hello from b")));
        List<ProcessHandle> bots = battle.descendants().toList();
        orphans.addAll(bots);
        assertThat(bots).hasSize(2);

        battle.destroyForcibly(); // SIGKILL: no shutdown hook runs in the battle

        await().atMost(PATIENCE).until(() -> bots.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void aBotThatFailsIsReportedTheOthersGoOnAndTheBattleExits1() throws Exception {
        start(config("""
                {"trader_id": "crash", "strategy": "maker", "strategy_params": {"exit_after_ms": 100, "exit_code": 1}},
                {"trader_id": "survivor", "strategy": "maker", "strategy_params": {"tick_ms": 100}}"""));
        await().atMost(PATIENCE).until(() -> out.stream().anyMatch(line -> line.contains(
                "[crash] exited with code 1; the other bots keep going")));
        int linesAtTheCrash = out.size();
        await().atMost(PATIENCE).until(() -> out.subList(linesAtTheCrash, out.size()).stream()
                .filter(line -> line.startsWith("[survivor] tick ")).count() >= 2);

        battle.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output

        assertThat(exitStatus()).isEqualTo(1);
        assertThat(out).contains("[crash]    hello from crash", "[crash]    complaint from crash", "[crash]    bye from crash")
                .anyMatch(line -> line.contains("Battle over: 2 bot(s), 1 failed"));
    }

    @Test
    void withADurationTheBattleEndsByItselfAndExits0() throws Exception {
        start(config("""
                {"trader_id": "a", "strategy": "maker"},
                {"trader_id": "b", "strategy": "maker"}"""), "--duration", "1s", "--stop-on-failure");

        assertThat(exitStatus()).isZero();
        assertThat(out).anyMatch(line -> line.contains("Stopping 2 bot(s): --duration 1 s has passed"));
    }

    @Test
    void anInvalidConfigPrintsOnlyItsErrorsAndExits2() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.json"), """
                {"bots": [{"trader_id": "a", "strategy": "maker", "seed": "x"}, {"trader_id": "a"}]}""");

        start(config);

        assertThat(exitStatus()).isEqualTo(2);
        assertThat(err).containsExactly(
                config + ": bots[0].seed: must be an integer, got string \"x\"",
                config + ": bots[1].trader_id: duplicate 'a' (first at bots[0])",
                config + ": bots[1].strategy: missing");
        assertThat(out).isEmpty();
    }

    private Path config(String bots) throws IOException {
        return Files.writeString(dir.resolve("bots_config.json"), "{\"bots\": [" + bots + "]}");
    }

    private void start(Path config, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(BotLauncher.FAST_START_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FakeBattleMain.class.getName(),
                "--config", config.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command);
        // the battle's own INFO lines (start, summary) are part of what these tests read
        builder.environment().put("BOURSE_LOG_LEVEL", "INFO");
        battle = builder.start();
        collect(battle.getInputStream(), out);
        collect(battle.getErrorStream(), err);
    }

    /** Waits for the battle to exit and for everything it printed to be read; returns its exit status. */
    private int exitStatus() throws InterruptedException {
        assertThat(battle.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the battle has exited").isTrue();
        for (Thread reader : readers) {
            reader.join(PATIENCE.toMillis());
        }
        return battle.exitValue();
    }

    private void collect(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream))) {
                in.lines().forEach(lines::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // the battle is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        readers.add(reader);
    }
}
