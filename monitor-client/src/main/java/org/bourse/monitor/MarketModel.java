package org.bourse.monitor;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.bourse.monitor.MarketPicture.TradeRow;
import org.bourse.monitor.MarketPicture.TraderRow;
import org.bourse.protocol.AccountStatus;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage.Level;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TraderIds;

/**
 * The monitor's picture of the market, fed by the network thread one message at a time and sampled by a renderer
 * at its own pace. The market itself is the feed's {@link MarketView} (snapshot, then consecutive seq; the mark as
 * the exchange states it; every account valued at it); this adds what only the monitor shows: where it stands with
 * the feed ({@link Phase}), the notices, the counts of events and resyncs. Applying a message only updates a few
 * fields (no formatting, no sorting), so the feed thread keeps up with bursts; ranking the traders and making rows
 * happens in {@link #picture}, a few times a second.
 */
final class MarketModel {

    static final int RECENT_TRADES = 50;
    static final int RECENT_NOTICES = 20;
    /** How long the feed may be silent before a live picture is called stale (the feeds send a heartbeat a second). */
    static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(3);

    private final String feedUri;
    private final LongSupplier clock;
    private final MarketView market = new MarketView();

    private Phase phase = Phase.CONNECTING;
    private String detail = "starting";
    private long retryAtMillis;
    private final ArrayDeque<Notice> notices = new ArrayDeque<>();
    private long eventsApplied;
    private long resyncs;
    /** When the feed last sent anything, heartbeats included (epoch ms of {@link #clock}). */
    private long lastHeardMillis;
    private long staleAfterMillis = DEFAULT_STALE_AFTER.toMillis();

    /** Whether the background crowd's traders get a row each, or one row for them all. */
    private boolean showCrowd;

    /** Traders that get a row before they have an account (a battle's bots), so that idle is told from absent. */
    private List<String> expected = List.of();

    /** @param clock epoch milliseconds, for the time of a gap */
    MarketModel(String feedUri, LongSupplier clock) {
        this.feedUri = feedUri;
        this.clock = clock;
    }

    /** A row for each of the background crowd's traders, instead of one for the whole crowd (the default). */
    synchronized void showCrowd(boolean show) {
        showCrowd = show;
    }

    /** A live picture turns {@link Phase#STALE} when the feed has been silent for longer than this. */
    synchronized void staleAfter(Duration silence) {
        staleAfterMillis = silence.toMillis();
    }

    /** These traders have a row from the start: "no orders yet" until the exchange states their account. */
    synchronized void expect(List<String> traderIds) {
        expected = List.copyOf(traderIds);
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
        market.disconnected();
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
        market.disconnected();
    }

    // ----------------------------------------------------------------------------------- messages

    /** Applies one message of the feed, in the order received. */
    synchronized MarketView.Outcome apply(ServerMessage message) {
        lastHeardMillis = clock.getAsLong();
        long expected = market.lastSeq() + 1;
        MarketView.Outcome outcome = market.apply(message);
        if (outcome == MarketView.Outcome.GAP) {
            gap(expected, ((ServerMessage.Event) message).seq());
        } else if (outcome == MarketView.Outcome.APPLIED) {
            applied(message);
        }
        return outcome;
    }

    private void applied(ServerMessage message) {
        if (message instanceof ServerMessage.Status status) {
            if (!status.exchangeConnected()) {
                phase = Phase.EXCHANGE_DOWN;
                detail = status.detail() != null ? status.detail()
                        : "the relay has no stream from " + status.upstream();
            } else if (!market.isLive()) {
                // a fresh snapshot follows; until it comes, what is on screen is not current
                phase = Phase.CONNECTING;
                detail = "exchange reachable, waiting for the snapshot";
            }
        } else if (message instanceof ServerMessage.Snapshot) {
            phase = Phase.CONNECTED;
            detail = null;
            notifyAll();
        } else {
            eventsApplied++;
            if (message instanceof ServerMessage.Liquidation liquidation) {
                addNotice(new Notice.Liquidated(liquidation.timestamp(), liquidation.traderId(),
                        liquidation.reason(), liquidation.side(), liquidation.qty(), liquidation.orderId()));
            } else if (message instanceof ServerMessage.TradingStatus status) {
                addNotice(new Notice.Halt(status.timestamp(), status.halted()));
            }
        }
    }

