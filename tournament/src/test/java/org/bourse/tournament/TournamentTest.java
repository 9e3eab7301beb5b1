package org.bourse.tournament;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bourse.bot.battle.BattleConfig;
import org.bourse.cli.Commands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tournaments of a small config (a maker and two market takers, no crowd, a few short rounds) run as the command
 * runs them, the files compared byte for byte.
 */
class TournamentTest {
    private static final String CONFIG = """
            {
              "seed": 1,
              "bots": [
                {"trader_id": "maker_1", "strategy": "maker", "decision_interval": 0.5,
                 "strategy_params": {"spread": 0.10, "levels": 2, "qty": 5, "max_position": 100}},
                {"trader_id": "taker_1", "strategy": "taker", "decision_interval": 0.3,
                 "strategy_params": {"qty": 3, "aggression": 0.8, "max_position": 60, "order_type": "market"}},
                {"trader_id": "taker_2", "strategy": "taker", "decision_interval": 0.4,
                 "strategy_params": {"qty": 2, "aggression": 0.8, "max_position": 60, "order_type": "market"}}%s
              ]
            }
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path config;

    @BeforeEach
    void writeConfig() throws Exception {
        config = write("bots.json", "");
    }

    private Path write(String name, String extraBot) throws Exception {
        return Files.writeString(dir.resolve(name), CONFIG.formatted(extraBot));
    }

    private Result tournament(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString(), "--out", out.toString()));
        all.addAll(List.of(args));
        if (!all.contains("--duration")) {
            all.addAll(List.of("--duration", "5s"));
        }
        return run(all.toArray(String[]::new));
    }

    private record Result(int exitCode, String output) {
    }

    /** The command as a user runs it, its terminal output captured. */
    private static Result run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = Commands.execute(new TournamentMain(), args);
            return new Result(code, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static String read(Path folder, String file) throws Exception {
        return Files.readString(folder.resolve(file));
    }

    private static JsonNode summary(Path folder) throws Exception {
        return JSON.readTree(folder.resolve(TournamentFiles.SUMMARY_JSON).toFile());
    }

    @Test
    void theFilesAreTheSameWhateverParallelAndAShardedRunMergesIntoTheWhole() throws Exception {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        assertThat(tournament(one, "--rounds", "3", "--parallel", "1").exitCode()).isZero();
        Result parallel = tournament(two, "--rounds", "3", "--parallel", "2");
        assertThat(parallel.exitCode()).isZero();
        assertThat(parallel.output()).contains("Standings over 3 rounds", "95 % confidence interval", "maker_1");
        assertThat(read(two, TournamentFiles.ROUNDS)).isEqualTo(read(one, TournamentFiles.ROUNDS))
                .hasLineCount(1 + 3 * 3);
        assertThat(read(two, TournamentFiles.SUMMARY_JSON)).isEqualTo(read(one, TournamentFiles.SUMMARY_JSON));
        assertThat(read(two, TournamentFiles.SUMMARY_CSV)).isEqualTo(read(one, TournamentFiles.SUMMARY_CSV));
        assertThat(read(two, TournamentReport.FILE)).isEqualTo(read(one, TournamentReport.FILE))
                .contains("uPlot", "rounds/round-");
        assertThat(summary(one).path("standings")).hasSize(3);
        assertThat(Files.list(one.resolve("rounds")).toList()).isNotEmpty()
                .allSatisfy(round -> assertThat(round.resolve("report.html")).isRegularFile());

        Path first = dir.resolve("shard-a");
        Path second = dir.resolve("shard-b");
        assertThat(tournament(first, "--rounds", "1..2").exitCode()).isZero();
        assertThat(tournament(second, "--rounds", "3..3").exitCode()).isZero();
        Path merged = dir.resolve("merged");
        Result merge = run("merge", second.toString(), first.toString(), "--out",
                merged.toString());
        assertThat(merge.exitCode()).as(merge.output()).isZero();
        assertThat(read(merged, TournamentFiles.ROUNDS)).isEqualTo(read(one, TournamentFiles.ROUNDS));
        assertThat(read(merged, TournamentFiles.SUMMARY_JSON)).isEqualTo(read(one, TournamentFiles.SUMMARY_JSON));

        Result overlap = run("merge", first.toString(), one.toString(), "--out",
                dir.resolve("x").toString());
        assertThat(overlap.exitCode()).isEqualTo(2);
        assertThat(overlap.output()).contains("overlap (rounds 1..2 are in both)");
        Path otherSeed = dir.resolve("other-seed");
        assertThat(tournament(otherSeed, "--rounds", "3..3", "--seed", "2").exitCode()).isZero();
        Result seeds = run("merge", first.toString(), otherSeed.toString(), "--out",
                dir.resolve("y").toString());
        assertThat(seeds.exitCode()).isEqualTo(2);
        assertThat(seeds.output()).contains("their seeds differ (1 and 2)");
    }

    /** What Ctrl+C does (its signal handler calls stop), here after the first battle. */
    @Test
    void aStoppedTournamentKeepsAndSummarisesTheRoundsThatFinished() throws Exception {
        Lineup lineup = Lineup.of(BattleConfig.load(config), null, List.of());
        Tournament tournament = new Tournament(new RoundRunner(lineup, 1, Duration.ofSeconds(5)), new RoundRange(1, 50),
                false, 1, Duration.ofSeconds(30), dir.resolve("work"));
        Tournament.Outcome outcome = tournament.run((result, done, total) -> tournament.stop());
        assertThat(outcome.stopped()).isTrue();
        assertThat(outcome.results()).extracting(RoundResult::round).containsExactly(1L);

        Path out = dir.resolve("stopped");
        TournamentFiles.write(new Summary(new Summary.Info("bots.json", "0", 1, 5_000, new RoundRange(1, 50),
                lineup.traders(), null, null), outcome.results(), outcome.stopped()), out);
        assertThat(summary(out).path("stopped").asBoolean()).isTrue();
        assertThat(summary(out).path("rounds_counted").asInt()).isEqualTo(1);
        Result merge = run("merge", out.toString(), out.toString(), "--out", dir.resolve("m").toString());
        assertThat(merge.exitCode()).isEqualTo(2);
        assertThat(merge.output()).contains("was stopped before its last round");
    }

    @Test
    void aVariantOfTheSameStrategyMakesNoDetectableDifference() throws Exception {
        Path out = dir.resolve("same");
        Result result = tournament(out, "--rounds", "3", "--compare", "maker_1=maker");
        assertThat(result.exitCode()).isZero();
        assertThat(summary(out).path("comparison").path("verdict").asText())
                .startsWith("no detectable difference after 3 rounds");
        assertThat(result.output()).contains("no detectable difference after 3 rounds");
    }

    @Test
    void aClearlyBetterVariantIsDetected() throws Exception {
        // a market taker pays the maker's spread on every lot: taking smaller lots loses less, round after round
        Path out = dir.resolve("better");
        Result result = tournament(out, "--rounds", "4", "--duration", "10s", "--compare-param", "taker_1.qty=1");
        assertThat(result.exitCode()).isZero();
        JsonNode comparison = summary(out).path("comparison");
        assertThat(comparison.path("verdict").asText()).startsWith("taker_1 with qty=1 better: +");
        assertThat(comparison.path("variant_better_rounds").asLong()).isEqualTo(4);
        assertThat(read(out, TournamentFiles.ROUNDS)).contains(",variant,taker_1,");
    }

    @Test
    void badInputIsOneLineAndExitsTwo() {
        Result zero = tournament(dir.resolve("a"), "--rounds", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.output().strip()).isEqualTo("bourse tournament: --rounds must be at least 1, got 0");
        Result unknown = tournament(dir.resolve("b"), "--compare", "nobody=maker");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output().strip()).isEqualTo("bourse tournament: no trader 'nobody' in bots.json to compare (its "
                + "traders: maker_1, taker_1, taker_2)");
    }

    @Test
    void aStrategyThatThrowsEveryRoundIsReportedPerRoundAndTheTournamentGoesOn() throws Exception {
        config = write("throwing.json", """
                ,
                    {"trader_id": "buggy", "strategy": "org.bourse.tournament.ThrowingStrategy"}""");
        Path out = dir.resolve("throwing");
        Result result = tournament(out, "--rounds", "2");
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("buggy: its strategy failed in 2 of 2 rounds");
        assertThat(read(out, TournamentFiles.ROUNDS).lines().filter(l -> l.contains(",buggy,")))
                .hasSize(2).allSatisfy(line -> assertThat(line).doesNotEndWith(",0,"));
    }

    @Test
    void aStrategyThatNeverReturnsHasItsRoundsExcludedAndSaid() throws Exception {
        config = write("hanging.json", """
                ,
                    {"trader_id": "stuck", "strategy": "org.bourse.tournament.HangingStrategy"}""");
        Path out = dir.resolve("hanging");
        Result result = tournament(out, "--rounds", "2", "--decision-timeout", "200ms");
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).contains("2 battles are excluded from the statistics",
                "stuck did not decide within 200 ms");
        JsonNode summary = summary(out);
        assertThat(summary.path("rounds_counted").asInt()).isZero();
        assertThat(summary.path("excluded")).hasSize(2);
    }
}
