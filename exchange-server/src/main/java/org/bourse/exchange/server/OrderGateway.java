package org.bourse.exchange.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bourse.api.OrderType;
import org.bourse.exchange.engine.Command;
import org.bourse.protocol.ClientMessage;
import org.bourse.protocol.ClientMessageDecoder;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.TraderIds;
import org.bourse.transport.RefusalLog;
import org.bourse.transport.WebSocketListener;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order gateway (9001). Each frame is decoded and checked on its connection's socket thread — JSON, fields,
 * identity, rate — and turned into an engine command or, when refused, into an answer; both go through the
 * engineThread's one queue, so every frame is answered exactly once and in the order it arrived.
 */
final class OrderGateway extends WebSocketListener {
    private static final Logger LOG = LoggerFactory.getLogger(OrderGateway.class);
    /** Wrong tokens a connection may send; the next closes it. */
    static final int WRONG_TOKENS_PER_CONNECTION = 4;
    /** Wrong tokens the whole gateway answers per second; beyond them a connection is closed at its first. */
    static final int WRONG_TOKENS_PER_SECOND = 20;
    /** The close frame's reason when a connection sends too many wrong tokens (with code 1008). */
    static final String TOO_MANY_WRONG_TOKENS = "too many wrong tokens";

    private final EngineThread engineThread;
    private final Credentials credentials;
    private final int messagesPerSecond;
    private final long maxUnsentBytes;
    private final ClientMessageDecoder decoder = new ClientMessageDecoder();
    private final ClientRequests requests;
    // socket threads share it
    private final Client.RateLimiter wrongTokens = new Client.RateLimiter(WRONG_TOKENS_PER_SECOND);
    private final RefusalLog wrongTokenLog = new RefusalLog(LOG, "Refused a hello with a wrong or missing token");

    @Override
    protected String portOption() {
        return "--gateway-port";
    }

    OrderGateway(InetSocketAddress address, int maxFrameBytes, EngineThread engineThread, TickScale scale,
                 Credentials credentials, int messagesPerSecond, long maxUnsentBytes) {
        super("order gateway", address, maxFrameBytes);
        this.engineThread = engineThread;
        this.credentials = credentials;
        this.messagesPerSecond = messagesPerSecond;
        this.maxUnsentBytes = maxUnsentBytes;
        this.requests = new ClientRequests(scale);
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
            engineThread.submitStamped(ts -> new EngineInput.Closed(client, ts));
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
        if (engineThread.lockstep()) {
            // the engine thread places every frame in virtual time; no wall-clock rate limit applies
            if (!(decoded instanceof ClientMessageDecoder.Valid valid) || identify(client, valid.message())) {
                engineThread.submit(new EngineInput.Frame(client, decoded));
            }
            return;
        }
        if (!client.rateLimiter.tryAcquire()) {
            Map<String, Object> details = Map.of("limit_per_second", client.rateLimiter.perSecond());
            if (decoded instanceof ClientMessageDecoder.Valid valid) {
                rejectTyped(client, ClientRequests.typeName(valid.message()), "rate_limited", details,
                        valid.message().traderId(), ClientRequests.clientOrderId(valid.message()));
            } else {
                ClientMessageDecoder.Invalid invalid = (ClientMessageDecoder.Invalid) decoded;
                rejectTyped(client, invalid.type(), "rate_limited", details, invalid.traderId(),
                        invalid.clientOrderId());
            }
            return;
        }
        if (decoded instanceof ClientMessageDecoder.Invalid invalid) {
            engineThread.submitStamped(ts -> new EngineInput.Answer(client, ClientRequests.reject(invalid, ts)));
            return;
        }
        ClientMessage message = ((ClientMessageDecoder.Valid) decoded).message();
        if (!identify(client, message)) {
            return;
        }
        if (message instanceof ClientMessage.Hello hello) {
            if (hello.lockstep() != null) {
                rejectTyped(client, "hello", "not_lockstep", Map.of("error", "this exchange runs in real time, not "
                        + "a lockstep battle: start the bot without --lockstep, or the exchange with it"),
                        hello.traderId(), null);
                return;
            }
            engineThread.submitStamped(ts -> new EngineInput.Welcome(client, ClientRequests.welcomed(hello), ts));
            return;
        }
        if (message instanceof ClientMessage.Done) {
            rejectTyped(client, "done", "not_lockstep", Map.of("error", "done belongs to lockstep battles; this "
                    + "exchange runs in real time"), message.traderId(), null);
            return;
        }
        engineThread.submitStamped(ts -> {
            ClientRequests.Outcome outcome = requests.translate(message, ts);
            return outcome instanceof ClientRequests.Execute execute ? new EngineInput.Execute(client, execute.command())
                    : new EngineInput.Answer(client, ((ClientRequests.Refuse) outcome).reject());
        });
    }

