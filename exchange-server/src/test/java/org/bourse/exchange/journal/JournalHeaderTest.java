package org.bourse.exchange.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.bourse.exchange.book.SelfTradePrevention;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.protocol.TickScale;
import org.junit.jupiter.api.Test;

class JournalHeaderTest {
    private static final JournalHeader HEADER = JournalHeader.of("test", TickScale.cents(), EngineConfig.defaults(),
            1_739_980_000_000L);

    @Test
    void theSameSettingsDifferInNothing() {
        assertThat(HEADER.differencesFrom(TickScale.cents(), EngineConfig.defaults())).isEmpty();
        assertThat(HEADER.scale().tickSize()).isEqualTo(new BigDecimal("0.01"));
        assertThat(HEADER.formatVersion()).isEqualTo(JournalHeader.FORMAT_VERSION);
    }

    @Test
    void everySettingThatDiffersIsNamedAsItsOptionWithBothValues() {
        EngineConfig other = EngineConfig.defaults().withStartingCash(5_000_000).withInitialReferencePrice(12_345)
                .withMargins(2_500, 1_250).withSelfTradePrevention(SelfTradePrevention.ALLOW)
                .withLimits(50, 400, 500, 20).withLiquidationCooldownMillis(0);

        assertThat(HEADER.differencesFrom(TickScale.cents(), other)).containsExactly(
                "--starting-cash 10000.00 (now 50000.00)",
                "--reference-price 100.00 (now 123.45)",
                "--initial-margin 0.2 (now 0.25)",
                "--maintenance-margin 0.1 (now 0.125)",
                "--self-trade cancel_resting (now allow)",
                "--max-order-qty 1000 (now 50)",
                "--max-position 1000 (now 400)",
                "--price-band 0.1 (now 0.05)",
                "--max-open-orders 200 (now 20)",
                "--liquidation-cooldown-ms 5000 (now 0)");
    }

    @Test
    void anotherTickSizeIsTheOnlyDifferenceSaidSinceEveryPriceIsInTicks() {
        TickScale coarser = new TickScale(new BigDecimal("0.05"));
        assertThat(HEADER.differencesFrom(coarser, EngineConfig.defaults().withStartingCash(1)))
                .containsExactly("--tick-size 0.01 (now 0.05)");
    }
}
