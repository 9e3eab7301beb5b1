package org.bourse.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnumsTest {

    @Test
    void wireNamesAreTheLowerCaseNamesOfTheProtocol() {
        assertThat(Side.BUY.wireName()).isEqualTo("buy");
        assertThat(Side.SELL.wireName()).isEqualTo("sell");
        assertThat(OrderType.LIMIT.wireName()).isEqualTo("limit");
        assertThat(OrderType.MARKET.wireName()).isEqualTo("market");
        assertThat(TimeInForce.GTC.wireName()).isEqualTo("gtc");
        assertThat(TimeInForce.IOC.wireName()).isEqualTo("ioc");
        assertThat(TimeInForce.FOK.wireName()).isEqualTo("fok");
    }

    @Test
    void sideKnowsItsOppositeAndTheSignOfItsPositionChange() {
        assertThat(Side.BUY.opposite()).isEqualTo(Side.SELL);
        assertThat(Side.SELL.opposite()).isEqualTo(Side.BUY);
        assertThat(Side.BUY.sign()).isEqualTo(1);
        assertThat(Side.SELL.sign()).isEqualTo(-1);
    }
}
