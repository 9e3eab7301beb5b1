package org.bourse.exchange.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bourse.api.OrderType;
import org.bourse.exchange.engine.Command;
import org.bourse.protocol.ClientMessage;
import org.bourse.protocol.ClientMessageDecoder;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.transport.WebSocketListener;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order gateway (9001). Each frame is decoded and checked on its connection's socket thread — JSON, fields,
 * identity, rate — and turned into an engine command or, when refused, into an answer; both go through the
 * sequencer's one queue, so every frame is answered exactly once and in the order it arrived.
 */
final class OrderGateway extends WebSocketListener {
    private static final Logger LOG = LoggerFactory.getLogger(OrderGateway.class);

    private final Sequencer sequencer;
    private final TickScale scale;
    private final Credentials credentials;
    private final int messagesPerSecond;
    private final long maxUnsentBytes;
    private final ClientMessageDecoder decoder = new ClientMessageDecoder();

    @Override
    protected String portOption() {
        return "--gateway-port";
    }

    OrderGateway(InetSocketAddress address, int maxFrameBytes, Sequencer sequencer, TickScale scale,
                 Credentials credentials, int messagesPerSecond, long maxUnsentBytes) {
        super("order gateway", address, maxFrameBytes);
        this.sequencer = sequencer;
        this.scale = scale;
        this.credentials = credentials;
        this.messagesPerSecond = messagesPerSecond;
        this.maxUnsentBytes = maxUnsentBytes;
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        socket.setAttachment(new Client(socket, maxUnsentBytes, messagesPerSecond));
        LOG.debug("Gateway connection from {}", socket.getRemoteSocketAddress());
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        Client client = socket.getAttachment();
        if (client != null) {
            sequencer.submit(new Inbound.Closed(client));
            LOG.debug("Gateway connection {} closed: {} {}", client, code, reason);
        }
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer bytes) {
        try {
            onMessage(socket, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString());
        } catch (CharacterCodingException e) {
            Client client = socket.getAttachment();
            // garbage counts against the rate limit like anything else
            if (!client.rateLimiter.tryAcquire()) {
                rejectTyped(client, null, "rate_limited", Map.of("limit_per_second", client.rateLimiter.perSecond()),
                        null, null);
            } else {
                rejectTyped(client, null, "invalid_json", Map.of("error", "a binary frame must hold UTF-8 JSON"),
                        null, null);
            }
        }
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
        Client client = socket.getAttachment();
        ClientMessageDecoder.Decoded decoded = decoder.decode(text);
        if (!client.rateLimiter.tryAcquire()) {
            Map<String, Object> details = Map.of("limit_per_second", client.rateLimiter.perSecond());
            if (decoded instanceof ClientMessageDecoder.Valid valid) {
                rejectTyped(client, typeName(valid.message()), "rate_limited", details, valid.message().traderId(),
                        clientOrderId(valid.message()));
            } else {
                ClientMessageDecoder.Invalid invalid = (ClientMessageDecoder.Invalid) decoded;
                rejectTyped(client, invalid.type(), "rate_limited", details, invalid.traderId(),
                        invalid.clientOrderId());
            }
            return;
        }
        if (decoded instanceof ClientMessageDecoder.Invalid invalid) {
            rejectTyped(client, invalid.type(), invalid.reason(), Map.of("error", invalid.error()),
                    invalid.traderId(), invalid.clientOrderId());
            return;
        }
        ClientMessage message = ((ClientMessageDecoder.Valid) decoded).message();
        if (!identify(client, message)) {
            return;
        }
        if (message instanceof ClientMessage.Hello hello) {
            sequencer.submitStamped(ts -> new Inbound.Welcome(client, hello.traderId(), ts));
            return;
        }
        try {
            submit(client, message);
        } catch (IllegalArgumentException e) {
            // a price off the tick grid, or too large to represent
            rejectTyped(client, typeName(message), "invalid_message", Map.of("error", "price: " + e.getMessage()),
                    message.traderId(), clientOrderId(message));
        }
    }

