package org.bourse.monitor;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bourse.monitor.MarketPicture.TradeRow;
import org.bourse.monitor.MarketPicture.TraderRow;
import org.bourse.protocol.ServerMessage.Level;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Lays the market out on a screen of a given size: exactly {@code rows} lines, none wider than {@code columns - 1}
 * (a character in the last column makes some terminals wrap or scroll). Top to bottom: the status, the book's
 * ladder beside the tape of recent trades, the traders ranked by equity, the latest liquidations and halts.
 * On a short screen the ladder and the notices give way to the traders; on a narrow one the tape and the less
 * important trader columns go. ASCII only, so that it reads in any locale.
 */
final class FullScreenRenderer {

    /** Ladder: QTY(5) BID(8) | ASK(8) QTY(5). */
    private static final int QTY_WIDTH = 5;
    private static final int PRICE_WIDTH = 8;
    private static final int LADDER_WIDTH = QTY_WIDTH + 1 + PRICE_WIDTH + 3 + PRICE_WIDTH + 1 + QTY_WIDTH;
    private static final int TAPE_COLUMN = LADDER_WIDTH + 2;
    /** Time, price, qty and some of the names. */
    private static final int TAPE_MIN_WIDTH = 36;
    private static final int TRADER_MIN_WIDTH = 10;
    private static final int TRADER_MAX_WIDTH = 24;

    /** A column of the traders' table, right-aligned in {@code width} (which includes the space before it). */
    private record Column(String header, int width, int priority, Function<TraderRow, String> text,
                          Function<TraderRow, Integer> direction) {
    }

    /** In the order shown; the lower the priority, the longer the column survives a narrow screen. */
    private static final List<Column> COLUMNS = List.of(
            new Column("POS", 7, 1, t -> Formats.position(t.position()), t -> Long.signum(t.position())),
            new Column("AVG ENTRY", 12, 7, t -> t.position() == 0 ? "-" : Formats.decimal(t.avgEntryPrice()),
                    t -> 0),
            new Column("CASH", 12, 6, t -> Formats.decimal(t.cash()), t -> 0),
            new Column("REALIZED", 11, 5, t -> Formats.decimal(t.realizedPnl()), t -> t.realizedPnl().signum()),
            new Column("UNREALIZED", 11, 4, t -> Formats.decimal(t.unrealizedPnl()),
                    t -> t.unrealizedPnl().signum()),
            new Column("TOTAL PNL", 11, 2, t -> Formats.decimal(t.totalPnl()), t -> t.totalPnl().signum()),
            new Column("EQUITY", 12, 3, t -> Formats.decimal(t.equity()), t -> 0));

    private final ZoneId zone;
    private final int depth;
    private final Palette palette;

    FullScreenRenderer(ZoneId zone, int depth, Palette palette) {
        this.zone = zone;
        this.depth = depth;
        this.palette = palette;
    }

