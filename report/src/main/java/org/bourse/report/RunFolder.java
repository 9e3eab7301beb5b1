package org.bourse.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.WireJson;

/**
 * Reads a run folder into a {@link Battle}: {@code events.jsonl} (one event of the exchange's stream per line) when
 * it is there, else {@code trades.csv} and {@code performance.csv}, which say less (no book, no aggressor side).
 */
public final class RunFolder {
    /** The files of a run folder, as the session writes them and the report reads them. */
    public static final String EVENTS = "events.jsonl";
    public static final String TRADES = "trades.csv";
    public static final String PERFORMANCE = "performance.csv";
    public static final String JOURNAL = "journal";
    /** The hidden fundamental value of a scenario's market, when the battle had one (see docs/SCENARIOS.md). */
    public static final String FUNDAMENTAL = "fundamental.csv";

    private static final CSVFormat WITH_HEADER = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .get();

    private RunFolder() {
    }

    /**
     * @param assumedStartingCash the traders' starting cash when the events do not state it
     * @throws ReportException one line for the user when the folder cannot make a report
     */
    public static Battle read(Path folder, BigDecimal assumedStartingCash) throws ReportException {
        if (!Files.isDirectory(folder)) {
            throw new ReportException(folder + " is not a folder: give the run folder of a session (runs/<date-time>)");
        }
        Path events = folder.resolve(EVENTS);
        try {
            if (Files.isRegularFile(events)) {
                return fromEvents(events, assumedStartingCash);
            }
            Path trades = folder.resolve(TRADES);
            Path performance = folder.resolve(PERFORMANCE);
            if (!Files.isRegularFile(trades) && !Files.isRegularFile(performance)) {
                throw new ReportException(folder + " has no " + EVENTS + ", " + TRADES + " or " + PERFORMANCE
                        + ": is it a run folder?");
            }
            return fromCsv(trades, performance, assumedStartingCash);
        } catch (NumberFormatException e) {
            throw new ReportException("a CSV file in " + folder + " holds a value that is not a number: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new ReportException("cannot read " + folder + ": " + e.getMessage());
        }
    }

    private static Battle fromEvents(Path file, BigDecimal assumedStartingCash) throws IOException, ReportException {
        List<String> lines = new ArrayList<>();
        List<Battle.Trade> trades = new ArrayList<>();
        List<Battle.AccountUpdate> updates = new ArrayList<>();
        List<Battle.Quote> quotes = new ArrayList<>();
        Map<String, BigDecimal> startingCash = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        Integer decimals = null;
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] raw = text.split("\n", -1);
        long lastSeq = 0;
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            ServerMessage message;
            try {
                message = WireJson.decodeServerMessage(line);
            } catch (JsonProcessingException e) {
                if (i == raw.length - 1) {
                    // the last line without its newline: the writer stopped in the middle of it
                    notes.add(EVENTS + " ends with an incomplete line (the run was cut off): it is left out");
                    break;
                }
                throw new ReportException(file + " line " + (i + 1) + " is not an event of the exchange's stream: "
                        + e.getOriginalMessage().replace('\n', ' '));
            }
            if (!(message instanceof ServerMessage.Event event)) {
                continue; // a type this version does not know: nothing to draw from it
            }
            if (!complete(event)) {
                throw new ReportException(file + " line " + (i + 1) + " is not an event of the exchange's stream: "
                        + "a field it needs is missing");
            }
            if (event.seq() != lastSeq + 1) {
                notes.add(EVENTS + " jumps from seq " + lastSeq + " to " + event.seq() + " at line " + (i + 1)
                        + ": the events between are missing");
            }
            lastSeq = event.seq();
            lines.add(line);
            if (event instanceof ServerMessage.Trade t) {
                trades.add(new Battle.Trade(t.timestamp(), t.price(), t.qty(), t.buyTraderId(), t.sellTraderId(),
                        t.aggressorSide()));
                decimals = decimals != null ? decimals : Math.max(0, t.price().scale());
            } else if (event instanceof ServerMessage.PositionUpdate u) {
                updates.add(new Battle.AccountUpdate(u.timestamp(), u.traderId(), u.position(), u.cash(),
                        u.realizedPnl(), u.totalEquity()));
                // total equity = starting cash + realized + unrealized, at every update
                startingCash.putIfAbsent(u.traderId(),
                        u.totalEquity().subtract(u.realizedPnl()).subtract(u.unrealizedPnl()));
            } else if (event instanceof ServerMessage.BookUpdate b) {
                quotes.add(new Battle.Quote(b.timestamp(), b.bestBid(), b.bestAsk()));
                BigDecimal any = b.bestBid() != null ? b.bestBid() : b.bestAsk();
                decimals = decimals != null || any == null ? decimals : Math.max(0, any.scale());
            }
        }
        return new Battle(List.copyOf(lines), List.copyOf(trades), List.copyOf(updates), List.copyOf(quotes),
                decimals == null ? 2 : decimals, new StartingCash(Map.copyOf(startingCash), assumedStartingCash),
                List.copyOf(notes));
    }

    /** Whether the fields the report reads are there (a decoded event has null for a missing field). */
    private static boolean complete(ServerMessage.Event event) {
        if (event instanceof ServerMessage.Trade t) {
            return t.price() != null && t.buyTraderId() != null && t.sellTraderId() != null;
        }
        if (event instanceof ServerMessage.PositionUpdate u) {
            return u.traderId() != null && u.cash() != null && u.realizedPnl() != null && u.unrealizedPnl() != null
                    && u.totalEquity() != null;
        }
        if (event instanceof ServerMessage.BookUpdate b) {
            return b.bids() != null && b.asks() != null;
        }
        return true;
    }

    private static Battle fromCsv(Path tradesCsv, Path performanceCsv, BigDecimal assumedStartingCash)
            throws IOException, ReportException {
        List<Battle.Trade> trades = new ArrayList<>();
        List<Battle.AccountUpdate> updates = new ArrayList<>();
        Integer decimals = null;
        if (Files.isRegularFile(tradesCsv)) {
            for (CSVRecord r : records(tradesCsv, "timestamp", "price", "qty", "buy_trader", "sell_trader")) {
                BigDecimal price = new BigDecimal(r.get("price"));
                trades.add(new Battle.Trade(Long.parseLong(r.get("timestamp")), price, Long.parseLong(r.get("qty")),
                        r.get("buy_trader"), r.get("sell_trader"), null));
                decimals = decimals != null ? decimals : Math.max(0, price.scale());
            }
        }
        if (Files.isRegularFile(performanceCsv)) {
            for (CSVRecord r : records(performanceCsv, "timestamp", "trader_id", "position", "cash", "realized_pnl",
                    "total_equity")) {
                updates.add(new Battle.AccountUpdate(Long.parseLong(r.get("timestamp")), r.get("trader_id"),
                        Long.parseLong(r.get("position")), new BigDecimal(r.get("cash")),
                        new BigDecimal(r.get("realized_pnl")), new BigDecimal(r.get("total_equity"))));
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("no " + EVENTS + " in this folder: made from " + TRADES + " and " + PERFORMANCE + ", which have no "
                + "book and no aggressor side, so there is no replay, no maker share and no markouts; starting cash "
                + "is assumed to be " + assumedStartingCash.toPlainString() + " (--starting-cash)");
        if (!Files.isRegularFile(tradesCsv)) {
            notes.add("no " + TRADES + " in this folder: no trades to show");
        }
        if (!Files.isRegularFile(performanceCsv)) {
            notes.add("no " + PERFORMANCE + " in this folder: no accounts to show");
        }
        return new Battle(List.of(), List.copyOf(trades), List.copyOf(updates), List.of(),
                decimals == null ? 2 : decimals, new StartingCash(Map.of(), assumedStartingCash), List.copyOf(notes));
    }

    private static List<CSVRecord> records(Path csv, String... columns) throws IOException, ReportException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            var parser = WITH_HEADER.parse(reader);
            for (String column : columns) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new ReportException(csv + " has no column " + column + " (its header: "
                            + String.join(",", parser.getHeaderNames()) + ")");
                }
            }
            try {
                return parser.getRecords();
            } catch (RuntimeException e) {
                throw new ReportException(csv + ": " + e.getMessage());
            }
        }
    }
}
