package org.bourse.protocol;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.bourse.protocol.ServerMessage.AccountState;
import org.bourse.protocol.ServerMessage.Level;

/**
 * The market as a follower of the feed (9002, or the relay's 9010) knows it: the relay's {@code status}, then a
 * {@code snapshot}, then every event in {@code seq} order. It states at each {@code seq} what the exchange's own
 * snapshot says there: the book's top levels, the mark, the recent trades, the trade count, the kill switch, and
 * every account the feed has named, valued at the current mark. Used by the bot, the relay and the monitor.
 *
 * <p>The rule of the feed: after a snapshot each event must carry the next {@code seq}; one that does not is a
 * {@link Outcome#GAP}, after which nothing applies until a new snapshot. Nothing the exchange states is computed
 * again: the mark comes from book_update, position_update and snapshot. The one thing derived is each account's
 * value at the current mark, in exact decimals: see {@link #accounts()}.
 *
 * <p>Pure: no clock, no I/O, no locks (one thread at a time, the caller's). Every list it gives is immutable and
 * in a defined order.
 */
public final class MarketView {

    /** What became of one message. */
    public enum Outcome {
        APPLIED,
        /** Nothing to apply it to: an event before the snapshot or after a gap, or not a feed message (a reply). */
        IGNORED,
        /** An event out of sequence: events were missed, the follower must start again from a new snapshot. */
        GAP
    }

    /** {@link #lastSeq} before the first snapshot. */
    public static final long NO_SEQ = -1;

    private long lastSeq = NO_SEQ;
    /** A snapshot came on this connection and no event was missed since. */
    private boolean synced;
    private boolean exchangeReachable = true;

    private BigDecimal bestBid;
    private BigDecimal bestAsk;
    private List<Level> bids = List.of();
    private List<Level> asks = List.of();
    private BigDecimal markPrice;
    private BigDecimal lastTradePrice;
    private long tradeCount;
    private final ArrayDeque<ServerMessage.Trade> recentTrades =
            new ArrayDeque<>(ServerMessage.Snapshot.RECENT_TRADES + 1);
    /** An immutable copy of {@link #recentTrades}, made again only after a change; null when stale. */
    private List<ServerMessage.Trade> recentTradesCopy = List.of();
    private final TreeMap<String, Account> accounts = new TreeMap<>();
    /** Whose accounts this view keeps (null: everyone's). */
    private final Predicate<String> keepsAccountOf;
    private boolean tradingHalted;

    /** A view of the whole market, every account included: what the relay and the monitor follow. */
    public MarketView() {
        this(null);
    }

    private MarketView(Predicate<String> keepsAccountOf) {
        this.keepsAccountOf = keepsAccountOf;
    }

    /**
     * A view that keeps only {@code traderId}'s account (a bot's: it needs no one else's, and valuing every account
     * of a busy market at every mark costs more than the rest of the view). Its {@link #accounts()} and
     * {@link #snapshot} hold that account alone.
     */
    public static MarketView keepingAccountOf(String traderId) {
        return new MarketView(traderId::equals);
    }

    /** A view that keeps no account at all (a crowd's, whose traders' accounts come from their own messages). */
    public static MarketView keepingNoAccounts() {
        return new MarketView(traderId -> false);
    }

    private boolean keeps(String traderId) {
        return keepsAccountOf == null || keepsAccountOf.test(traderId);
    }

    /**
     * An account as the feed last stated it, with the mark it was stated at and what was paid for the position,
     * {@code position × mark − unrealized_pnl}: exact, unlike the rounded average entry price, and unmoved by the
     * mark. Null {@code costBasis}: the statement lacks a figure, so it is given as stated.
     */
    private record Account(AccountState stated, BigDecimal statedMark, BigDecimal costBasis) {

        static Account of(AccountState state, BigDecimal mark) {
            boolean complete = mark != null && state.cash() != null && state.unrealizedPnl() != null;
            return new Account(state, mark, complete ? worth(state.position(), mark).subtract(state.unrealizedPnl())
                    : null);
        }

        /** The account valued at {@code mark}: cash, cost basis and realized PnL do not move with it. */
        AccountState at(BigDecimal mark) {
            if (costBasis == null || mark == null || mark.compareTo(statedMark) == 0) {
                return stated;
            }
            BigDecimal worth = worth(stated.position(), mark);
            return new AccountState(stated.traderId(), stated.position(), stated.cash(), stated.avgEntryPrice(),
                    stated.realizedPnl(), worth.subtract(costBasis), stated.cash().add(worth), stated.status());
        }

