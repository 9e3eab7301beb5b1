package org.bourse.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.book.SelfTradePrevention;
import org.bourse.exchange.engine.RejectReason.Detail;
import org.bourse.exchange.engine.RejectReason.Unit;
import org.bourse.protocol.LiquidationReason;
import org.junit.jupiter.api.Test;

/** The core's words as the wire and the command line spell them: each constant's name in lower case. */
class WireNamesTest {

    @Test
    void everyReasonAndModeIsItsNameInLowerCase() {
        for (Enum<?>[] constants : new Enum<?>[][] {RejectReason.values(), LiquidationReason.values(),
            CancelReason.values(), SelfTradePrevention.values()}) {
            for (Enum<?> constant : constants) {
                assertThat(wireName(constant)).as("%s", constant)
                        .isEqualTo(constant.name().toLowerCase(Locale.ROOT));
            }
        }
        // the reference protocol's spelling, where it differs from a plain English word
        assertThat(RejectReason.MAX_ORDER_QTY_EXCEEDED.wireName()).isEqualTo("max_order_qty_exceeded");
        assertThat(LiquidationReason.MAINTENANCE_MARGIN_BREACH_FORCE_FLATTEN.wireName())
                .isEqualTo("maintenance_margin_breach_force_flatten");
    }

    @Test
    void aRejectReasonNamesItsDetailsInTheOrderTheyAreReported() {
        assertThat(RejectReason.PRICE_OUT_OF_BAND.details()).containsExactly(
                new Detail("reference_price", Unit.PRICE), new Detail("min_price", Unit.PRICE),
                new Detail("max_price", Unit.PRICE));
        assertThat(RejectReason.INITIAL_MARGIN_INSUFFICIENT.details()).containsExactly(
                new Detail("equity", Unit.MONEY), new Detail("required_margin", Unit.MONEY));
        assertThat(RejectReason.ACCOUNT_FROZEN.details()).containsExactly(new Detail("frozen_until", Unit.TIME));
        assertThat(RejectReason.MAX_OPEN_ORDERS_EXCEEDED.details()).extracting(Detail::unit)
                .containsExactly(Unit.COUNT, Unit.COUNT);
        assertThat(RejectReason.UNKNOWN_ORDER.details()).isEmpty();
        assertThat(Arrays.stream(RejectReason.values())).allSatisfy(r -> assertThat(r.details()).hasSizeLessThan(4));
    }

    private static String wireName(Enum<?> constant) {
        if (constant instanceof RejectReason r) {
            return r.wireName();
        } else if (constant instanceof LiquidationReason l) {
            return l.wireName();
        } else if (constant instanceof CancelReason c) {
            return c.wireName();
        }
        return ((SelfTradePrevention) constant).wireName();
    }
}