    List<AttributedString> frame(MarketPicture view, long nowMillis, long eventsPerSecond, int columns, int rows) {
        int width = Math.max(0, columns - 1);
        boolean tape = width >= TAPE_COLUMN + TAPE_MIN_WIDTH;

        // Fit the sections to the height, in order of importance: the first three traders, three levels, the
        // latest notice, the rest of the ladder, more notices; the traders get whatever is left.
        int tradersFirst = Math.max(1, Math.min(3, view.traders().size()));
        int noticesWanted = Math.min(view.notices().size(), rows >= 30 ? 6 : 3);
        int ladderRows = 1;
        int noticeRows = 0;
        while (ladderRows < Math.min(depth, 3) && fits(ladderRows + 1, noticeRows, tape, tradersFirst, rows)) {
            ladderRows++;
        }
        if (noticesWanted > 0 && fits(ladderRows, 1, tape, tradersFirst, rows)) {
            noticeRows = 1;
        }
        while (ladderRows < depth && fits(ladderRows + 1, noticeRows, tape, tradersFirst, rows)) {
            ladderRows++;
        }
        while (noticeRows < noticesWanted && fits(ladderRows, noticeRows + 1, tape, tradersFirst, rows)) {
            noticeRows++;
        }
        int traderRows = Math.max(0, rows - fixedRows(ladderRows, noticeRows, tape));

        List<AttributedString> lines = new ArrayList<>(rows);
        header(lines, view, nowMillis, eventsPerSecond, width);
        book(lines, view, ladderRows, tape, width);
        lines.add(AttributedString.EMPTY);
        traders(lines, view.traders(), traderRows, width);
        if (noticeRows > 0) {
            lines.add(AttributedString.EMPTY);
            notices(lines, view.notices(), noticeRows);
        }

        List<AttributedString> screen = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            AttributedString line = i < lines.size() ? lines.get(i) : AttributedString.EMPTY;
            screen.add(line.columnLength() > width ? line.columnSubSequence(0, width) : line);
        }
        return screen;
    }

    private static boolean fits(int ladderRows, int noticeRows, boolean tape, int traderRows, int rows) {
        return fixedRows(ladderRows, noticeRows, tape) + traderRows <= rows;
    }

    /** Every row but the traders': header 3, book 2 + ladder (+ last trade without a tape), blank, table header. */
    private static int fixedRows(int ladderRows, int noticeRows, boolean tape) {
        return 3 + 2 + ladderRows + (tape ? 0 : 1) + 1 + 1 + (noticeRows > 0 ? 2 + noticeRows : 0);
    }

    // ---------------------------------------------------------------------------------------- header

    private void header(List<AttributedString> lines, MarketPicture view, long nowMillis, long eventsPerSecond,
                        int width) {
        Line status = new Line().add("STATUS: " + view.phase().label(), palette.status(view.phase()))
                .add("  " + view.feedUri(), palette.plain());
        String hint = "q: quit";
        if (status.length() + 2 + hint.length() <= width) {
            status.padTo(width - hint.length()).add(hint, palette.dim());
        }
        lines.add(status.build());

        Line stats = new Line()
                .add("seq ", palette.dim()).add(view.hasSnapshot() ? Long.toString(view.lastSeq()) : "-", palette.plain())
                .add("   events ", palette.dim()).add(eventsPerSecond + "/s", palette.plain())
                .add("   mark ", palette.dim()).add(Formats.decimal(view.mark()), palette.plain())
                .add("   trading ", palette.dim())
                .add(view.trading().equals("halted") ? "HALTED" : view.trading(),
                        view.trading().equals("halted") ? palette.alert() : palette.plain());
        if (view.resyncs() > 0) {
            stats.add("   resyncs ", palette.dim()).add(Long.toString(view.resyncs()), palette.plain());
        }
        lines.add(stats.build());

        lines.add(detail(view, nowMillis).build());
    }

    private Line detail(MarketPicture view, long nowMillis) {
        Line line = new Line();
        String detail = view.detail() == null ? "" : view.detail();
        switch (view.phase()) {
            case CONNECTED -> {
                return line;
            }
            case CONNECTING -> line.add(detail.isEmpty() ? "connecting" : detail, palette.plain());
            case EXCHANGE_DOWN -> line.add("Relay up, exchange down: " + detail, palette.alert());
            case STALE -> line.add("Stale: " + detail, palette.alert());
            case DISCONNECTED -> line.add(detail + "; retry in " + Formats.countdown(view.retryAtMillis(), nowMillis),
                    palette.alert());
        }
        if (view.hasSnapshot()) {
            line.add("  (as of seq " + view.lastSeq() + ")", palette.dim());
        }
        return line;
    }

    // ------------------------------------------------------------------------------------------ book

    private void book(List<AttributedString> lines, MarketPicture view, int ladderRows, boolean tape, int width) {
        lines.add(new Line()
                .add("BID ", palette.heading()).add(Formats.level(view.bestBid()), palette.bid())
                .add("   ASK ", palette.heading()).add(Formats.level(view.bestAsk()), palette.ask())
                .add("   SPREAD ", palette.heading()).add(Formats.decimal(view.spread()), palette.plain())
                .add("   MID ", palette.heading()).add(Formats.decimal(view.mid()), palette.plain())
                .add("   TRADES ", palette.heading()).add(Long.toString(view.tradeCount()), palette.plain())
                .build());

        Line header = new Line()
                .right("QTY", QTY_WIDTH, palette.heading()).right("BID", PRICE_WIDTH + 1, palette.heading())
                .add(" | ", palette.dim())
                .left("ASK", PRICE_WIDTH + 1, palette.heading()).right("QTY", QTY_WIDTH, palette.heading());
        int nameWidth = width - TAPE_COLUMN - 29; // after time 12, price 10, qty 5 and two spaces
        if (tape) {
            header.padTo(TAPE_COLUMN).add("TIME        ", palette.heading()).right("PRICE", 9, palette.heading())
                    .right("QTY", 6, palette.heading()).add("  ", palette.plain())
                    .left("BUYER / SELLER", nameWidth, palette.heading());
        }
        lines.add(header.build());

        List<TradeRow> trades = view.recentTrades();
        for (int i = 0; i < ladderRows; i++) {
            Level bid = i < view.bids().size() ? view.bids().get(i) : null;
            Level ask = i < view.asks().size() ? view.asks().get(i) : null;
            Line row = new Line()
                    .right(bid == null ? "" : Long.toString(bid.qty()), QTY_WIDTH, palette.plain())
                    .right(bid == null ? "" : Formats.decimal(bid.price()), PRICE_WIDTH + 1, palette.bid())
                    .add(" | ", palette.dim())
                    .left(ask == null ? "" : Formats.decimal(ask.price()), PRICE_WIDTH + 1, palette.ask())
                    .right(ask == null ? "" : Long.toString(ask.qty()), QTY_WIDTH, palette.plain());
            if (tape && i < trades.size()) {
                TradeRow trade = trades.get(i);
                String arrow = trade.direction() > 0 ? "^" : trade.direction() < 0 ? "v" : " ";
                row.padTo(TAPE_COLUMN).add(Formats.time(trade.timestamp(), zone), palette.plain())
                        .right(Formats.decimal(trade.price()) + arrow, 10, palette.direction(trade.direction()))
                        .right(Long.toString(trade.qty()), 5, palette.plain()).add("  ", palette.plain())
                        .left(parties(trade, nameWidth), nameWidth, palette.plain());
            }
            lines.add(row.build());
        }
        if (!tape) {
            TradeRow last = view.lastTrade();
            Line line = new Line().add("LAST ", palette.heading());
            if (last == null) {
                line.add("-", palette.dim());
            } else {
                line.add(Formats.decimal(last.price()) + " x " + last.qty(), palette.direction(last.direction()))
                        .add("  " + last.buyer() + " / " + last.seller() + "  "
                                + Formats.time(last.timestamp(), zone), palette.plain());
            }
            lines.add(line.build());
        }
    }

    /** "buyer / seller" in {@code width}, sharing the room so that both names stay recognisable. */
    static String parties(TradeRow trade, int width) {
        String buyer = trade.buyer();
        String seller = trade.seller();
        int room = Math.max(0, width - 3);
        if (buyer.length() + seller.length() > room) {
            // a name shorter than half the room keeps its length and leaves the rest to the other
            int buyerWidth = Math.max(room / 2, room - seller.length());
            buyer = Line.fit(buyer, Math.min(buyer.length(), buyerWidth));
            seller = Line.fit(seller, room - buyer.length());
        }
        return buyer + " / " + seller;
    }

    // --------------------------------------------------------------------------------------- traders

    /** The table's header and at most {@code rows} rows under it. */
    private void traders(List<AttributedString> lines, List<TraderRow> traders, int rows, int width) {
        // drop the least important columns until the names get at least TRADER_MIN_WIDTH
        List<Column> shown = new ArrayList<>(COLUMNS);
        while (!shown.isEmpty() && width - columnsWidth(shown) < TRADER_MIN_WIDTH) {
            Column least = shown.get(0);
            for (Column column : shown) {
                if (column.priority() > least.priority()) {
                    least = column;
                }
            }
            shown.remove(least);
        }
        int nameWidth = Math.max(1, Math.min(TRADER_MAX_WIDTH, width - columnsWidth(shown)));

        Line header = new Line().left("TRADER", nameWidth, palette.heading());
        for (Column column : shown) {
            header.right(column.header(), column.width(), palette.heading());
        }
        lines.add(header.build());
        if (rows <= 0) {
            return;
        }
        if (traders.isEmpty()) {
            lines.add(new Line().add("no accounts yet", palette.dim()).build());
            return;
        }
        int listed = traders.size() <= rows ? traders.size() : rows - 1;
        for (TraderRow trader : traders.subList(0, listed)) {
            String name = trader.note() == null ? trader.traderId() : trader.traderId() + " (" + trader.note() + ")";
            Line row = new Line().left(name, nameWidth, trader.bankrupt() ? palette.alert()
                    : trader.note() != null ? palette.dim() : palette.plain());
            for (Column column : shown) {
                row.right(column.text().apply(trader), column.width(),
                        palette.direction(column.direction().apply(trader)));
            }
            lines.add(row.build());
        }
        if (listed < traders.size()) {
            lines.add(new Line().add("... and " + (traders.size() - listed) + " more", palette.dim()).build());
        }
    }

    private static int columnsWidth(List<Column> columns) {
        return columns.stream().mapToInt(Column::width).sum();
    }

    // --------------------------------------------------------------------------------------- notices

    private void notices(List<AttributedString> lines, List<Notice> notices, int rows) {
        lines.add(new Line().add("LIQUIDATIONS, HALTS & BOTS (latest first)", palette.heading()).build());
        for (int i = notices.size() - 1; i >= notices.size() - rows; i--) {
            Notice notice = notices.get(i);
            Line line = new Line().add(Formats.time(notice.timestamp(), zone) + "  ", palette.plain());
            if (notice instanceof Notice.Liquidated liquidated) {
                line.left("LIQUIDATION", 13, palette.alert())
                        .add(liquidated.traderId() + "  " + liquidated.reason() + "  " + liquidated.side() + " "
                                + liquidated.qty(), palette.plain());
            } else if (notice instanceof Notice.Halt halt) {
                line.left(halt.halted() ? "HALT" : "RESUME", 13, halt.halted() ? palette.alert() : palette.bid())
                        .add(halt.halted() ? "trading halted" : "trading resumed", palette.plain());
            } else if (notice instanceof Notice.BotEnded ended) {
                line.left(ended.state().equals("failed") ? "BOT FAILED" : "BOT EXITED", 13, palette.alert())
                        .add(ended.traderId() + "  " + ended.why(), palette.plain());
            } else {
                Notice.Gap gap = (Notice.Gap) notice;
                line.left("RESYNC", 13, palette.heading()).add("sequence gap: expected " + gap.expectedSeq()
                        + ", got " + gap.receivedSeq() + "; fetched a new snapshot", palette.plain());
            }
            lines.add(line.build());
        }
    }

    // ------------------------------------------------------------------------------------------ lines

    /** A line built left to right, with cells padded or cut to a width. */
    private static final class Line {
        private final AttributedStringBuilder builder = new AttributedStringBuilder();

        Line add(String text, AttributedStyle style) {
            builder.styled(style, text);
            return this;
        }

        /** Left-aligned in {@code width}, cut with a '~' when longer. */
        Line left(String text, int width, AttributedStyle style) {
            String cell = fit(text, width);
            return add(cell, style).add(" ".repeat(width - cell.length()), AttributedStyle.DEFAULT);
        }

        /** Right-aligned in {@code width}, cut with a '~' when longer. */
        Line right(String text, int width, AttributedStyle style) {
            String cell = fit(text, width);
            return add(" ".repeat(width - cell.length()), AttributedStyle.DEFAULT).add(cell, style);
        }

        Line padTo(int column) {
            return add(" ".repeat(Math.max(0, column - length())), AttributedStyle.DEFAULT);
        }

        int length() {
            return builder.columnLength();
        }

        AttributedString build() {
            return builder.toAttributedString();
        }

        private static String fit(String text, int width) {
            if (width <= 0) {
                return "";
            }
            return text.length() <= width ? text : text.substring(0, width - 1) + "~";
        }
    }
}
