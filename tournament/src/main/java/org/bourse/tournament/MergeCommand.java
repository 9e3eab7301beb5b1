package org.bourse.tournament;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.bourse.cli.LogFormatOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tournament merge A B --out C}: the shards of one tournament (the same config, seed, duration and variant;
 * rounds that do not overlap and leave no gap) as the tournament of all their rounds — the same rounds.csv and
 * summary.json as one run of them all.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merges the output folders of a tournament's shards (--rounds A..B each) into the output of the "
                + "whole tournament: byte for byte what one run of all the rounds writes.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "2..*", paramLabel = "SHARD", description = "The shards' output folders.")
    List<Path> shards;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the merged files go.")
    Path out;

    @Mixin
    LogFormatOption logFormat;

    private final PrintStream console = System.out;

    private record Shard(Path folder, Summary.Info info, List<RoundResult> results) {
    }

    @Override
    public Integer call() {
        List<Shard> loaded = new ArrayList<>();
        try {
            for (Path folder : shards) {
                loaded.add(new Shard(folder, TournamentFiles.readInfo(folder.resolve(TournamentFiles.SUMMARY_JSON)),
                        TournamentFiles.readRounds(folder.resolve(TournamentFiles.ROUNDS))));
            }
        } catch (IOException | IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        loaded.sort(Comparator.comparingLong(s -> s.info().rounds().first()));
        Shard first = loaded.get(0);
        for (Shard shard : loaded.subList(1, loaded.size())) {
            String difference = difference(first, shard);
            if (difference != null) {
                return fail("cannot merge " + first.folder() + " and " + shard.folder() + ": " + difference);
            }
        }
        for (int i = 1; i < loaded.size(); i++) {
            RoundRange before = loaded.get(i - 1).info().rounds();
            RoundRange after = loaded.get(i).info().rounds();
            if (before.overlaps(after)) {
                return fail("cannot merge: rounds " + before + " of " + loaded.get(i - 1).folder() + " and " + after
                        + " of " + loaded.get(i).folder() + " overlap (rounds " + Math.max(before.first(), after.first())
                        + ".." + Math.min(before.last(), after.last()) + " are in both)");
            }
            if (before.last() + 1 != after.first()) {
                return fail("cannot merge: rounds " + (before.last() + 1) + ".." + (after.first() - 1)
                        + " are in no shard (" + loaded.get(i - 1).folder() + " ends at " + before.last() + ", "
                        + loaded.get(i).folder() + " starts at " + after.first() + ")");
            }
        }
        List<RoundResult> results = new ArrayList<>();
        loaded.forEach(s -> results.addAll(s.results()));
        results.sort(Comparator.comparingLong(RoundResult::round).thenComparing(RoundResult::variant));
        Summary.Info info = first.info();
        RoundRange all = new RoundRange(first.info().rounds().first(), loaded.get(loaded.size() - 1).info().rounds()
                .last());
        Summary summary = new Summary(new Summary.Info(info.config(), info.configSha256(), info.seed(),
                info.durationMillis(), all, info.traders(), info.variantTrader(), info.variant()), results, false);
        console.println("Bourse tournament merge: rounds " + all + " from " + loaded.size() + " shards into "
                + out.toAbsolutePath());
        return new Conclusion(console, summary, out).write((round, kept) -> {
            // a shard kept the rounds that were its best and worst: the merged best and worst are among them
            for (Shard shard : loaded) {
                Path source = shard.folder().resolve(Conclusion.ROUNDS_FOLDER).resolve("round-" + round);
                if (Files.isDirectory(source)) {
                    copy(source, kept);
                    return;
                }
            }
            throw new IOException("no shard kept round " + round + "'s battle (run it alone with --rounds " + round
                    + ".." + round + ")");
        }) ? 0 : 1;
    }

    /** What makes two shards parts of different tournaments, in words; null when they are of the same. */
    private static String difference(Shard a, Shard b) {
        Summary.Info x = a.info();
        Summary.Info y = b.info();
        if (!x.configSha256().equals(y.configSha256())) {
            return "they were played with different configs (" + x.config() + " sha256 " + x.configSha256()
                    .substring(0, 12) + "…, " + y.config() + " sha256 " + y.configSha256().substring(0, 12) + "…)";
        }
        if (x.seed() != y.seed()) {
            return "their seeds differ (" + x.seed() + " and " + y.seed() + ")";
        }
        if (x.durationMillis() != y.durationMillis()) {
            return "their rounds' durations differ (" + x.durationMillis() + " ms and " + y.durationMillis() + " ms)";
        }
        if (!java.util.Objects.equals(x.variant(), y.variant())) {
            return "their A/B variants differ (" + x.variant() + " and " + y.variant() + ")";
        }
        return null;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private int fail(String message) {
        console.println("bourse tournament merge: " + message);
        return 2;
    }
}