        Account bankrupt() {
            AccountState s = stated;
            return new Account(new AccountState(s.traderId(), s.position(), s.cash(), s.avgEntryPrice(),
                    s.realizedPnl(), s.unrealizedPnl(), s.totalEquity(), AccountStatus.BANKRUPT.wireName()), statedMark, costBasis);
        }

        private static BigDecimal worth(long position, BigDecimal mark) {
            return BigDecimal.valueOf(position).multiply(mark);
        }
    }

    // ------------------------------------------------------------------------------------- applying

    /** Applies one message of the feed, in the order received. */
    public Outcome apply(ServerMessage message) {
        if (message instanceof ServerMessage.Status status) {
            status(status);
            return Outcome.APPLIED;
        }
        if (message instanceof ServerMessage.Snapshot snapshot) {
            reset(snapshot);
            return Outcome.APPLIED;
        }
        if (!(message instanceof ServerMessage.Event event)) {
            return Outcome.IGNORED;
        }
        Outcome outcome = placeInSequence(event.seq());
        if (outcome == Outcome.APPLIED) {
            // the seq moves on only once the event is applied: one that cannot be leaves a gap behind it
            event(event);
            lastSeq = event.seq();
        }
        return outcome;
    }

    /** An event of a type this version cannot read: it takes its place in the sequence and changes nothing. */
    public Outcome skip(long seq) {
        Outcome outcome = placeInSequence(seq);
        if (outcome == Outcome.APPLIED) {
            lastSeq = seq;
        }
        return outcome;
    }

    /**
     * The connection is gone: nothing applies until the next one's snapshot, and what the next one says about the
     * exchange (a relay's status) starts afresh. What the view knew stays readable meanwhile.
     */
    public void disconnected() {
        synced = false;
        exchangeReachable = true;
    }

    private Outcome placeInSequence(long seq) {
        if (!synced) {
            return Outcome.IGNORED;
        }
        if (seq != lastSeq + 1) {
            synced = false;
            return Outcome.GAP;
        }
        return Outcome.APPLIED;
    }

    private void status(ServerMessage.Status status) {
        boolean wasReachable = exchangeReachable;
        exchangeReachable = status.exchangeConnected();
        if (!wasReachable || !exchangeReachable) {
            // nothing arrives while the exchange is away, and a fresh snapshot comes first when it is back
            synced = false;
        }
    }

    private void reset(ServerMessage.Snapshot snapshot) {
        bestBid = snapshot.bestBid();
        bestAsk = snapshot.bestAsk();
        bids = levels(snapshot.bids());
        asks = levels(snapshot.asks());
        markPrice = snapshot.markPrice();
        lastTradePrice = snapshot.lastTradePrice();
        tradeCount = snapshot.tradeCount();
        recentTrades.clear();
        if (snapshot.recentTrades() != null) {
            snapshot.recentTrades().forEach(this::addTrade);
        }
        recentTradesCopy = null;
        accounts.clear();
        if (snapshot.accounts() != null) {
            for (AccountState state : snapshot.accounts()) {
                if (keeps(state.traderId())) {
                    accounts.put(state.traderId(), Account.of(state, markPrice));
                }
            }
        }
        tradingHalted = snapshot.tradingHalted();
        lastSeq = snapshot.seq();
        synced = true;
    }

    private void event(ServerMessage.Event event) {
        if (event instanceof ServerMessage.BookUpdate update) {
            bestBid = update.bestBid();
            bestAsk = update.bestAsk();
            bids = levels(update.bids());
            asks = levels(update.asks());
            stated(update.markPrice());
        } else if (event instanceof ServerMessage.Trade trade) {
            addTrade(trade);
            recentTradesCopy = null;
            lastTradePrice = trade.price();
            tradeCount++;
        } else if (event instanceof ServerMessage.PositionUpdate update) {
            stated(update.markPrice());
            if (!keeps(update.traderId())) {
                return;
            }
            Account known = accounts.get(update.traderId());
            AccountState state = new AccountState(update.traderId(), update.position(), update.cash(),
                    update.avgEntryPrice(), update.realizedPnl(), update.unrealizedPnl(), update.totalEquity(),
                    known == null ? AccountStatus.ACTIVE.wireName() : known.stated().status());
            accounts.put(update.traderId(), Account.of(state, update.markPrice()));
        } else if (event instanceof ServerMessage.Liquidation liquidation) {
            Account known = accounts.get(liquidation.traderId());
            if (known != null && LiquidationReason.BANKRUPTCY.is(liquidation.reason())) {
                accounts.put(liquidation.traderId(), known.bankrupt());
            }
        } else if (event instanceof ServerMessage.TradingStatus status) {
            tradingHalted = status.halted();
        }
    }

