package org.bourse.exchange.server;

import java.util.List;
import java.util.Map;
import org.bourse.api.OrderType;
import org.bourse.exchange.engine.Command;
import org.bourse.protocol.ClientMessage;
import org.bourse.protocol.ClientMessageDecoder;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;

/**
 * What the order gateway makes of a client's message: the engine command it asks for, or the reject that answers
 * it, of the type that matches what it tried to do. One set of rules for every way a message arrives — a socket
 * thread of the real-time gateway, the engine thread of a lockstep battle, the in-process runner.
 */
public final class ClientRequests {
    private final TickScale scale;

    public ClientRequests(TickScale scale) {
        this.scale = scale;
    }

    /** A command for the engine, or the reject that answers the message instead. */
    public sealed interface Outcome {
    }

    public record Execute(Command command) implements Outcome {
    }

    public record Refuse(ServerMessage reject) implements Outcome {
    }

    /** A hello: answer with a welcome for each of these traders (the hello's, or the crowd it speaks for). */
    public record Welcome(List<String> traderIds) implements Outcome {
    }

    /** Whom a hello is answered for: the trader it names, or each background trader of a crowd's hello. */
    public static List<String> welcomed(ClientMessage.Hello hello) {
        return hello.crowd().isEmpty() ? List.of(hello.traderId()) : hello.crowd();
    }

    /**
     * What a frame of a lockstep participant does when it reaches the book at {@code time}: a command, a welcome, or
     * the reject of a frame that did not decode. ({@code done} frames never arrive: they end the turn.)
     */
    public Outcome arrive(ClientMessageDecoder.Decoded frame, long time) {
        if (frame instanceof ClientMessageDecoder.Invalid invalid) {
            return new Refuse(reject(invalid, time));
        }
        ClientMessage message = ((ClientMessageDecoder.Valid) frame).message();
        return message instanceof ClientMessage.Hello hello ? new Welcome(welcomed(hello)) : translate(message, time);
    }

    /**
     * The command an order, cancel, cancel-all or replace asks for, stamped {@code timestamp}; refused with
     * {@code invalid_message} when a price is off the tick grid or too large.
     */
    public Outcome translate(ClientMessage message, long timestamp) {
        try {
            if (message instanceof ClientMessage.Order o) {
                long price = o.orderType() == OrderType.LIMIT ? scale.ticks(o.price()) : 0;
                return new Execute(new Command.PlaceOrder(timestamp, o.traderId(), o.clientOrderId(), o.side(),
                        o.orderType(), price, o.qty(), o.tif(), o.postOnly()));
            }
            if (message instanceof ClientMessage.Cancel c) {
                return new Execute(new Command.CancelOrder(timestamp, c.traderId(), c.orderId(), c.clientOrderId()));
            }
            if (message instanceof ClientMessage.CancelAll c) {
                return new Execute(new Command.CancelAllOrders(timestamp, c.traderId()));
            }
            if (message instanceof ClientMessage.Replace r) {
                long price = r.price() == null ? 0 : scale.ticks(r.price());
                return new Execute(new Command.ReplaceOrder(timestamp, r.traderId(), r.orderId(), r.clientOrderId(),
                        price, r.qty()));
            }
        } catch (IllegalArgumentException e) {
            // a price off the tick grid, or too large to represent
            return new Refuse(reject(typeName(message), "invalid_message", Map.of("error", "price: " + e.getMessage()),
                    message.traderId(), clientOrderId(message), timestamp));
        }
        throw new IllegalArgumentException("no command for " + typeName(message));
    }

    /** The reject of a frame that did not decode into a valid message. */
    public static ServerMessage reject(ClientMessageDecoder.Invalid invalid, long timestamp) {
        return reject(invalid.type(), invalid.reason(), Map.of("error", invalid.error()), invalid.traderId(),
                invalid.clientOrderId(), timestamp);
    }

    /** A reject of the type that matches what the frame tried to do: cancel_rejected, replace_rejected or else order_rejected. */
    public static ServerMessage reject(String type, String reason, Map<String, Object> details, String traderId,
                                       String clientOrderId, long timestamp) {
        return switch (type == null ? "" : type) {
            case "cancel" -> new ServerMessage.CancelRejected(0, clientOrderId, traderId, reason, details, timestamp);
            case "replace" -> new ServerMessage.ReplaceRejected(0, clientOrderId, traderId, reason, details,
                    timestamp);
            default -> new ServerMessage.OrderRejected(reason, details, traderId, clientOrderId, timestamp);
        };
    }

    /** The message's {@code type} on the wire. */
    public static String typeName(ClientMessage message) {
        if (message instanceof ClientMessage.Cancel) {
            return "cancel";
        }
        if (message instanceof ClientMessage.Replace) {
            return "replace";
        }
        if (message instanceof ClientMessage.CancelAll) {
            return "cancel_all";
        }
        if (message instanceof ClientMessage.Hello) {
            return "hello";
        }
        return message instanceof ClientMessage.Done ? "done" : "order";
    }

    /** The client order id the message carries, for echoing in its answer, or null. */
    public static String clientOrderId(ClientMessage message) {
        if (message instanceof ClientMessage.Order o) {
            return o.clientOrderId();
        }
        if (message instanceof ClientMessage.Cancel c) {
            return c.clientOrderId();
        }
        return message instanceof ClientMessage.Replace r ? r.clientOrderId() : null;
    }
}
