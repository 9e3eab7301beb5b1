package org.bourse.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bourse.protocol.TraderIds;

/**
 * The report's data as the page reads it: the metrics table (text, computed here in exact decimals), the series of
 * the charts, and the events for the replay. The same battle always gives the same text: traders in rank order,
 * fields in a fixed order, no clock.
 */
final class ReportData {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A column of the metrics table: its key, heading, and what it means (the heading's tooltip). */
    private record Column(String key, String label, String title, boolean numeric) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("final_equity", "final equity", "total equity as the exchange last stated it", true),
            new Column("pnl", "PnL", "final equity − starting cash", true),
            new Column("return", "return", "PnL ÷ starting cash", true),
            new Column("sharpe", "Sharpe (1\u00a0s)", "mean ÷ standard deviation of the equity's 1-second increments, "
                    + "from the first trade to the last; not annualised", true),
            new Column("max_drawdown", "max drawdown", "largest fall of equity from its highest so far (and as a "
                    + "share of that high)", true),
            new Column("trades", "trades", "trades the trader was in", true),
            new Column("volume", "volume", "lots traded", true),
            new Column("maker_share", "maker share", "share of the volume traded by the trader's resting orders "
                    + "(the other side took liquidity)", true),
            new Column("fill_ratio", "fill ratio", "lots filled ÷ lots sent in orders and in replaces that raised an order (from the journal)", true),
            new Column("order_to_trade", "orders / trade", "orders sent ÷ trades (from the journal)", true),
            new Column("markout_1s", "markout 1\u00a0s", "average per lot of (mid 1 s after the fill − fill price), "
                    + "sign-adjusted so that positive is good for the trader", true),
            new Column("markout_5s", "markout 5\u00a0s", "as markout 1 s, 5 s after the fill", true),
            new Column("markout_30s", "markout 30\u00a0s", "as markout 1 s, 30 s after the fill", true),
            new Column("rejects", "rejects", "the trader's rejected messages by reason (from the journal)", false));

    private ReportData() {
    }

    /**
     * The data object, and the events spliced in as the exact lines of the file.
     *
     * @param fundamental the scenario's fundamental value, or null
     * @param notes       what the reader should know about the folder, one line each
     */
    static String json(String title, Battle battle, Activity activity, Fundamental fundamental,
                       List<String> notes) {
        List<TraderMetrics> bots = new ArrayList<>();
        List<TraderMetrics> crowd = new ArrayList<>();
        for (String trader : traders(battle, activity)) {
            (TraderIds.isBackground(trader) ? crowd : bots).add(new TraderMetrics(trader, battle));
        }
        Comparator<TraderMetrics> ranking = Comparator.comparing(TraderMetrics::finalEquity).reversed()
                .thenComparing(TraderMetrics::trader);
        bots.sort(ranking);
        crowd.sort(ranking);

        ObjectNode data = JSON.createObjectNode();
        data.put("mode", "report");
        data.put("title", title);
        data.put("decimals", battle.decimals());
        data.put("backgroundPrefix", TraderIds.BACKGROUND_PREFIX);
        data.put("summary", summary(battle, bots.size(), crowd.size()));
        ArrayNode noteLines = data.putArray("notes");
        notes.forEach(noteLines::add);
        long start = battle.trades().isEmpty() ? 0 : battle.trades().get(0).timestamp();
        long end = battle.trades().isEmpty() ? 0 : battle.trades().get(battle.trades().size() - 1).timestamp();
        data.putObject("span").put("start", start).put("end", end);
        ObjectNode table = data.putObject("metrics");
        columns(table);
        rows(table.putArray("rows"), bots, activity);
        if (!crowd.isEmpty()) {
            ObjectNode crowdTable = table.putObject("crowd");
            crowdTable.set("total", crowdTotal(crowd));
            rows(crowdTable.putArray("rows"), crowd, activity);
        }
        // the charts draw the bots: the crowd's tens of lines would hide them
        ArrayNode traders = data.putArray("traders");
        bots.forEach(m -> traders.add(m.trader()));
        trades(data.putObject("trades"), battle);
        fundamental(data, fundamental, battle);
        ObjectNode series = data.putObject("series");
        ObjectNode equity = series.putObject("equity");
        ObjectNode drawdown = series.putObject("drawdown");
        ObjectNode position = series.putObject("position");
        for (TraderMetrics m : bots) {
            points(equity.putArray(m.trader()), m.equity());
            points(drawdown.putArray(m.trader()), m.drawdown());
            points(position.putArray(m.trader()), m.position());
        }
        String text = data.toString();
        if (!battle.hasEvents()) {
            return text.substring(0, text.length() - 1) + ",\"events\":null}";
        }
        StringBuilder out = new StringBuilder(text.length() + battle.eventLines().stream()
                .mapToInt(line -> line.length() + 1).sum() + 16);
        out.append(text, 0, text.length() - 1).append(",\"events\":[");
        for (int i = 0; i < battle.eventLines().size(); i++) {
            out.append(i == 0 ? "" : ",").append(battle.eventLines().get(i));
        }
        return out.append("]}").toString();
    }

