package org.bourse.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.exchange.engine.EngineHarness.firstOrderRejected;
import static org.bourse.exchange.engine.EngineHarness.only;
import static org.bourse.exchange.engine.EngineHarness.single;
import static org.bourse.exchange.engine.EngineHarness.types;

import java.util.List;
import java.util.Map;
import org.bourse.api.Side;
import org.bourse.exchange.engine.EngineEvent.AccountUpdate;
import org.bourse.exchange.engine.EngineEvent.BookUpdate;
import org.bourse.exchange.engine.EngineEvent.OrderAccepted;
import org.bourse.exchange.engine.EngineEvent.OrderRejected;
import org.junit.jupiter.api.Test;

/** Initial margin, the accounting behind equity, and the mark that values positions. */
class MarginTest {

    /** Reference price 100 ticks, 1 000 cash, IM 20 %, MM 10 %, no risk limits: numbers one can follow. */
    private static final EngineConfig SMALL = EngineConfig.defaults().withInitialReferencePrice(100)
            .withStartingCash(1_000).withLimits(0, 0, 0, 0);

    private static OrderRejected rejected(List<EngineEvent> events) {
        assertThat(events).hasSize(1);
        return single(events, OrderRejected.class);
    }

    private static void assertCashIdentity(Engine engine) {
        for (int i = 0; i < engine.accountCount(); i++) {
            Account a = engine.accountAt(i);
            assertThat(a.cash()).as("cash identity of %s", a)
                    .isEqualTo(engine.config().startingCash() - a.costBasis() + a.realizedPnl());
        }
    }

    @Test
    void initialMarginIsRequiredOnTheProjectedPositionRoundedUp() {
        EngineHarness h = new EngineHarness(EngineConfig.defaults().withStartingCash(6_000));
        assertThat(types(h.buy("t", 10_000, 2))).containsExactly(OrderAccepted.class, BookUpdate.class,
                AccountUpdate.class);

        // projected 2 resting + 1 = 3 lots: 3 x 10 001 x 20 % = 6 000.6, rounded up to 6 001 > 6 000
        assertThat(h.buy("t", 10_001, 1)).containsExactly(new OrderRejected(h.lastTimestamp(), "t", "t-2",
                RejectReason.INITIAL_MARGIN_INSUFFICIENT, Map.of("equity", 6_000L, "required_margin", 6_001L)));

        EngineHarness richer = new EngineHarness(EngineConfig.defaults().withStartingCash(6_001));
        richer.buy("t", 10_000, 2);
        assertThat(types(richer.buy("t", 10_001, 1))).containsExactly(OrderAccepted.class, BookUpdate.class);
    }

    @Test
    void marketOrderMarginIsPricedAtTheMark() {
        EngineHarness h = new EngineHarness(SMALL);
        h.sell("m", 110, 40);
        // 51 x mark 100 x 20 % = 1 020 > 1 000 (the mark is still the reference price: the book is one-sided)
        assertThat(firstOrderRejected(h.market("t", Side.BUY, 51)).details())
                .isEqualTo(Map.of("equity", 1_000L, "required_margin", 1_020L));
        // 50 x 100 x 20 % = 1 000 passes, although 50 x 110 x 20 % would not
        assertThat(h.market("t", Side.BUY, 50).get(0)).isInstanceOf(OrderAccepted.class);
        assertThat(h.account("t").position()).isEqualTo(40);
    }

    @Test
    void aTraderUnderWaterMayReduceButNotAddOrFlipBeyondWhatItsEquityCarries() {
        EngineHarness h = new EngineHarness(SMALL);
        h.sell("m", 100, 40);
        h.buy("a", 100, 40); // cash -3 000, equity 1 000 at 100
        h.buy("x", 89, 1);
        h.sell("y", 91, 1);
        assertThat(h.mark()).isEqualTo(90);
        // equity 600 < initial 720 (40 x 90 x 20 %), but above maintenance 360: under water, not liquidated
        assertThat(h.account("a").equity(90)).isEqualTo(600);
        assertThat(h.all).noneMatch(e -> e instanceof EngineEvent.Liquidation);

        assertThat(rejected(h.buy("a", 90, 1)).details())
                .isEqualTo(Map.of("equity", 600L, "required_margin", 738L)); // 41 x 90 x 20 %
        // a flip to short 39 is smaller than the long 40, but it is new risk, not a reduction
        assertThat(rejected(h.sell("a", 95, 79)).details())
                .isEqualTo(Map.of("equity", 600L, "required_margin", 741L)); // short 39 x 95 x 20 %
        assertThat(types(h.sell("a", 95, 30))).containsExactly(OrderAccepted.class, BookUpdate.class);
        assertThat(types(h.sell("a", 96, 10))).as("down to flat, counting the open 30")
                .containsExactly(OrderAccepted.class, BookUpdate.class);
        // beyond flat it is margin-checked like any new risk: short 4 needs 77 (4 x 96 x 20 %), which 600 covers
        assertThat(types(h.sell("a", 96, 4))).containsExactly(OrderAccepted.class, BookUpdate.class);
    }

