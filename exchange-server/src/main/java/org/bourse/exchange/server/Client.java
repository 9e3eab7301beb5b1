package org.bourse.exchange.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bourse.transport.WebSocketListener;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection, to the gateway or the event stream, and what the exchange knows about it. The
 * identity fields are only touched on the connection's socket thread; {@link #send} and {@link #flush} only on the
 * engine thread.
 *
 * <p>Frames are batched: {@link #send} encodes a frame and keeps it, {@link #flush} (once per batch of commands)
 * hands them all to the connection's send queue and wakes the selector once. Java-WebSocket's own send wakes the
 * selector for every frame and, on the way, formats each frame into a string for a trace log line.
 */
final class Client {
    private static final Logger LOG = LoggerFactory.getLogger(Client.class);

    private final WebSocket socket;
    private final WebSocketListener server;
    private final int maxUnsentFrames;
    private final List<ByteBuffer> pending = new ArrayList<>();
    /** The trader this connection acts for, fixed by its first message (socket thread only). */
    String boundTrader;
    /** Whether the connection has proved its identity with a hello, when the exchange requires it. */
    boolean authenticated;
    final RateLimiter rateLimiter;

    Client(WebSocket socket, WebSocketListener server, int maxUnsentFrames, int messagesPerSecond) {
        this.socket = socket;
        this.server = server;
        this.maxUnsentFrames = maxUnsentFrames;
        this.rateLimiter = new RateLimiter(messagesPerSecond);
    }

    /**
     * Encodes one text frame for the next {@link #flush}.
     *
     * @return true if this is the first frame since the last flush (the caller remembers to flush this client)
     */
    boolean send(String text) {
        if (!socket.isOpen() || !(socket instanceof WebSocketImpl connection)) {
            return false;
        }
        Draft draft = connection.getDraft();
        for (Framedata frame : draft.createFrames(text, false)) {
            pending.add(draft.createBinaryFrame(frame));
        }
        return pending.size() == 1;
    }

    /**
     * Hands the batched frames to the connection. A client that does not read what it is sent is disconnected once
     * too much is waiting, so that it cannot exhaust the exchange's memory.
     */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        if (!socket.isOpen() || !(socket instanceof WebSocketImpl connection)) {
            pending.clear();
            return;
        }
        if (connection.outQueue.size() + pending.size() > maxUnsentFrames) {
            pending.clear();
            LOG.warn("Disconnecting {} ({}): more than {} messages unread", socket.getRemoteSocketAddress(),
                    boundTrader == null ? "no trader yet" : boundTrader, maxUnsentFrames);
            socket.close(CloseFrame.POLICY_VALIDATION, "too slow: more than " + maxUnsentFrames + " messages unread");
            return;
        }
        connection.outQueue.addAll(pending);
        pending.clear();
        server.onWriteDemand(connection);
    }

    WebSocket socket() {
        return socket;
    }

    @Override
    public String toString() {
        return String.valueOf(socket.getRemoteSocketAddress()) + (boundTrader == null ? "" : " " + boundTrader);
    }

    /** A token bucket: {@code perSecond} messages a second, bursts up to one second's worth. */
    static final class RateLimiter {
        private final int perSecond;
        private double tokens;
        private long last = System.nanoTime();

        RateLimiter(int perSecond) {
            this.perSecond = perSecond;
            this.tokens = perSecond;
        }

        int perSecond() {
            return perSecond;
        }

        boolean tryAcquire() {
            if (perSecond <= 0) {
                return true;
            }
            long now = System.nanoTime();
            tokens = Math.min(perSecond, tokens + (now - last) * perSecond / 1e9);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
