package org.bourse.relay;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.ServerMessage.AccountState;
import org.bourse.protocol.ServerMessage.Level;
import org.bourse.protocol.TickScale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the exchange's stream describes: its last snapshot with every later event applied, so that the relay can
 * give a subscriber joining at any time a snapshot of its own. Used by the relay thread only.
 *
 * <p>Two things the stream does not state are derived as the exchange derives them: the mark (the mid of the best
 * bid and ask rounded down to the tick, else the last trade price), and each account's unrealized PnL and equity
 * at that mark (they move with the mark without a {@code position_update}). Two things it does not carry at all
 * cannot be known: a change beyond the levels a {@code book_update} lists (the top 10 of each side), and an
 * account opened after the snapshot that has not traded yet.
 */
final class MarketState {
    private static final Logger LOG = LoggerFactory.getLogger(MarketState.class);

    /** Trades a snapshot carries, as many as the exchange's. */
    static final int RECENT_TRADES = 100;
    /** Levels a book_update lists per side when the side has that many (the protocol's "at least 10"). */
    static final int BOOK_UPDATE_DEPTH = 10;

    private final TickScale scale;
    private final NavigableMap<BigDecimal, Level> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, Level> asks = new TreeMap<>();
    private final ArrayDeque<ServerMessage.Trade> recentTrades = new ArrayDeque<>(RECENT_TRADES + 1);
    /** In the order the relay learnt of them: the exchange's order for the accounts of its snapshot. */
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private BigDecimal lastTradePrice;
    /** The last mark the exchange stated: the mark when neither the book nor a trade gives one. */
    private BigDecimal statedMark;
    private long tradeCount;
    private boolean tradingHalted;
    private long seq;
    private boolean warnedAboutTick;

    /** An account as last stated, with the mark its unrealized PnL and equity were computed at. */
    private record Account(AccountState state, BigDecimal markedAt) {

        /** The account valued at {@code mark}: cost basis, cash and realized PnL do not move with it. */
        AccountState at(BigDecimal mark) {
            if (mark.compareTo(markedAt) == 0) {
                return state;
            }
            BigDecimal position = BigDecimal.valueOf(state.position());
            return new AccountState(state.traderId(), state.position(), state.cash(), state.avgEntryPrice(),
                    state.realizedPnl(), state.unrealizedPnl().add(position.multiply(mark.subtract(markedAt))),
                    state.cash().add(position.multiply(mark)), state.status());
        }
    }

    MarketState(TickScale scale) {
        this.scale = scale;
    }

    /** The seq of the last event applied (or of the snapshot), 0 before any. */
    long seq() {
        return seq;
    }

    /** Forgets everything and starts again from the exchange's snapshot. */
    void reset(ServerMessage.Snapshot snapshot) {
        bids.clear();
        asks.clear();
        snapshot.bids().forEach(level -> bids.put(level.price(), level));
        snapshot.asks().forEach(level -> asks.put(level.price(), level));
        recentTrades.clear();
        List<ServerMessage.Trade> trades = snapshot.recentTrades();
        trades.subList(Math.max(0, trades.size() - RECENT_TRADES), trades.size()).forEach(recentTrades::addLast);
        accounts.clear();
        snapshot.accounts().forEach(a -> accounts.put(a.traderId(), new Account(a, snapshot.markPrice())));
        lastTradePrice = snapshot.lastTradePrice();
        statedMark = snapshot.markPrice();
        tradeCount = snapshot.tradeCount();
        tradingHalted = snapshot.tradingHalted();
        seq = snapshot.seq();
        checkMark(snapshot.markPrice());
    }

