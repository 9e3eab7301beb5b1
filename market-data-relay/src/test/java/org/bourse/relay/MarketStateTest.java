package org.bourse.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.ServerMessage.AccountState;
import org.bourse.protocol.ServerMessage.Level;
import org.bourse.protocol.TickScale;
import org.junit.jupiter.api.Test;

/** The relay's picture of the market, event by event, against what the exchange would state. */
class MarketStateTest {

    private final MarketState state = new MarketState(TickScale.cents());
    private long seq;

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    /** {@code count} levels of qty 1 from {@code first}, a cent apart, going {@code step} (+1 or -1). */
    private static List<Level> levels(String first, int count, int step) {
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            levels.add(new Level(dec(first).add(BigDecimal.valueOf((long) step * i, 2)), 1));
        }
        return levels;
    }

    private static AccountState account(String trader, long position, String cash, String unrealized,
                                        String equity) {
        return new AccountState(trader, position, dec(cash), dec("100.00"), dec("0.00"), dec(unrealized),
                dec(equity), "active");
    }

    private void reset(List<Level> bids, List<Level> asks, String mark, List<AccountState> accounts) {
        seq = 40;
        state.reset(new ServerMessage.Snapshot(seq, bids.isEmpty() ? null : bids.get(0).price(),
                asks.isEmpty() ? null : asks.get(0).price(), bids, asks, dec(mark), null, 0, List.of(), accounts,
                false, 1));
    }

    private void book(List<Level> bids, List<Level> asks) {
        state.apply(new ServerMessage.BookUpdate(++seq, bids.isEmpty() ? null : bids.get(0).price(),
                asks.isEmpty() ? null : asks.get(0).price(), bids, asks, 2));
    }

    private ServerMessage.Snapshot snapshot() {
        return state.snapshot(3);
    }

    @Test
    void aSideWithFewerLevelsThanABookUpdateListsIsExactlyWhatItLists() {
        reset(levels("99.00", 12, -1), levels("101.00", 3, 1), "100.00", List.of());
        book(levels("99.50", 3, -1), levels("101.00", 3, 1));
        assertThat(snapshot().bids()).isEqualTo(levels("99.50", 3, -1));
        assertThat(snapshot().bestBid()).isEqualTo(dec("99.50"));
    }

    @Test
    void aFullBookUpdateReplacesTheLevelsInItsRangeAndKeepsTheDeeperOnes() {
        reset(levels("99.00", 15, -1), levels("101.00", 15, 1), "100.00", List.of());
        // 101.01 is gone, 101.02 has changed; deeper than 101.10 the update says nothing
        List<Level> asks = new ArrayList<>(levels("101.02", 9, 1));
        asks.set(0, new Level(dec("101.02"), 7));
        asks.add(0, new Level(dec("101.00"), 1));
        book(levels("99.00", 10, -1), asks);

        List<Level> expected = new ArrayList<>(asks);
        expected.addAll(levels("101.11", 4, 1));
        assertThat(snapshot().asks()).isEqualTo(expected);
        assertThat(snapshot().bids()).isEqualTo(levels("99.00", 15, -1));
        assertThat(snapshot().seq()).isEqualTo(41);
    }

    @Test
    void aSnapshotCarriesTheLastHundredTradesAndCountsThemAll() {
        reset(List.of(), List.of(), "100.00", List.of());
        for (int i = 1; i <= 150; i++) {
            state.apply(new ServerMessage.Trade(++seq, i, dec("100.00").add(BigDecimal.valueOf(i, 2)), 1, "a", "b",
                    "buy", 2L * i, 2L * i + 1, 5));
        }
        ServerMessage.Snapshot snapshot = snapshot();
        assertThat(snapshot.recentTrades()).hasSize(MarketState.RECENT_TRADES);
        assertThat(snapshot.recentTrades().get(0).tradeId()).isEqualTo(51);
        assertThat(snapshot.recentTrades().get(99).tradeId()).isEqualTo(150);
        assertThat(snapshot.tradeCount()).isEqualTo(150);
        assertThat(snapshot.lastTradePrice()).isEqualTo(dec("101.50"));
        // one-sided book: the mark is the last trade
        assertThat(snapshot.markPrice()).isEqualTo(dec("101.50"));
    }

    @Test
    void accountsAreValuedAtTheMarkTheBookGivesNowNotTheOneOfTheirLastUpdate() {
        reset(levels("99.00", 1, -1), levels("101.00", 1, 1), "100.00",
                List.of(account("long", 2, "9800.00", "0.00", "10000.00"),
                        account("short", -3, "10300.00", "0.00", "10000.00")));
        // mid of 99.50 and 101.00, rounded down to the cent: 100.25
        book(levels("99.50", 1, -1), levels("101.00", 1, 1));
        ServerMessage.Snapshot snapshot = snapshot();
        assertThat(snapshot.markPrice()).isEqualTo(dec("100.25"));
        assertThat(snapshot.accounts()).containsExactly(
                account("long", 2, "9800.00", "0.50", "10000.50"),
                account("short", -3, "10300.00", "-0.75", "9999.25"));

        // an update states an account at the mark of its time; the book then moves the mark again
        state.apply(new ServerMessage.PositionUpdate(++seq, "new", 1, dec("9899.75"), dec("100.25"), dec("0.00"),
                dec("0.00"), dec("10000.00"), dec("100.25"), 4));
        book(levels("99.50", 1, -1), levels("100.01", 1, 1));
        snapshot = snapshot();
        assertThat(snapshot.markPrice()).isEqualTo(dec("99.75"));
        assertThat(snapshot.accounts()).extracting(AccountState::traderId).containsExactly("long", "short", "new");
        assertThat(snapshot.accounts().get(2)).isEqualTo(new AccountState("new", 1, dec("9899.75"),
                dec("100.25"), dec("0.00"), dec("-0.50"), dec("9999.50"), "active"));
    }

    @Test
    void aOneSidedBookWithoutTradesKeepsTheMarkTheExchangeStated() {
        reset(levels("99.00", 1, -1), List.of(), "100.00", List.of());
        book(List.of(), List.of());
        assertThat(snapshot().markPrice()).isEqualTo(dec("100.00"));
        assertThat(snapshot().bestBid()).isNull();
        assertThat(snapshot().bestAsk()).isNull();
    }

    @Test
    void bankruptcyHaltsAndUnknownEventsAreFollowed() {
        reset(List.of(), List.of(), "100.00", List.of(account("doomed", 5, "-10.00", "0.00", "490.00")));
        state.apply(new ServerMessage.Liquidation(++seq, "doomed", "maintenance_margin_breach", 1, "sell", 7, 5));
        assertThat(snapshot().accounts().get(0).status()).isEqualTo("active");
        state.apply(new ServerMessage.Liquidation(++seq, "doomed", "bankruptcy", 4, "sell", 0, 5));
        assertThat(snapshot().accounts().get(0).status()).isEqualTo("bankrupt");
        // a later update keeps the status
        state.apply(new ServerMessage.PositionUpdate(++seq, "doomed", 0, dec("-20.00"), dec("0.00"), dec("-500.00"),
                dec("0.00"), dec("-20.00"), dec("100.00"), 6));
        assertThat(snapshot().accounts().get(0).status()).isEqualTo("bankrupt");

        state.apply(new ServerMessage.TradingStatus(++seq, true, 7));
        assertThat(snapshot().tradingHalted()).isTrue();
        state.skip(++seq);
        assertThat(state.seq()).isEqualTo(seq);
        assertThat(snapshot().seq()).isEqualTo(seq);
    }
}