    @Test
    void cashMovesByNotionalAndPnlIsRealizedAtAverageCost() {
        EngineHarness h = new EngineHarness(SMALL.withStartingCash(100_000));
        h.sell("c", 100, 2);
        h.buy("t", 100, 2);
        h.sell("c", 103, 1);
        h.buy("t", 103, 1);
        Account t = h.account("t");
        assertThat(t.cash()).isEqualTo(100_000 - 200 - 103);
        assertThat(t.costBasis()).isEqualTo(303); // average entry 101
        assertThat(t.realizedPnl()).isZero();

        // partial close: 2 of 3 lots carry 2/3 of the cost basis, 202
        h.buy("c", 110, 2);
        h.sell("t", 110, 2);
        assertThat(t.position()).isEqualTo(1);
        assertThat(t.costBasis()).isEqualTo(101);
        assertThat(t.realizedPnl()).isEqualTo(220 - 202);
        assertThat(t.cash()).isEqualTo(99_697 + 220);

        // flip from long 1 to short 2: the long closes at a profit of 4, the short opens at 105
        h.buy("c", 105, 3);
        List<EngineEvent> flip = h.sell("t", 105, 3);
        assertThat(t.position()).isEqualTo(-2);
        assertThat(t.costBasis()).isEqualTo(-210);
        assertThat(t.realizedPnl()).isEqualTo(22);
        assertThat(t.cash()).isEqualTo(99_917 + 315);
        AccountUpdate update = only(flip, AccountUpdate.class).stream()
                .filter(u -> u.traderId().equals("t")).findFirst().orElseThrow();
        // book empty: the mark is the last trade, 105, so nothing is unrealized
        assertThat(update).isEqualTo(new AccountUpdate(update.seq(), update.timestamp(), "t", -2, 100_232, -210,
                22, 0, 100_232 - 210, 105));

        // a two-sided book from others: mark = mid 97; short 2 from 105 gains 16
        h.buy("u", 95, 1);
        h.sell("v", 99, 1);
        assertThat(h.mark()).isEqualTo(97);
        assertThat(t.unrealizedPnl(97)).isEqualTo(-2 * 97 + 210).isEqualTo(16);
        assertThat(t.equity(97)).isEqualTo(100_232 - 2 * 97).isEqualTo(100_000 + 22 + 16);
        assertCashIdentity(h.engine);
    }

    @Test
    void roundingOfPartialClosesNeverLeaksMoney() {
        EngineHarness h = new EngineHarness(SMALL.withStartingCash(100_000));
        h.sell("c", 100, 1);
        h.sell("c", 101, 2);
        h.buy("t", 101, 3); // cost 302, average 100.67
        h.buy("c", 100, 3);

        h.sell("t", 100, 1); // closes a third of 302: 100 (rounded toward zero)
        Account t = h.account("t");
        assertThat(t.costBasis()).isEqualTo(202);
        assertThat(t.realizedPnl()).isZero();
        assertCashIdentity(h.engine);

        h.sell("t", 100, 2); // the rest carries what was not yet closed: 300 - 302 = -2 in total
        assertThat(t.position()).isZero();
        assertThat(t.costBasis()).isZero();
        assertThat(t.realizedPnl()).isEqualTo(-2);
        assertThat(t.cash()).isEqualTo(100_000 - 2);
        assertCashIdentity(h.engine);
    }

    @Test
    void markIsTheMidRoundedDownElseTheLastTradeElseTheReferencePrice() {
        EngineHarness h = new EngineHarness(SMALL.withStartingCash(100_000));
        assertThat(h.mark()).isEqualTo(100);
        h.buy("a", 95, 1);
        assertThat(h.mark()).as("one-sided, no trade yet").isEqualTo(100);
        h.sell("b", 120, 1);
        assertThat(h.mark()).isEqualTo(107); // (95 + 120) / 2 = 107.5
        h.buy("c", 120, 1);
        assertThat(h.mark()).as("one-sided again: last trade").isEqualTo(120);
        h.sell("d", 95, 1);
        assertThat(h.mark()).as("sold into the bid at 95: empty book, last trade").isEqualTo(95);
        h.sell("d", 99, 1);
        assertThat(h.mark()).as("one-sided").isEqualTo(95);
        h.buy("e", 96, 1);
        assertThat(h.mark()).isEqualTo(97); // (96 + 99) / 2 = 97.5
    }

    @Test
    void aHugeQuantityCannotOverflowTheMarginCheck() {
        // 922 337 203 685 477 lots x 10 000 ticks x 1 bps is just below Long.MAX_VALUE: the rounding up of the
        // required margin must not wrap it to a negative number
        EngineHarness h = new EngineHarness(EngineConfig.defaults().withMargins(1, 1).withLimits(0, 0, 0, 0));
        long lots = 922_337_203_685_477L;
        assertThat(firstOrderRejected(h.buy("t", 10_000, lots)).details())
                .isEqualTo(Map.of("equity", 1_000_000L, "required_margin", lots));
    }

    @Test
    void openQuantityPlusAHugeOrderCannotWrapAround() {
        EngineHarness h = new EngineHarness(EngineConfig.defaults().withLimits(0, 0, 0, 0));
        h.buy("t", 10_000, 1);
        h.sell("t", 10_100, 1);
        h.buy("b", 9_990, 1); // something for a market sell to hit

        assertThat(rejected(h.buy("t", 10_000, Long.MAX_VALUE)).reason())
                .isEqualTo(RejectReason.INITIAL_MARGIN_INSUFFICIENT);
        assertThat(rejected(h.sell("t", 10_100, Long.MAX_VALUE)).reason())
                .isEqualTo(RejectReason.INITIAL_MARGIN_INSUFFICIENT);
        assertThat(rejected(h.market("t", Side.SELL, Long.MAX_VALUE)).reason())
                .isEqualTo(RejectReason.INITIAL_MARGIN_INSUFFICIENT);
    }
}
