package org.bourse.session;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.bourse.protocol.TraderIds;

/**
 * The final standings, read from what the exchange wrote: each trader's last row of performance.csv (the closing
 * valuation, every account at one final mark), ranked by total equity, with its number of trades from trades.csv;
 * then the battle's bots that placed no order, so that a bot that sat idle or died is seen rather than missing.
 * Reading the files (rather than asking a process) is the point: they are what the user inspects afterwards.
 *
 * @param idle the bots of the battle without a row: they placed no order
 */
record Leaderboard(long trades, List<Row> rows, List<String> idle) {

    record Row(String traderId, long trades, long position, BigDecimal cash, BigDecimal realizedPnl,
               BigDecimal totalEquity) {
    }

    private static final CSVFormat WITH_HEADER = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .get();

    /** @param bots the battle's bots, each listed even if it placed no order */
    static Leaderboard read(Path tradesCsv, Path performanceCsv, List<String> bots) throws IOException {
        long trades = 0;
        Map<String, Long> tradesOf = new HashMap<>();
        if (Files.exists(tradesCsv)) {
            try (Reader reader = Files.newBufferedReader(tradesCsv, StandardCharsets.UTF_8)) {
                for (CSVRecord trade : WITH_HEADER.parse(reader)) {
                    trades++;
                    tradesOf.merge(trade.get("buy_trader"), 1L, Long::sum);
                    if (!trade.get("sell_trader").equals(trade.get("buy_trader"))) {
                        tradesOf.merge(trade.get("sell_trader"), 1L, Long::sum);
                    }
                }
            }
        }
        Map<String, Row> last = new LinkedHashMap<>();
        if (Files.exists(performanceCsv)) {
            try (Reader reader = Files.newBufferedReader(performanceCsv, StandardCharsets.UTF_8)) {
                for (CSVRecord record : WITH_HEADER.parse(reader)) {
                    String trader = record.get("trader_id");
                    last.put(trader, new Row(trader, tradesOf.getOrDefault(trader, 0L),
                            Long.parseLong(record.get("position")),
                            new BigDecimal(record.get("cash")), new BigDecimal(record.get("realized_pnl")),
                            new BigDecimal(record.get("total_equity"))));
                }
            }
        }
        List<Row> ranked = new ArrayList<>(last.values());
        ranked.sort(Comparator.comparing(Row::totalEquity).reversed().thenComparing(Row::traderId));
        List<String> idle = bots.stream().filter(bot -> !last.containsKey(bot)).sorted().toList();
        return new Leaderboard(trades, List.copyOf(ranked), idle);
    }

    /** The same standings without the background crowd's traders ({@code bg_}): the user's bots among themselves. */
    Leaderboard withoutCrowd() {
        return new Leaderboard(trades, rows.stream().filter(row -> !TraderIds.isBackground(row.traderId())).toList(),
                idle);
    }

    /** A fixed-width table, one trader per line, best first, then the bots that placed no order. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (rows.isEmpty() && idle.isEmpty()) {
            lines.add("No trader placed an order (" + trades + " trades)."); // each one that did has a row
            return lines;
        }
        int width = Stream.concat(rows.stream().map(Row::traderId), idle.stream()).mapToInt(String::length)
                .max().orElse(0);
        String format = "%4s  %-" + Math.max(6, width) + "s %7s %10s %14s %14s %14s";
        lines.add(String.format(format, "rank", "trader", "trades", "position", "cash", "realized_pnl",
                "total_equity"));
        int rank = 1;
        for (Row row : rows) {
            lines.add(String.format(format, rank++, row.traderId(), row.trades(), row.position(),
                    row.cash().toPlainString(), row.realizedPnl().toPlainString(), row.totalEquity().toPlainString()));
        }
        for (String bot : idle) {
            lines.add(String.format("%4s  %-" + Math.max(6, width) + "s %7s  placed no order (see battle.log)", "-",
                    bot, 0));
        }
        return lines;
    }
}
