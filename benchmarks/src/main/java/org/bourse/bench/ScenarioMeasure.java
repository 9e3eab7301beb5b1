package org.bourse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.bourse.bot.battle.BattleConfig;
import org.bourse.bot.battle.BotSpec;
import org.bourse.cli.DurationConverter;
import org.bourse.exchange.server.ExchangeMain;
import org.bourse.lab.ConfigBattle;
import org.bourse.protocol.TraderIds;
import org.bourse.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What a scenario's market looks like to the bots of a config, over several seeds of the battle (in-process
 * lockstep runs): the traded price range, the spread of the bots' final equities, the bots that never traded, and
 * the realized volatility of the mid against the scenario's nominal one. The figures README quotes for issue
 * "A market worth trading".
 */
@CommandLine.Command(name = "scenario-measure", mixinStandardHelpOptions = true,
        description = "Measures the market a scenario makes for a config's bots, over several seeds.")
public final class ScenarioMeasure implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--config", defaultValue = "bots_config.json", description = "The battle (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--scenario", description = "A preset instead of the config's market.")
    String scenario;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "Virtual time of each run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--seeds", defaultValue = "10", description = "Battle seeds 1..N (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--starting-cash", defaultValue = "10000", description = "The exchange's (default: ${DEFAULT-VALUE}).")
    BigDecimal startingCash;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScenarioMeasure()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BattleConfig base = BattleConfig.load(config);
        if (scenario != null) {
            base = base.withMarket(Scenario.preset(scenario));
        }
        if (base.market() == null) {
            System.err.println("no market: give a config with a \"market\" section, or --scenario");
            return 2;
        }
        double nominal = base.market().fundamental().nominalVolatility().orElse(Double.NaN);
        Path work = Files.createTempDirectory("scenario-measure");
        System.out.printf(Locale.ROOT, "%-5s %9s %11s %12s %10s %s%n", "seed", "range %", "spread %", "mid vol",
                "nominal", "bots that never traded");
        double sumRange = 0;
        double sumSpread = 0;
        double sumVol = 0;
        int allTraded = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            BattleConfig battle = base.withSeed(seed);
            Path out = Files.createDirectories(work.resolve("seed-" + seed));
            List<String> roster = new ArrayList<>(battle.enabledBots().stream().map(BotSpec::traderId).toList());
            roster.add(TraderIds.CROWD);
            ConfigBattle.run(battle, ExchangeMain.settingsOf(List.of("--trades-csv", out.resolve("trades.csv")
                    .toString(), "--performance-csv", out.resolve("performance.csv").toString(), "--events",
                    out.resolve("events.jsonl").toString(), "--journal", out.resolve("journal").toString(),
                    "--lockstep", "--roster", String.join(",", roster), "--lockstep-seed", "" + seed, "--duration",
                    duration.toMillis() + "ms")), out.resolve("fundamental.csv"));
            Run run = measure(out, battle.enabledBots().stream().map(BotSpec::traderId).toList());
            sumRange += run.rangePercent;
            sumSpread += run.spreadPercent;
            sumVol += run.midVolatility;
            allTraded += run.idle.isEmpty() ? 1 : 0;
            System.out.printf(Locale.ROOT, "%-5d %9.2f %11.2f %12.2f %10.2f %s%n", seed, run.rangePercent,
                    run.spreadPercent, run.midVolatility, nominal, run.idle.isEmpty() ? "-" : run.idle);
        }
        System.out.printf(Locale.ROOT, "mean: range %.2f %%, equity spread %.2f %% of cash, mid volatility %.2f %% per "
                        + "√min (nominal %.2f: %+.0f %%), every bot traded in %d of %d runs%n", sumRange / seeds,
                sumSpread / seeds, sumVol / seeds, nominal, 100 * (sumVol / seeds / nominal - 1), allTraded, seeds);
        try (var files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        return 0;
    }

    private record Run(double rangePercent, double spreadPercent, double midVolatility, List<String> idle) {
    }

    private Run measure(Path out, List<String> bots) throws Exception {
        BigDecimal low = null;
        BigDecimal high = null;
        Set<String> traded = new HashSet<>();
        List<String> trades = Files.readAllLines(out.resolve("trades.csv"));
        for (String line : trades.subList(1, trades.size())) {
            String[] f = line.split(",");
            BigDecimal price = new BigDecimal(f[1]);
            low = low == null || price.compareTo(low) < 0 ? price : low;
            high = high == null || price.compareTo(high) > 0 ? price : high;
            traded.add(f[3]);
            traded.add(f[4]);
        }
        Map<String, BigDecimal> equity = new TreeMap<>();
        List<String> performance = Files.readAllLines(out.resolve("performance.csv"));
        for (String line : performance.subList(1, performance.size())) {
            String[] f = line.split(",");
            if (bots.contains(f[1])) {
                equity.put(f[1], new BigDecimal(f[5]));
            }
        }
        double spread = equity.isEmpty() ? 0 : equity.values().stream().max(BigDecimal::compareTo).orElseThrow()
                .subtract(equity.values().stream().min(BigDecimal::compareTo).orElseThrow()).doubleValue();
        List<String> idle = bots.stream().filter(bot -> !traded.contains(bot)).toList();
        double range = low == null ? 0 : high.subtract(low).doubleValue() / 100.0 * 100;
        return new Run(range, 100 * spread / startingCash.doubleValue(), midVolatility(out), idle);
    }

    /** The standard deviation of the mid's log changes over 1 s, scaled to one minute, in percent. */
    private static double midVolatility(Path out) throws Exception {
        List<Double> mids = new ArrayList<>();
        long nextSecond = Long.MIN_VALUE;
        double mid = Double.NaN;
        try (BufferedReader reader = Files.newBufferedReader(out.resolve("events.jsonl"))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.startsWith("{\"type\":\"book_update\"")) {
                    continue;
                }
                JsonNode event = JSON.readTree(line);
                long time = event.get("timestamp").asLong();
                if (nextSecond == Long.MIN_VALUE) {
                    nextSecond = time - time % 1000 + 1000;
                }
                while (time >= nextSecond) {
                    if (!Double.isNaN(mid)) {
                        mids.add(mid);
                    }
                    nextSecond += 1000;
                }
                JsonNode bid = event.get("best_bid");
                JsonNode ask = event.get("best_ask");
                if (bid.isNumber() && ask.isNumber()) {
                    mid = (bid.asDouble() + ask.asDouble()) / 2;
                }
            }
        }
        double sum = 0;
        double sumSquares = 0;
        int n = 0;
        for (int i = 1; i < mids.size(); i++) {
            double r = Math.log(mids.get(i) / mids.get(i - 1));
            sum += r;
            sumSquares += r * r;
            n++;
        }
        double variance = n < 2 ? 0 : (sumSquares - sum * sum / n) / (n - 1);
        return 100 * Math.sqrt(variance * 60);
    }
}
