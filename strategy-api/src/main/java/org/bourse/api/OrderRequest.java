package org.bourse.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A new order. Prices are exact decimals on the exchange's tick grid (default 0.01; an off-grid price is
 * rejected, never rounded); quantities are whole lots.
 *
 * <pre>{@code
 * OrderRequest.limit(Side.BUY, new BigDecimal("99.95"), 2)          // rests until filled or cancelled
 * OrderRequest.limit(Side.SELL, "100.10", 1).asPostOnly()          // refused if it would trade at once
 * OrderRequest.limit(Side.BUY, "100.10", 5).ioc()                  // trades what it can, the rest is cancelled
 * OrderRequest.market(Side.SELL, 3)                                // trades at the best prices there are
 * }</pre>
 *
 * @param side          buy or sell
 * @param type          limit or market
 * @param price         the limit price; null for a market order
 * @param qty           lots, at least 1
 * @param tif           how long a limit order lives: {@code GTC} (default), {@code IOC}, {@code FOK}
 * @param postOnly      refuse the order if it would take liquidity
 * @param clientOrderId the strategy's own id for the order, echoed in every report; null lets the bot choose
 */
public record OrderRequest(Side side, OrderType type, BigDecimal price, long qty, TimeInForce tif, boolean postOnly,
                           String clientOrderId) implements Action {

    public OrderRequest {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tif, "tif");
        if (type == OrderType.LIMIT && price == null) {
            throw new IllegalArgumentException("a limit order needs a price");
        }
        if (type == OrderType.MARKET && price != null) {
            throw new IllegalArgumentException("a market order has no price");
        }
        if (price != null && price.signum() <= 0) {
            throw new IllegalArgumentException("price must be greater than 0, was " + price.toPlainString());
        }
        if (qty < 1) {
            throw new IllegalArgumentException("qty must be at least 1, was " + qty);
        }
        if (postOnly && type == OrderType.MARKET) {
            throw new IllegalArgumentException("a market order always takes liquidity: it cannot be post-only");
        }
    }

    public static OrderRequest limit(Side side, BigDecimal price, long qty) {
        return new OrderRequest(side, OrderType.LIMIT, price, qty, TimeInForce.GTC, false, null);
    }

    public static OrderRequest limit(Side side, String price, long qty) {
        return limit(side, new BigDecimal(price), qty);
    }

    public static OrderRequest market(Side side, long qty) {
        return new OrderRequest(side, OrderType.MARKET, null, qty, TimeInForce.GTC, false, null);
    }

    /** Immediate or cancel: trades what it can at once, the rest is cancelled. */
    public OrderRequest ioc() {
        return new OrderRequest(side, type, price, qty, TimeInForce.IOC, postOnly, clientOrderId);
    }

    /** Fill or kill: trades in full at once, or not at all. */
    public OrderRequest fok() {
        return new OrderRequest(side, type, price, qty, TimeInForce.FOK, postOnly, clientOrderId);
    }

    public OrderRequest asPostOnly() {
        return new OrderRequest(side, type, price, qty, tif, true, clientOrderId);
    }

    public OrderRequest withClientOrderId(String id) {
        return new OrderRequest(side, type, price, qty, tif, postOnly, id);
    }
}
