package org.bourse.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.monitor.Feeds.book;
import static org.bourse.monitor.Feeds.d;
import static org.bourse.monitor.Feeds.levels;
import static org.bourse.monitor.Feeds.position;
import static org.bourse.monitor.Feeds.snapshot;
import static org.bourse.monitor.Feeds.status;
import static org.bourse.monitor.Feeds.trade;

import java.math.BigDecimal;
import java.util.List;
import org.bourse.monitor.MarketPicture.TraderRow;
import org.bourse.protocol.MarketView.Outcome;
import org.bourse.protocol.ServerMessage;
import org.junit.jupiter.api.Test;

class MarketModelTest {

    private static final long NOW = 1_739_990_000_000L;

    private final MarketModel model = new MarketModel("ws://127.0.0.1:9010", () -> NOW);

    @Test
    void startsConnectingWithNothingToShow() {
        MarketPicture view = model.picture(5);

        assertThat(view.phase()).isEqualTo(Phase.CONNECTING);
        assertThat(view.hasSnapshot()).isFalse();
        assertThat(view.bids()).isEmpty();
        assertThat(view.traders()).isEmpty();
        assertThat(view.mark()).isNull();
    }

    @Test
    void aSnapshotGivesTheWholePicture() {
        model.connecting("connecting");
        model.opened();
        model.apply(status(true, null));
        assertThat(model.picture(5).phase()).isEqualTo(Phase.CONNECTING);

        assertThat(model.apply(snapshot(5))).isEqualTo(Outcome.APPLIED);

        MarketPicture view = model.picture(5);
        assertThat(view.phase()).isEqualTo(Phase.CONNECTED);
        assertThat(view.detail()).isNull();
        assertThat(view.lastSeq()).isEqualTo(5);
        assertThat(view.bestBid().price()).isEqualByComparingTo("99.95");
        assertThat(view.bestAsk().qty()).isEqualTo(2);
        assertThat(view.spread()).isEqualTo(d("0.10"));
        assertThat(view.mid()).isEqualTo(d("100.00"));
        assertThat(view.mark()).isEqualTo(d("100.00"));
        assertThat(view.tradeCount()).isEqualTo(1);
        assertThat(view.lastTrade().buyer()).isEqualTo("taker_1");
        assertThat(view.lastTrade().seller()).isEqualTo("maker_1");
        assertThat(view.traders()).extracting(TraderRow::traderId).containsExactly("maker_1", "taker_1");
        TraderRow maker = view.traders().get(0);
        assertThat(maker.unrealizedPnl()).isEqualTo(d("0.10"));
        assertThat(maker.totalPnl()).isEqualTo(d("0.10"));
        assertThat(maker.equity()).isEqualTo(d("10000.10"));
    }

    @Test
    void aLivePictureTurnsStaleWhenTheFeedFallsSilentAndLiveAgainOnAHeartbeat() {
        long[] now = {NOW};
        MarketModel watched = new MarketModel("ws://127.0.0.1:9010", () -> now[0]);
        watched.staleAfter(java.time.Duration.ofSeconds(3));
        watched.apply(snapshot(5));

        now[0] += 3_000;
        assertThat(watched.picture(5).phase()).as("silent for exactly --stale-after").isEqualTo(Phase.CONNECTED);
        now[0] += 1_500;
        MarketPicture stale = watched.picture(5);
        assertThat(stale.phase()).isEqualTo(Phase.STALE);
        assertThat(stale.detail()).isEqualTo("nothing from the feed for 4 s, not even a heartbeat");
        assertThat(stale.trading()).isEqualTo("unknown");
        assertThat(new PlainRenderer(java.time.ZoneOffset.UTC, 3).text(stale, now[0], 0))
                .contains("STATUS: STALE feed=ws://127.0.0.1:9010 seq=5 detail=nothing from the feed for 4 s");

        assertThat(watched.apply(new ServerMessage.Heartbeat(5, now[0]))).isEqualTo(Outcome.IGNORED);
        assertThat(watched.picture(5).phase()).isEqualTo(Phase.CONNECTED);
        assertThat(watched.picture(5).lastSeq()).as("a heartbeat is not an event").isEqualTo(5);
    }

