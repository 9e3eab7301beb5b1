package org.bourse.strategies;

import java.util.List;
import org.bourse.api.Action;
import org.bourse.api.Cancellation;
import org.bourse.api.Fill;
import org.bourse.api.OrderRequest;
import org.bourse.api.Rejection;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;

/**
 * A strategy that keeps its own resting orders in {@link OwnOrders}: every report about them goes there. It acts
 * through {@link #nextActions}, which can also cancel and replace what it tracks.
 */
abstract class OrderTrackingStrategy implements Strategy {

    protected final OwnOrders orders;

    protected OrderTrackingStrategy(String clientOrderIdPrefix) {
        this.orders = new OwnOrders(clientOrderIdPrefix);
    }

    /** Not used: the bot calls {@link #nextActions}. */
    @Override
    public final OrderRequest nextOrder(StrategyContext context) {
        return null;
    }

    @Override
    public abstract List<Action> nextActions(StrategyContext context);

    @Override
    public void onFill(Fill fill, StrategyContext context) {
        orders.onFill(fill);
    }

    @Override
    public void onCancelled(Cancellation cancellation, StrategyContext context) {
        orders.onCancelled(cancellation);
    }

    @Override
    public void onRejected(Rejection rejection, StrategyContext context) {
        orders.onRejected(rejection);
    }
}
