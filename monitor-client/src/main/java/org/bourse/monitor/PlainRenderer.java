package org.bourse.monitor;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.bourse.monitor.MarketPicture.TradeRow;
import org.bourse.monitor.MarketPicture.TraderRow;
import org.bourse.protocol.AccountStatus;
import org.bourse.protocol.ServerMessage.Level;

/**
 * The monitor as plain text, for pipes, logs and scripts: one block per interval, one fact per line, each line
 * starting with a fixed word so that {@code grep '^TRADER '} finds what it should. The format is a contract
 * (scripts and tests read it): add lines or trailing fields, never change the existing ones.
 *
 * <pre>
 * STATUS: CONNECTED feed=ws://127.0.0.1:9010 seq=1234
 * BOOK bid 99.95 x 3 | ask 100.05 x 2 | spread 0.10 | mid 100.00
 * LEVEL 1 bid 99.95 x 3 | ask 100.05 x 2
 * MARKET mark=100.00 trading=active        (halted; unknown while not CONNECTED)
 * TRADES count=57 last=100.05 x 2 buyer=taker_1 seller=maker_1 at 12:00:01.234
 * EVENTS applied=1234 rate=250/s resyncs=0
 * TRADER maker_1 position=-4 cash=10400.40 realized=0.00 unrealized=-0.20 total_pnl=-0.20 equity=9999.80 status=active
 * LIQUIDATION at 12:00:03.123 trader=taker_1 reason=maintenance_margin_breach side=sell qty=3 order_id=47
 * HALT at 12:00:04.000 halted=true
 * GAP at 12:00:05.000 expected=42 got=44
 * BOT at 12:00:06.000 trader=maker_2 state=failed detail=exit code 1: ...   (with monitor --bot-endings)
 * </pre>
 *
 * followed by an empty line.
 */
final class PlainRenderer {

    /** The most recent liquidations, halts and gaps listed in each block. */
    static final int NOTICES_SHOWN = 5;

    private final ZoneId zone;
    private final int depth;

    PlainRenderer(ZoneId zone, int depth) {
        this.zone = zone;
        this.depth = depth;
    }

    /** The block for {@code view}, ending with an empty line. */
    String text(MarketPicture view, long nowMillis, long eventsPerSecond) {
        StringBuilder text = new StringBuilder();
        for (String line : lines(view, nowMillis, eventsPerSecond)) {
            text.append(line).append('\n');
        }
        return text.append('\n').toString();
    }

    List<String> lines(MarketPicture view, long nowMillis, long eventsPerSecond) {
        List<String> lines = new ArrayList<>();
        lines.add(status(view, nowMillis));
        lines.add("BOOK bid " + Formats.level(view.bestBid()) + " | ask " + Formats.level(view.bestAsk())
                + " | spread " + Formats.decimal(view.spread()) + " | mid " + Formats.decimal(view.mid()));
        for (int i = 0; i < depth; i++) {
            lines.add("LEVEL " + (i + 1) + " bid " + Formats.level(at(view.bids(), i)) + " | ask "
                    + Formats.level(at(view.asks(), i)));
        }
        lines.add("MARKET mark=" + Formats.decimal(view.mark()) + " trading=" + view.trading());
        lines.add(trades(view));
        lines.add("EVENTS applied=" + view.eventsApplied() + " rate=" + eventsPerSecond + "/s resyncs="
                + view.resyncs());
        for (TraderRow trader : view.traders()) {
            lines.add(trader(trader));
        }
        List<Notice> notices = view.notices();
        for (Notice notice : notices.subList(Math.max(0, notices.size() - NOTICES_SHOWN), notices.size())) {
            lines.add(notice(notice));
        }
        return lines;
    }

    private static String status(MarketPicture view, long nowMillis) {
        StringBuilder line = new StringBuilder("STATUS: ").append(view.phase().label())
                .append(" feed=").append(view.feedUri())
                .append(" seq=").append(view.hasSnapshot() ? Long.toString(view.lastSeq()) : "-");
        if (view.phase() == Phase.DISCONNECTED) {
            line.append(" retry_in=").append(Math.max(0, view.retryAtMillis() - nowMillis)).append("ms");
        }
        if (view.detail() != null) {
            line.append(" detail=").append(view.detail()); // free text: always last
        }
        return line.toString();
    }

    private String trades(MarketPicture view) {
        TradeRow last = view.lastTrade();
        String line = "TRADES count=" + view.tradeCount();
        if (last == null) {
            return line + " last=-";
        }
        return line + " last=" + Formats.decimal(last.price()) + " x " + last.qty() + " buyer=" + last.buyer()
                + " seller=" + last.seller() + " at " + Formats.time(last.timestamp(), zone);
    }

    private static String trader(TraderRow trader) {
        return "TRADER " + trader.traderId()
                + " position=" + trader.position()
                + " cash=" + Formats.decimal(trader.cash())
                + " realized=" + Formats.decimal(trader.realizedPnl())
                + " unrealized=" + Formats.decimal(trader.unrealizedPnl())
                + " total_pnl=" + Formats.decimal(trader.totalPnl())
                + " equity=" + Formats.decimal(trader.equity())
                + " status=" + (trader.cash() == null ? "no_orders_yet"
                        : (trader.bankrupt() ? AccountStatus.BANKRUPT : AccountStatus.ACTIVE).wireName());
    }

    private String notice(Notice notice) {
        String at = " at " + Formats.time(notice.timestamp(), zone);
        if (notice instanceof Notice.Liquidated liquidated) {
            return "LIQUIDATION" + at + " trader=" + liquidated.traderId() + " reason=" + liquidated.reason()
                    + " side=" + liquidated.side() + " qty=" + liquidated.qty() + " order_id=" + liquidated.orderId();
        }
        if (notice instanceof Notice.Halt halt) {
            return "HALT" + at + " halted=" + halt.halted();
        }
        if (notice instanceof Notice.BotEnded ended) {
            return "BOT" + at + " trader=" + ended.traderId() + " state=" + ended.state() + " detail=" + ended.why();
        }
        Notice.Gap gap = (Notice.Gap) notice;
        return "GAP" + at + " expected=" + gap.expectedSeq() + " got=" + gap.receivedSeq();
    }

    private static Level at(List<Level> levels, int index) {
        return index < levels.size() ? levels.get(index) : null;
    }
}