    private void gap(long expected, long received) {
        addNotice(new Notice.Gap(clock.getAsLong(), expected, received));
        resyncs++;
        phase = Phase.CONNECTING;
        detail = "sequence gap (expected " + expected + ", got " + received + "), fetching a new snapshot";
    }

    /** A bot of the battle ended: kept with the notices, so that the screen shows it. */
    synchronized void botEnded(Notice.BotEnded ending) {
        addNotice(ending);
    }

    private void addNotice(Notice notice) {
        if (notices.size() == RECENT_NOTICES) {
            notices.removeFirst();
        }
        notices.addLast(notice);
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
    synchronized MarketPicture picture(int depth) {
        List<TraderRow> traders = new ArrayList<>();
        List<ServerMessage.AccountState> crowd = new ArrayList<>();
        for (ServerMessage.AccountState account : market.accounts()) {
            if (!showCrowd && TraderIds.isBackground(account.traderId())) {
                crowd.add(account);
                continue;
            }
            traders.add(new TraderRow(account.traderId(), account.position(), account.avgEntryPrice(),
                    account.cash(), account.realizedPnl(), account.unrealizedPnl(),
                    account.realizedPnl().add(account.unrealizedPnl()), account.totalEquity(),
                    AccountStatus.BANKRUPT.is(account.status())));
        }
        traders.sort(Comparator.comparing(TraderRow::equity).reversed().thenComparing(TraderRow::traderId));
        Set<String> stated = new HashSet<>();
        market.accounts().forEach(account -> stated.add(account.traderId()));
        expected.stream().filter(id -> !stated.contains(id)).sorted()
                .forEach(id -> traders.add(TraderRow.withoutAccount(id))); // after the ranked: nothing to rank
        if (!crowd.isEmpty()) {
            traders.add(crowdRow(crowd)); // last: the user's bots are what the table is for
        }
        Phase shownPhase = phase;
        String shownDetail = detail;
        long silence = clock.getAsLong() - lastHeardMillis;
        if (phase == Phase.CONNECTED && silence > staleAfterMillis) {
            shownPhase = Phase.STALE;
            shownDetail = "nothing from the feed for " + silence / 1000 + " s, not even a heartbeat";
        }
        return new MarketPicture(feedUri, shownPhase, shownDetail, retryAtMillis, market.lastSeq(), top(market.bids(), depth),
                top(market.asks(), depth), market.markPrice(), market.tradeCount(), tradeRows(),
                List.copyOf(traders), List.copyOf(notices), market.tradingHalted(), eventsApplied, resyncs);
    }

    /** The whole background crowd in one row: its net position and the sums of its accounts. */
    private static TraderRow crowdRow(List<ServerMessage.AccountState> crowd) {
        long position = 0;
        BigDecimal cash = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal unrealized = BigDecimal.ZERO;
        BigDecimal equity = BigDecimal.ZERO;
        for (ServerMessage.AccountState account : crowd) {
            position += account.position();
            cash = cash.add(account.cash());
            realized = realized.add(account.realizedPnl());
            unrealized = unrealized.add(account.unrealizedPnl());
            equity = equity.add(account.totalEquity());
        }
        return new TraderRow("crowd (" + crowd.size() + " bg_)", position, null, cash, realized, unrealized,
                realized.add(unrealized), equity, false);
    }

    /** The latest trades, newest first, each with the direction of its price from the trade before it. */
    private List<TradeRow> tradeRows() {
        List<ServerMessage.Trade> trades = market.recentTrades();
        int shown = Math.min(RECENT_TRADES, trades.size());
        List<TradeRow> rows = new ArrayList<>(shown);
        for (int i = trades.size() - 1; i >= trades.size() - shown; i--) {
            ServerMessage.Trade trade = trades.get(i);
            int direction = i == 0 ? 0 : trade.price().compareTo(trades.get(i - 1).price());
            rows.add(new TradeRow(trade.price(), trade.qty(), trade.buyTraderId(), trade.sellTraderId(),
                    trade.timestamp(), direction));
        }
        return List.copyOf(rows);
    }

    private static List<Level> top(List<Level> levels, int depth) {
        return levels.subList(0, Math.min(depth, levels.size()));
    }
}
