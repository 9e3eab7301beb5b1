package org.bourse.exchange.engine;

import java.util.Objects;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;

/**
 * An instruction to the {@link Engine}. Every command carries the time it arrived (epoch milliseconds, stamped
 * by the gateway): the engine reads no clock, so the same commands always produce the same events.
 * Prices are integer ticks, quantities integer lots.
 */
public sealed interface Command {

    long timestamp();

    /** Hands this command to the matching method of {@code engine}. */
    void applyTo(Engine engine);

    /**
     * A new order. {@code price} is ignored for market orders; {@code clientOrderId} may be null.
     */
    record PlaceOrder(long timestamp, String traderId, String clientOrderId, Side side, OrderType type,
                      long price, long quantity, TimeInForce timeInForce, boolean postOnly) implements Command {
        public PlaceOrder {
            Objects.requireNonNull(traderId, "traderId");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(timeInForce, "timeInForce");
        }

        /** A GTC limit order. */
        public static PlaceOrder limit(long timestamp, String traderId, String clientOrderId, Side side,
                                       long price, long quantity) {
            return new PlaceOrder(timestamp, traderId, clientOrderId, side, OrderType.LIMIT, price, quantity,
                    TimeInForce.GTC, false);
        }

        public static PlaceOrder market(long timestamp, String traderId, String clientOrderId, Side side,
                                        long quantity) {
            return new PlaceOrder(timestamp, traderId, clientOrderId, side, OrderType.MARKET, 0, quantity,
                    TimeInForce.IOC, false);
        }

        @Override
        public void applyTo(Engine engine) {
            engine.place(this);
        }
    }

    /** Cancels one of the trader's resting orders, by {@code orderId} if positive, else by {@code clientOrderId}. */
    record CancelOrder(long timestamp, String traderId, long orderId, String clientOrderId) implements Command {
        public CancelOrder {
            Objects.requireNonNull(traderId, "traderId");
        }

        @Override
        public void applyTo(Engine engine) {
            engine.cancel(this);
        }
    }

    /** Cancels every resting order of the trader. */
    record CancelAllOrders(long timestamp, String traderId) implements Command {
        public CancelAllOrders {
            Objects.requireNonNull(traderId, "traderId");
        }

        @Override
        public void applyTo(Engine engine) {
            engine.cancelAll(this);
        }
    }

    /**
     * Changes a resting order, found as for {@link CancelOrder}. {@code price} is the new limit price and
     * {@code quantity} the new open quantity; 0 leaves that one unchanged.
     */
    record ReplaceOrder(long timestamp, String traderId, long orderId, String clientOrderId, long price,
                        long quantity) implements Command {
        public ReplaceOrder {
            Objects.requireNonNull(traderId, "traderId");
        }

        @Override
        public void applyTo(Engine engine) {
            engine.replace(this);
        }
    }

    /**
     * The trader's last connection to the gateway closed: its resting orders are cancelled (reason
     * {@code disconnect}). Made by the exchange itself, journaled like any other command.
     */
    record Disconnect(long timestamp, String traderId) implements Command {
        public Disconnect {
            Objects.requireNonNull(traderId, "traderId");
        }

        @Override
        public void applyTo(Engine engine) {
            engine.disconnect(this);
        }
    }

    /**
     * The closing valuation: every account is stated at the current mark (one account update each, one mark for
     * all), so that a battle's results compare like with like. Made by the exchange when the market stops.
     */
    record MarkToMarket(long timestamp) implements Command {
        @Override
        public void applyTo(Engine engine) {
            engine.markToMarket(this);
        }
    }

    /** The kill switch: while halted, new orders and replaces are refused; cancels still work. */
    record SetTradingHalted(long timestamp, boolean halted) implements Command {
        @Override
        public void applyTo(Engine engine) {
            engine.setTradingHalted(this);
        }
    }
}
