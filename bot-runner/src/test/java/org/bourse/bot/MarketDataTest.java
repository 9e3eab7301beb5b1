package org.bourse.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.bourse.api.Level;
import org.bourse.api.PublicTrade;
import org.bourse.api.Side;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage;
import org.junit.jupiter.api.Test;

class MarketDataTest {
    private final OwnAccount account = new OwnAccount();
    private final MarketData market = new MarketData("me", account);

    @Test
    void eventsCountOnlyAfterASnapshotAndEachMustCarryTheNextSeq() {
        assertThat(market.apply(book(1, "99.00"))).isEqualTo(MarketView.Outcome.IGNORED);
        assertThat(market.isLive()).isFalse();

        assertThat(market.apply(snapshot(5, "99.50"))).isEqualTo(MarketView.Outcome.APPLIED);
        assertThat(market.isLive()).isTrue();
        assertThat(market.bids()).containsExactly(new Level(new BigDecimal("99.50"), 1));
        assertThat(market.takeBookChanged()).isTrue();
        assertThat(market.takeBookChanged()).isFalse();

        assertThat(market.apply(book(6, "99.60"))).isEqualTo(MarketView.Outcome.APPLIED);
        assertThat(market.bids()).containsExactly(new Level(new BigDecimal("99.60"), 1));
        assertThat(market.takeBookChanged()).isTrue();

        assertThat(market.apply(book(8, "99.70"))).isEqualTo(MarketView.Outcome.GAP);
        assertThat(market.isLive()).isFalse();
        assertThat(market.apply(book(9, "99.80"))).isEqualTo(MarketView.Outcome.IGNORED);
        assertThat(market.bids()).containsExactly(new Level(new BigDecimal("99.60"), 1));

        market.apply(snapshot(20, "99.90"));
        assertThat(market.isLive()).isTrue();
        assertThat(market.lastSeq()).isEqualTo(20);
        assertThat(market.apply(book(20, "99.00"))).as("an event twice").isEqualTo(MarketView.Outcome.GAP);
    }

    @Test
    void theRelaysStatusSaysWhetherTheExchangeBehindItIsReachable() {
        market.apply(new ServerMessage.Status(true, "ws://127.0.0.1:9002", null, 1));
        assertThat(market.isLive()).as("no snapshot yet").isFalse();
        market.apply(snapshot(0, "99.00"));
        assertThat(market.isLive()).isTrue();
        market.apply(new ServerMessage.Status(true, "ws://127.0.0.1:9002", null, 2));
        assertThat(market.isLive()).as("a repeated status changes nothing").isTrue();

        market.apply(new ServerMessage.Status(false, "ws://127.0.0.1:9002", "connection refused", 3));
        assertThat(market.isLive()).isFalse();
        assertThat(market.apply(book(1, "99.10"))).isEqualTo(MarketView.Outcome.IGNORED);

        market.apply(new ServerMessage.Status(true, "ws://127.0.0.1:9002", null, 4));
        assertThat(market.isLive()).as("a fresh snapshot comes first").isFalse();
        market.apply(snapshot(1, "99.20"));
        assertThat(market.isLive()).isTrue();
    }

    @Test
    void aLostConnectionWaitsForTheNextOnesSnapshot() {
        market.apply(new ServerMessage.Status(false, "ws://127.0.0.1:9002", "down", 1));
        market.disconnected();
        assertThat(market.isLive()).isFalse();
        market.apply(snapshot(3, "99.00"));
        assertThat(market.isLive()).as("straight from an exchange: no status at all").isTrue();
    }