    @Test
    void anExpectedTraderWithoutAnAccountHasARowUntilItsAccountIsStated() {
        model.expect(List.of("taker_1", "momentum_1", "idle_1"));
        model.apply(snapshot(5));
        model.apply(position(6, "bg_mm_1", -1, "10100.05", "100.05", "0.10", "0.00", "10000.05", "100.05"));

        List<TraderRow> rows = model.picture(5).traders();
        // ranked accounts first, then the expected ones without one (by name), the crowd last
        assertThat(rows).extracting(TraderRow::traderId)
                .containsExactly("maker_1", "taker_1", "idle_1", "momentum_1", "crowd (1 bg_)");
        assertThat(rows).extracting(TraderRow::note).containsExactly(null, null, "no orders yet", "no orders yet", null);
        assertThat(rows.get(2).cash()).isNull();
        assertThat(rows.get(2).equity()).isNull();
        assertThat(new PlainRenderer(java.time.ZoneOffset.UTC, 3).text(model.picture(5), NOW, 0))
                .contains("TRADER idle_1 position=0 cash=- realized=0 unrealized=0 total_pnl=0 equity=- "
                        + "status=no_orders_yet");

        model.apply(position(7, "momentum_1", 1, "9899.95", "100.05", "0.00", "0.00", "9999.95", "100.05"));
        List<TraderRow> after = model.picture(5).traders();
        assertThat(after).extracting(TraderRow::traderId).hasSize(5).endsWith("idle_1", "crowd (1 bg_)")
                .contains("momentum_1");
        assertThat(after).filteredOn(row -> row.note() != null).extracting(TraderRow::traderId)
                .containsExactly("idle_1");
    }

    @Test
    void theBackgroundCrowdIsOneRowAfterTheBotsUnlessEachIsAskedFor() {
        model.apply(snapshot(5));
        model.apply(position(6, "bg_value_1", 3, "9699.85", "100.05", "0.00", "0.00", "9999.85", "100.05"));
        model.apply(position(7, "bg_mm_1", -1, "10100.05", "100.05", "0.10", "0.00", "10000.05", "100.05"));

        List<TraderRow> rows = model.picture(5).traders();
        assertThat(rows).extracting(TraderRow::traderId).containsExactly("maker_1", "taker_1", "crowd (2 bg_)");
        TraderRow crowd = rows.get(2);
        assertThat(crowd.position()).isEqualTo(2);
        assertThat(crowd.cash()).isEqualByComparingTo("19799.90");
        assertThat(crowd.realizedPnl()).isEqualByComparingTo("0.10");
        assertThat(crowd.equity()).isEqualByComparingTo("19999.90");
        assertThat(crowd.avgEntryPrice()).isNull();

        model.showCrowd(true);
        assertThat(model.picture(5).traders()).extracting(TraderRow::traderId)
                .containsExactlyInAnyOrder("maker_1", "taker_1", "bg_value_1", "bg_mm_1");
    }

    @Test
    void eventsMoveTheBookTheTradesAndTheTraders() {
        model.apply(snapshot(5));

        // the bid improves: mid 100.025, the exchange's mark rounds it down to the tick
        model.apply(book(6, levels("100.00", 1, "99.95", 3), levels("100.05", 2), "100.02"));
        MarketPicture afterBook = model.picture(5);
        assertThat(afterBook.mid()).isEqualTo(d("100.025"));
        assertThat(afterBook.mark()).isEqualTo(d("100.02"));
        assertThat(trader(afterBook, "maker_1").unrealizedPnl()).isEqualTo(d("0.06"));
        assertThat(trader(afterBook, "maker_1").equity()).isEqualTo(d("10000.06"));
        assertThat(trader(afterBook, "taker_1").unrealizedPnl()).isEqualTo(d("-0.06"));
        assertThat(trader(afterBook, "taker_1").equity()).isEqualTo(d("9999.94"));
        assertThat(afterBook.traders()).extracting(TraderRow::traderId).containsExactly("maker_1", "taker_1");

        // taker_2 lifts the offer: the book is one-sided, the mark is the last trade
        model.apply(trade(7, "100.05", 2, "taker_2", "maker_1"));
        model.apply(book(8, levels("100.00", 1, "99.95", 3), levels(), "100.05"));
        model.apply(position(9, "maker_1", -4, "10400.20", "100.05", "0.00", "0.00", "10000.00", "100.05"));
        model.apply(position(10, "taker_2", 2, "9799.90", "100.05", "0.00", "0.00", "10000.00", "100.05"));

        MarketPicture view = model.picture(5);
        assertThat(view.lastSeq()).isEqualTo(10);
        assertThat(view.eventsApplied()).isEqualTo(5);
        assertThat(view.spread()).isNull();
        assertThat(view.mid()).isNull();
        assertThat(view.mark()).isEqualTo(d("100.05"));
        assertThat(view.tradeCount()).isEqualTo(2);
        assertThat(view.lastTrade().buyer()).isEqualTo("taker_2");
        assertThat(view.lastTrade().direction()).isZero();
        assertThat(view.recentTrades()).hasSize(2);
        // everyone is back to 10000.00 at this mark: ties are ranked by name
        assertThat(view.traders()).extracting(TraderRow::traderId).containsExactly("maker_1", "taker_1", "taker_2");
        assertThat(view.traders()).extracting(TraderRow::equity)
                .containsExactly(d("10000.00"), d("10000.00"), d("10000.00"));
        assertThat(trader(view, "taker_1").unrealizedPnl()).isEqualTo(d("0.00"));
        assertThat(trader(view, "maker_1").position()).isEqualTo(-4);
        assertThat(trader(view, "maker_1").cash()).isEqualTo(d("10400.20"));
    }

