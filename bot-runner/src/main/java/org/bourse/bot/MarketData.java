package org.bourse.bot;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.List;
import org.bourse.api.Level;
import org.bourse.api.PublicTrade;
import org.bourse.api.Side;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public market as the strategy sees it: the feed's {@link MarketView} (snapshot, then consecutive seq; the
 * relay's status; the mark as the exchange states it; every account valued at it), and what only a bot needs of
 * it: the book and the trades as the strategy API's values, whether the book changed since the last turn, the
 * trader's own liquidations, and a line in the log when the feed misses events or the relay loses the exchange.
 * Until the feed's first snapshot, the mark and the kill switch are the gateway's welcome's. Used by the bot's
 * loop thread only.
 */
final class MarketData {
    private static final Logger LOG = LoggerFactory.getLogger(MarketData.class);

    /** Public trades kept for the strategy (a snapshot brings the last 100). */
    static final int RECENT_TRADES = 200;

    private final String traderId;
    private final OwnAccount account;
    private final MarketView view;
    private final ArrayDeque<PublicTrade> trades = new ArrayDeque<>();
    private List<PublicTrade> tradesCopy = List.of();
    private boolean tradesChanged;
    private List<Level> bids = List.of();
    private List<Level> asks = List.of();
    /** The view's book has changed since {@link #bids} and {@link #asks} were made from it. */
    private boolean levelsStale;
    private boolean bookChanged;
    private BigDecimal welcomeMark;
    private boolean welcomeHalted;

    MarketData(String traderId, OwnAccount account) {
        this.traderId = traderId;
        this.view = MarketView.keepingAccountOf(traderId);
        this.account = account;
    }

    MarketView.Outcome apply(ServerMessage message) {
        if (message instanceof ServerMessage.Status status) {
            logReachability(status);
        }
        MarketView.Outcome outcome = view.apply(message);
        if (outcome == MarketView.Outcome.GAP) {
            LOG.warn("{}: market data missed events (seq {} after {}); reconnecting for a fresh snapshot", traderId,
                    ((ServerMessage.Event) message).seq(), view.lastSeq());
        } else if (outcome == MarketView.Outcome.APPLIED) {
            applied(message);
        }
        return outcome;
    }

    private void logReachability(ServerMessage.Status status) {
        if (view.exchangeReachable() && !status.exchangeConnected()) {
            LOG.warn("{}: the market-data relay has lost the exchange ({}); not trading until it is back",
                    traderId, status.detail() == null ? "no detail" : status.detail());
        } else if (!view.exchangeReachable() && status.exchangeConnected()) {
            LOG.info("{}: the market-data relay has the exchange again", traderId);
        }
    }

    private void applied(ServerMessage message) {
        if (message instanceof ServerMessage.Snapshot) {
            bookChanged();
            trades.clear();
            view.recentTrades().forEach(this::addTrade);
        } else if (message instanceof ServerMessage.BookUpdate) {
            bookChanged();
        } else if (message instanceof ServerMessage.Trade trade) {
            addTrade(trade);
        } else if (message instanceof ServerMessage.Liquidation liquidation
                && traderId.equals(liquidation.traderId())) {
            account.liquidated(liquidation.timestamp());
            LOG.atWarn().addKeyValue("trader", traderId).addKeyValue("reason", liquidation.reason())
                    .addKeyValue("seq", liquidation.seq()).log("{}: liquidated by the exchange ({}): {} {}", traderId,
                            liquidation.reason(), liquidation.side(), liquidation.qty());
        }
    }

    private void bookChanged() {
        bookChanged = true;
        levelsStale = true;
    }

    private void addTrade(ServerMessage.Trade trade) {
        if (trades.size() == RECENT_TRADES) {
            trades.removeFirst();
        }
        Side aggressor = trade.aggressorSide() == null ? null : OwnAccount.side(trade.aggressorSide());
        trades.addLast(new PublicTrade(trade.price(), trade.qty(), aggressor, trade.timestamp()));
        tradesChanged = true;
    }

    /** Where the trader stood when the gateway welcomed it: the mark and the kill switch until the feed says. */
    void welcome(ServerMessage.Welcome welcome) {
        welcomeMark = welcome.markPrice();
        welcomeHalted = welcome.tradingHalted();
    }

    /** The connection is gone: the next one starts from its own snapshot (and, from a relay, its status). */
    void disconnected() {
        view.disconnected();
    }

    /** A snapshot has arrived on this connection, no event was missed since, and the exchange is reachable. */
    boolean isLive() {
        return view.isLive();
    }

    /** Whether the book changed since the last call. */
    boolean takeBookChanged() {
        boolean changed = bookChanged;
        bookChanged = false;
        return changed;
    }

    List<Level> bids() {
        convertLevels();
        return bids;
    }

    List<Level> asks() {
        convertLevels();
        return asks;
    }

    private void convertLevels() {
        if (levelsStale) {
            bids = levels(view.bids());
            asks = levels(view.asks());
            levelsStale = false;
        }
    }

    List<PublicTrade> recentTrades() {
        if (tradesChanged) {
            tradesCopy = List.copyOf(trades);
            tradesChanged = false;
        }
        return tradesCopy;
    }

    /**
     * The trader's own account for the figures that move with the mark: as the feed states it, valued at the
     * current mark, once the feed has named the trader; until then as the welcome stated it.
     */
    ServerMessage.AccountState ownAccount() {
        ServerMessage.AccountState fromFeed = view.account(traderId);
        return fromFeed != null ? fromFeed : account.welcomed();
    }

    BigDecimal markPrice() {
        return hasSnapshot() ? view.markPrice() : welcomeMark;
    }

    boolean tradingHalted() {
        return hasSnapshot() ? view.tradingHalted() : welcomeHalted;
    }

    long lastSeq() {
        return view.lastSeq();
    }

    private boolean hasSnapshot() {
        return view.lastSeq() != MarketView.NO_SEQ;
    }

    private static List<Level> levels(List<ServerMessage.Level> wire) {
        return wire.stream().map(level -> new Level(level.price(), level.qty())).toList();
    }
}