    @Test
    void recentTradesAreKeptOldestFirstUpToALimit() {
        List<ServerMessage.Trade> first = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            first.add(trade(i, i));
        }
        market.apply(new ServerMessage.Snapshot(100, null, null, List.of(), List.of(), new BigDecimal("100.00"),
                new BigDecimal("100.00"), 100, first, List.of(), false, 0));
        for (int i = 101; i <= 250; i++) {
            market.apply(trade(i, i));
        }
        List<PublicTrade> trades = market.recentTrades();
        assertThat(trades).hasSize(MarketData.RECENT_TRADES);
        assertThat(trades.get(0).qty()).isEqualTo(51);
        assertThat(trades.get(trades.size() - 1)).isEqualTo(
                new PublicTrade(new BigDecimal("100.10"), 250, Side.SELL, 250));
        assertThat(market.recentTrades()).as("unchanged: the same list").isSameAs(trades);
    }

    @Test
    void theTradersOwnFiguresAreTheFeedsValuedAtTheMarkTheExchangeStatesNow() {
        account.welcome(new ServerMessage.Welcome("me", 0, new BigDecimal("10000.00"), null, new BigDecimal("0.00"),
                new BigDecimal("0.00"), new BigDecimal("10000.00"), new BigDecimal("99.00"), true, List.of(), 0));
        market.welcome(new ServerMessage.Welcome("me", 0, new BigDecimal("10000.00"), null, new BigDecimal("0.00"),
                new BigDecimal("0.00"), new BigDecimal("10000.00"), new BigDecimal("99.00"), true, List.of(), 0));
        assertThat(market.markPrice()).as("the welcome's, until the feed says").isEqualByComparingTo("99.00");
        assertThat(market.tradingHalted()).isTrue();
        assertThat(market.ownAccount().totalEquity()).isEqualByComparingTo("10000.00");

        market.apply(new ServerMessage.Snapshot(0, null, null, List.of(), List.of(), new BigDecimal("100.00"), null,
                0, List.of(), List.of(new ServerMessage.AccountState("me", 0, new BigDecimal("10000.00"), null,
                        new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("10000.00"), "active")),
                false, 0));
        assertThat(market.markPrice()).isEqualByComparingTo("100.00");
        assertThat(market.tradingHalted()).isFalse();

        market.apply(positionUpdate(1, "other", "9000.00", "100.20"));
        assertThat(market.markPrice()).isEqualByComparingTo("100.20");
        assertThat(market.ownAccount().totalEquity()).isEqualByComparingTo("10000.00");

        // 3 bought for 299.45: equity 10000.85 at 100.10
        market.apply(positionUpdate(2, "me", "10000.85", "100.10"));
        assertThat(market.ownAccount().totalEquity()).isEqualByComparingTo("10000.85");
        assertThat(market.ownAccount().avgEntryPrice()).isEqualByComparingTo("99.816667");
        // the book moves the mark with no trade: the figures follow it, not the last position_update
        market.apply(new ServerMessage.BookUpdate(3, new BigDecimal("100.30"), new BigDecimal("100.32"),
                List.of(new ServerMessage.Level(new BigDecimal("100.30"), 1)),
                List.of(new ServerMessage.Level(new BigDecimal("100.32"), 1)), new BigDecimal("100.31"), 3));
        assertThat(market.markPrice()).isEqualByComparingTo("100.31");
        assertThat(market.ownAccount().unrealizedPnl()).isEqualByComparingTo("1.48");
        assertThat(market.ownAccount().totalEquity()).isEqualByComparingTo("10001.48");
        assertThat(account.position()).as("position and cash come from the fills").isZero();

        market.apply(new ServerMessage.Liquidation(4, "other", "maintenance_margin_breach", 1, "sell", 7, 111));
        assertThat(account.lastLiquidationTime()).isZero();
        market.apply(new ServerMessage.Liquidation(5, "me", "maintenance_margin_breach", 2, "sell", 8, 222));
        assertThat(account.lastLiquidationTime()).isEqualTo(222);

        market.apply(new ServerMessage.TradingStatus(6, true, 333));
        assertThat(market.tradingHalted()).isTrue();
    }

    private static ServerMessage.Snapshot snapshot(long seq, String bid) {
        return new ServerMessage.Snapshot(seq, new BigDecimal(bid), null,
                List.of(new ServerMessage.Level(new BigDecimal(bid), 1)), List.of(), new BigDecimal("100.00"), null, 0,
                List.of(), List.of(), false, 0);
    }

    private static ServerMessage.BookUpdate book(long seq, String bid) {
        return new ServerMessage.BookUpdate(seq, new BigDecimal(bid), null,
                List.of(new ServerMessage.Level(new BigDecimal(bid), 1)), List.of(), null, 0);
    }

    private static ServerMessage.Trade trade(long seq, long qty) {
        return new ServerMessage.Trade(seq, seq, new BigDecimal("100.10"), qty, "a", "b", "sell", 1, 2, seq);
    }

    private static ServerMessage.PositionUpdate positionUpdate(long seq, String trader, String equity, String mark) {
        return new ServerMessage.PositionUpdate(seq, trader, 3, new BigDecimal("9700.55"), new BigDecimal("99.816667"),
                new BigDecimal("0.00"), new BigDecimal("0.85"), new BigDecimal(equity), new BigDecimal(mark), 0);
    }
}