    /**
     * Binds the connection to the first trader it speaks for, and refuses any other; with credentials, nothing
     * but a hello with the right token is accepted first.
     */
    private boolean identify(Client client, ClientMessage message) {
        String trader = message.traderId();
        if (client.boundTrader != null && !client.boundTrader.equals(trader)) {
            rejectTyped(client, typeName(message), "trader_mismatch", Map.of("bound_trader_id", client.boundTrader),
                    trader, clientOrderId(message));
            return false;
        }
        if (credentials.required() && !client.authenticated) {
            if (!(message instanceof ClientMessage.Hello hello)) {
                rejectTyped(client, typeName(message), "not_authenticated",
                        Map.of("error", "send {\"type\":\"hello\",\"trader_id\":...,\"token\":...} first"),
                        trader, clientOrderId(message));
                return false;
            }
            if (!credentials.accepts(hello.traderId(), hello.token())) {
                LOG.warn("Refused hello for {} from {}: wrong or missing token", trader,
                        client.socket().getRemoteSocketAddress());
                rejectTyped(client, "hello", "invalid_token", Map.of(), trader, null);
                return false;
            }
            client.authenticated = true;
        }
        if (client.boundTrader == null) {
            client.boundTrader = trader;
            sequencer.submit(new Inbound.Bind(client, trader));
        }
        return true;
    }

    private void submit(Client client, ClientMessage message) {
        if (message instanceof ClientMessage.Order o) {
            long price = o.orderType() == OrderType.LIMIT ? scale.ticks(o.price()) : 0;
            sequencer.submitStamped(ts -> new Inbound.Execute(client, new Command.PlaceOrder(ts, o.traderId(),
                    o.clientOrderId(), o.side(), o.orderType(), price, o.qty(), o.tif(), o.postOnly())));
        } else if (message instanceof ClientMessage.Cancel c) {
            sequencer.submitStamped(ts -> new Inbound.Execute(client,
                    new Command.CancelOrder(ts, c.traderId(), c.orderId(), c.clientOrderId())));
        } else if (message instanceof ClientMessage.CancelAll c) {
            sequencer.submitStamped(ts -> new Inbound.Execute(client, new Command.CancelAllOrders(ts, c.traderId())));
        } else if (message instanceof ClientMessage.Replace r) {
            long price = r.price() == null ? 0 : scale.ticks(r.price());
            sequencer.submitStamped(ts -> new Inbound.Execute(client, new Command.ReplaceOrder(ts, r.traderId(),
                    r.orderId(), r.clientOrderId(), price, r.qty())));
        }
    }

    /** Answers a refused frame with the reject type that matches what it tried to do. */
    private void rejectTyped(Client client, String type, String reason, Map<String, Object> details,
                             String traderId, String clientOrderId) {
        sequencer.submitStamped(ts -> new Inbound.Answer(client, switch (type == null ? "" : type) {
            case "cancel" -> new ServerMessage.CancelRejected(0, clientOrderId, traderId, reason, details, ts);
            case "replace" -> new ServerMessage.ReplaceRejected(0, clientOrderId, traderId, reason, details, ts);
            default -> new ServerMessage.OrderRejected(reason, details, traderId, clientOrderId, ts);
        }));
    }

    private static String typeName(ClientMessage message) {
        if (message instanceof ClientMessage.Cancel) {
            return "cancel";
        }
        if (message instanceof ClientMessage.Replace) {
            return "replace";
        }
        return message instanceof ClientMessage.Hello ? "hello" : "order";
    }

    private static String clientOrderId(ClientMessage message) {
        if (message instanceof ClientMessage.Order o) {
            return o.clientOrderId();
        }
        if (message instanceof ClientMessage.Cancel c) {
            return c.clientOrderId();
        }
        return message instanceof ClientMessage.Replace r ? r.clientOrderId() : null;
    }
}
