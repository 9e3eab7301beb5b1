package org.bourse.api;

/**
 * One of the trader's orders ended with {@code qty} lots unfilled.
 *
 * @param reason {@code requested}, {@code ioc_remainder}, {@code market_remainder}, {@code self_trade},
 *               {@code liquidation} or {@code disconnect}
 */
public record Cancellation(long orderId, String clientOrderId, long qty, String reason, long timestamp) {
}
