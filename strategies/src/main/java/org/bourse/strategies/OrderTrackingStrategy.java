package org.bourse.strategies;

import org.bourse.api.Cancellation;
import org.bourse.api.Fill;
import org.bourse.api.Rejection;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;

/** A strategy that keeps its own resting orders in {@link OwnOrders}: every report about them goes there. */
abstract class OrderTrackingStrategy implements Strategy {

    protected final OwnOrders orders;

    protected OrderTrackingStrategy(String clientOrderIdPrefix) {
        this.orders = new OwnOrders(clientOrderIdPrefix);
    }

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
