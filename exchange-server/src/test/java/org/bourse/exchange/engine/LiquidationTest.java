package org.bourse.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.bourse.exchange.engine.EngineHarness.level;
import static org.bourse.exchange.engine.EngineHarness.only;
import static org.bourse.exchange.engine.EngineHarness.orderId;
import static org.bourse.exchange.engine.EngineHarness.single;
import static org.bourse.exchange.engine.EngineHarness.types;

import java.util.List;
import java.util.Map;
import org.bourse.api.Side;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.engine.EngineEvent.AccountUpdate;
import org.bourse.exchange.engine.EngineEvent.BookUpdate;
import org.bourse.exchange.engine.EngineEvent.Fill;
import org.bourse.exchange.engine.EngineEvent.Liquidation;
import org.bourse.exchange.engine.EngineEvent.OrderAccepted;
import org.bourse.exchange.engine.EngineEvent.OrderCancelled;
import org.bourse.exchange.engine.EngineEvent.OrderRejected;
import org.bourse.exchange.engine.EngineEvent.Sequenced;
import org.bourse.exchange.engine.EngineEvent.Trade;
import org.bourse.protocol.LiquidationReason;
import org.junit.jupiter.api.Test;

/**
 * Maintenance margin and liquidation. Every scenario starts the same way: with 1 000 cash each, passive trader
 * "p" buys 40 lots at 100 from "m" (IM 20 %: 800 of its 1 000 equity), so p holds 40 lots with cash -3 000 and
 * equity {@code -3000 + 40 x mark}. Maintenance is 10 %: {@code 4 x mark}, breached once the mark is 83 or lower
 * (320 &lt; 332), not at 84 (360 &ge; 336). p then sends nothing; other traders move the mark.
 */
class LiquidationTest {

    private static final long T = 20_000;
    private static final long COOL_DOWN = 5_000;
    private static final EngineConfig CONFIG = EngineConfig.defaults().withInitialReferencePrice(100)
            .withStartingCash(1_000).withLimits(0, 0, 0, 0).withLiquidationCooldownMillis(COOL_DOWN);

    private final EngineHarness h = new EngineHarness(CONFIG);

    private void leveragedLong() {
        h.at(10_000).sell("m", 100, 40);
        h.buy("p", 100, 40);
        assertThat(h.account("p").position()).isEqualTo(40);
        assertThat(h.account("p").cash()).isEqualTo(-3_000);
    }

