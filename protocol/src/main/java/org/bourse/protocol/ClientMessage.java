package org.bourse.protocol;

import java.math.BigDecimal;
import java.util.List;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;

/**
 * What a client sends to the order gateway, already checked field by field by {@link ClientMessageDecoder}.
 * Prices are the decimals of the wire; the gateway converts them to ticks.
 */
public sealed interface ClientMessage {

    /** The trader the message speaks for. */
    String traderId();

    /** The reference protocol's order, with the optional {@code tif} and {@code post_only} of Bourse. */
    record Order(String traderId, Side side, OrderType orderType, BigDecimal price, long qty, String clientOrderId,
                 TimeInForce tif, boolean postOnly) implements ClientMessage {
    }

    /** Cancels one resting order, by {@code orderId} (positive) or else by {@code clientOrderId}. */
    record Cancel(String traderId, long orderId, String clientOrderId) implements ClientMessage {
    }

    record CancelAll(String traderId) implements ClientMessage {
    }

    /** New price and/or new open quantity; null / 0 leaves that one unchanged. */
    record Replace(String traderId, long orderId, String clientOrderId, BigDecimal price, long qty)
            implements ClientMessage {
    }

    /**
     * Binds the connection to a trader (with a token when the exchange requires one) and asks for a welcome. A bot
     * of a lockstep battle says so, with how often it decides and how late its actions arrive ({@code lockstep}
     * null otherwise). A background crowd names the background traders ({@link TraderIds#BACKGROUND_PREFIX}) the
     * connection speaks for ({@code crowd}, empty otherwise): it then gets a welcome for each of them.
     */
    record Hello(String traderId, String token, Lockstep lockstep, List<String> crowd) implements ClientMessage {
        public Hello {
            crowd = List.copyOf(crowd);
        }

        public Hello(String traderId, String token, Lockstep lockstep) {
            this(traderId, token, lockstep, List.of());
        }

        public Hello(String traderId, String token) {
            this(traderId, token, null);
        }
    }

    /** A lockstep participant's timing, in virtual milliseconds. */
    record Lockstep(long decisionIntervalMillis, long latencyMillis) {
    }

    /** A lockstep participant has sent everything it decided at {@code timestamp} (the time of its {@code decide}). */
    record Done(String traderId, long timestamp) implements ClientMessage {
    }
}