    /** The exchange's mark, when the message states one (a book_update of an exchange without it does not). */
    private void stated(BigDecimal mark) {
        if (mark != null) {
            markPrice = mark;
        }
    }

    private void addTrade(ServerMessage.Trade trade) {
        if (recentTrades.size() == ServerMessage.Snapshot.RECENT_TRADES) {
            recentTrades.removeFirst();
        }
        recentTrades.addLast(trade);
    }

    private static List<Level> levels(List<Level> levels) {
        return levels == null ? List.of() : List.copyOf(levels);
    }

    // -------------------------------------------------------------------------------------- reading

    /**
     * A snapshot came on this connection, no event was missed since, and the exchange is reachable (as far as a
     * relay's status says; straight from the exchange there is no status): what the view says is current.
     */
    public boolean isLive() {
        return synced && exchangeReachable;
    }

    /** What the relay's last status said (true when there was none). */
    public boolean exchangeReachable() {
        return exchangeReachable;
    }

    /** The seq of the last event applied or of the snapshot; {@link #NO_SEQ} before the first snapshot. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Null when the bid side is empty. */
    public BigDecimal bestBid() {
        return bestBid;
    }

    /** Null when the ask side is empty. */
    public BigDecimal bestAsk() {
        return bestAsk;
    }

    /** The top levels of the bid side, best first, as the last book_update (or the snapshot) listed them. */
    public List<Level> bids() {
        return bids;
    }

    public List<Level> asks() {
        return asks;
    }

    /** The exchange's mark as last stated; null before the first snapshot. */
    public BigDecimal markPrice() {
        return markPrice;
    }

    /** Null before the first trade of the market. */
    public BigDecimal lastTradePrice() {
        return lastTradePrice;
    }

    /** Trades since the market opened. */
    public long tradeCount() {
        return tradeCount;
    }

    /** The last {@link ServerMessage.Snapshot#RECENT_TRADES} trades at most, oldest first. */
    public List<ServerMessage.Trade> recentTrades() {
        if (recentTradesCopy == null) {
            recentTradesCopy = List.copyOf(recentTrades);
        }
        return recentTradesCopy;
    }

    public boolean tradingHalted() {
        return tradingHalted;
    }

    /**
     * Every account the feed has named (in the snapshot, or in a position_update since), sorted by trader id, as
     * last stated but valued at the current mark: what was paid for a position does not move with the mark, so
     * {@code unrealized_pnl = position × mark − cost basis} and {@code total_equity = cash + position × mark}.
     * The feed names an account when it opens, with its trader's first order, so every account is here.
     */
    public List<AccountState> accounts() {
        return accounts.values().stream().map(account -> account.at(markPrice)).toList();
    }

    /** How many accounts the view keeps (without valuing them as {@link #accounts()} does). */
    public int accountCount() {
        return accounts.size();
    }

    /** The trader's account, valued as {@link #accounts()} says; null if the feed has not named it. */
    public AccountState account(String traderId) {
        Account account = accounts.get(traderId);
        return account == null ? null : account.at(markPrice);
    }

    /**
     * Everything, as the exchange's own snapshot at {@link #lastSeq} states it, taken at {@code timestamp}.
     *
     * @throws IllegalStateException before the first snapshot
     */
    public ServerMessage.Snapshot snapshot(long timestamp) {
        if (lastSeq == NO_SEQ) {
            throw new IllegalStateException("no snapshot yet: nothing to state");
        }
        return new ServerMessage.Snapshot(lastSeq, bestBid, bestAsk, bids, asks, markPrice, lastTradePrice,
                tradeCount, recentTrades(), accounts(), tradingHalted, timestamp);
    }
}
