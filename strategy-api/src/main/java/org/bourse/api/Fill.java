package org.bourse.api;

import java.math.BigDecimal;

/**
 * One execution of one of the trader's orders.
 *
 * @param leavesQty what is still open of the order after this fill (0: the order is done)
 * @param maker     true when the order was resting (it made liquidity), false when it took liquidity
 */
public record Fill(long orderId, String clientOrderId, long tradeId, Side side, BigDecimal price, long qty,
                   long leavesQty, boolean maker, long timestamp) {
}
