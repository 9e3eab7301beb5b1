package org.bourse.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.bourse.protocol.MarketView.Outcome;
import org.bourse.protocol.ServerMessage.AccountState;
import org.bourse.protocol.ServerMessage.Level;
import org.junit.jupiter.api.Test;

/**
 * The follower's rules, message by message: snapshot first, then consecutive seq; the relay's status; what the
 * view states, and the accounts valued at the mark the feed states. (That it states what the exchange's own
 * snapshot says, at every seq of long random markets, is checked against a real engine in exchange-server.)
 */
class MarketViewTest {

    private static final String UPSTREAM = "ws://127.0.0.1:9002";

    private final MarketView view = new MarketView();

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static List<Level> levels(String... pricesAndQtys) {
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < pricesAndQtys.length; i += 2) {
            levels.add(new Level(d(pricesAndQtys[i]), Long.parseLong(pricesAndQtys[i + 1])));
        }
        return levels;
    }

    private static ServerMessage.Snapshot snapshot(long seq, String mark, List<AccountState> accounts) {
        return new ServerMessage.Snapshot(seq, d("99.95"), null, levels("99.95", "3"), List.of(), d(mark), null, 0,
                List.of(), accounts, false, 1);
    }

    private static ServerMessage.Snapshot snapshot(long seq) {
        return snapshot(seq, "100.00", List.of());
    }

    private static ServerMessage.BookUpdate book(long seq, List<Level> bids, List<Level> asks, String mark) {
        return new ServerMessage.BookUpdate(seq, bids.isEmpty() ? null : bids.get(0).price(),
                asks.isEmpty() ? null : asks.get(0).price(), bids, asks, mark == null ? null : d(mark), 2);
    }

    private static ServerMessage.Trade trade(long seq, long tradeId, String price) {
        return new ServerMessage.Trade(seq, tradeId, d(price), 1, "a", "b", "buy", 2 * tradeId, 2 * tradeId + 1, 3);
    }

    private static ServerMessage.Status status(boolean connected) {
        return new ServerMessage.Status(connected, UPSTREAM, connected ? null : "connection refused", 4);
    }

    /** Long 2 bought at 100.00 and short 3 sold at 100.00, stated at a mark of 100.00. */
    private static List<AccountState> longAndShort() {
        return List.of(new AccountState("long", 2, d("9800.00"), d("100.00"), d("0.00"), d("0.00"), d("10000.00"),
                        "active"),
                new AccountState("short", -3, d("10300.00"), d("100.00"), d("0.00"), d("0.00"), d("10000.00"),
                        "active"));
    }

    // ------------------------------------------------------------------------------ the sequence

    @Test
    void eventsApplyOnlyAfterASnapshotAndEachMustCarryTheNextSeq() {
        assertThat(view.isLive()).isFalse();
        assertThat(view.lastSeq()).isEqualTo(MarketView.NO_SEQ);
        assertThat(view.apply(trade(1, 1, "100.00"))).isEqualTo(Outcome.IGNORED);
        assertThat(view.tradeCount()).isZero();

        assertThat(view.apply(snapshot(5))).isEqualTo(Outcome.APPLIED);
        assertThat(view.isLive()).as("straight from an exchange: no status at all").isTrue();
        assertThat(view.lastSeq()).isEqualTo(5);
        assertThat(view.apply(trade(6, 1, "100.00"))).isEqualTo(Outcome.APPLIED);
        assertThat(view.lastSeq()).isEqualTo(6);

        assertThat(view.apply(trade(8, 2, "100.00"))).isEqualTo(Outcome.GAP);
        assertThat(view.isLive()).isFalse();
        assertThat(view.lastSeq()).as("where the view stopped").isEqualTo(6);
        assertThat(view.apply(trade(7, 2, "100.00"))).as("nothing applies until a snapshot")
                .isEqualTo(Outcome.IGNORED);
        assertThat(view.tradeCount()).isEqualTo(1);
        assertThat(view.recentTrades()).hasSize(1);

        view.apply(snapshot(20));
        assertThat(view.isLive()).isTrue();
        assertThat(view.apply(trade(20, 3, "100.00"))).as("an event twice").isEqualTo(Outcome.GAP);
    }

    @Test
    void anEventOfATypeThisVersionCannotReadTakesItsPlaceInTheSequence() {
        assertThat(view.skip(1)).isEqualTo(Outcome.IGNORED);
        view.apply(snapshot(5));
        assertThat(view.skip(6)).isEqualTo(Outcome.APPLIED);
        assertThat(view.lastSeq()).isEqualTo(6);
        assertThat(view.apply(trade(7, 1, "100.00"))).isEqualTo(Outcome.APPLIED);
        assertThat(view.skip(9)).isEqualTo(Outcome.GAP);
        assertThat(view.isLive()).isFalse();
    }

    @Test
    void messagesThatAreNotPartOfTheFeedAreIgnored() {
        view.apply(snapshot(5));
        assertThat(view.apply(new ServerMessage.AllOrdersCancelled("a", 0, 0))).isEqualTo(Outcome.IGNORED);
        assertThat(view.lastSeq()).isEqualTo(5);
        assertThat(view.isLive()).isTrue();
    }

    @Test
    void theRelaysStatusSaysWhetherTheExchangeBehindItIsReachable() {
        assertThat(view.apply(status(true))).isEqualTo(MarketView.Outcome.APPLIED);
        assertThat(view.isLive()).as("no snapshot yet").isFalse();
        view.apply(snapshot(0));
        assertThat(view.isLive()).isTrue();
        view.apply(status(true));
        assertThat(view.isLive()).as("a repeated status changes nothing").isTrue();

        view.apply(status(false));
        assertThat(view.isLive()).isFalse();
        assertThat(view.exchangeReachable()).isFalse();
        assertThat(view.apply(trade(1, 1, "100.00"))).isEqualTo(Outcome.IGNORED);
        assertThat(view.lastSeq()).as("the last picture stays readable").isZero();
        assertThat(view.bids()).isEqualTo(levels("99.95", "3"));

        view.apply(status(true));
        assertThat(view.isLive()).as("a fresh snapshot comes first").isFalse();
        view.apply(snapshot(1)); // an exchange restarted afresh: its seq starts again
        assertThat(view.isLive()).isTrue();
        assertThat(view.lastSeq()).isEqualTo(1);
    }

    @Test
    void aLostConnectionWaitsForTheNextOnesSnapshotWhateverTheLastStatusSaid() {
        view.apply(snapshot(3));
        view.apply(status(false));
        view.disconnected();
        assertThat(view.isLive()).isFalse();
        assertThat(view.exchangeReachable()).isTrue();
        assertThat(view.apply(trade(4, 1, "100.00"))).isEqualTo(Outcome.IGNORED);
        view.apply(snapshot(3));
        assertThat(view.isLive()).as("straight from an exchange: no status at all").isTrue();
    }

    // ---------------------------------------------------------------------------- what it states

    @Test
    void theBookIsWhatTheLastBookUpdateListedAndTheMarkWhatTheFeedLastStated() {
        view.apply(snapshot(10));
        assertThat(view.markPrice()).isEqualTo(d("100.00"));

        view.apply(book(11, levels("99.50", "1", "99.40", "2"), levels("100.10", "4"), "99.80"));
        assertThat(view.bids()).isEqualTo(levels("99.50", "1", "99.40", "2"));
        assertThat(view.asks()).isEqualTo(levels("100.10", "4"));
        assertThat(view.bestBid()).isEqualTo(d("99.50"));
        assertThat(view.bestAsk()).isEqualTo(d("100.10"));
        assertThat(view.markPrice()).isEqualTo(d("99.80"));

        // an exchange that does not state the mark in its book updates: the last one stated stands
        view.apply(book(12, List.of(), List.of(), null));
        assertThat(view.bestBid()).isNull();
        assertThat(view.bestAsk()).isNull();
        assertThat(view.bids()).isEmpty();
        assertThat(view.markPrice()).isEqualTo(d("99.80"));

        view.apply(new ServerMessage.PositionUpdate(13, "x", 0, d("10000.00"), d("0.00"), d("0.00"), d("0.00"),
                d("10000.00"), d("99.90"), 5));
        assertThat(view.markPrice()).isEqualTo(d("99.90"));
    }

    @Test
    void theRecentTradesAreTheLastHundredOldestFirstAndTheCountIsOfThemAll() {
        List<ServerMessage.Trade> before = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            before.add(trade(i, i, "100.00"));
        }
        view.apply(new ServerMessage.Snapshot(30, null, null, List.of(), List.of(), d("100.00"), d("100.00"), 30,
                before, List.of(), false, 1));
        long seq = 30;
        for (int i = 31; i <= 150; i++) {
            view.apply(trade(++seq, i, BigDecimal.valueOf(10_000 + i, 2).toPlainString()));
        }
        List<ServerMessage.Trade> trades = view.recentTrades();
        assertThat(trades).hasSize(ServerMessage.Snapshot.RECENT_TRADES);
        assertThat(trades.get(0).tradeId()).isEqualTo(51);
        assertThat(trades.get(99).tradeId()).isEqualTo(150);
        assertThat(view.tradeCount()).isEqualTo(150);
        assertThat(view.lastTradePrice()).isEqualTo(d("101.50"));
        assertThat(view.recentTrades()).as("unchanged: the same list").isSameAs(trades);
        assertThatThrownBy(() -> trades.add(trades.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void accountsAreValuedAtTheMarkTheFeedStatesNowNotTheOneOfTheirLastStatement() {
        view.apply(snapshot(40, "100.00", longAndShort()));
        view.apply(book(41, levels("99.50", "1"), levels("101.00", "1"), "100.25"));

        assertThat(view.accounts()).containsExactly(
                new AccountState("long", 2, d("9800.00"), d("100.00"), d("0.00"), d("0.50"), d("10000.50"),
                        "active"),
                new AccountState("short", -3, d("10300.00"), d("100.00"), d("0.00"), d("-0.75"), d("9999.25"),
                        "active"));

        // bought 3 for 299.45 in all: the average on the wire is rounded, what was paid is not
        view.apply(new ServerMessage.PositionUpdate(42, "avg", 3, d("9700.55"), d("99.816667"), d("0.00"),
                d("0.85"), d("10000.85"), d("100.10"), 6));
        view.apply(book(43, levels("99.95", "1"), levels("100.05", "1"), "100.00"));
        AccountState avg = view.account("avg");
        // 3 x 100.00 - 299.45, where 3 x (100.00 - 99.816667) would give 0.549999
        assertThat(avg.unrealizedPnl()).isEqualTo(d("0.55"));
        assertThat(avg.totalEquity()).isEqualTo(d("10000.55"));
        assertThat(avg.avgEntryPrice()).as("as stated").isEqualTo(d("99.816667"));
        assertThat(view.accounts()).extracting(AccountState::traderId).as("by trader id")
                .containsExactly("avg", "long", "short");
        assertThat(view.accountCount()).isEqualTo(3);
        assertThat(view.account("nobody")).isNull();
    }

    @Test
    void anAccountAtTheMarkOfItsStatementIsAsStated() {
        AccountState stated = new AccountState("t", 4, d("9599.60"), d("100.10"), d("0.00"), d("0.40"),
                d("10000.00"), "active");
        view.apply(snapshot(1, "100.20", List.of(stated)));
        assertThat(view.account("t")).isSameAs(stated);
    }

    @Test
    void bankruptcyStaysWithTheAccountAndOtherLiquidationsDoNotChangeItsStatus() {
        view.apply(snapshot(5, "100.00", List.of(new AccountState("doomed", 5, d("-10.00"), d("100.00"),
                d("0.00"), d("0.00"), d("490.00"), "active"))));
        view.apply(new ServerMessage.Liquidation(6, "doomed", "maintenance_margin_breach", 1, "sell", 7, 5));
        assertThat(view.account("doomed").status()).isEqualTo("active");
        view.apply(new ServerMessage.Liquidation(7, "doomed", "bankruptcy", 4, "sell", 0, 5));
        assertThat(view.account("doomed").status()).isEqualTo("bankrupt");
        view.apply(new ServerMessage.PositionUpdate(8, "doomed", 0, d("-20.00"), d("0.00"), d("-500.00"),
                d("0.00"), d("-20.00"), d("100.00"), 6));
        assertThat(view.account("doomed").status()).as("a later update keeps it").isEqualTo("bankrupt");
        assertThat(view.account("doomed").cash()).isEqualTo(d("-20.00"));
    }

    @Test
    void theKillSwitch() {
        view.apply(snapshot(5));
        assertThat(view.tradingHalted()).isFalse();
        view.apply(new ServerMessage.TradingStatus(6, true, 7));
        assertThat(view.tradingHalted()).isTrue();
        view.apply(new ServerMessage.TradingStatus(7, false, 8));
        assertThat(view.tradingHalted()).isFalse();
    }

    @Test
    void aSnapshotMidStreamReplacesEverything() {
        view.apply(snapshot(5, "100.00", longAndShort()));
        view.apply(trade(6, 1, "100.00"));
        view.apply(new ServerMessage.TradingStatus(7, true, 8));

        ServerMessage.Snapshot fresh = new ServerMessage.Snapshot(90, null, d("100.20"), List.of(),
                levels("100.20", "1"), d("100.20"), d("100.15"), 12, List.of(trade(88, 12, "100.15")),
                List.of(new AccountState("other", 0, d("10000.00"), d("0.00"), d("0.00"), d("0.00"), d("10000.00"),
                        "active")), false, 9);
        view.apply(fresh);
        assertThat(view.snapshot(9)).isEqualTo(fresh);
        assertThat(view.lastSeq()).isEqualTo(90);
        assertThat(view.apply(trade(91, 13, "100.20"))).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void itsSnapshotStatesWhatItKnows() {
        assertThatThrownBy(() -> view.snapshot(1)).isInstanceOf(IllegalStateException.class);

        view.apply(snapshot(40, "100.00", longAndShort()));
        view.apply(book(41, levels("99.50", "1"), levels("101.00", "1"), "100.25"));
        view.apply(trade(42, 7, "101.00"));
        view.apply(new ServerMessage.TradingStatus(43, true, 8));

        ServerMessage.Snapshot snapshot = view.snapshot(77);
        assertThat(snapshot).isEqualTo(new ServerMessage.Snapshot(43, d("99.50"), d("101.00"),
                levels("99.50", "1"), levels("101.00", "1"), d("100.25"), d("101.00"), 1,
                List.of(trade(42, 7, "101.00")), view.accounts(), true, 77));
        assertThat(snapshot.accounts()).extracting(AccountState::unrealizedPnl)
                .containsExactly(d("0.50"), d("-0.75"));
    }

    @Test
    void aViewThatKeepsOneAccountFollowsTheWholeMarketButThatAccount() {
        MarketView mine = MarketView.keepingAccountOf("maker_1");
        MarketView none = MarketView.keepingNoAccounts();
        MarketView all = new MarketView();
        for (MarketView view : List.of(mine, none, all)) {
            view.apply(new ServerMessage.Snapshot(5, null, null, List.of(), List.of(), new BigDecimal("100.00"), null,
                    0, List.of(), List.of(new ServerMessage.AccountState("maker_1", 0, new BigDecimal("10000.00"), null,
                            BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("10000.00"), "active")), false, 1));
            view.apply(new ServerMessage.PositionUpdate(6, "taker_1", 2, new BigDecimal("9799.90"),
                    new BigDecimal("100.05"), BigDecimal.ZERO, new BigDecimal("-0.10"), new BigDecimal("9999.90"),
                    new BigDecimal("100.00"), 2));
        }
        assertThat(all.accounts()).extracting(ServerMessage.AccountState::traderId).containsExactly("maker_1", "taker_1");
        assertThat(mine.accounts()).extracting(ServerMessage.AccountState::traderId).containsExactly("maker_1");
        assertThat(none.accounts()).isEmpty();
        assertThat(mine.account("maker_1")).isEqualTo(all.account("maker_1"));
        assertThat(List.of(mine.lastSeq(), none.lastSeq(), mine.markPrice())).containsExactly(6L, 6L,
                new BigDecimal("100.00"));
    }
}