    /** Everyone who traded, and everyone the journal saw send anything, sorted. */
    private static Set<String> traders(Battle battle, Activity activity) {
        Set<String> traders = new java.util.TreeSet<>();
        battle.updates().forEach(u -> traders.add(u.trader()));
        battle.trades().forEach(t -> {
            traders.add(t.buyer());
            traders.add(t.seller());
        });
        if (activity instanceof Activity.Known known) {
            traders.addAll(known.byTrader().keySet());
        }
        return new LinkedHashSet<>(traders);
    }

    private static String summary(Battle battle, int bots, int crowd) {
        List<String> parts = new ArrayList<>();
        if (battle.hasEvents()) {
            parts.add(battle.eventLines().size() + " events");
        }
        parts.add(battle.trades().size() + " trades");
        parts.add(bots + (bots == 1 ? " bot" : " bots"));
        if (crowd > 0) {
            parts.add("a crowd of " + crowd + " background traders");
        }
        if (battle.trades().size() > 1) {
            long millis = battle.trades().get(battle.trades().size() - 1).timestamp()
                    - battle.trades().get(0).timestamp();
            parts.add(BigDecimal.valueOf(millis, 3).setScale(1, RoundingMode.HALF_EVEN).toPlainString()
                    + " s from the first trade to the last");
        }
        return String.join(" · ", parts);
    }

    private static void columns(ObjectNode table) {
        ArrayNode columns = table.putArray("columns");
        for (Column c : COLUMNS) {
            columns.addObject().put("key", c.key()).put("label", c.label()).put("title", c.title())
                    .put("numeric", c.numeric());
        }
    }

    private static void rows(ArrayNode rows, List<TraderMetrics> metrics, Activity activity) {
        for (TraderMetrics m : metrics) {
            TraderActivity sent = activity instanceof Activity.Known known ? known.byTrader().get(m.trader()) : null;
            boolean journal = activity instanceof Activity.Known;
            ObjectNode cells = rows.addObject().put("trader", m.trader()).putObject("cells");
            cells.put("final_equity", m.finalEquity().toPlainString());
            cells.put("pnl", signed(m.pnl()));
            cells.put("return", m.returnPercent() == null ? "n/a" : signed(m.returnPercent()) + " %");
            Double sharpe = m.sharpe();
            cells.put("sharpe", sharpe == null ? "n/a"
                    : BigDecimal.valueOf(sharpe).setScale(3, RoundingMode.HALF_EVEN).toPlainString());
            cells.put("max_drawdown", m.maxDrawdown().toPlainString()
                    + (m.maxDrawdownPercent() == null ? "" : " (" + m.maxDrawdownPercent().toPlainString() + " %)"));
            cells.put("trades", Long.toString(m.trades()));
            cells.put("volume", Long.toString(m.volume()));
            cells.put("maker_share", percent(m.makerSharePercent()));
            cells.put("fill_ratio", journal ? percent(m.fillRatioPercent(sent)) : "n/a");
            cells.put("order_to_trade", journal && m.orderToTrade(sent) != null
                    ? m.orderToTrade(sent).toPlainString() : "n/a");
            for (long horizon : TraderMetrics.MARKOUT_MILLIS) {
                BigDecimal markout = m.markout(horizon);
                cells.put("markout_" + horizon / 1_000 + "s", markout == null ? "n/a" : signed(markout));
            }
            cells.put("rejects", !journal ? "n/a" : sent == null ? "none" : TraderMetrics.rejects(sent));
        }
    }

