package org.bourse.monitor;

import java.math.BigDecimal;
import java.util.List;
import org.bourse.protocol.ServerMessage.Level;

/**
 * An immutable picture of the market at one instant, taken from {@link MarketModel#picture}: what both renderers
 * draw. Prices and money are exact decimals as the feed printed them.
 *
 * @param retryAtMillis when the next connection attempt is due (epoch ms), for {@link Phase#DISCONNECTED}
 * @param lastSeq       the last event applied, or -1 before the first snapshot
 * @param bids          the best levels first, at most the depth asked for
 * @param mark          what positions are valued at (null before the first snapshot)
 * @param recentTrades  newest first
 * @param traders       ranked by total equity, highest first
 * @param notices       oldest first
 * @param eventsApplied events applied since the monitor started (snapshots not counted)
 * @param resyncs       how many times a sequence gap made the monitor fetch a new snapshot
 */
record MarketPicture(String feedUri, Phase phase, String detail, long retryAtMillis, long lastSeq,
                  List<Level> bids, List<Level> asks, BigDecimal mark, long tradeCount, List<TradeRow> recentTrades,
                  List<TraderRow> traders, List<Notice> notices, boolean halted, long eventsApplied,
                  long resyncs) {

    /** One trade, with the direction of its price from the trade before it (1 up, -1 down, 0 unchanged). */
    record TradeRow(BigDecimal price, long qty, String buyer, String seller, long timestamp, int direction) {
    }

    /** A trader's account valued at the current mark. */
    record TraderRow(String traderId, long position, BigDecimal avgEntryPrice, BigDecimal cash,
                     BigDecimal realizedPnl, BigDecimal unrealizedPnl, BigDecimal totalPnl, BigDecimal equity,
                     boolean bankrupt) {

        /** What a row says after the trader's name: {@code bankrupt}, {@code no orders yet}, or nothing. */
        String note() {
            if (bankrupt) {
                return "bankrupt";
            }
            return cash == null ? "no orders yet" : null;
        }

        /**
         * A trader the monitor was told to expect (a battle's bot) that has no account yet: it has placed no order,
         * so the exchange states nothing for it; its figures are dashes.
         */
        static TraderRow withoutAccount(String traderId) {
            return new TraderRow(traderId, 0, null, null, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, null,
                    false);
        }
    }

    /**
     * Whether trading is {@code active} or {@code halted}, as far as the monitor can tell: {@code unknown} unless it
     * is live ({@link Phase#CONNECTED}), as the last state it heard may no longer hold.
     */
    String trading() {
        if (phase != Phase.CONNECTED) {
            return "unknown";
        }
        return halted ? "halted" : "active";
    }

    boolean hasSnapshot() {
        return lastSeq >= 0;
    }

    Level bestBid() {
        return bids.isEmpty() ? null : bids.get(0);
    }

    Level bestAsk() {
        return asks.isEmpty() ? null : asks.get(0);
    }

    /** Best ask minus best bid, or null unless the book is two-sided. */
    BigDecimal spread() {
        return bids.isEmpty() || asks.isEmpty() ? null : bestAsk().price().subtract(bestBid().price());
    }

    /** The exact midpoint of the best bid and ask (one more decimal when needed), or null unless two-sided. */
    BigDecimal mid() {
        return bids.isEmpty() || asks.isEmpty() ? null : midpoint(bestBid().price(), bestAsk().price());
    }

    TradeRow lastTrade() {
        return recentTrades.isEmpty() ? null : recentTrades.get(0);
    }

    static BigDecimal midpoint(BigDecimal bid, BigDecimal ask) {
        // exact: a half of a decimal always terminates
        return bid.add(ask).divide(BigDecimal.valueOf(2));
    }
}
