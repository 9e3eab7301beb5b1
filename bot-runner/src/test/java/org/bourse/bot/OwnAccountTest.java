package org.bourse.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.bourse.api.Cancellation;
import org.bourse.api.Fill;
import org.bourse.api.OpenOrder;
import org.bourse.api.Side;
import org.bourse.protocol.ServerMessage;
import org.junit.jupiter.api.Test;

class OwnAccountTest {
    private final OwnAccount account = new OwnAccount();

    @Test
    void theWelcomeReplacesEverythingTheBotKnew() {
        account.accepted(accepted(1, "limit", "gtc", "99.00", 5));
        account.welcome(new ServerMessage.Welcome("me", -3, new BigDecimal("10300.30"), new BigDecimal("100.10"),
                new BigDecimal("0.00"), new BigDecimal("0.15"), new BigDecimal("10000.15"), new BigDecimal("100.05"),
                false, List.of(new ServerMessage.OpenOrder(45, "me-17", "buy", new BigDecimal("99.95"), 2)), 0));

        assertThat(account.position()).isEqualTo(-3);
        assertThat(account.cash()).isEqualByComparingTo("10300.30");
        assertThat(account.welcomed().avgEntryPrice()).isEqualByComparingTo("100.10");
        assertThat(account.welcomed().unrealizedPnl()).isEqualByComparingTo("0.15");
        assertThat(account.welcomed().totalEquity()).isEqualByComparingTo("10000.15");
        assertThat(account.openOrders()).containsExactly(
                new OpenOrder(45, "me-17", Side.BUY, new BigDecimal("99.95"), 2));
    }

    @Test
    void onlyOrdersThatCanRestAreTracked() {
        account.accepted(accepted(1, "limit", "gtc", "99.00", 5));
        account.accepted(accepted(2, "limit", "ioc", "99.00", 5));
        account.accepted(accepted(3, "limit", "fok", "99.00", 5));
        account.accepted(accepted(4, "market", "ioc", null, 5));
        assertThat(account.openOrders()).extracting(OpenOrder::orderId).containsExactly(1L);
        assertThat(account.openOrders()).as("unchanged: the same list").isSameAs(account.openOrders());
    }

    @Test
    void fillsMovePositionAndCashExactlyAndEndOrders() {
        account.welcome(welcome("10000.00"));
        account.accepted(accepted(1, "limit", "gtc", "99.05", 3));

        Fill first = account.fill(fill(1, "buy", "99.05", 2, 1, "maker"));
        assertThat(first).isEqualTo(new Fill(1, "c1", 500, Side.BUY, new BigDecimal("99.05"), 2, 1, true, 9));
        assertThat(account.position()).isEqualTo(2);
        assertThat(account.cash()).isEqualByComparingTo("9801.90");
        assertThat(account.openOrders()).singleElement().extracting(OpenOrder::leavesQty).isEqualTo(1L);

        account.fill(fill(1, "buy", "99.05", 1, 0, "maker"));
        assertThat(account.openOrders()).isEmpty();

        Fill sale = account.fill(fill(2, "sell", "100.10", 5, 0, "taker"));
        assertThat(sale.maker()).isFalse();
        assertThat(account.position()).isEqualTo(-2);
        assertThat(account.cash()).isEqualByComparingTo("10203.35");
    }

    @Test
    void cancelsAndReplacesChangeTheOpenOrders() {
        account.accepted(accepted(1, "limit", "gtc", "99.00", 5));
        account.accepted(accepted(2, "limit", "gtc", "98.00", 1));

        account.replaced(new ServerMessage.OrderReplaced(1, "c1", "me", new BigDecimal("99.20"), 3, 0));
        account.replaced(new ServerMessage.OrderReplaced(77, null, "me", new BigDecimal("99.20"), 3, 0));
        assertThat(account.openOrders()).containsExactly(
                new OpenOrder(1, "c1", Side.BUY, new BigDecimal("99.20"), 3),
                new OpenOrder(2, "c2", Side.BUY, new BigDecimal("98.00"), 1));

        Cancellation cancellation = account.cancelled(
                new ServerMessage.OrderCancelled(2, "c2", "me", 1, "self_trade", 5));
        assertThat(cancellation).isEqualTo(new Cancellation(2, "c2", 1, "self_trade", 5));
        assertThat(account.openOrders()).extracting(OpenOrder::orderId).containsExactly(1L);
    }

    private static ServerMessage.Welcome welcome(String cash) {
        return new ServerMessage.Welcome("me", 0, new BigDecimal(cash), null, BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal(cash), new BigDecimal("100.00"), false, List.of(), 0);
    }

    private static ServerMessage.OrderAccepted accepted(long id, String type, String tif, String price, long qty) {
        return new ServerMessage.OrderAccepted(id, "me", "c" + id, "buy", type, price == null ? null
                : new BigDecimal(price), qty, tif, false, 0);
    }

    private static ServerMessage.Fill fill(long orderId, String side, String price, long qty, long leaves,
                                           String liquidity) {
        return new ServerMessage.Fill(orderId, "c" + orderId, "me", 500, side, new BigDecimal(price), qty, leaves,
                liquidity, 9);
    }
}
