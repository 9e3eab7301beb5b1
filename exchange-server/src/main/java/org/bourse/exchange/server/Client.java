package org.bourse.exchange.server;

import java.util.Set;
import org.bourse.transport.Connection;
import org.bourse.transport.FrameEncoder;
import org.java_websocket.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection, to the gateway or the event stream, and what the exchange knows about it. The
 * identity fields are only touched on the connection's socket thread; {@link #send} and {@link #flush} only on the
 * engine thread.
 *
 * <p>FrameEncoder are batched: {@link #send} encodes a frame and hands it to the {@link Connection}, {@link #flush} (once
 * per batch of commands) writes the whole batch as one buffer, from the engine thread itself when nothing waits
 * before it: one write per connection per batch, and usually no selector wake-up. (Java-WebSocket's own send wakes
 * the selector for every frame, each frame is a write of its own, and on the way it formats each frame into a
 * string for a trace log line.)
 */
final class Client {
    private static final Logger LOG = LoggerFactory.getLogger(Client.class);

    private final Connection connection;
    private final long maxUnsentBytes;
    /** The trader this connection acts for, fixed by its first message (socket thread only). */
    String boundTrader;
    /** The background traders this connection speaks for too (a crowd's, named in its hello; socket thread only). */
    Set<String> crowd = Set.of();
    /** Whether the connection has proved its identity with a hello, when the exchange requires it. */
    boolean authenticated;
    /** How many hellos with a wrong token it sent (socket thread only). */
    int wrongTokens;
    /**
     * The exchange had no room for the traders this connection speaks for ({@code --max-traders}): all it sends is
     * refused. Engine thread only.
     */
    boolean turnedAway;
    final RateLimiter rateLimiter;

    Client(WebSocket socket, long maxUnsentBytes, int messagesPerSecond) {
        this.connection = (Connection) socket;
        this.maxUnsentBytes = maxUnsentBytes;
        this.rateLimiter = new RateLimiter(messagesPerSecond);
    }

    /**
     * FrameEncoder one text (its UTF-8 bytes) for the next {@link #flush}.
     *
     * @return true if this is the first frame since the last flush (the caller remembers to flush this client)
     */
    boolean send(byte[] utf8) {
        return connection.hand(FrameEncoder.text(utf8));
    }

    /**
     * Hands the batched frames to the connection. A client that does not read what it is sent is disconnected once
     * too much is waiting, so that it cannot exhaust the exchange's memory.
     */
    void flush() {
        if (connection.isOpen() && connection.unsentBytes() > maxUnsentBytes) {
            LOG.atWarn().addKeyValue("remote", connection.getRemoteSocketAddress()).addKeyValue("trader", boundTrader)
                    .addKeyValue("reason", "too_slow").log("Disconnecting {} ({}): more than {} KiB unread",
                            connection.getRemoteSocketAddress(), boundTrader == null ? "no trader yet" : boundTrader,
                            maxUnsentBytes >> 10);
            connection.closeTooSlow("too slow: more than " + (maxUnsentBytes >> 10) + " KiB unread");
            return;
        }
        connection.flush();
    }

    /** What was sent so far (a snapshot) does not count against the limit of frames waiting unread. */
    void exemptWhatWasSent() {
        connection.exemptHanded();
    }

    /** Drops the frames sent since the last flush. */
    void discard() {
        connection.discard();
    }

    WebSocket socket() {
        return connection;
    }

    @Override
    public String toString() {
        return String.valueOf(connection.getRemoteSocketAddress()) + (boundTrader == null ? "" : " " + boundTrader);
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
