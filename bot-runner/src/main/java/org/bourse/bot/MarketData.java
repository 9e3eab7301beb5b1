package org.bourse.bot;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.List;
import org.bourse.api.Level;
import org.bourse.api.PublicTrade;
import org.bourse.api.Side;
import org.bourse.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public market as the feed tells it: the book, the recent trades, the mark, the kill switch, and whether the
 * feed can be trusted right now. A connection starts from its {@code snapshot}; after that every event must carry
 * the next {@code seq}, and a gap means the connection must start again. The relay's {@code status} says whether
 * the exchange behind it is reachable. The trader's own position updates and liquidations go to its
 * {@link Account}. Used by the bot's loop thread only.
 */
final class MarketData {
    private static final Logger LOG = LoggerFactory.getLogger(MarketData.class);

    /** Public trades kept for the strategy (a snapshot brings the last 100). */
    static final int RECENT_TRADES = 200;
    private static final long NO_SNAPSHOT = -1;

    /** What became of one message. */
    enum Applied {
        APPLIED,
        /** Nothing to apply it to: no snapshot yet on this connection, or a message the bot does not use. */
        IGNORED,
        /** Events were missed: the connection must start again from a new snapshot. */
        GAP
    }

    private final String traderId;
    private final Account account;
    private List<Level> bids = List.of();
    private List<Level> asks = List.of();
    private final ArrayDeque<PublicTrade> trades = new ArrayDeque<>();
    private List<PublicTrade> tradesView = List.of();
    private boolean tradesChanged;
    private BigDecimal markPrice;
    private boolean tradingHalted;
    private long lastSeq = NO_SNAPSHOT;
    private boolean exchangeReachable = true;
    private boolean bookChanged;

    MarketData(String traderId, Account account) {
        this.traderId = traderId;
        this.account = account;
    }

    Applied apply(ServerMessage message) {
        if (message instanceof ServerMessage.Status status) {
            if (exchangeReachable && !status.exchangeConnected()) {
                LOG.warn("{}: the market-data relay has lost the exchange ({}); not trading until it is back",
                        traderId, status.detail() == null ? "no detail" : status.detail());
            } else if (!exchangeReachable && status.exchangeConnected()) {
                LOG.info("{}: the market-data relay has the exchange again", traderId);
            }
            boolean wasReachable = exchangeReachable;
            exchangeReachable = status.exchangeConnected();
            if (!wasReachable || !exchangeReachable) {
                // nothing arrives while the exchange is away, and a fresh snapshot comes first when it is back
                lastSeq = NO_SNAPSHOT;
            }
            return Applied.APPLIED;
        }
        if (message instanceof ServerMessage.Snapshot snapshot) {
            snapshot(snapshot);
            return Applied.APPLIED;
        }
        if (!(message instanceof ServerMessage.Event event) || lastSeq == NO_SNAPSHOT) {
            return Applied.IGNORED;
        }
        if (event.seq() != lastSeq + 1) {
            LOG.warn("{}: market data missed events (seq {} after {}); reconnecting for a fresh snapshot", traderId,
                    event.seq(), lastSeq);
            lastSeq = NO_SNAPSHOT;
            return Applied.GAP;
        }
        lastSeq = event.seq();
        if (event instanceof ServerMessage.BookUpdate update) {
            bids = levels(update.bids());
            asks = levels(update.asks());
            bookChanged = true;
        } else if (event instanceof ServerMessage.Trade trade) {
            addTrade(trade);
        } else if (event instanceof ServerMessage.PositionUpdate update) {
            markPrice = update.markPrice();
            if (traderId.equals(update.traderId())) {
                account.positionUpdate(update);
            }
        } else if (event instanceof ServerMessage.Liquidation liquidation) {
            if (traderId.equals(liquidation.traderId())) {
                account.liquidated(liquidation.timestamp());
                LOG.warn("{}: liquidated by the exchange ({}): {} {}", traderId, liquidation.reason(),
                        liquidation.side(), liquidation.qty());
            }
        } else if (event instanceof ServerMessage.TradingStatus status) {
            tradingHalted = status.halted();
        }
        return Applied.APPLIED;
    }

    private void snapshot(ServerMessage.Snapshot snapshot) {
        bids = levels(snapshot.bids());
        asks = levels(snapshot.asks());
        bookChanged = true;
        trades.clear();
        if (snapshot.recentTrades() != null) {
            snapshot.recentTrades().forEach(this::addTrade);
        }
        tradesChanged = true;
        markPrice = snapshot.markPrice();
        tradingHalted = snapshot.tradingHalted();
        if (snapshot.accounts() != null) {
            for (ServerMessage.AccountState state : snapshot.accounts()) {
                if (traderId.equals(state.traderId())) {
                    account.snapshot(state);
                }
            }
        }
        lastSeq = snapshot.seq();
    }

    private void addTrade(ServerMessage.Trade trade) {
        if (trades.size() == RECENT_TRADES) {
            trades.removeFirst();
        }
        Side aggressor = trade.aggressorSide() == null ? null : Account.side(trade.aggressorSide());
        trades.addLast(new PublicTrade(trade.price(), trade.qty(), aggressor, trade.timestamp()));
        tradesChanged = true;
    }

    /** The connection is gone: the next one starts from its own snapshot (and, from a relay, its status). */
    void disconnected() {
        lastSeq = NO_SNAPSHOT;
        exchangeReachable = true;
    }

    /** A snapshot has arrived on this connection, no event was missed since, and the exchange is reachable. */
    boolean isLive() {
        return lastSeq != NO_SNAPSHOT && exchangeReachable;
    }

    /** Whether the book changed since the last call. */
    boolean takeBookChanged() {
        boolean changed = bookChanged;
        bookChanged = false;
        return changed;
    }

    List<Level> bids() {
        return bids;
    }

    List<Level> asks() {
        return asks;
    }

    List<PublicTrade> recentTrades() {
        if (tradesChanged) {
            tradesView = List.copyOf(trades);
            tradesChanged = false;
        }
        return tradesView;
    }

    BigDecimal markPrice() {
        return markPrice;
    }

    void markPrice(BigDecimal value) {
        markPrice = value;
    }

    boolean tradingHalted() {
        return tradingHalted;
    }

    void tradingHalted(boolean value) {
        tradingHalted = value;
    }

    long lastSeq() {
        return lastSeq;
    }

    private static List<Level> levels(List<ServerMessage.Level> wire) {
        if (wire == null) {
            return List.of();
        }
        return wire.stream().map(level -> new Level(level.price(), level.qty())).toList();
    }
}
