package org.bourse.tournament;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bourse.web.InlinedPage;

/**
 * {@code report.html}: the tournament in one self-contained page (data, styles, uPlot and the page's script inlined,
 * as the battle report is; it opens from disk with no network): the standings with their confidence-interval bars,
 * each trader's PnL distribution and PnL per round, the rank distribution, the A/B verdict, and links to the battle
 * reports of the best and worst rounds.
 */
final class TournamentReport {
    static final String FILE = "report.html";
    private static final InlinedPage PAGE = new InlinedPage("org/bourse/tournament/tournament.html",
            List.of(InlinedPage.UPLOT_STYLE), List.of(InlinedPage.UPLOT_SCRIPT, "org/bourse/tournament/tournament.js"));
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** The best and the worst counted round of one trader (the compared one, else the leader). */
    record Extremes(String trader, long best, long worst) {
    }

    private TournamentReport() {
    }

    static Extremes extremes(Summary summary) {
        List<RoundResult> counted = summary.counted();
        if (counted.isEmpty()) {
            return null;
        }
        String trader = summary.info().variantTrader() != null ? summary.info().variantTrader()
                : summary.standings().get(0).trader();
        RoundResult best = counted.get(0);
        RoundResult worst = counted.get(0);
        for (RoundResult r : counted) {
            if (r.of(trader).pnl().compareTo(best.of(trader).pnl()) > 0) {
                best = r;
            }
            if (r.of(trader).pnl().compareTo(worst.of(trader).pnl()) < 0) {
                worst = r;
            }
        }
        return new Extremes(trader, best.round(), worst.round());
    }

    static void write(Summary summary, Extremes extremes, Path file) throws IOException {
        String title = "Bourse tournament — " + summary.info().config() + ", rounds " + summary.info().rounds();
        Files.writeString(file, page(title, data(title, summary, extremes)), StandardCharsets.UTF_8);
    }

    static String data(String title, Summary summary, Extremes extremes) {
        Summary.Info info = summary.info();
        ObjectNode data = JSON.createObjectNode();
        data.put("title", title);
        data.put("subtitle", summary.counted().size() + " rounds of " + info.durationMillis() / 1000.0
                + " s (virtual), seed " + info.seed() + (info.variant() == null ? "" : " · A/B: " + info.variant()));
        data.put("method", TournamentFiles.METHOD);
        ArrayNode standings = data.putArray("standings");
        for (Standing s : summary.standings()) {
            ObjectNode row = standings.addObject();
            row.put("trader", s.trader());
            // as text: the page shows the exact decimals of the files
            row.put("mean", text(s.pnl().mean()));
            row.put("low", text(s.pnl().low()));
            row.put("high", text(s.pnl().high()));
            row.put("sd", text(s.pnl().sd()));
            row.put("sharpe", text(s.sharpe()));
            row.put("wins", s.wins());
            row.put("winRate", text(s.winRate()));
            row.put("meanRank", text(s.meanRank()));
            s.ranks().forEach(row.putArray("ranks")::add);
        }
        ArrayNode rounds = data.putArray("rounds");
        ObjectNode pnl = data.putObject("pnl");
        List<RoundResult> counted = summary.counted();
        counted.forEach(r -> rounds.add(r.round()));
        for (String trader : info.traders()) {
            ArrayNode values = pnl.putArray(trader);
            counted.forEach(r -> values.add(new BigDecimal(r.of(trader).pnl().toPlainString())));
        }
        Comparison comparison = summary.comparison();
        data.put("verdict", comparison == null ? null : comparison.verdict());
        if (extremes != null) {
            data.put("focus", extremes.trader());
            link(data.putObject("best"), extremes.best());
            link(data.putObject("worst"), extremes.worst());
        }
        ArrayNode excluded = data.putArray("excluded");
        summary.excluded().forEach(r -> excluded.add("round " + r.round() + (r.variant() ? " (variant)" : "") + ": "
                + r.excluded()));
        if (summary.stopped()) {
            data.put("stopped", "stopped before the last round: these are the rounds that finished");
        }
        return data.toString();
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static void link(ObjectNode node, long round) {
        node.put("round", round);
        node.put("href", Conclusion.ROUNDS_FOLDER + "/round-" + round + "/report.html");
    }

    private static String page(String title, String dataJson) {
        return PAGE.render(title, "'none'", Map.of("data", InlinedPage.json(dataJson)));
    }

}