    /**
     * Binds the connection to the first trader it speaks for, and refuses any other (but the background traders a
     * crowd's hello named); with credentials, nothing but a hello with the right token is accepted first.
     */
    private boolean identify(Client client, ClientMessage message) {
        String trader = message.traderId();
        if (client.boundTrader != null && !client.boundTrader.equals(trader) && !client.crowd.contains(trader)) {
            rejectTyped(client, ClientRequests.typeName(message), "trader_mismatch",
                    Map.of("bound_trader_id", client.boundTrader), trader, ClientRequests.clientOrderId(message));
            return false;
        }
        if (client.boundTrader == null && TraderIds.isBackground(trader)) {
            rejectTyped(client, ClientRequests.typeName(message), "trader_mismatch", Map.of("error",
                    TraderIds.BACKGROUND_PREFIX + " traders belong to the background crowd: only a crowd "
                            + "connection whose hello names them trades as them"), trader,
                    ClientRequests.clientOrderId(message));
            return false;
        }
        if (!client.authenticated) {
            // a connection proves who it is once, with its first message
            if (message instanceof ClientMessage.Hello hello) {
                if (!credentials.accepts(hello.traderId(), hello.token())) {
                    refuseWrongToken(client, trader);
                    return false;
                }
            } else if (credentials.requiresHello(trader)) {
                rejectTyped(client, ClientRequests.typeName(message), "not_authenticated",
                        Map.of("error", "send {\"type\":\"hello\",\"trader_id\":...,\"token\":...} first"),
                        trader, ClientRequests.clientOrderId(message));
                return false;
            }
            client.authenticated = true;
        }
        if (credentials.required() && message instanceof ClientMessage.Hello hello && !hello.crowd().isEmpty()
                && !TraderIds.CROWD.equals(trader)) {
            // the crowd's token is what vouches for the background traders: no other trader may name them
            rejectTyped(client, "hello", "trader_mismatch", Map.of("error", "only the crowd's connection (trader '"
                    + TraderIds.CROWD + "') may name " + TraderIds.BACKGROUND_PREFIX + " traders"), trader, null);
            return false;
        }
        if (client.boundTrader == null) {
            client.boundTrader = trader;
            List<String> traders = List.of(trader);
            if (message instanceof ClientMessage.Hello hello && !hello.crowd().isEmpty()) {
                client.crowd = Set.copyOf(hello.crowd());
                traders = new ArrayList<>(traders);
                traders.addAll(hello.crowd());
            }
            engineThread.submit(new EngineInput.Bind(client, traders));
        }
        return true;
    }

    /**
     * A wrong token is answered {@code invalid_token} a few times per connection and a few times a second in all;
     * past either, the connection is closed with 1008 (a guesser learns nothing faster than that, and the log gets
     * one summary line every few seconds instead of one line per guess).
     */
    private void refuseWrongToken(Client client, String trader) {
        wrongTokenLog.record("from " + client.socket().getRemoteSocketAddress() + " as " + trader);
        boolean answered;
        synchronized (wrongTokens) {
            answered = wrongTokens.tryAcquire();
        }
        if (!answered || ++client.wrongTokens > WRONG_TOKENS_PER_CONNECTION) {
            client.socket().close(CloseFrame.POLICY_VALIDATION, TOO_MANY_WRONG_TOKENS);
            return;
        }
        rejectTyped(client, "hello", "invalid_token", Map.of(), trader, null);
    }

    /** Logs the wrong tokens not yet summed up. */
    @Override
    public void stop(int timeout, String closeMessage) throws InterruptedException {
        super.stop(timeout, closeMessage);
        wrongTokenLog.close();
    }

    /** Answers a refused frame with the reject type that matches what it tried to do. */
    private void rejectTyped(Client client, String type, String reason, Map<String, Object> details,
                             String traderId, String clientOrderId) {
        engineThread.submitStamped(ts -> new EngineInput.Answer(client, ClientRequests.reject(type, reason, details,
                traderId, clientOrderId, ts)));
    }
}
