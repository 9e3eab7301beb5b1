package org.bourse.tournament;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.bourse.bot.battle.BattleConfig;
import org.bourse.bot.battle.InvalidConfigException;
import org.bourse.cli.Commands;
import org.bourse.cli.DurationConverter;
import org.bourse.cli.LogFormatOption;
import org.bourse.lab.DecisionWatch;
import org.bourse.lab.LogFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code tournament}: many seeded rounds of one battle config, in process and in parallel; the standings with
 * confidence intervals, and with {@code --compare} the A/B verdict on paired rounds.
 */
@Command(name = "bourse tournament", mixinStandardHelpOptions = true, sortOptions = false, subcommands = MergeCommand.class,
        description = {
            "Plays many rounds of a battle config — each an in-process lockstep battle whose seeds derive from the "
                + "tournament's seed and the round's number — and ranks the bots by their mean PnL per round, with a "
                + "95 %% confidence interval (Student's t).",
            "With --compare or --compare-param each round is played twice under the same seeds, once with the "
                + "baseline and once with the variant, and the verdict says whether the variant makes more.",
            "Writes rounds.csv, summary.json, summary.csv and report.html (the best and worst rounds with battle "
                + "reports of their own) into --out; the same command gives the same rounds.csv and summary.json "
                + "whatever --parallel."},
        footer = {"", "Examples:",
            "  ./bourse tournament --rounds 20 --duration 30s",
            "  ./bourse tournament --rounds 100 --compare-param maker_1.spread=0.30",
            "  ./bourse tournament --config my.json --compare my_bot=com.acme.MyStrategyV2",
            "  ./bourse tournament --rounds 1..50 --out a     (a shard; 51..100 --out b elsewhere)",
            "  ./bourse tournament merge a b --out all        (the files of --rounds 100)"})
public final class TournamentMain implements Callable<Integer> {

    @Option(names = "--config", defaultValue = "bots_config.json", paramLabel = "FILE",
            description = "The battle's bots (default: ${DEFAULT-VALUE}, here or in the Bourse folder).")
    Path config;

    @Option(names = "--rounds", defaultValue = "20", paramLabel = "N|A..B",
            description = "How many rounds (1..N), or which (A..B: a shard of a larger tournament) (default: "
                    + "${DEFAULT-VALUE}).")
    String rounds;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Virtual time of each round, e.g. 30s or 5m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED",
            description = "The tournament's seed: round n of two tournaments with the same seed is the same battle "
                    + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the files go (default: runs/tournament-<date-time>).")
    Path out;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Rounds played at once (default: the number of cores). The results do not depend on it.")
    Integer parallel;

    @Option(names = "--compare", paramLabel = "TRADER=STRATEGY",
            description = "A/B: play every round also with TRADER running STRATEGY (a built-in name or a class on "
                    + "the config's classpath), its parameters kept.")
    String compare;

    @Option(names = "--compare-param", paramLabel = "TRADER.KEY=VALUE",
            description = "A/B: the variant's TRADER has this strategy parameter changed (repeatable).")
    List<String> compareParams = new ArrayList<>();

    @Option(names = "--decision-timeout", defaultValue = "2s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "How long (wall clock) a strategy may take over one decision; a round where one takes "
                    + "longer is excluded from the statistics (default: ${DEFAULT-VALUE}).")
    Duration decisionTimeout;

    @Mixin
    LogFormatOption logFormat;

    private final PrintStream console = System.out;

    public static void main(String[] args) {
        // a strategy stuck in a round leaves its thread behind: the JVM ends when the tournament is done
        System.exit(Commands.execute(new TournamentMain(), args));
    }

    @Override
    public Integer call() {
        RoundRange range;
        try {
            range = RoundRange.parse(rounds);
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        int threads = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            return fail("--parallel must be at least 1, got " + threads);
        }
        if (duration.isZero() || duration.isNegative() || decisionTimeout.isZero() || decisionTimeout.isNegative()) {
            return fail("--duration and --decision-timeout must be longer than 0");
        }
        Path file = resolveConfig(config);
        if (!Files.isRegularFile(file)) {
            return fail("no battle config at " + file + " (pass one with --config)");
        }
        BattleConfig battle;
        try {
            battle = BattleConfig.load(file);
        } catch (InvalidConfigException e) {
            e.errors().forEach(error -> console.println("bourse tournament: " + file + ": " + error));
            return 2;
        }
        Lineup lineup;
        String sha256;
        try {
            lineup = Lineup.of(battle, compare, compareParams);
            sha256 = sha256(Files.readAllBytes(file));
        } catch (IllegalArgumentException | IOException e) {
            return fail(e.getMessage());
        }
        Path folder = out != null ? out : Path.of("runs", "tournament-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss")));
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            return fail("cannot create " + folder + ": " + e.getMessage());
        }
        Path log = folder.resolve("tournament.log").toAbsolutePath();
        LogFile.redirect(log);
        Lineup.Variant variant = lineup.variant();
        Summary.Info info = new Summary.Info(file.getFileName().toString(), sha256, seed, duration.toMillis(), range,
                lineup.traders(), variant == null ? null : variant.traderId(),
                variant == null ? null : variant.description());
        console.println("Bourse tournament: " + range.count() + " rounds (" + range + ") of " + file.getFileName() + ", "
                + DurationConverter.format(duration) + " of virtual time each, seed " + seed + ", " + threads
                + " at a time" + (variant == null ? "" : "; A/B: " + variant.description()));
        console.println("  files: " + folder.toAbsolutePath() + "   log: " + log);

        RoundRunner runner = new RoundRunner(lineup, seed, duration);
        Tournament tournament = new Tournament(runner, range, variant != null, threads, decisionTimeout,
                folder.resolve("rounds-in-progress"));
        Signal.handle(new Signal("INT"), signal -> tournament.stop());
        Signal.handle(new Signal("TERM"), signal -> tournament.stop());
        Tournament.Outcome outcome;
        try (ProgressLine progress = ProgressLine.of(console)) {
            outcome = tournament.run(progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        try {
            RoundRunner.delete(folder.resolve("rounds-in-progress"));
        } catch (IOException e) {
            console.println("bourse tournament: cannot delete " + folder.resolve("rounds-in-progress") + ": " + e.getMessage());
        }
        if (outcome.failure() != null) {
            return fail(outcome.failure() + " (the tournament stopped; see " + log + ")");
        }
        Summary summary = new Summary(info, outcome.results(), outcome.stopped());
        return new Conclusion(console, summary, folder).write((round, kept) -> {
            RoundResult again = runner.play(round, false, kept, true, DecisionWatch.NONE);
            RoundResult first = summary.counted().stream().filter(r -> r.round() == round).findFirst().orElseThrow();
            if (again != null && !again.equals(first)) {
                console.println("bourse tournament: round " + round + " played again gave other figures than the first time: a "
                        + "strategy of the config is not reproducible (it reads a clock or an unseeded random?)");
            }
        }) ? 0 : 1;
    }

    private int fail(String message) {
        console.println("bourse tournament: " + message);
        return 2;
    }

    /** The path as given when it is a file or absolute, else the same path in the Bourse folder (BOURSE_HOME). */
    static Path resolveConfig(Path config) {
        if (Files.isRegularFile(config) || config.isAbsolute()) {
            return config.toAbsolutePath();
        }
        String home = System.getenv("BOURSE_HOME");
        Path installed = home == null || home.isBlank() ? null : Path.of(home).resolve(config);
        return installed != null && Files.isRegularFile(installed) ? installed : config.toAbsolutePath();
    }

    /** The config's fingerprint, so that merge can tell shards of different configs apart. */
    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
