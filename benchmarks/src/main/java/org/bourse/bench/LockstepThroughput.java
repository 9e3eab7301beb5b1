package org.bourse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bourse.bot.battle.BattleConfig;
import org.bourse.bot.battle.BotSpec;
import org.bourse.cli.DurationConverter;
import org.bourse.exchange.server.ExchangeMain;
import org.bourse.lab.ConfigBattle;
import org.bourse.lab.InProcessBattle;
import org.bourse.protocol.TraderIds;
import org.bourse.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Rounds and decisions per second of a battle config run in lockstep in this process (what
 * {@code bourse session --lockstep --in-process} runs), files and journal included. Every run must give the same
 * session hash.
 */
@CommandLine.Command(name = "lockstep-throughput", mixinStandardHelpOptions = true,
        description = "Measures an in-process lockstep battle: rounds/s and bot decisions/s.")
public final class LockstepThroughput implements Callable<Integer> {

    @Option(names = "--config", defaultValue = "bots_config.json", description = "The battle (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--duration", defaultValue = "1h", converter = DurationConverter.class,
            description = "Virtual time of each run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs, after one warm-up (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--scenario", description = "A preset market (with its background crowd) instead of the config's.")
    String scenario;

    @Option(names = "--no-market", description = "The bots alone, whatever the config's \"market\" says.")
    boolean noMarket;

    @Option(names = "--dir", description = "Where the files go (default: a temporary folder, deleted after).")
    Path dir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LockstepThroughput()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BattleConfig battle = BattleConfig.load(config);
        if (noMarket) {
            battle = battle.withMarket(null);
        } else if (scenario != null) {
            battle = battle.withMarket(Scenario.preset(scenario));
        }
        List<String> roster = new java.util.ArrayList<>(battle.enabledBots().stream().map(BotSpec::traderId).toList());
        if (battle.market() != null) {
            roster.add(TraderIds.CROWD);
        }
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("lockstep-throughput");
        String firstHash = null;
        for (int run = 0; run <= runs; run++) {
            Path out = work.resolve("run-" + run);
            Files.createDirectories(out);
            List<String> options = List.of("--trades-csv", out.resolve("trades.csv").toString(),
                    "--performance-csv", out.resolve("performance.csv").toString(),
                    "--events", out.resolve("events.jsonl").toString(), "--journal", out.resolve("journal").toString(),
                    "--lockstep", "--roster", String.join(",", roster), "--lockstep-seed", "" + battle.seed(),
                    "--duration", duration.toMillis() + "ms");
            long started = System.nanoTime();
            InProcessBattle.Result result = ConfigBattle.run(battle, ExchangeMain.settingsOf(options),
                    out.resolve("fundamental.csv")).result();
            double seconds = (System.nanoTime() - started) / 1e9;
            if (firstHash == null) {
                firstHash = result.sessionHash();
            } else if (!firstHash.equals(result.sessionHash())) {
                throw new IllegalStateException("run " + run + " gave another session hash: " + result.sessionHash());
            }
            System.out.printf(Locale.ROOT, "%s: %,d rounds, %,d decisions, %,d trades, %,d events in %.2f s = "
                            + "%,.0f rounds/s, %,.0f decisions/s%n", run == 0 ? "warm-up" : "run " + run,
                    result.rounds(), result.decisions(), result.trades(), result.lastSeq(), seconds,
                    result.rounds() / seconds, result.decisions() / seconds);
        }
        System.out.println("session hash: " + firstHash);
        if (dir == null) {
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return 0;
    }
}
