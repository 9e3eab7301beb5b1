package org.bourse.bot.battle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bourse.bot.battle.Battle.Ending;
import org.bourse.bot.battle.Battle.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Battles of real OS processes, each a JVM running {@link FakeBot}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BattleTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final BotLauncher launcher = BotLauncher.forThisJvm(FakeBot.class.getName());
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void everyLineOfEveryBotIsPrefixedWithItsTraderIdAligned() {
        Battle battle = battle(fake("a", "exit_after_ms=0"), fake("long_name", "exit_after_ms=0"));

        List<Outcome> outcomes = battle.run(null, false);

        assertThat(outcomes).extracting(Outcome::traderId, Outcome::exitCode, Outcome::ending)
                .containsExactly(tuple("a", 0, Ending.EXITED), tuple("long_name", 0, Ending.EXITED));
        assertThat(Battle.exitStatus(outcomes)).isZero();
        assertThat(lines()).containsExactlyInAnyOrder(
                "[a]         hello from a", "[a]         complaint from a", "[a]         bye from a",
                "[a]         shutting down a",
                "[long_name] hello from long_name", "[long_name] complaint from long_name", "[long_name] bye from long_name",
                "[long_name] shutting down long_name");
    }

    @Test
    void aBotThatDiesIsReportedAndTheOthersKeepGoing() throws Exception {
        Battle battle = battle(fake("crash", "exit_after_ms=300", "exit_code=3"), fake("steady", "tick_ms=100"));
        CompletableFuture<List<Outcome>> run = CompletableFuture.supplyAsync(() -> battle.run(null, false));

        await().atMost(PATIENCE).until(() -> lines().contains("[crash]  bye from crash"));
        int ticksAtTheCrash = ticksOf("steady");
        await().atMost(PATIENCE).until(() -> ticksOf("steady") > ticksAtTheCrash + 2);
        battle.requestStop("the test is over");
        List<Outcome> outcomes = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(outcomes).extracting(Outcome::traderId, Outcome::exitCode, Outcome::ending)
                .containsExactly(tuple("crash", 3, Ending.FAILED), tuple("steady", 143, Ending.STOPPED));
        assertThat(Battle.exitStatus(outcomes)).isEqualTo(1);
        assertAllGone(outcomes);
    }

    @Test
    void eachBotThatEndsOnItsOwnIsRecordedAsItEndsForTheMonitor(@TempDir Path dir) throws Exception {
        Path endings = dir.resolve("bot-endings.tsv");
        Battle battle = new Battle(launcher, List.of(fake("crash", "exit_after_ms=200", "exit_code=3"),
                fake("done", "exit_after_ms=200"), fake("victim", "tick_ms=100"), fake("steady", "tick_ms=100")),
                new PrintStream(output, true, StandardCharsets.UTF_8), endings);
        CompletableFuture<List<Outcome>> run = CompletableFuture.supplyAsync(() -> battle.run(null, false));

        await().atMost(PATIENCE).until(() -> Files.exists(endings) && Files.readAllLines(endings).size() == 2);
        await().atMost(PATIENCE).until(() -> ticksOf("victim") > 0);
        botProcess("victim").destroyForcibly();
        await().atMost(PATIENCE).until(() -> Files.readAllLines(endings).size() == 3);
        assertThat(run).as("recorded while the battle goes on").isNotDone();
        battle.requestStop("the test is over");
        run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        List<String> recorded = Files.readAllLines(endings);
        assertThat(recorded).as("not the bot the battle stopped").hasSize(3).contains(
                "crash\tfailed\texit code 3: shutting down crash", "done\texited\texit code 0: shutting down done");
        assertThat(recorded.get(2)).matches("victim\tfailed\texit code 137 \\(killed by signal 9\\): tick \\d+");
    }

    @Test
    void withStopOnFailureOneFailureStopsTheWholeBattle() {
        Battle battle = battle(fake("crash", "exit_after_ms=200", "exit_code=1"), fake("steady"), fake("other"));

        List<Outcome> outcomes = battle.run(null, true);

        assertThat(outcomes).extracting(Outcome::traderId, Outcome::ending)
                .containsExactly(tuple("crash", Ending.FAILED), tuple("steady", Ending.STOPPED), tuple("other", Ending.STOPPED));
        assertThat(Battle.exitStatus(outcomes)).isEqualTo(1);
        assertAllGone(outcomes);
    }

    @Test
    void aBotThatExitsWithZeroDoesNotStopTheBattleEvenWithStopOnFailure() throws Exception {
        Battle battle = battle(fake("done", "exit_after_ms=2000"), fake("steady", "tick_ms=100"));
        CompletableFuture<List<Outcome>> run = CompletableFuture.supplyAsync(() -> battle.run(null, true));

        await().atMost(PATIENCE).until(() -> lines().contains("[done]   hello from done"));
        ProcessHandle done = botProcess("done");
        await().atMost(PATIENCE).until(() -> !done.isAlive());
        int ticksAfterDone = ticksOf("steady");
        await().atMost(PATIENCE).until(() -> ticksOf("steady") > ticksAfterDone + 2);
        battle.requestStop("the test is over");

        assertThat(run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).extracting(Outcome::ending)
                .containsExactly(Ending.EXITED, Ending.STOPPED);
    }

    @Test
    void theBattleEndsWhenItsDurationHasPassed() {
        Battle battle = battle(fake("one"), fake("two"));

        List<Outcome> outcomes = battle.run(Duration.ofSeconds(1), false);

        assertThat(outcomes).extracting(Outcome::ending).containsExactly(Ending.STOPPED, Ending.STOPPED);
        assertThat(Battle.exitStatus(outcomes)).isZero();
        assertAllGone(outcomes);
    }

    @Test
    void aBotIgnoringSigtermIsKilledAndNothingIsLeftBehind() throws Exception {
        Battle battle = battle(fake("stubborn", "ignore_sigterm=true"), fake("polite"));
        CompletableFuture<List<Outcome>> run = CompletableFuture.supplyAsync(() -> battle.run(null, false));
        await().atMost(PATIENCE).until(() -> lines().containsAll(List.of("[stubborn] hello from stubborn",
                "[polite]   hello from polite")));

        battle.requestStop("the test is over");
        List<Outcome> outcomes = run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(outcomes).extracting(Outcome::traderId, Outcome::exitCode, Outcome::ending)
                .containsExactly(tuple("stubborn", 137, Ending.STOPPED), tuple("polite", 143, Ending.STOPPED));
        assertThat(lines()).as("what a bot prints while it stops is shown too").contains("[polite]   shutting down polite");
        assertThat(Battle.exitStatus(outcomes)).isZero();
        assertAllGone(outcomes);
    }

    @Test
    void aBotThatCannotBeStartedIsAFailureAndTheOthersStillRun() {
        BotLauncher broken = new BotLauncher("/nonexistent/bin/java", List.of(), "", FakeBot.class.getName());
        Battle battle = new Battle(broken, List.of(fake("ghost")), new PrintStream(output, true, StandardCharsets.UTF_8));

        List<Outcome> outcomes = battle.run(null, false);

        assertThat(outcomes).extracting(Outcome::traderId, Outcome::pid, Outcome::ending)
                .containsExactly(tuple("ghost", -1L, Ending.NOT_STARTED));
        assertThat(Battle.exitStatus(outcomes)).isEqualTo(1);
    }

    private Battle battle(BotSpec... bots) {
        return new Battle(launcher, List.of(bots), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private static BotSpec fake(String traderId, String... params) {
        Map<String, String> strategyParams = new LinkedHashMap<>();
        for (String param : params) {
            String[] nameValue = param.split("=", 2);
            strategyParams.put(nameValue[0], nameValue[1]);
        }
        return new BotSpec(traderId, "maker", 1L, null, 0, strategyParams, List.of(), List.of(),
                URI.create("ws://127.0.0.1:1"), URI.create("ws://127.0.0.1:2"), null, true);
    }

    private List<String> lines() {
        return output.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private int ticksOf(String traderId) {
        return (int) lines().stream().filter(line -> line.startsWith("[" + traderId + "]") && line.contains(" tick ")).count();
    }

    /** The running bot process of that trader, found by its command line among this JVM's descendants. */
    private static ProcessHandle botProcess(String traderId) {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().arguments()
                        .map(args -> String.join(" ", args).contains("--trader-id " + traderId + " "))
                        .orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no running bot " + traderId));
    }

    private static void assertAllGone(List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            assertThat(ProcessHandle.of(outcome.pid()).filter(ProcessHandle::isAlive))
                    .as(outcome.traderId() + " (pid " + outcome.pid() + ") is gone").isEmpty();
        }
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
