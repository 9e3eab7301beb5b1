package org.bourse.bot;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bourse.cli.Backoff;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.WireJson;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection the bot keeps open, to the order gateway or to the market-data feed. Every attempt is a
 * fresh client whose threads only decode frames and queue them, with the opening and the closing of the
 * connection, in the bot's inbox; everything else happens on the bot's loop thread: it opens the link, is told when
 * the link is {@link #ready} (welcome or snapshot received), and re-opens it after a loss with exponential backoff.
 * A loss and a recovery are logged once each, however many attempts lie between.
 */
final class Link {
    private static final Logger LOG = LoggerFactory.getLogger(Link.class);

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** Ping interval; a connection that does not answer within it is closed and re-opened. */
    private static final int PING_SECONDS = 30;
    /** A connection that says nothing for this long after opening is probably the wrong port. */
    private static final long SILENCE_WARNING_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long NEVER = Long.MAX_VALUE;

    private final String name;
    private final URI uri;
    private final String traderId;
    /** What the link waits for before it is ready, for the warning: {@code welcome}, {@code snapshot}. */
    private final String firstMessage;
    private final Queue<LoopInput> inbox;
    private final Backoff backoff = Backoff.standard();
    private final AtomicBoolean badFrameReported = new AtomicBoolean();

    /** The current attempt's client; null between a loss and the next attempt, and once closed. */
    private Socket socket;
    private long attempt;
    private boolean ready;
    private boolean closing;
    private long reconnectAtNanos = NEVER;
    private long silenceWarningAtNanos = NEVER;
    private boolean everReady;
    private boolean lossReported;
    private long lostAtNanos;

    /**
     * @param name         what it connects to, for log lines: {@code order gateway}, {@code market-data feed}
     * @param firstMessage the message that makes it ready, for the warning when none comes: {@code welcome}
     * @param inbox        where its events go (thread-safe)
     */
    Link(String name, URI uri, String firstMessage, String traderId, Queue<LoopInput> inbox) {
        this.name = name;
        this.uri = uri;
        this.firstMessage = firstMessage;
        this.traderId = traderId;
        this.inbox = inbox;
    }

    /** Starts a connection attempt; its outcome arrives in the inbox as {@code Opened} or {@code Closed}. */
    void open() {
        attempt++;
        reconnectAtNanos = NEVER;
        ready = false;
        socket = new Socket(attempt);
        socket.connect();
    }

    /** The current attempt is open: it should now hear from the other side soon. */
    void opened() {
        silenceWarningAtNanos = System.nanoTime() + SILENCE_WARNING_NANOS;
    }

    /** The other side said something that shows it is the right kind of server (a relay's status, say). */
    void heard() {
        silenceWarningAtNanos = NEVER;
    }

    /** Whether an event comes from this link's current attempt (and not from one already given up). */
    boolean isCurrent(LoopInput.OnLink event) {
        return event.link() == this && event.attempt() == attempt && socket != null;
    }

    /**
     * The welcome or snapshot came: the link can be used. Logs the first connection, or the recovery after a loss
     * with how long it took; {@code state} is appended (e.g. the position the bot resumes with).
     */
    void ready(String state) {
        ready = true;
        silenceWarningAtNanos = NEVER;
        backoff.reset();
        if (!everReady) {
            LOG.atInfo().addKeyValue("trader", traderId).addKeyValue("link", name).addKeyValue("uri", uri)
                    .log("{}: connected to the {} at {}{}", traderId, name, uri, state);
        } else if (lossReported) {
            LOG.info("{}: {} back after {} s{}", traderId, name,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - lostAtNanos) / 1e9), state);
        }
        everReady = true;
        lossReported = false;
    }

    boolean isReady() {
        return ready;
    }

    /** The current attempt ended: logs the first failure of a run of them and schedules the next attempt. */
    void closed(String reason) {
        socket = null;
        ready = false;
        silenceWarningAtNanos = NEVER;
        if (closing) {
            return;
        }
        long now = System.nanoTime();
        if (!lossReported) {
            if (everReady) {
                LOG.atWarn().addKeyValue("trader", traderId).addKeyValue("link", name).addKeyValue("reason", reason)
                        .log("{}: lost the {} ({}); reconnecting", traderId, name, reason);
            } else {
                LOG.atWarn().addKeyValue("trader", traderId).addKeyValue("link", name).addKeyValue("uri", uri)
                        .addKeyValue("reason", reason).log("{}: cannot reach the {} at {} ({}); retrying", traderId, name,
                                uri, reason);
            }
            lossReported = true;
            lostAtNanos = now;
        } else {
            LOG.debug("{}: {} still unreachable ({})", traderId, name, reason);
        }
        reconnectAtNanos = now + TimeUnit.MILLISECONDS.toNanos(backoff.nextMillis());
    }

    /** Drops the current connection, whatever its state, and starts a new one at once (after a seq gap). */
    void restart() {
        Socket old = socket;
        if (old != null) {
            old.close();
        }
        open();
    }

    /** When {@link #onTime} has something to do ({@link System#nanoTime}), or {@link Long#MAX_VALUE}. */
    long nextDeadlineNanos() {
        return Math.min(reconnectAtNanos, silenceWarningAtNanos);
    }

    /** Makes the next connection attempt when it is due, and warns about a server that stays silent. */
    void onTime(long nowNanos) {
        if (silenceWarningAtNanos != NEVER && nowNanos - silenceWarningAtNanos >= 0) {
            silenceWarningAtNanos = NEVER;
            LOG.warn("{}: the {} at {} has sent no {} within {} s of connecting: is that the right address?",
                    traderId, name, uri, firstMessage, TimeUnit.NANOSECONDS.toSeconds(SILENCE_WARNING_NANOS));
        }
        if (reconnectAtNanos != NEVER && nowNanos - reconnectAtNanos >= 0 && !closing) {
            LOG.debug("{}: connecting to the {} at {}", traderId, name, uri);
            open();
        }
    }

    /** @throws WebsocketNotConnectedException if the connection is gone (its {@code Closed} event follows) */
    void send(String frame) {
        Socket current = socket;
        if (current == null) {
            throw new WebsocketNotConnectedException();
        }
        current.send(frame);
    }

    /** Closes for good: no more attempts. {@link #isClosed} turns true when the connection has gone. */
    void close() {
        closing = true;
        reconnectAtNanos = NEVER;
        if (socket != null) {
            socket.close(CloseFrame.NORMAL, "bot stopping");
        }
    }

    boolean isClosed() {
        return socket == null;
    }

    String name() {
        return name;
    }

    /** One connection attempt. Its callbacks run on Java-WebSocket's threads and only queue events. */
    private final class Socket extends WebSocketClient {
        private final long attempt;
        private volatile String error;

        Socket(long attempt) {
            // RFC 6455 without extensions: the exchange declines permessage-deflate anyway
            super(Link.this.uri, new Draft_6455(), Map.of(), CONNECT_TIMEOUT_MILLIS);
            this.attempt = attempt;
            setTcpNoDelay(true);
            setDaemon(true);
            setConnectionLostTimeout(PING_SECONDS);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            inbox.add(new LoopInput.Opened(Link.this, attempt));
        }

        @Override
        public void onMessage(String text) {
            ServerMessage message;
            try {
                message = WireJson.decodeServerMessage(text);
            } catch (JsonProcessingException | RuntimeException e) {
                if (badFrameReported.compareAndSet(false, true)) {
                    LOG.warn("{}: ignoring a frame from the {} that is not a message the bot understands ({}); "
                            + "further ones are logged at DEBUG", traderId, name, e.getMessage());
                } else {
                    LOG.debug("{}: ignoring a frame from the {}: {}", traderId, name, e.getMessage());
                }
                return;
            }
            if (message != null) { // null: a type this version does not know, which a client ignores
                inbox.add(new LoopInput.Received(Link.this, attempt, message));
            }
        }

        /** The protocol allows JSON in binary frames too. */
        @Override
        public void onMessage(ByteBuffer bytes) {
            onMessage(StandardCharsets.UTF_8.decode(bytes).toString());
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            String why;
            if (code == CloseFrame.NEVER_CONNECTED) {
                why = error != null ? error : reason;
            } else {
                why = "closed with code " + code + (reason == null || reason.isEmpty() ? "" : ": " + reason);
            }
            inbox.add(new LoopInput.Closed(Link.this, attempt, why));
        }

        @Override
        public void onError(Exception e) {
            if (error == null) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
    }
}