    @Test
    void unrealizedIsExactAgainstTheMarkNotAgainstTheRoundedAverage() {
        // bought 3 for 299.45 in all: avg 99.816667 on the wire, valued at 100.10 by the exchange
        model.apply(Feeds.emptySnapshot(0, "100.00"));
        model.apply(position(1, "maker_2", 3, "9700.55", "99.816667", "0.00", "0.85", "10000.85", "100.10"));
        model.apply(book(2, levels("99.95", 1), levels("100.05", 1), "100.00"));

        TraderRow row = model.picture(5).traders().get(0);
        // 3 x 100.00 - 299.45, where 3 x (100.00 - 99.816667) would give 0.549999
        assertThat(row.unrealizedPnl()).isEqualTo(d("0.55"));
        assertThat(row.totalPnl()).isEqualTo(d("0.55"));
        assertThat(row.equity()).isEqualTo(d("10000.55"));
    }

    @Test
    void theMarkIsTheOneTheExchangeStatesWhateverItsTick() {
        model.apply(Feeds.emptySnapshot(0, "100.00"));
        // with a tick of 0.05 the mid of 100.05 and 100.10 is 100.05, not the 100.07 of a cent tick
        model.apply(book(1, levels("100.05", 1), levels("100.10", 1), "100.05"));
        assertThat(model.picture(5).mark()).isEqualTo(d("100.05"));

        // an exchange that does not state it in book updates: the last mark it stated stands
        model.apply(book(2, levels("100.10", 1), levels("100.15", 1), null));
        assertThat(model.picture(5).mark()).isEqualTo(d("100.05"));
    }

    @Test
    void depthLimitsTheLevelsShown() {
        model.apply(snapshot(5));

        MarketPicture view = model.picture(1);

        assertThat(view.bids()).hasSize(1);
        assertThat(view.asks()).hasSize(1);
    }

    @Test
    void tradeDirectionFollowsThePrice() {
        model.apply(snapshot(5));
        model.apply(trade(6, "100.10", 1, "a", "b"));
        model.apply(trade(7, "100.00", 1, "a", "b"));

        assertThat(model.picture(5).recentTrades()).extracting(MarketPicture.TradeRow::direction)
                .containsExactly(-1, 1, 0);
    }

    @Test
    void liquidationsAndHaltsAreKept() {
        model.apply(snapshot(5));
        model.apply(new ServerMessage.Liquidation(6, "taker_1", "maintenance_margin_breach", 2, "sell", 47, 1000));
        model.apply(new ServerMessage.TradingStatus(7, true, 2000));
        model.apply(new ServerMessage.Liquidation(8, "maker_1", "bankruptcy", 4, "buy", 0, 3000));

        MarketPicture view = model.picture(5);
        assertThat(view.halted()).isTrue();
        assertThat(view.notices()).containsExactly(
                new Notice.Liquidated(1000, "taker_1", "maintenance_margin_breach", "sell", 2, 47),
                new Notice.Halt(2000, true),
                new Notice.Liquidated(3000, "maker_1", "bankruptcy", "buy", 4, 0));
        assertThat(trader(view, "maker_1").bankrupt()).isTrue();
        assertThat(trader(view, "taker_1").bankrupt()).isFalse();

        model.apply(new ServerMessage.TradingStatus(9, false, 4000));
        assertThat(model.picture(5).halted()).isFalse();
    }

