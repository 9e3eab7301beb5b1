package org.bourse.exchange.server;

import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection, to the gateway or the event stream, and what the exchange knows about it. The
 * identity fields are only touched on the connection's socket thread; {@link #send} may be called from the
 * engine thread.
 */
final class Client {
    private static final Logger LOG = LoggerFactory.getLogger(Client.class);

    private final WebSocket socket;
    private final int maxUnsentFrames;
    /** The trader this connection acts for, fixed by its first message (socket thread only). */
    String boundTrader;
    /** Whether the connection has proved its identity with a hello, when the exchange requires it. */
    boolean authenticated;
    final RateLimiter rateLimiter;

    Client(WebSocket socket, int maxUnsentFrames, int messagesPerSecond) {
        this.socket = socket;
        this.maxUnsentFrames = maxUnsentFrames;
        this.rateLimiter = new RateLimiter(messagesPerSecond);
    }

    /**
     * Queues one text frame. A client that does not read what it is sent is disconnected once too much is
     * waiting, so that it cannot exhaust the exchange's memory.
     */
    void send(String text) {
        if (!socket.isOpen()) {
            return;
        }
        if (unsentFrames() > maxUnsentFrames) {
            LOG.warn("Disconnecting {} ({}): more than {} messages unread", socket.getRemoteSocketAddress(),
                    boundTrader == null ? "no trader yet" : boundTrader, maxUnsentFrames);
            socket.close(CloseFrame.POLICY_VALIDATION, "too slow: more than " + maxUnsentFrames + " messages unread");
            return;
        }
        try {
            socket.send(text);
        } catch (RuntimeException e) {
            // closed between the check and the send: nothing to deliver to any more
        }
    }

    private int unsentFrames() {
        return socket instanceof org.java_websocket.WebSocketImpl impl ? impl.outQueue.size() : 0;
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
