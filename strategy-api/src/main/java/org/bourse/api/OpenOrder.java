package org.bourse.api;

import java.math.BigDecimal;

/** One of the trader's resting orders, with what is still open of it. */
public record OpenOrder(long orderId, String clientOrderId, Side side, BigDecimal price, long leavesQty) {
}
