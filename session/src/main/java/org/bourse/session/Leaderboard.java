package org.bourse.session;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.bourse.protocol.TraderIds;

/**
 * The final standings, read from what the exchange wrote: each trader's last row of performance.csv, ranked by
 * total equity, and the number of trades in trades.csv. Reading the files (rather than asking a process) is the
 * point: they are what the user inspects afterwards.
 */
record Leaderboard(long trades, List<Row> rows) {

    record Row(String traderId, long position, BigDecimal cash, BigDecimal realizedPnl, BigDecimal totalEquity) {
    }

    private static final CSVFormat WITH_HEADER = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .get();

    static Leaderboard read(Path tradesCsv, Path performanceCsv) throws IOException {
        long trades = 0;
        if (Files.exists(tradesCsv)) {
            try (Reader reader = Files.newBufferedReader(tradesCsv, StandardCharsets.UTF_8)) {
                for (CSVRecord ignored : WITH_HEADER.parse(reader)) {
                    trades++;
                }
            }
        }
        Map<String, Row> last = new LinkedHashMap<>();
        if (Files.exists(performanceCsv)) {
            try (Reader reader = Files.newBufferedReader(performanceCsv, StandardCharsets.UTF_8)) {
                for (CSVRecord record : WITH_HEADER.parse(reader)) {
                    String trader = record.get("trader_id");
                    last.put(trader, new Row(trader, Long.parseLong(record.get("position")),
                            new BigDecimal(record.get("cash")), new BigDecimal(record.get("realized_pnl")),
                            new BigDecimal(record.get("total_equity"))));
                }
            }
        }
        List<Row> ranked = new ArrayList<>(last.values());
        ranked.sort(Comparator.comparing(Row::totalEquity).reversed().thenComparing(Row::traderId));
        return new Leaderboard(trades, List.copyOf(ranked));
    }

    /** The same standings without the background crowd's traders ({@code bg_}): the user's bots among themselves. */
    Leaderboard withoutCrowd() {
        return new Leaderboard(trades, rows.stream().filter(row -> !TraderIds.isBackground(row.traderId())).toList());
    }

    /** A fixed-width table, one trader per line, best first. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (rows.isEmpty()) {
            lines.add("No trader placed an order (" + trades + " trades)."); // each one that did has a row
            return lines;
        }
        int width = Math.max(6, rows.stream().mapToInt(row -> row.traderId().length()).max().orElse(6));
        String format = "%4s  %-" + width + "s %10s %14s %14s %14s";
        lines.add(String.format(format, "rank", "trader", "position", "cash", "realized_pnl", "total_equity"));
        int rank = 1;
        for (Row row : rows) {
            lines.add(String.format(format, rank++, row.traderId(), row.position(), row.cash().toPlainString(),
                    row.realizedPnl().toPlainString(), row.totalEquity().toPlainString()));
        }
        return lines;
    }
}