    @Test
    void onlyTheLatestNoticesAreKept() {
        model.apply(snapshot(5));
        for (int i = 0; i < MarketModel.RECENT_NOTICES + 3; i++) {
            model.apply(new ServerMessage.TradingStatus(6 + i, i % 2 == 0, i));
        }

        List<Notice> notices = model.picture(5).notices();
        assertThat(notices).hasSize(MarketModel.RECENT_NOTICES);
        assertThat(notices.get(0).timestamp()).isEqualTo(3);
    }

    @Test
    void aGapStopsTheModelUntilTheNextSnapshot() {
        model.apply(snapshot(5));
        model.apply(trade(6, "100.05", 1, "a", "b"));

        assertThat(model.apply(trade(8, "100.05", 1, "a", "b"))).isEqualTo(Outcome.GAP);

        MarketPicture view = model.picture(5);
        assertThat(view.phase()).isEqualTo(Phase.CONNECTING);
        assertThat(view.detail()).contains("expected 7, got 8");
        assertThat(view.resyncs()).isEqualTo(1);
        assertThat(view.notices()).containsExactly(new Notice.Gap(NOW, 7, 8));
        assertThat(view.lastSeq()).isEqualTo(6);
        // nothing applies until a snapshot: not the missing event, not the next one
        assertThat(model.apply(trade(7, "100.05", 1, "a", "b"))).isEqualTo(Outcome.IGNORED);
        assertThat(model.picture(5).tradeCount()).isEqualTo(2);

        model.apply(snapshot(40));
        assertThat(model.picture(5).phase()).isEqualTo(Phase.CONNECTED);
        assertThat(model.apply(trade(41, "100.05", 1, "a", "b"))).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void aRepeatedEventIsAGapToo() {
        model.apply(snapshot(5));
        model.apply(trade(6, "100.05", 1, "a", "b"));

        assertThat(model.apply(trade(6, "100.05", 1, "a", "b"))).isEqualTo(Outcome.GAP);
    }

    @Test
    void eventsBeforeTheSnapshotAndOtherMessagesAreIgnored() {
        assertThat(model.apply(trade(1, "100.05", 1, "a", "b"))).isEqualTo(Outcome.IGNORED);
        model.apply(snapshot(5));
        assertThat(model.apply(new ServerMessage.AllOrdersCancelled("a", 0, 0))).isEqualTo(Outcome.IGNORED);

        assertThat(model.picture(5).tradeCount()).isEqualTo(1);
    }

    @Test
    void theRelaysStatusAndTheConnectionDriveThePhase() {
        model.apply(snapshot(5));

        model.apply(status(false, "connection refused; retrying in 2 s"));
        MarketPicture down = model.picture(5);
        assertThat(down.phase()).isEqualTo(Phase.EXCHANGE_DOWN);
        assertThat(down.detail()).isEqualTo("connection refused; retrying in 2 s");
        assertThat(down.lastSeq()).isEqualTo(5); // the last picture stays, marked by the phase
        assertThat(model.apply(trade(6, "100.05", 1, "a", "b"))).isEqualTo(Outcome.IGNORED);

        model.apply(status(true, null));
        assertThat(model.picture(5).phase()).isEqualTo(Phase.CONNECTING);
        model.apply(snapshot(1)); // the exchange restarted: its seq starts again
        assertThat(model.picture(5).phase()).isEqualTo(Phase.CONNECTED);
        assertThat(model.picture(5).lastSeq()).isEqualTo(1);

        model.disconnected("cannot connect: Connection refused", NOW + 250);
        MarketPicture lost = model.picture(5);
        assertThat(lost.phase()).isEqualTo(Phase.DISCONNECTED);
        assertThat(lost.retryAtMillis()).isEqualTo(NOW + 250);
        assertThat(lost.detail()).isEqualTo("cannot connect: Connection refused");

        // retrying is still disconnected, until the new connection opens
        model.connecting("reconnecting");
        assertThat(model.picture(5).phase()).isEqualTo(Phase.DISCONNECTED);
        assertThat(model.picture(5).detail()).isEqualTo("cannot connect: Connection refused");
        model.opened();
        assertThat(model.picture(5).phase()).isEqualTo(Phase.CONNECTING);
        assertThat(model.apply(trade(2, "100.05", 1, "a", "b"))).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void aRedundantConnectedStatusKeepsTheConnection() {
        model.apply(snapshot(5));

        model.apply(status(true, null));

        assertThat(model.picture(5).phase()).isEqualTo(Phase.CONNECTED);
        assertThat(model.apply(trade(6, "100.05", 1, "a", "b"))).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void awaitingTheSnapshotReturnsOnceItCame() throws InterruptedException {
        assertThat(model.awaitSnapshot(10)).isFalse();

        Thread feeder = new Thread(() -> model.apply(snapshot(5)));
        feeder.start();

        assertThat(model.awaitSnapshot(10_000)).isTrue();
        feeder.join();
    }

    /**
     * A hundred thousand events in groups of four (book, trade, both traders' positions), as a burst would bring
     * them: everything adds up at the end. Correctness only; speed is the benchmarks' business.
     */
    @Test
    void appliesAHundredThousandEvents() {
        model.apply(Feeds.emptySnapshot(0, "100.00"));
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal price = null;
        long seq = 0;
        int trades = 25_000;
        for (int k = 1; k <= trades; k++) {
            BigDecimal bid = d("99.00").add(BigDecimal.valueOf(k % 100, 2));
            price = bid.add(d("0.01"));
            // the mid, bid + 0.01, is the mark
            model.apply(book(++seq, List.of(new ServerMessage.Level(bid, k)),
                    List.of(new ServerMessage.Level(bid.add(d("0.02")), k)), price.toPlainString()));
            model.apply(new ServerMessage.Trade(++seq, k, price, 1, "buyer", "seller", "buy", k, k, seq));
            paid = paid.add(price);
            BigDecimal worth = price.multiply(BigDecimal.valueOf(k));
            BigDecimal cashBuyer = d("10000.00").subtract(paid);
            BigDecimal cashSeller = d("10000.00").add(paid);
            // both valued at the trade price, the mark: unrealized PnL is what the position gained since bought
            model.apply(position(++seq, "buyer", k, cashBuyer.toPlainString(), null, "0.00",
                    worth.subtract(paid).toPlainString(), cashBuyer.add(worth).toPlainString(),
                    price.toPlainString()));
            model.apply(position(++seq, "seller", -k, cashSeller.toPlainString(), null, "0.00",
                    paid.subtract(worth).toPlainString(), cashSeller.subtract(worth).toPlainString(),
                    price.toPlainString()));
        }

        MarketPicture view = model.picture(5);
        assertThat(view.phase()).isEqualTo(Phase.CONNECTED);
        assertThat(view.lastSeq()).isEqualTo(100_000);
        assertThat(view.eventsApplied()).isEqualTo(100_000);
        assertThat(view.tradeCount()).isEqualTo(trades);
        assertThat(view.recentTrades()).hasSize(MarketModel.RECENT_TRADES);
        assertThat(view.lastTrade().price()).isEqualTo(price);
        assertThat(view.bestBid().qty()).isEqualTo(trades);
        // the last book: 99.00 | 99.02, mid 99.01 = the last trade price
        assertThat(view.mark()).isEqualTo(d("99.01"));
        TraderRow buyer = trader(view, "buyer");
        TraderRow seller = trader(view, "seller");
        assertThat(buyer.position()).isEqualTo(trades);
        assertThat(buyer.cash()).isEqualTo(d("10000.00").subtract(paid));
        assertThat(buyer.equity()).isEqualTo(d("10000.00").subtract(paid).add(d("99.01").multiply(BigDecimal.valueOf(trades))));
        assertThat(buyer.unrealizedPnl()).isEqualTo(d("99.01").multiply(BigDecimal.valueOf(trades)).subtract(paid));
        assertThat(seller.position()).isEqualTo(-trades);
        // money is conserved between the two
        assertThat(buyer.equity().add(seller.equity())).isEqualTo(d("20000.00"));
    }

    private static TraderRow trader(MarketPicture view, String traderId) {
        return view.traders().stream().filter(t -> t.traderId().equals(traderId)).findFirst().orElseThrow();
    }
}
