package org.bourse.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.exchange.engine.EngineHarness.firstOrderRejected;
import static org.bourse.exchange.engine.EngineHarness.level;
import static org.bourse.exchange.engine.EngineHarness.orderId;
import static org.bourse.exchange.engine.EngineHarness.single;
import static org.bourse.exchange.engine.EngineHarness.types;

import java.util.List;
import java.util.Map;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.engine.EngineEvent.AccountUpdate;
import org.bourse.exchange.engine.EngineEvent.AllOrdersCancelled;
import org.bourse.exchange.engine.EngineEvent.BookUpdate;
import org.bourse.exchange.engine.EngineEvent.OrderAccepted;
import org.bourse.exchange.engine.EngineEvent.OrderCancelled;
import org.bourse.exchange.engine.EngineEvent.OrderRejected;
import org.bourse.exchange.engine.EngineEvent.ReplaceRejected;
import org.bourse.exchange.engine.EngineEvent.TradingStatus;
import org.junit.jupiter.api.Test;

/**
 * Pre-trade checks, each with its reason and details. Defaults: at most 1 000 lots per order and of position,
 * limit prices within 10 % of the mark (reference 10 000), 200 resting orders per trader.
 */
class RiskLimitsTest {

    /** Enough cash that the margin check never interferes with the limit under test. */
    private static final EngineConfig RICH = EngineConfig.defaults().withStartingCash(1_000_000_000);

    private final EngineHarness h = new EngineHarness(RICH);

    private static OrderRejected rejected(List<EngineEvent> events) {
        assertThat(events).hasSize(1);
        return single(events, OrderRejected.class);
    }

    @Test
    void quantityMustBePositive() {
        assertThat(h.buy("t", 10_000, 0)).containsExactly(new OrderRejected(h.lastTimestamp(), "t", "t-1",
                RejectReason.INVALID_QUANTITY, Map.of("qty", 0L)), h.opened(1, h.lastTimestamp(), "t", 10_000));
        assertThat(rejected(h.market("t", Side.SELL, -3)).details()).isEqualTo(Map.of("qty", -3L));
    }

    @Test
    void limitPriceMustBePositive() {
        assertThat(firstOrderRejected(h.buy("t", 0, 1))).extracting(OrderRejected::reason, OrderRejected::details)
                .containsExactly(RejectReason.INVALID_PRICE, Map.of("price", 0L));
        assertThat(rejected(h.sell("t", -5, 1)).details()).isEqualTo(Map.of("price", -5L));
        long id = orderId(h.buy("t", 10_000, 1));
        assertThat(single(h.replace("t", id, -5, 0), ReplaceRejected.class))
                .extracting(ReplaceRejected::reason, ReplaceRejected::details)
                .containsExactly(RejectReason.INVALID_PRICE, Map.of("price", -5L));
        assertThat(single(h.replace("t", id, 0, -2), ReplaceRejected.class))
                .extracting(ReplaceRejected::reason, ReplaceRejected::details)
                .containsExactly(RejectReason.INVALID_QUANTITY, Map.of("qty", -2L));
    }

    @Test
    void orderQuantityIsLimited() {
        assertThat(firstOrderRejected(h.buy("t", 10_000, 1_001))).extracting(OrderRejected::reason, OrderRejected::details)
                .containsExactly(RejectReason.MAX_ORDER_QTY_EXCEEDED, Map.of("qty", 1_001L, "max_order_qty", 1_000L));
        assertThat(types(h.buy("t", 10_000, 1_000))).containsExactly(OrderAccepted.class, BookUpdate.class);
    }

    @Test
    void positionLimitCountsOpenOrdersOnTheSameSide() {
        h.sell("m", 10_000, 300);
        h.buy("t", 10_000, 300); // position +300
        h.buy("t", 9_990, 600); // resting: +900 if it fills

        assertThat(rejected(h.buy("t", 9_980, 101))).extracting(OrderRejected::reason, OrderRejected::details)
                .containsExactly(RejectReason.MAX_POSITION_EXCEEDED,
                        Map.of("projected_position", 1_001L, "max_position", 1_000L));
        assertThat(types(h.buy("t", 9_980, 100))).containsExactly(OrderAccepted.class, BookUpdate.class);
        // open buys do not count against a sell: 300 - 1000 = -700
        assertThat(types(h.sell("t", 10_100, 1_000))).containsExactly(OrderAccepted.class, BookUpdate.class);
        assertThat(rejected(h.sell("t", 10_100, 301)).details())
                .isEqualTo(Map.of("projected_position", -1_001L, "max_position", 1_000L));
    }

    @Test
    void limitPriceMustLieWithinTheBandAroundTheMark() {
        assertThat(firstOrderRejected(h.buy("t", 8_999, 1))).extracting(OrderRejected::reason, OrderRejected::details)
                .containsExactly(RejectReason.PRICE_OUT_OF_BAND,
                        Map.of("reference_price", 10_000L, "min_price", 9_000L, "max_price", 11_000L));
        assertThat(rejected(h.sell("t", 11_001, 1)).reason()).isEqualTo(RejectReason.PRICE_OUT_OF_BAND);
        long low = orderId(h.buy("t", 9_000, 1));
        h.sell("t", 11_000, 1);

        // the band follows the mark: mid of 10 400 / 10 600 = 10 500, band 9 450 .. 11 550
        h.buy("u", 10_400, 1);
        h.sell("u", 10_600, 1);
        assertThat(h.mark()).isEqualTo(10_500);
        assertThat(rejected(h.buy("t", 9_449, 1)).details())
                .isEqualTo(Map.of("reference_price", 10_500L, "min_price", 9_450L, "max_price", 11_550L));
        assertThat(types(h.sell("t", 11_550, 1))).containsExactly(OrderAccepted.class, BookUpdate.class);

        // a replace to a price out of the band is refused; the order keeps its old price
        assertThat(single(h.replace("t", low, 9_100, 0), ReplaceRejected.class))
                .extracting(ReplaceRejected::reason, ReplaceRejected::details)
                .containsExactly(RejectReason.PRICE_OUT_OF_BAND,
                        Map.of("reference_price", 10_500L, "min_price", 9_450L, "max_price", 11_550L));
        assertThat(h.engine.book().order(low).price()).isEqualTo(9_000);
        // market orders have no price to check
        assertThat(types(h.market("v", Side.SELL, 1)).get(0)).isEqualTo(OrderAccepted.class);
    }