    private static void assertConsecutiveSeqs(List<EngineEvent> events) {
        List<Long> seqs = events.stream().filter(Sequenced.class::isInstance).map(e -> ((Sequenced) e).seq())
                .toList();
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
        }
    }

    @Test
    void aPassiveTraderIsLiquidatedWhenOthersMoveTheMark() {
        leveragedLong();
        long restingBid = orderId(h.buy("p", 50, 1)); // far from the touch: does not move the mark
        long xBid = orderId(h.buy("x", 82, 5));
        assertThat(h.mark()).isEqualTo(100);

        List<EngineEvent> events = h.at(T).sell("y", 84, 5); // mid 83; y's first order opens its account

        assertThat(types(events)).containsExactly(OrderAccepted.class, BookUpdate.class, AccountUpdate.class,
                OrderCancelled.class, Liquidation.class, Trade.class, BookUpdate.class, AccountUpdate.class,
                AccountUpdate.class);
        assertThat(single(events, OrderCancelled.class))
                .isEqualTo(new OrderCancelled(T, restingBid, "p", "p-2", 1, CancelReason.LIQUIDATION));
        // equity 320: selling 2 leaves 38 x 83 x 10 % = 315.4 <= 320; selling 1 would leave 323.7 > 320
        Liquidation liquidation = single(events, Liquidation.class);
        assertThat(liquidation).isEqualTo(new Liquidation(liquidation.seq(), T, "p",
                LiquidationReason.MAINTENANCE_MARGIN_BREACH, Side.SELL, 2, liquidation.orderId()));
        Trade trade = single(events, Trade.class);
        assertThat(trade.price()).isEqualTo(82);
        assertThat(trade.quantity()).isEqualTo(2);
        assertThat(trade.sell()).isEqualTo(new Fill(liquidation.orderId(), "p", null, Side.SELL, 0, false));
        assertThat(trade.buy().orderId()).isEqualTo(xBid);
        assertThat(only(events, BookUpdate.class).get(1).bids()).containsExactly(level(82, 3));
        assertThat(only(events, AccountUpdate.class)).extracting(AccountUpdate::traderId)
                .containsExactly("y", "x", "p");
        assertConsecutiveSeqs(events);

        Account p = h.account("p");
        assertThat(p.position()).isEqualTo(38);
        assertThat(p.cash()).isEqualTo(-3_000 + 164);
        assertThat(p.bankrupt()).isFalse();
        assertThat(p.frozenUntil()).isEqualTo(T + COOL_DOWN);
        assertThat(h.engine.book().openOrderCount(p.index())).isZero();
    }

    @Test
    void aLongIsLeftAloneAtTheLowestSafeMarkAndLiquidatedOneTickBelow() {
        leveragedLong();
        h.buy("x", 83, 5);

        assertThat(h.sell("y", 85, 5)).noneMatch(Liquidation.class::isInstance); // mid 84: 360 >= 336
        assertThat(h.mark()).isEqualTo(84);

        List<EngineEvent> events = h.sell("y2", 84, 1); // mid 83
        assertThat(single(events, Liquidation.class).traderId()).isEqualTo("p");
    }

    @Test
    void aShortIsLeftAloneAtTheHighestSafeMarkAndLiquidatedOneTickAbove() {
        h.at(10_000).buy("m", 100, 40);
        h.sell("p", 100, 40); // short 40, cash 5 000: equity 5 000 - 40 x mark, breached from 114 up
        h.sell("x", 115, 5);

        assertThat(h.buy("y", 111, 5)).noneMatch(Liquidation.class::isInstance); // mid 113: 480 >= 452
        assertThat(h.mark()).isEqualTo(113);

        List<EngineEvent> events = h.buy("y2", 113, 1); // mid 114
        assertThat(single(events, Liquidation.class).traderId()).isEqualTo("p");
    }

    @Test
    void aCancelThatMovesTheMarkTriggersLiquidationToo() {
        leveragedLong();
        h.buy("x", 81, 5);
        long high = orderId(h.buy("x3", 85, 1));
        assertThat(h.sell("y", 86, 5)).noneMatch(Liquidation.class::isInstance); // mid 85: 400 >= 340
        assertThat(h.mark()).isEqualTo(85);

        List<EngineEvent> events = h.cancel("x3", high); // mid (81 + 86) / 2 = 83

        assertThat(types(events)).containsExactly(OrderCancelled.class, BookUpdate.class, Liquidation.class,
                Trade.class, BookUpdate.class, AccountUpdate.class, AccountUpdate.class);
        assertThat(single(events, Liquidation.class).quantity()).isEqualTo(2);
        assertThat(single(events, Trade.class).price()).isEqualTo(81);
        assertThat(h.account("p").position()).isEqualTo(38);
    }

    @Test
    void forceFlattenWhenTheRestoringSaleStillLeavesABreach() {
        leveragedLong();
        h.buy("x", 82, 1);
        h.buy("x2", 80, 40);

        List<EngineEvent> events = h.at(T).sell("y", 84, 5); // mid 83; y's first order opens its account

        assertThat(types(events)).containsExactly(OrderAccepted.class, BookUpdate.class, AccountUpdate.class,
                Liquidation.class, Trade.class, Trade.class, BookUpdate.class,
                AccountUpdate.class, AccountUpdate.class, AccountUpdate.class,
                Liquidation.class, Trade.class, BookUpdate.class, AccountUpdate.class, AccountUpdate.class);
        List<Liquidation> liquidations = only(events, Liquidation.class);
        assertThat(liquidations).extracting(Liquidation::reason, Liquidation::side, Liquidation::quantity)
                .containsExactly(
                        tuple(LiquidationReason.MAINTENANCE_MARGIN_BREACH, Side.SELL, 2L),
                        // sold 1 at 82 and 1 at 80: mid (80 + 84) / 2 = 82, equity -2 838 + 38 x 82 = 278 < 311.6
                        tuple(
                                LiquidationReason.MAINTENANCE_MARGIN_BREACH_FORCE_FLATTEN, Side.SELL, 38L));
        assertThat(only(events, Trade.class)).extracting(Trade::price, Trade::quantity).containsExactly(
                tuple(82L, 1L), tuple(80L, 1L),
                tuple(80L, 38L));
        assertConsecutiveSeqs(events);

        Account p = h.account("p");
        assertThat(p.position()).isZero();
        assertThat(p.cash()).isEqualTo(-3_000 + 82 + 80 + 38 * 80).isEqualTo(202);
        assertThat(p.bankrupt()).isFalse();
    }

    @Test
    void flatWithEquityOfExactlyZeroIsNotBankrupt() {
        leveragedLong();
        h.buy("x", 75, 40);

        List<EngineEvent> events = h.at(T).sell("y", 91, 5); // mid 83

        // 2 then 38 sold at 75: the 3 000 of debt exactly repaid
        assertThat(only(events, Liquidation.class)).extracting(Liquidation::reason, Liquidation::quantity)
                .containsExactly(tuple(LiquidationReason.MAINTENANCE_MARGIN_BREACH, 2L),
                        tuple(LiquidationReason.MAINTENANCE_MARGIN_BREACH_FORCE_FLATTEN, 38L));
        Account p = h.account("p");
        assertThat(p.position()).isZero();
        assertThat(p.cash()).isZero();
        assertThat(p.bankrupt()).isFalse();
        // after the cool-down its orders are judged on their merits: no margin, no new risk
        assertThat(h.at(T + COOL_DOWN).buy("p", 80, 1)).containsExactly(new OrderRejected(T + COOL_DOWN, "p", "p-2",
                RejectReason.INITIAL_MARGIN_INSUFFICIENT, Map.of("equity", 0L, "required_margin", 16L)));
    }

    @Test
    void bankruptcyWhenEquityStaysNegativeAndEveryLaterOrderIsRefused() {
        leveragedLong();
        h.buy("x", 82, 1);
        h.buy("x2", 40, 10);

        List<EngineEvent> events = h.at(T).sell("y", 84, 5); // mid 83

        List<Liquidation> liquidations = only(events, Liquidation.class);
        assertThat(liquidations).extracting(Liquidation::reason, Liquidation::side, Liquidation::quantity)
                .containsExactly(
                        tuple(LiquidationReason.MAINTENANCE_MARGIN_BREACH, Side.SELL, 2L),
                        // 1 at 82, 1 at 40: mid 62, equity -2 878 + 38 x 62 = -522
                        tuple(
                                LiquidationReason.MAINTENANCE_MARGIN_BREACH_FORCE_FLATTEN, Side.SELL, 38L),
                        // 9 more at 40, then the bids are gone: 29 left, valued at the last trade 40:
                        // -2 518 + 29 x 40 = -1 358
                        tuple(LiquidationReason.BANKRUPTCY, Side.SELL, 29L));
        assertThat(liquidations.get(2).orderId()).as("no order follows a bankruptcy").isZero();
        assertThat(events.get(events.size() - 1)).isEqualTo(liquidations.get(2));
        assertThat(single(events, OrderCancelled.class))
                .extracting(OrderCancelled::orderId, OrderCancelled::quantity, OrderCancelled::reason)
                .containsExactly(liquidations.get(1).orderId(), 29L, CancelReason.MARKET_REMAINDER);
        assertConsecutiveSeqs(events);

        Account p = h.account("p");
        assertThat(p.bankrupt()).isTrue();
        assertThat(p.toString()).endsWith(" bankrupt}");
        assertThat(p.position()).isEqualTo(29);
        assertThat(p.equity(h.mark())).isEqualTo(-1_358);

        // long after the cool-down, and whatever it sends
        h.at(T + 10 * COOL_DOWN);
        assertThat(h.sell("p", 84, 1)).containsExactly(new OrderRejected(h.lastTimestamp(), "p", "p-2",
                RejectReason.ACCOUNT_BANKRUPT, Map.of()));
        assertThat(single(h.market("p", Side.SELL, 1), OrderRejected.class).reason())
                .isEqualTo(RejectReason.ACCOUNT_BANKRUPT);
        // and the mark moving further never liquidates it again
        h.buy("z", 30, 1);
        h.sell("z2", 31, 1);
        assertThat(h.all.stream().filter(Liquidation.class::isInstance)).hasSize(3);
    }

    @Test
    void aTraderStillInBreachAfterItsLiquidationIsLiquidatedAgainByTheNextCommandThatIsCarriedOut() {
        leveragedLong();
        h.buy("x", 82, 1);
        h.buy("x2", 80, 2);
        // mid 83: 2 sold (82, 80), then the force-flatten finds 1 more at 80 and its 37 others are cancelled
        List<EngineEvent> first = h.at(T).sell("y", 84, 5);
        assertThat(only(first, Liquidation.class)).hasSize(2);
        assertThat(single(first, OrderCancelled.class).reason()).isEqualTo(CancelReason.MARKET_REMAINDER);
        Account p = h.account("p");
        assertThat(p.position()).isEqualTo(37);
        // no bids left: the mark is the last trade, 80; equity -2 758 + 37 x 80 = 202, below 10 % of 2 960
        assertThat(p.equity(h.mark())).isEqualTo(202);
        assertThat(p.bankrupt()).isFalse();

        // a refused command is not carried out: no check
        assertThat(only(h.at(T + 1).cancel("y", 999), Liquidation.class)).isEmpty();
        // one carried out is, even when it changes nothing (x has no order left), well within p's cool-down
        List<EngineEvent> next = h.at(T + 2).cancelAll("x");

        assertThat(only(next, Liquidation.class)).extracting(Liquidation::reason, Liquidation::quantity)
                .containsExactly(tuple(LiquidationReason.MAINTENANCE_MARGIN_BREACH, 12L),
                        tuple(LiquidationReason.MAINTENANCE_MARGIN_BREACH_FORCE_FLATTEN, 37L));
        assertThat(only(next, OrderCancelled.class)).extracting(OrderCancelled::reason)
                .containsOnly(CancelReason.MARKET_REMAINDER);
        assertThat(only(next, Trade.class)).isEmpty();
        assertThat(h.account("p").position()).isEqualTo(37);
    }

    @Test
    void aLiquidatedAccountIsFrozenForTheCoolDownThenTradesAgain() {
        leveragedLong();
        h.buy("x", 82, 5);
        h.at(T).sell("y", 84, 5);
        assertThat(h.account("p").position()).isEqualTo(38);

        assertThat(h.at(T + 1).sell("p", 90, 1)).containsExactly(new OrderRejected(T + 1, "p", "p-2",
                RejectReason.ACCOUNT_FROZEN, Map.of("frozen_until", T + COOL_DOWN)));
        assertThat(single(h.at(T + COOL_DOWN - 1).sell("p", 90, 1), OrderRejected.class).reason())
                .isEqualTo(RejectReason.ACCOUNT_FROZEN);

        assertThat(types(h.at(T + COOL_DOWN).sell("p", 90, 1))) // reduces: allowed although under water
                .containsExactly(OrderAccepted.class, BookUpdate.class);
    }

    @Test
    void nobodyIsLiquidatedWhileTradingIsHaltedButTheCheckRunsOnResume() {
        leveragedLong();
        h.buy("x", 81, 5);
        long high = orderId(h.buy("x3", 85, 1));
        h.sell("y", 86, 5);
        h.halt(true);

        assertThat(h.cancel("x3", high)).noneMatch(Liquidation.class::isInstance); // mid 83, but halted
        List<EngineEvent> resume = h.halt(false);

        assertThat(types(resume)).containsExactly(EngineEvent.TradingStatus.class, Liquidation.class, Trade.class,
                BookUpdate.class, AccountUpdate.class, AccountUpdate.class);
        assertThat(h.account("p").position()).isEqualTo(38);
    }

    @Test
    void aShortIsLiquidatedByBuyingWhenTheMarkRises() {
        h.at(10_000).buy("m", 100, 40);
        h.sell("p", 100, 40); // short 40, cash 5 000: equity 5 000 - 40 x mark, breached from 114 up
        h.sell("x", 115, 5);

        List<EngineEvent> events = h.at(T).buy("y", 113, 5); // mid 114: equity 440 < 456

        Liquidation liquidation = single(events, Liquidation.class);
        // keep 38: 38 x 114 x 10 % = 433.2 <= 440, 39 would need 444.6
        assertThat(liquidation).extracting(Liquidation::reason, Liquidation::side, Liquidation::quantity)
                .containsExactly(LiquidationReason.MAINTENANCE_MARGIN_BREACH, Side.BUY, 2L);
        Trade trade = single(events, Trade.class);
        assertThat(trade).extracting(Trade::price, Trade::quantity, Trade::aggressorSide)
                .containsExactly(115L, 2L, Side.BUY);
        assertThat(h.account("p").position()).isEqualTo(-38);
        assertThat(h.account("p").cash()).isEqualTo(5_000 - 230);
    }

    @Test
    void aLiquidationThatMovesTheMarkLiquidatesTheNextTraderInTheSameCommand() {
        leveragedLong();
        h.sell("m2", 100, 30);
        h.buy("q", 100, 30); // q: 30 lots, cash -2 000, breached only from 74 down
        h.buy("x", 82, 1);
        h.buy("x2", 60, 50);

        List<EngineEvent> events = h.at(T).sell("y", 84, 5); // mid 83: only p is in breach

        assertThat(only(events, Liquidation.class))
                .extracting(Liquidation::traderId, Liquidation::reason, Liquidation::quantity)
                .containsExactly(
                        tuple("p", LiquidationReason.MAINTENANCE_MARGIN_BREACH, 2L),
                        tuple("p", LiquidationReason.MAINTENANCE_MARGIN_BREACH_FORCE_FLATTEN, 38L),
                        tuple("p", LiquidationReason.BANKRUPTCY, 0L),
                        // p's sales leave bids at 60 only: mid 72, q's equity 160 < 216 (7.2 a lot): keep 22
                        tuple("q", LiquidationReason.MAINTENANCE_MARGIN_BREACH, 8L),
                        // 8 sold at 60, not at 72: equity -1 520 + 22 x 72 = 64 < 158.4
                        tuple("q", LiquidationReason.MAINTENANCE_MARGIN_BREACH_FORCE_FLATTEN, 22L),
                        // 3 more at 60, then no bids: mark 60, equity -1 340 + 19 x 60 = -200
                        tuple("q", LiquidationReason.BANKRUPTCY, 19L));
        assertConsecutiveSeqs(events);
        assertThat(h.account("p").position()).isZero();
        assertThat(h.account("p").cash()).as("flat, but in debt").isEqualTo(-578);
        assertThat(h.account("q").position()).isEqualTo(19);
        assertThat(h.account("p").bankrupt()).isTrue();
        assertThat(h.account("q").bankrupt()).isTrue();
        long totalCash = 0;
        for (int i = 0; i < h.engine.accountCount(); i++) {
            totalCash += h.engine.accountAt(i).cash();
        }
        assertThat(totalCash).isEqualTo(h.engine.accountCount() * CONFIG.startingCash());
    }
}
