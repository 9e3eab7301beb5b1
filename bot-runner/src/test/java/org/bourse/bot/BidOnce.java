package org.bourse.bot;

import java.math.BigDecimal;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;

/** Bids once, at the {@code price} parameter for {@code qty} (default 1), then waits: for the process test. */
public final class BidOnce implements Strategy {
    private final BigDecimal price;
    private final long qty;
    private boolean sent;

    public BidOnce(String traderId, RandomGenerator rng, Map<String, String> params) {
        String price = params.get("price");
        if (price == null) {
            throw new IllegalArgumentException("price: missing (--strategy-param price=99.50)");
        }
        this.price = new BigDecimal(price);
        this.qty = Long.parseLong(params.getOrDefault("qty", "1"));
    }

    @Override
    public OrderRequest nextOrder(StrategyContext context) {
        if (sent) {
            return null;
        }
        sent = true;
        return OrderRequest.limit(Side.BUY, price, qty);
    }
}