    @Test
    void theBandsBoundsRoundInwardToTheTickGrid() {
        h.buy("u", 10_000, 1);
        h.sell("u", 10_011, 1);
        assertThat(h.mark()).isEqualTo(10_005); // mid 10 005.5, rounded down
        // 10 % of 10 005 ticks is 1 000.5: the band is 1 000 ticks each way, never more than 10 %
        assertThat(firstOrderRejected(h.buy("t", 9_004, 1)).details())
                .isEqualTo(Map.of("reference_price", 10_005L, "min_price", 9_005L, "max_price", 11_005L));
        assertThat(rejected(h.sell("t", 11_006, 1)).reason()).isEqualTo(RejectReason.PRICE_OUT_OF_BAND);
        assertThat(types(h.buy("t", 9_005, 1))).containsExactly(OrderAccepted.class, BookUpdate.class);
        assertThat(types(h.sell("t", 11_005, 1))).containsExactly(OrderAccepted.class, BookUpdate.class);
    }

    @Test
    void openOrdersPerTraderAreLimitedButImmediateOrdersDoNotCount() {
        EngineHarness h = new EngineHarness(RICH.withLimits(1_000, 1_000, 1_000, 3));
        long first = orderId(h.buy("t", 9_990, 1));
        h.buy("t", 9_980, 1);
        h.sell("t", 10_020, 1);

        assertThat(rejected(h.buy("t", 9_970, 1))).extracting(OrderRejected::reason, OrderRejected::details)
                .containsExactly(RejectReason.MAX_OPEN_ORDERS_EXCEEDED,
                        Map.of("open_orders", 3L, "max_open_orders", 3L));
        assertThat(types(h.limit("t", Side.BUY, 9_970, 1, TimeInForce.IOC)))
                .containsExactly(OrderAccepted.class, OrderCancelled.class);
        h.cancel("t", first);
        assertThat(types(h.buy("t", 9_970, 1))).containsExactly(OrderAccepted.class, BookUpdate.class);
    }

    @Test
    void killSwitchRefusesOrdersAndReplacesButNotCancels() {
        long resting = orderId(h.buy("t", 9_990, 2));
        h.buy("t", 9_980, 2);

        List<EngineEvent> halt = h.halt(true);
        assertThat(halt).containsExactly(new TradingStatus(h.engine.lastSeq(), h.lastTimestamp(), true));
        assertThat(h.halt(true)).as("no event when the switch does not flip").isEmpty();
        assertThat(h.engine.tradingHalted()).isTrue();

        assertThat(firstOrderRejected(h.sell("u", 9_990, 1))).extracting(OrderRejected::reason, OrderRejected::details)
                .containsExactly(RejectReason.TRADING_HALTED, Map.of());
        assertThat(rejected(h.market("u", Side.SELL, 1)).reason()).isEqualTo(RejectReason.TRADING_HALTED);
        assertThat(single(h.replace("t", resting, 9_995, 0), ReplaceRejected.class).reason())
                .isEqualTo(RejectReason.TRADING_HALTED);
        assertThat(single(h.cancel("t", resting), OrderCancelled.class).reason()).isEqualTo(CancelReason.REQUESTED);
        assertThat(types(h.cancelAll("t"))).containsExactly(OrderCancelled.class, AllOrdersCancelled.class,
                BookUpdate.class);

        List<EngineEvent> resume = h.halt(false);
        assertThat(resume).containsExactly(new TradingStatus(h.engine.lastSeq(), h.lastTimestamp(), false));
        assertThat(h.halt(false)).isEmpty();
        assertThat(types(h.sell("u", 9_990, 1))).containsExactly(OrderAccepted.class, BookUpdate.class);
        assertThat(h.all.stream().filter(TradingStatus.class::isInstance)).hasSize(2);
    }

    @Test
    void aLimitOfZeroSwitchesItOff() {
        EngineHarness h = new EngineHarness(RICH.withLimits(0, 0, 0, 0));

        assertThat(types(h.buy("t", 1, 5_000))).containsExactly(OrderAccepted.class, BookUpdate.class,
                AccountUpdate.class);
        assertThat(types(h.sell("t", 100_000, 5_000))).containsExactly(OrderAccepted.class, BookUpdate.class);
        for (int i = 0; i < 250; i++) {
            assertThat(h.buy("t", 2 + i, 1).get(0)).isInstanceOf(OrderAccepted.class);
        }
        h.sell("m", 1, 20_000);
        assertThat(h.account("t").position()).isEqualTo(5_250);
        assertThat(h.engine.book().openOrderCount(h.account("t").index())).isEqualTo(1);
        assertThat(h.levels(Side.SELL)).containsExactly(level(1, 14_750), level(100_000, 5_000));
    }
}
