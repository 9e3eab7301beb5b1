package org.bourse.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.ServerMessage.Level;
import org.bourse.monitor.MarketView.TradeRow;
import org.bourse.monitor.MarketView.TraderRow;

/**
 * The monitor's picture of the market, fed by the network thread one message at a time and sampled by a renderer
 * at its own pace. Applying a message only replaces references and updates a few fields (no formatting, no
 * sorting), so the feed thread keeps up with bursts; the work of valuing and ranking traders happens in
 * {@link #view}, a few times a second.
 *
 * <p>Traders are valued exactly as the exchange does: a position's cost basis is recovered from the feed's
 * figures ({@code position × mark − unrealized_pnl}) and revalued at the current mark, so that
 * {@code unrealized = position × (mark − avg entry)} without the rounding of the printed average entry price.
 */
final class MarketModel {

    static final int RECENT_TRADES = 50;
    static final int RECENT_NOTICES = 20;

    /** What became of one message. */
    enum Outcome {
        APPLIED,
        /** Not for the monitor, or an event before the connection's snapshot. */
        IGNORED,
        /** Out of sequence: the picture cannot be trusted until a new snapshot replaces it. */
        GAP
    }

    /** A trader's account as the feed last gave it; {@code costBasis} is what was paid for the open position. */
    private record Account(String traderId, long position, BigDecimal cash, BigDecimal avgEntryPrice,
                           BigDecimal realizedPnl, BigDecimal costBasis, boolean bankrupt) {
    }

    private final String feedUri;
    /** Null: the tick is taken to be one unit of the prices' last decimal (0.01 for 100.05). */
    private final BigDecimal tickSize;
    private final LongSupplier clock;

    private Phase phase = Phase.CONNECTING;
    private String detail = "starting";
    private long retryAtMillis;
    /** A snapshot arrived on the current connection: events apply from here on. */
    private boolean live;

    private long lastSeq = -1;
    private List<Level> bids = List.of();
    private List<Level> asks = List.of();
    private BigDecimal feedMark;
    private BigDecimal lastTradePrice;
    private long tradeCount;
    private final ArrayDeque<TradeRow> trades = new ArrayDeque<>();
    private final Map<String, Account> accounts = new HashMap<>();
    private final ArrayDeque<Notice> notices = new ArrayDeque<>();
    private boolean halted;
    private long eventsApplied;
    private long resyncs;

