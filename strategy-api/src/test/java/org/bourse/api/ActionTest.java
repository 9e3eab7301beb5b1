package org.bourse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class ActionTest {

    @Test
    void cancelByOrderIdNamesOnlyTheOrderId() {
        assertThat(Action.cancel(42)).isEqualTo(new Action.Cancel(42, null));
    }

    @Test
    void cancelByClientOrderIdNamesOnlyTheClientOrderId() {
        Action.Cancel cancel = Action.cancelByClientOrderId("maker_1-001");

        assertThat(cancel.orderId()).isZero();
        assertThat(cancel.clientOrderId()).isEqualTo("maker_1-001");
    }

    @Test
    void cancelAllIsAValue() {
        assertThat(Action.cancelAll()).isEqualTo(new Action.CancelAll());
    }

    @Test
    void replaceCarriesTheNewPriceAndQuantity() {
        Action.Replace replace = Action.replace(42, new BigDecimal("100.10"), 5);

        assertThat(replace.orderId()).isEqualTo(42);
        assertThat(replace.price()).isEqualTo(new BigDecimal("100.10"));
        assertThat(replace.qty()).isEqualTo(5);
        assertThat(Action.replace(42, null, 1).price()).as("null keeps the price").isNull();
    }

    @Test
    void theKindsOfActionAreExactlyTheOnesABotHandles() {
        assertThat(Action.class.getPermittedSubclasses()).containsExactlyInAnyOrder(OrderRequest.class,
                Action.Cancel.class, Action.CancelAll.class, Action.Replace.class);
    }

    @Test
    void aCancelOrReplaceThatCouldNotMeanAnythingFailsInTheStrategyNotAtTheExchange() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new Action.Cancel(0, null))
                .withMessageContaining("exactly one of order id");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new Action.Cancel(5, "c-1"));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> Action.replace(5, null, 0)).withMessageContaining("got neither");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> Action.replace(0, java.math.BigDecimal.ONE, 1));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> Action.replace(5, java.math.BigDecimal.ZERO, 1));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> Action.replace(5, null, -1));
    }
}
