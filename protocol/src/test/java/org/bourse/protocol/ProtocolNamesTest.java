package org.bourse.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The protocol's names, as they travel between processes: each enum's wire name and the crowd's trader ids. */
class ProtocolNamesTest {

    @Test
    void accountStatusesReadTheirWireNamesOnly() {
        assertThat(AccountStatus.BANKRUPT.is("bankrupt")).isTrue();
        assertThat(AccountStatus.BANKRUPT.is("active")).isFalse();
        assertThat(AccountStatus.ACTIVE.is("active")).isTrue();
        assertThat(AccountStatus.ACTIVE.is(null)).isFalse();
    }

    @Test
    void liquidationReasonsHaveTheirDocumentedWireNames() {
        assertThat(LiquidationReason.BANKRUPTCY.wireName()).isEqualTo("bankruptcy");
        assertThat(LiquidationReason.MAINTENANCE_MARGIN_BREACH.wireName()).isEqualTo("maintenance_margin_breach");
        assertThat(LiquidationReason.MAINTENANCE_MARGIN_BREACH_FORCE_FLATTEN.wireName())
                .isEqualTo("maintenance_margin_breach_force_flatten");
    }

    @Test
    void theCrowdsIdsAreReservedAndNoOtherIs() {
        assertThat(TraderIds.isReserved(TraderIds.CROWD)).isTrue();
        assertThat(TraderIds.isReserved(TraderIds.BACKGROUND_PREFIX + "value_3")).isTrue();
        assertThat(TraderIds.isReserved("maker_1")).isFalse();
        assertThat(TraderIds.isReserved("crowded")).isFalse();
        assertThat(TraderIds.isReserved("my_bg_bot")).isFalse();
    }
}
