package org.bourse.tournament;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A tournament's files: {@code rounds.csv} (a row per trader per battle), {@code summary.json} (what the
 * tournament was and what it adds up to) and {@code summary.csv} (the standings). Each is a pure function of the
 * summary — no clock, no path of this machine, {@code \n} line ends — and {@code merge} reads the first two back.
 */
public final class TournamentFiles {
    public static final String ROUNDS = "rounds.csv";
    public static final String SUMMARY_JSON = "summary.json";
    public static final String SUMMARY_CSV = "summary.csv";
    /** What the standings' statistics are, for the reader of the files. */
    public static final String METHOD = "mean PnL per round; 95 % confidence interval of the mean by Student's t "
            + "(mean ± t(0.975, n − 1) · sd / √n, sd with n − 1); statistics rounded half-even to the money's "
            + "decimals; A/B: the same interval on the paired per-round differences (variant − baseline)";

    private static final String[] ROUND_COLUMNS = {"round", "seed", "lineup", "trader", "pnl", "return_pct",
        "max_drawdown", "trades", "volume", "rank", "strategy_failures", "excluded"};
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private TournamentFiles() {
    }

    /** Writes the three files into {@code folder}. */
    public static void write(Summary summary, Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(ROUNDS), roundsCsv(summary.results()), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(SUMMARY_JSON), summaryJson(summary), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(SUMMARY_CSV), summaryCsv(summary), StandardCharsets.UTF_8);
    }

    static String roundsCsv(List<RoundResult> results) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSV)) {
            csv.printRecord((Object[]) ROUND_COLUMNS);
            for (RoundResult r : results) {
                String lineup = r.variant() ? "variant" : "baseline";
                if (!r.counts()) {
                    csv.printRecord(r.round(), r.seed(), lineup, "", "", "", "", "", "", "", "", r.excluded());
                }
                for (RoundResult.TraderResult t : r.traders()) {
                    csv.printRecord(r.round(), r.seed(), lineup, t.trader(), t.pnl().toPlainString(),
                            t.returnPercent().toPlainString(), t.maxDrawdown().toPlainString(), t.trades(), t.volume(),
                            t.rank(), t.strategyFailures(), "");
                }
            }
        }
        return out.toString();
    }

    /** The battles of a {@code rounds.csv}, in its order. */
    static List<RoundResult> readRounds(Path file) throws IOException {
        List<RoundResult> results = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<CSVRecord> records = CSV.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)
                    .getRecords();
            List<RoundResult.TraderResult> traders = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                CSVRecord r = records.get(i);
                long round = Long.parseLong(r.get("round"));
                long seed = Long.parseLong(r.get("seed"));
                boolean variant = r.get("lineup").equals("variant");
                if (!r.get("excluded").isEmpty()) {
                    results.add(RoundResult.excluded(round, seed, variant, r.get("excluded")));
                    continue;
                }
                traders.add(new RoundResult.TraderResult(r.get("trader"), new BigDecimal(r.get("pnl")),
                        new BigDecimal(r.get("return_pct")), new BigDecimal(r.get("max_drawdown")),
                        Long.parseLong(r.get("trades")), Long.parseLong(r.get("volume")),
                        Integer.parseInt(r.get("rank")), Long.parseLong(r.get("strategy_failures"))));
                CSVRecord next = i + 1 < records.size() ? records.get(i + 1) : null;
                if (next == null || !next.get("round").equals(r.get("round"))
                        || !next.get("lineup").equals(r.get("lineup"))) {
                    results.add(new RoundResult(round, seed, variant, List.copyOf(traders), null));
                    traders.clear();
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a tournament's " + ROUNDS + ": " + e.getMessage());
        }
        return results;
    }

    static String summaryJson(Summary summary) throws IOException {
        Summary.Info info = summary.info();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode tournament = root.putObject("tournament");
        tournament.put("config", info.config());
        tournament.put("config_sha256", info.configSha256());
        tournament.put("seed", info.seed());
        tournament.put("duration_ms", info.durationMillis());
        tournament.put("rounds", info.rounds().toString());
        info.traders().forEach(tournament.putArray("traders")::add);
        tournament.put("variant_trader", info.variantTrader());
        tournament.put("variant", info.variant());
        root.put("method", METHOD);
        root.put("stopped", summary.stopped());
        root.put("battles", summary.results().size());
        root.put("rounds_counted", summary.counted().size());
        ArrayNode excluded = root.putArray("excluded");
        for (RoundResult r : summary.excluded()) {
            excluded.addObject().put("round", r.round()).put("lineup", r.variant() ? "variant" : "baseline")
                    .put("why", r.excluded());
        }
        ArrayNode traders = root.putArray("standings");
        for (Standing s : summary.standings()) {
            ObjectNode t = traders.addObject();
            t.put("trader", s.trader());
            t.put("rounds", s.pnl().n());
            t.put("mean_pnl", s.pnl().mean());
            t.put("sd_pnl", s.pnl().sd());
            t.putArray("ci95_pnl").add(s.pnl().low()).add(s.pnl().high());
            t.put("sharpe", s.sharpe());
            t.put("wins", s.wins());
            t.put("win_rate_pct", s.winRate());
            t.put("mean_rank", s.meanRank());
            s.ranks().forEach(t.putArray("rank_counts")::add);
            ObjectNode h2h = t.putObject("head_to_head_wins");
            s.headToHead().forEach(h2h::put);
        }
        Comparison c = summary.comparison();
        if (c == null) {
            root.putNull("comparison");
        } else {
            ObjectNode comparison = root.putObject("comparison");
            comparison.put("trader", c.trader());
            comparison.put("variant", c.variant());
            comparison.put("paired_rounds", c.difference().n());
            comparison.put("mean_difference", c.difference().mean());
            comparison.put("sd_difference", c.difference().sd());
            comparison.putArray("ci95_difference").add(c.difference().low()).add(c.difference().high());
            comparison.put("variant_better_rounds", c.variantWins());
            comparison.put("tied_rounds", c.ties());
            comparison.put("verdict", c.verdict());
        }
        return PRETTY.writeValueAsString(root) + "\n";
    }

    /** What a {@code summary.json} says the tournament was. */
    static Summary.Info readInfo(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file.getParent() + " is not a tournament's output folder (it has no " + SUMMARY_JSON
                    + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not a tournament's " + SUMMARY_JSON + ": " + e.getMessage());
        }
        JsonNode t = root.path("tournament");
        if (!t.isObject() || !root.path("stopped").isBoolean()) {
            throw new IOException(file + " is not a tournament's " + SUMMARY_JSON);
        }
        if (root.get("stopped").asBoolean()) {
            throw new IOException(file.getParent() + " is a tournament that was stopped before its last round: play "
                    + "its rounds again before merging it");
        }
        List<String> traders = new ArrayList<>();
        t.path("traders").forEach(n -> traders.add(n.asText()));
        return new Summary.Info(t.path("config").asText(), t.path("config_sha256").asText(), t.path("seed").asLong(),
                t.path("duration_ms").asLong(), RoundRange.parse(t.path("rounds").asText()), List.copyOf(traders),
                t.path("variant_trader").isNull() ? null : t.path("variant_trader").asText(),
                t.path("variant").isNull() ? null : t.path("variant").asText());
    }

    static String summaryCsv(Summary summary) throws IOException {
        List<Standing> standings = summary.standings();
        List<String> header = new ArrayList<>(List.of("trader", "rounds", "mean_pnl", "sd_pnl", "ci95_low",
                "ci95_high", "sharpe", "wins", "win_rate_pct", "mean_rank"));
        for (int rank = 1; rank <= summary.info().traders().size(); rank++) {
            header.add("rank_" + rank);
        }
        summary.info().traders().forEach(t -> header.add("beats_" + t));
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSV)) {
            csv.printRecord(header);
            for (Standing s : standings) {
                List<Object> row = new ArrayList<>(List.of(s.trader(), s.pnl().n(), text(s.pnl().mean()),
                        text(s.pnl().sd()), text(s.pnl().low()), text(s.pnl().high()), text(s.sharpe()), s.wins(),
                        text(s.winRate()), text(s.meanRank())));
                row.addAll(s.ranks());
                summary.info().traders().forEach(t -> row.add(t.equals(s.trader()) ? "" : s.headToHead().get(t)));
                csv.printRecord(row);
            }
        }
        return out.toString();
    }

    private static String text(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
