package org.bourse.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.bourse.exchange.book.SelfTradePrevention;
import org.junit.jupiter.api.Test;

/** The engine refuses a configuration it cannot run with, whoever builds it (the command line checks first). */
class EngineConfigTest {

    private static final EngineConfig DEFAULTS = EngineConfig.defaults();

    @Test
    void noSettingMayBeNegative() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withStartingCash(-1))
                .withMessage("startingCash must not be negative: -1");
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withMargins(-1, 1_000))
                .withMessage("initialMarginBps must not be negative: -1");
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withMargins(2_000, -1))
                .withMessage("maintenanceMarginBps must not be negative: -1");
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withLimits(-1, 1_000, 1_000, 200))
                .withMessage("maxOrderQuantity must not be negative: -1");
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withLimits(1_000, -1, 1_000, 200))
                .withMessage("maxPosition must not be negative: -1");
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withLimits(1_000, 1_000, -1, 200))
                .withMessage("priceBandBps must not be negative: -1");
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withLimits(1_000, 1_000, 1_000, -1))
                .withMessage("maxOpenOrders must not be negative: -1");
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withLiquidationCooldownMillis(-1))
                .withMessage("liquidationCooldownMillis must not be negative: -1");
    }

    @Test
    void zeroIsAllowedWhereverItMeansNoneOrOff() {
        EngineConfig zeros = DEFAULTS.withStartingCash(0).withMargins(0, 0).withLimits(0, 0, 0, 0)
                .withLiquidationCooldownMillis(0);

        assertThat(zeros).isEqualTo(new EngineConfig(0, 10_000, 0, 0, SelfTradePrevention.CANCEL_RESTING, 0, 0, 0,
                0, 0));
    }

    @Test
    void theReferencePriceMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withInitialReferencePrice(0))
                .withMessage("initialReferencePrice must be positive: 0");
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withInitialReferencePrice(-100))
                .withMessage("initialReferencePrice must be positive: -100");
        assertThat(DEFAULTS.withInitialReferencePrice(1).initialReferencePrice()).isEqualTo(1);
    }

    @Test
    void maintenanceMarginAndPriceBandStayBelow100Percent() {
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withMargins(2_000, 10_000))
                .withMessage("maintenanceMarginBps must be below 10000 (100 %): 10000");
        assertThat(DEFAULTS.withMargins(2_000, 9_999).maintenanceMarginBps()).isEqualTo(9_999);
        assertThatIllegalArgumentException().isThrownBy(() -> DEFAULTS.withLimits(1_000, 1_000, 10_000, 200))
                .withMessage("priceBandBps must be below 10000 (100 %): 10000");
        assertThat(DEFAULTS.withLimits(1_000, 1_000, 9_999, 200).priceBandBps()).isEqualTo(9_999);
        // an initial margin above 100 % only asks for more than the position is worth: allowed
        assertThat(DEFAULTS.withMargins(15_000, 1_000).initialMarginBps()).isEqualTo(15_000);
    }

    @Test
    void selfTradePreventionMustBeGiven() {
        assertThatNullPointerException().isThrownBy(() -> DEFAULTS.withSelfTradePrevention(null))
                .withMessage("selfTradePrevention");
    }
}