    /**
     * The crowd as one row: the sums of its traders' final equity, PnL, trades and volume (a trade between two of
     * them counts for both), and the summed PnL over their summed starting cash; the other metrics do not add up.
     */
    private static ObjectNode crowdTotal(List<TraderMetrics> crowd) {
        BigDecimal equity = BigDecimal.ZERO;
        BigDecimal pnl = BigDecimal.ZERO;
        BigDecimal startingCash = BigDecimal.ZERO;
        long trades = 0;
        long volume = 0;
        for (TraderMetrics m : crowd) {
            equity = equity.add(m.finalEquity());
            pnl = pnl.add(m.pnl());
            startingCash = startingCash.add(m.startingCash());
            trades += m.trades();
            volume += m.volume();
        }
        ObjectNode total = JSON.createObjectNode().put("trader", "crowd (" + crowd.size() + " traders)");
        ObjectNode cells = total.putObject("cells");
        cells.put("final_equity", equity.toPlainString());
        cells.put("pnl", signed(pnl));
        cells.put("return", startingCash.signum() == 0 ? "n/a" : signed(pnl.multiply(BigDecimal.valueOf(100))
                .divide(startingCash, 3, RoundingMode.HALF_EVEN)) + " %");
        cells.put("trades", Long.toString(trades));
        cells.put("volume", Long.toString(volume));
        return total;
    }

    /** The fundamental value for the price chart, and how closely the trades tracked it; null without one. */
    private static void fundamental(ObjectNode data, Fundamental fundamental, Battle battle) {
        if (fundamental == null) {
            data.putNull("fundamental");
            return;
        }
        ObjectNode out = data.putObject("fundamental");
        ArrayNode t = out.putArray("t");
        ArrayNode value = out.putArray("value");
        for (Fundamental.Point p : fundamental.points()) {
            t.add(p.timestamp());
            value.add(p.value().doubleValue());
        }
        Fundamental.Tracking tracking = fundamental.tracking(battle.trades(), battle.decimals());
        if (tracking == null) {
            out.putNull("tracking");
        } else {
            out.putObject("tracking").put("mean_gap", tracking.meanAbsoluteGap().toPlainString())
                    .put("trades", tracking.trades());
        }
    }

    private static void trades(ObjectNode trades, Battle battle) {
        ArrayNode t = trades.putArray("t");
        ArrayNode price = trades.putArray("price");
        ArrayNode side = trades.putArray("side");
        for (Battle.Trade trade : battle.trades()) {
            t.add(trade.timestamp());
            price.add(trade.price().doubleValue());
            side.add(trade.aggressor());
        }
    }

    private static void points(ArrayNode array, List<TraderMetrics.Point> points) {
        for (TraderMetrics.Point p : points) {
            array.addArray().add(p.timestamp()).add(p.value().doubleValue());
        }
    }

    private static String signed(BigDecimal value) {
        return (value.signum() > 0 ? "+" : "") + value.toPlainString();
    }

    private static String percent(BigDecimal value) {
        return value == null ? "n/a" : value.toPlainString() + " %";
    }
}
