package org.bourse.api;

import java.math.BigDecimal;

/**
 * One of the trader's resting orders, with what is still open of it. An order shows up here once the exchange has
 * accepted it, and leaves when it is filled or cancelled: a strategy that must not send an order twice counts the
 * ones it sent until they show up or are answered. It carries no placement time; note the context's timestamp when
 * sending if the order's age matters.
 */
public record OpenOrder(long orderId, String clientOrderId, Side side, BigDecimal price, long leavesQty) {
}