    /**
     * @param tickSize the exchange's tick, or null to take it from the prices' decimals (right for 0.01, 0.1, 1;
     *                 a tick such as 0.05 must be given for the mark to be rounded as the exchange rounds it)
     * @param clock    epoch milliseconds, for the time of a gap
     */
    MarketModel(String feedUri, BigDecimal tickSize, LongSupplier clock) {
        this.feedUri = feedUri;
        this.tickSize = tickSize;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------- the connection

    /**
     * A connection attempt starts: nothing that arrives applies until its snapshot. After a lost connection the
     * phase stays {@link Phase#DISCONNECTED} (with the reason) until the new connection opens.
     */
    synchronized void connecting(String why) {
        if (phase != Phase.DISCONNECTED) {
            phase = Phase.CONNECTING;
            detail = why;
        }
        live = false;
    }

    /** The WebSocket is open; the snapshot (after the relay's status) is next. */
    synchronized void opened() {
        phase = Phase.CONNECTING;
        detail = "connected, waiting for the snapshot";
    }

    /** The feed is gone; the next attempt is due at {@code retryAt} (epoch ms). */
    synchronized void disconnected(String reason, long retryAt) {
        phase = Phase.DISCONNECTED;
        detail = reason;
        retryAtMillis = retryAt;
        live = false;
    }

    // ----------------------------------------------------------------------------------- messages

    /** Applies one message of the feed, in the order received. */
    synchronized Outcome apply(ServerMessage message) {
        if (message instanceof ServerMessage.Status status) {
            relayStatus(status);
            return Outcome.APPLIED;
        }
        if (message instanceof ServerMessage.Snapshot snapshot) {
            snapshot(snapshot);
            return Outcome.APPLIED;
        }
        if (!(message instanceof ServerMessage.Event event) || !live) {
            return Outcome.IGNORED;
        }
        if (event.seq() != lastSeq + 1) {
            gap(lastSeq + 1, event.seq());
            return Outcome.GAP;
        }
        lastSeq = event.seq();
        eventsApplied++;
        if (event instanceof ServerMessage.BookUpdate update) {
            bids = update.bids();
            asks = update.asks();
        } else if (event instanceof ServerMessage.Trade trade) {
            tradeCount++;
            addTrade(trade);
        } else if (event instanceof ServerMessage.PositionUpdate update) {
            positionUpdate(update);
        } else if (event instanceof ServerMessage.Liquidation liquidation) {
            liquidation(liquidation);
        } else if (event instanceof ServerMessage.TradingStatus status) {
            halted = status.halted();
            addNotice(new Notice.Halt(status.timestamp(), status.halted()));
        }
        return Outcome.APPLIED;
    }

    private void relayStatus(ServerMessage.Status status) {
        if (!status.exchangeConnected()) {
            phase = Phase.EXCHANGE_DOWN;
            detail = status.detail() != null ? status.detail() : "the relay has no stream from " + status.upstream();
            live = false;
        } else if (!live) {
            // a fresh snapshot follows; until it comes, what is on screen is not current
            phase = Phase.CONNECTING;
            detail = "exchange reachable, waiting for the snapshot";
        }
    }

    private void snapshot(ServerMessage.Snapshot snapshot) {
        lastSeq = snapshot.seq();
        bids = snapshot.bids();
        asks = snapshot.asks();
        feedMark = snapshot.markPrice();
        tradeCount = snapshot.tradeCount();
        trades.clear();
        lastTradePrice = null;
        for (ServerMessage.Trade trade : snapshot.recentTrades()) {
            addTrade(trade);
        }
        if (snapshot.lastTradePrice() != null) {
            lastTradePrice = snapshot.lastTradePrice();
        }
        accounts.clear();
        for (ServerMessage.AccountState state : snapshot.accounts()) {
            accounts.put(state.traderId(), new Account(state.traderId(), state.position(), state.cash(),
                    state.avgEntryPrice(), state.realizedPnl(),
                    costBasis(state.position(), snapshot.markPrice(), state.unrealizedPnl()),
                    "bankrupt".equals(state.status())));
        }
        halted = snapshot.tradingHalted();
        live = true;
        phase = Phase.CONNECTED;
        detail = null;
        notifyAll();
    }

    private void addTrade(ServerMessage.Trade trade) {
        int direction = lastTradePrice == null ? 0 : trade.price().compareTo(lastTradePrice);
        lastTradePrice = trade.price();
        if (trades.size() == RECENT_TRADES) {
            trades.removeLast();
        }
        trades.addFirst(new TradeRow(trade.price(), trade.qty(), trade.buyTraderId(), trade.sellTraderId(),
                trade.timestamp(), direction));
    }

    private void positionUpdate(ServerMessage.PositionUpdate update) {
        Account before = accounts.get(update.traderId());
        feedMark = update.markPrice();
        accounts.put(update.traderId(), new Account(update.traderId(), update.position(), update.cash(),
                update.avgEntryPrice(), update.realizedPnl(),
                costBasis(update.position(), update.markPrice(), update.unrealizedPnl()),
                before != null && before.bankrupt()));
    }

    private void liquidation(ServerMessage.Liquidation liquidation) {
        if ("bankruptcy".equals(liquidation.reason())) {
            Account account = accounts.get(liquidation.traderId());
            if (account != null) {
                accounts.put(account.traderId(), new Account(account.traderId(), account.position(), account.cash(),
                        account.avgEntryPrice(), account.realizedPnl(), account.costBasis(), true));
            }
        }
        addNotice(new Notice.Liquidated(liquidation.timestamp(), liquidation.traderId(), liquidation.reason(),
                liquidation.side(), liquidation.qty(), liquidation.orderId()));
    }

    private void gap(long expected, long received) {
        addNotice(new Notice.Gap(clock.getAsLong(), expected, received));
        resyncs++;
        live = false;
        phase = Phase.CONNECTING;
        detail = "sequence gap (expected " + expected + ", got " + received + "), fetching a new snapshot";
    }

    private void addNotice(Notice notice) {
        if (notices.size() == RECENT_NOTICES) {
            notices.removeFirst();
        }
        notices.addLast(notice);
    }

    /** What was paid for the position: its value at the mark the feed used, less the unrealized PnL it gave. */
    private static BigDecimal costBasis(long position, BigDecimal mark, BigDecimal unrealized) {
        return BigDecimal.valueOf(position).multiply(mark).subtract(unrealized);
    }

    // ------------------------------------------------------------------------------------ reading

    /** Waits until the monitor is live (a snapshot arrived); false if {@code timeoutMillis} passed first. */
    synchronized boolean awaitSnapshot(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (phase != Phase.CONNECTED) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** The picture now, with at most {@code depth} levels on each side of the book. */
    synchronized MarketView view(int depth) {
        BigDecimal mark = mark();
        List<TraderRow> traders = new ArrayList<>(accounts.size());
        for (Account account : accounts.values()) {
            traders.add(value(account, mark));
        }
        traders.sort(Comparator.comparing(TraderRow::equity).reversed().thenComparing(TraderRow::traderId));
        return new MarketView(feedUri, phase, detail, retryAtMillis, lastSeq, top(bids, depth), top(asks, depth),
                mark, tradeCount, List.copyOf(trades), List.copyOf(traders), List.copyOf(notices), halted,
                eventsApplied, resyncs);
    }

    private static TraderRow value(Account account, BigDecimal mark) {
        BigDecimal worth = BigDecimal.valueOf(account.position()).multiply(mark);
        BigDecimal unrealized = worth.subtract(account.costBasis());
        return new TraderRow(account.traderId(), account.position(), account.avgEntryPrice(), account.cash(),
                account.realizedPnl(), unrealized, account.realizedPnl().add(unrealized), account.cash().add(worth),
                account.bankrupt());
    }

    private static List<Level> top(List<Level> levels, int depth) {
        return List.copyOf(levels.subList(0, Math.min(depth, levels.size())));
    }

    /**
     * The exchange's mark: the mid rounded down to the tick when the book is two-sided, else the last trade
     * price, else the last mark the feed gave.
     */
    private BigDecimal mark() {
        if (!bids.isEmpty() && !asks.isEmpty()) {
            BigDecimal bid = bids.get(0).price();
            BigDecimal ask = asks.get(0).price();
            BigDecimal tick = tickSize != null ? tickSize
                    : BigDecimal.ONE.movePointLeft(Math.max(0, Math.max(bid.scale(), ask.scale())));
            return MarketView.midpoint(bid, ask).divide(tick, 0, RoundingMode.FLOOR).multiply(tick);
        }
        return lastTradePrice != null ? lastTradePrice : feedMark;
    }
}