    /** Applies the next event of the stream (the caller has checked that it is the next one). */
    void apply(ServerMessage.Event event) {
        if (event instanceof ServerMessage.BookUpdate update) {
            merge(bids, update.bids());
            merge(asks, update.asks());
        } else if (event instanceof ServerMessage.Trade trade) {
            recentTrades.addLast(trade);
            if (recentTrades.size() > RECENT_TRADES) {
                recentTrades.removeFirst();
            }
            lastTradePrice = trade.price();
            tradeCount++;
        } else if (event instanceof ServerMessage.PositionUpdate update) {
            Account known = accounts.get(update.traderId());
            String status = known == null ? "active" : known.state().status();
            accounts.put(update.traderId(), new Account(new AccountState(update.traderId(), update.position(),
                    update.cash(), update.avgEntryPrice(), update.realizedPnl(), update.unrealizedPnl(),
                    update.totalEquity(), status), update.markPrice()));
            statedMark = update.markPrice();
            checkMark(update.markPrice());
        } else if (event instanceof ServerMessage.Liquidation liquidation) {
            Account known = accounts.get(liquidation.traderId());
            if (known != null && "bankruptcy".equals(liquidation.reason())) {
                AccountState s = known.state();
                accounts.put(s.traderId(), new Account(new AccountState(s.traderId(), s.position(), s.cash(),
                        s.avgEntryPrice(), s.realizedPnl(), s.unrealizedPnl(), s.totalEquity(), "bankrupt"),
                        known.markedAt()));
            }
        } else if (event instanceof ServerMessage.TradingStatus status) {
            tradingHalted = status.halted();
        }
        seq = event.seq();
    }

    /** Moves past an event of a type this version does not know: it is relayed, but changes nothing here. */
    void skip(long eventSeq) {
        seq = eventSeq;
    }

    /** The whole state as the exchange would state it now, taken at {@code timestamp}. */
    ServerMessage.Snapshot snapshot(long timestamp) {
        BigDecimal mark = mark();
        List<AccountState> states = new ArrayList<>(accounts.size());
        accounts.values().forEach(a -> states.add(a.at(mark)));
        return new ServerMessage.Snapshot(seq, bids.isEmpty() ? null : bids.firstKey(),
                asks.isEmpty() ? null : asks.firstKey(), List.copyOf(bids.values()), List.copyOf(asks.values()),
                mark, lastTradePrice, tradeCount, List.copyOf(recentTrades), states, tradingHalted, timestamp);
    }

    /** The exchange's rule: the mid rounded down to the tick when the book is two-sided, else the last trade. */
    BigDecimal mark() {
        if (!bids.isEmpty() && !asks.isEmpty()) {
            try {
                return scale.decimal((scale.ticks(bids.firstKey()) + scale.ticks(asks.firstKey())) >>> 1);
            } catch (IllegalArgumentException offTheGrid) {
                warnAboutTick("its best bid " + bids.firstKey().toPlainString() + " or ask "
                        + asks.firstKey().toPlainString() + " is not on the relay's tick grid");
                return statedMark;
            }
        }
        return lastTradePrice != null ? lastTradePrice : statedMark;
    }

    /**
     * A book_update lists the top of each side: all of it when the side has fewer levels than
     * {@link #BOOK_UPDATE_DEPTH}, else the levels from the best down to its last one, which replace every level
     * known in that range. Deeper levels stay as last known.
     */
    private static void merge(NavigableMap<BigDecimal, Level> side, List<Level> top) {
        if (top.size() < BOOK_UPDATE_DEPTH) {
            side.clear();
        } else {
            side.headMap(top.get(top.size() - 1).price(), true).clear();
        }
        top.forEach(level -> side.put(level.price(), level));
    }

    /** A mark the exchange stated that the relay would not have computed means another tick size. */
    private void checkMark(BigDecimal stated) {
        if (!warnedAboutTick && !bids.isEmpty() && !asks.isEmpty() && mark().compareTo(stated) != 0) {
            warnAboutTick("its mark " + stated.toPlainString() + " is not the mid of its best bid and ask rounded"
                    + " down to the relay's tick");
        }
    }

    private void warnAboutTick(String what) {
        if (!warnedAboutTick) {
            warnedAboutTick = true;
            LOG.warn("The exchange's tick size is not {}: {}. Snapshots may state a wrong mark; start the relay with"
                    + " the exchange's --tick-size", scale.tickSize().toPlainString(), what);
        }
    }
}
