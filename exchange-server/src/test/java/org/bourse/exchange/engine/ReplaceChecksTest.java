package org.bourse.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.exchange.engine.EngineHarness.level;
import static org.bourse.exchange.engine.EngineHarness.orderId;
import static org.bourse.exchange.engine.EngineHarness.single;
import static org.bourse.exchange.engine.EngineHarness.types;

import java.util.List;
import java.util.Map;
import org.bourse.api.Side;
import org.bourse.exchange.engine.EngineEvent.BookUpdate;
import org.bourse.exchange.engine.EngineEvent.OrderReplaced;
import org.bourse.exchange.engine.EngineEvent.ReplaceRejected;
import org.junit.jupiter.api.Test;

/**
 * The pre-trade checks a replace goes through: the order as it would be after the replace is held to the same
 * limits as a new order, except that a smaller quantity at the same price is always allowed. A refused replace
 * leaves the order as it was.
 */
class ReplaceChecksTest {

    /** Enough cash that the margin check never interferes with the limit under test. */
    private static final EngineConfig RICH = EngineConfig.defaults().withStartingCash(1_000_000_000);

    private final EngineHarness h = new EngineHarness(RICH);

    private ReplaceRejected rejected(List<EngineEvent> events) {
        assertThat(events).hasSize(1);
        return single(events, ReplaceRejected.class);
    }

    @Test
    void theNewQuantityIsHeldToTheLargestOrder() {
        long id = orderId(h.buy("t", 9_990, 10));

        assertThat(h.replace("t", id, 0, 1_001)).containsExactly(new ReplaceRejected(h.lastTimestamp(), "t", id,
                null, RejectReason.MAX_ORDER_QTY_EXCEEDED, Map.of("qty", 1_001L, "max_order_qty", 1_000L)));
        assertThat(h.levels(Side.BUY)).containsExactly(level(9_990, 10));
        assertThat(types(h.replace("t", id, 0, 1_000))).containsExactly(OrderReplaced.class, BookUpdate.class);

        EngineHarness unlimited = new EngineHarness(RICH.withLimits(0, 0, 0, 0));
        long big = orderId(unlimited.buy("t", 9_990, 10));
        assertThat(types(unlimited.replace("t", big, 0, 5_000))).containsExactly(OrderReplaced.class,
                BookUpdate.class);
    }

    @Test
    void theNewQuantityIsHeldToThePositionLimitWithTheTradersOtherOrdersOnThatSide() {
        EngineHarness h = new EngineHarness(RICH.withLimits(0, 1_000, 1_000, 200)); // no largest order
        h.sell("m", 10_000, 300);
        h.buy("t", 10_000, 300); // position +300
        long bid = orderId(h.buy("t", 9_990, 400));
        h.buy("t", 9_980, 200);
        long ask = orderId(h.sell("t", 10_100, 500));

        // 300 held + 200 on the other bid + 501 = 1 001; the 400 being replaced no longer counts
        assertThat(rejected(h.replace("t", bid, 0, 501)))
                .extracting(ReplaceRejected::reason, ReplaceRejected::details)
                .containsExactly(RejectReason.MAX_POSITION_EXCEEDED,
                        Map.of("projected_position", 1_001L, "max_position", 1_000L));
        assertThat(types(h.replace("t", bid, 0, 500))).containsExactly(OrderReplaced.class, BookUpdate.class);
        // on the sell side the bids do not count: 300 - 1 301 = -1 001
        assertThat(rejected(h.replace("t", ask, 0, 1_301)).details())
                .isEqualTo(Map.of("projected_position", -1_001L, "max_position", 1_000L));
        assertThat(types(h.replace("t", ask, 0, 1_300))).containsExactly(OrderReplaced.class, BookUpdate.class);
    }

    @Test
    void theReplacedOrderNeedsInitialMarginAtItsNewPriceOnTheProjectedPosition() {
        EngineHarness h = new EngineHarness(EngineConfig.defaults().withStartingCash(6_000));
        h.buy("t", 9_990, 1);
        long bid = orderId(h.buy("t", 10_000, 1));

        // 1 + 2 lots at 10 000 x 20 % = 6 000: exactly the equity
        assertThat(types(h.replace("t", bid, 0, 2))).containsExactly(OrderReplaced.class, BookUpdate.class);
        // the same 3 lots priced at 10 001: 6 000.6, rounded up
        assertThat(rejected(h.replace("t", bid, 10_001, 0)))
                .extracting(ReplaceRejected::reason, ReplaceRejected::details)
                .containsExactly(RejectReason.INITIAL_MARGIN_INSUFFICIENT,
                        Map.of("equity", 6_000L, "required_margin", 6_001L));
        assertThat(h.levels(Side.BUY)).containsExactly(level(10_000, 2), level(9_990, 1));
    }

    @Test
    void aTraderUnderWaterMayShrinkAnOrderButNotGrowOrMoveIt() {
        // reference price 100, 1 000 cash, margins 20 % / 10 %, no limits
        EngineHarness h = new EngineHarness(EngineConfig.defaults().withInitialReferencePrice(100)
                .withStartingCash(1_000).withLimits(0, 0, 0, 0));
        h.sell("m", 100, 10);
        h.buy("t", 100, 10); // long 10, cash 0
        long bid = orderId(h.buy("t", 50, 89)); // 99 lots at 50 need 990 of the 1 000
        h.buy("x", 89, 1);
        h.sell("y", 91, 1);
        assertThat(h.mark()).isEqualTo(90); // t's equity: 900, below what its bid needs, above maintenance (90)

        assertThat(types(h.replace("t", bid, 0, 88))).containsExactly(OrderReplaced.class, BookUpdate.class);
        assertThat(types(h.replace("t", bid, 50, 88))).as("unchanged").containsExactly(OrderReplaced.class);
        // 99 lots at 50: 990
        assertThat(rejected(h.replace("t", bid, 0, 89)).details())
                .isEqualTo(Map.of("equity", 900L, "required_margin", 990L));
        // 98 lots at 51: 999.6
        assertThat(rejected(h.replace("t", bid, 51, 0)).details())
                .isEqualTo(Map.of("equity", 900L, "required_margin", 1_000L));
        assertThat(h.levels(Side.BUY)).containsExactly(level(89, 1), level(50, 88));
    }

    @Test
    void aPostOnlyOrderMayNotBeReplacedToAPriceThatWouldTake() {
        long bid = orderId(h.postOnly("t", Side.BUY, 9_990, 5));
        long ask = orderId(h.postOnly("u", Side.SELL, 10_030, 5));
        h.sell("m", 10_010, 2);
        h.buy("n", 9_995, 2);

        assertThat(h.replace("t", bid, 10_010, 0)).containsExactly(new ReplaceRejected(h.lastTimestamp(), "t", bid,
                null, RejectReason.POST_ONLY_WOULD_TAKE, Map.of("best_opposite_price", 10_010L)));
        assertThat(rejected(h.replace("u", ask, 9_995, 0)).details())
                .isEqualTo(Map.of("best_opposite_price", 9_995L));
        assertThat(h.levels(Side.BUY)).containsExactly(level(9_995, 2), level(9_990, 5));
        assertThat(h.levels(Side.SELL)).containsExactly(level(10_010, 2), level(10_030, 5));

        // just short of the other side it stays passive
        assertThat(types(h.replace("t", bid, 10_009, 0))).containsExactly(OrderReplaced.class, BookUpdate.class);
        assertThat(types(h.replace("u", ask, 10_010, 0))).containsExactly(OrderReplaced.class, BookUpdate.class);
    }
}
