package org.bourse.tournament;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bourse.bot.StrategyLoadException;
import org.bourse.bot.battle.BattleConfig;
import org.bourse.bot.battle.BotSpec;
import org.bourse.exchange.journal.JournalException;
import org.bourse.exchange.market.MarketException;
import org.bourse.exchange.server.ExchangeMain;
import org.bourse.lab.ConfigBattle;
import org.bourse.lab.DecisionWatch;
import org.bourse.protocol.TraderIds;
import org.bourse.report.Battle;
import org.bourse.report.JournalActivity;
import org.bourse.report.Report;
import org.bourse.report.ReportException;
import org.bourse.report.RunFolder;
import org.bourse.report.TraderMetrics;

/**
 * Plays one round: the round's battle in process, its CSVs in a folder of its own, each ranked trader's figures
 * read back by the battle report's own metrics. A kept round (the best and the worst) also gets the events, the
 * journal, the fundamental value and its battle report, as a session's run folder.
 */
public final class RoundRunner {
    private final Lineup lineup;
    private final long seed;
    private final Duration duration;

    public RoundRunner(Lineup lineup, long seed, Duration duration) {
        this.lineup = lineup;
        this.seed = seed;
        this.duration = duration;
    }

    /** The seed of round {@code round} of this tournament. */
    public long roundSeed(long round) {
        return Lineup.roundSeed(seed, round);
    }

    /**
     * @param folder where the round's files go; deleted afterwards unless {@code keep}
     * @return null when the thread was interrupted before the round was over
     */
    public RoundResult play(long round, boolean variant, Path folder, boolean keep, DecisionWatch watch)
            throws StrategyLoadException, MarketException, JournalException, IOException, ReportException {
        BattleConfig battle = lineup.round(seed, round, variant);
        Files.createDirectories(folder);
        try {
            ConfigBattle.Outcome outcome = ConfigBattle.run(battle, ExchangeMain.settingsOf(options(battle, folder,
                    keep)), keep ? folder.resolve(RunFolder.FUNDAMENTAL) : null, watch);
            if (!outcome.result().complete()) {
                return null;
            }
            Battle played = RunFolder.read(folder, Report.DEFAULT_STARTING_CASH);
            if (keep) {
                Report.write(folder, null, Report.DEFAULT_STARTING_CASH, JournalActivity.of(folder));
            }
            Map<String, Long> failures = new TreeMap<>();
            outcome.traders().forEach(t -> failures.put(t.traderId(), t.strategyFailures()));
            List<TraderMetrics> metrics = lineup.traders().stream().map(t -> new TraderMetrics(t, played)).toList();
            List<RoundResult.TraderResult> traders = new ArrayList<>();
            for (TraderMetrics m : metrics) {
                int rank = 1 + (int) metrics.stream().filter(other -> other.pnl().compareTo(m.pnl()) > 0).count();
                traders.add(new RoundResult.TraderResult(m.trader(), m.pnl(), orZero(m.returnPercent()),
                        m.maxDrawdown(), m.trades(), m.volume(), rank, failures.getOrDefault(m.trader(), 0L)));
            }
            return new RoundResult(round, battle.seed(), variant, List.copyOf(traders), null);
        } finally {
            if (!keep) {
                delete(folder);
            }
        }
    }

    /** A return is null only with no starting cash: nothing to return on. */
    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** The exchange's settings for the round, as a session's in-process battle gives them. */
    private List<String> options(BattleConfig battle, Path folder, boolean keep) {
        List<String> options = new ArrayList<>(List.of(
                "--trades-csv", folder.resolve(RunFolder.TRADES).toString(),
                "--performance-csv", folder.resolve(RunFolder.PERFORMANCE).toString()));
        if (keep) {
            options.addAll(List.of("--events", folder.resolve(RunFolder.EVENTS).toString(),
                    "--journal", folder.resolve(RunFolder.JOURNAL).toString(), "--fresh", "--fsync", "none"));
        }
        List<String> roster = new ArrayList<>(battle.enabledBots().stream().map(BotSpec::traderId).toList());
        if (battle.market() != null) {
            roster.add(TraderIds.CROWD);
        }
        options.addAll(List.of("--lockstep", "--roster", String.join(",", roster),
                "--lockstep-seed", Long.toString(battle.seed()), "--duration", duration.toMillis() + "ms"));
        return options;
    }

    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
