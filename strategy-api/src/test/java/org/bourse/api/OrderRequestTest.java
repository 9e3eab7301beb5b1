package org.bourse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class OrderRequestTest {

    @Test
    void limitFactoriesMakeARestingGtcOrderWithoutClientOrderId() {
        OrderRequest fromDecimal = OrderRequest.limit(Side.BUY, new BigDecimal("99.95"), 2);
        OrderRequest fromText = OrderRequest.limit(Side.BUY, "99.95", 2);

        assertThat(fromDecimal).isEqualTo(fromText);
        assertThat(fromDecimal.side()).isEqualTo(Side.BUY);
        assertThat(fromDecimal.type()).isEqualTo(OrderType.LIMIT);
        assertThat(fromDecimal.price()).isEqualTo(new BigDecimal("99.95"));
        assertThat(fromDecimal.qty()).isEqualTo(2);
        assertThat(fromDecimal.tif()).isEqualTo(TimeInForce.GTC);
        assertThat(fromDecimal.postOnly()).isFalse();
        assertThat(fromDecimal.clientOrderId()).isNull();
    }

    @Test
    void marketFactoryMakesAnOrderWithoutPrice() {
        OrderRequest order = OrderRequest.market(Side.SELL, 3);

        assertThat(order.type()).isEqualTo(OrderType.MARKET);
        assertThat(order.price()).isNull();
        assertThat(order.side()).isEqualTo(Side.SELL);
        assertThat(order.qty()).isEqualTo(3);
        assertThat(order.postOnly()).isFalse();
        assertThat(order.clientOrderId()).isNull();
    }

    @Test
    void modifiersChangeOneThingAndKeepTheRest() {
        OrderRequest base = OrderRequest.limit(Side.SELL, "100.10", 5).withClientOrderId("me-1");

        assertThat(base.clientOrderId()).isEqualTo("me-1");
        assertThat(base.ioc()).isEqualTo(new OrderRequest(Side.SELL, OrderType.LIMIT, new BigDecimal("100.10"), 5,
                TimeInForce.IOC, false, "me-1"));
        assertThat(base.fok()).isEqualTo(new OrderRequest(Side.SELL, OrderType.LIMIT, new BigDecimal("100.10"), 5,
                TimeInForce.FOK, false, "me-1"));
        assertThat(base.asPostOnly()).isEqualTo(new OrderRequest(Side.SELL, OrderType.LIMIT,
                new BigDecimal("100.10"), 5, TimeInForce.GTC, true, "me-1"));
        assertThat(base.asPostOnly().ioc().postOnly()).as("post-only survives a later modifier").isTrue();
        assertThat(base.ioc().withClientOrderId(null).tif()).isEqualTo(TimeInForce.IOC);
        assertThat(base.ioc().withClientOrderId(null).clientOrderId()).isNull();
        assertThat(base.tif()).as("the original is unchanged").isEqualTo(TimeInForce.GTC);
    }

    @Test
    void aLimitOrderNeedsAPrice() {
        assertThatThrownBy(() -> OrderRequest.limit(Side.BUY, (BigDecimal) null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit order needs a price");
    }

    @Test
    void aMarketOrderHasNoPrice() {
        assertThatThrownBy(() -> new OrderRequest(Side.BUY, OrderType.MARKET, BigDecimal.TEN, 1, TimeInForce.GTC,
                false, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("market order has no price");
    }

    @Test
    void quantityMustBeAtLeastOneLot() {
        assertThatThrownBy(() -> OrderRequest.limit(Side.BUY, "100", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("qty must be at least 1, was 0");
        assertThatThrownBy(() -> OrderRequest.market(Side.SELL, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("qty must be at least 1, was -2");
    }

    @Test
    void sideTypeAndTimeInForceAreRequired() {
        assertThatThrownBy(() -> OrderRequest.limit(null, "100", 1))
                .isInstanceOf(NullPointerException.class).hasMessage("side");
        assertThatThrownBy(() -> new OrderRequest(Side.BUY, null, BigDecimal.ONE, 1, TimeInForce.GTC, false, null))
                .isInstanceOf(NullPointerException.class).hasMessage("type");
        assertThatThrownBy(() -> new OrderRequest(Side.BUY, OrderType.LIMIT, BigDecimal.ONE, 1, null, false, null))
                .isInstanceOf(NullPointerException.class).hasMessage("tif");
    }

    @Test
    void aTextPriceKeepsItsExactDecimalValue() {
        assertThat(OrderRequest.limit(Side.BUY, "100.075", 1).price()).isEqualTo(new BigDecimal("100.075"));
        assertThatThrownBy(() -> OrderRequest.limit(Side.BUY, "abc", 1)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void anOrderRequestIsAnAction() {
        Action action = OrderRequest.market(Side.BUY, 1);

        assertThat(action).isInstanceOf(OrderRequest.class);
    }

    @Test
    void aNonPositivePriceOrAPostOnlyMarketOrderFailsInTheStrategy() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> OrderRequest.limit(Side.BUY, "0", 1)).withMessage("price must be greater than 0, was 0");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> OrderRequest.limit(Side.BUY, "-1.50", 1));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> OrderRequest.market(Side.SELL, 1).asPostOnly()).withMessageContaining("post-only");
    }
}
