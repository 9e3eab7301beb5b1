package org.bourse.api;

/**
 * The exchange refused something the trader sent.
 *
 * @param reason        the reason string, e.g. {@code initial_margin_insufficient}, {@code account_frozen},
 *                      {@code no_liquidity}, {@code price_out_of_band}, {@code unknown_order} (see the protocol
 *                      document for the full list)
 * @param detail        the exchange's details in one line (which field and why, the limit that was hit), or null
 * @param what          what was refused: {@code order}, {@code cancel} or {@code replace}
 * @param orderId       the order a refused cancel or replace was about; 0 for a refused order
 * @param clientOrderId the client order id it was sent with, or null
 */
public record Rejection(String reason, String detail, String what, long orderId, String clientOrderId,
                        long timestamp) {
}
