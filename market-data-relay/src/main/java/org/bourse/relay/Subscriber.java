package org.bourse.relay;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.bourse.transport.Connection;

/**
 * One connection to the feed, and the frames waiting for it. Used by the relay thread only (its connection's
 * byte count aside).
 *
 * <p>A frame handed to the connection cannot be taken back (its selector may be halfway through writing it), so
 * only {@link #WINDOW_BYTES} unsent at a time are handed over; the rest waits in this subscriber's own queue,
 * where a backlog can still be dropped whole.
 */
final class Subscriber {
    /** How much may be handed to the connection, unsent, before frames wait in the queue instead. */
    static final long WINDOW_BYTES = 256 * 1024;
    /**
     * Beyond this much unsent when its queue overflows, a subscriber is disconnected rather than resynced: it reads
     * too little to ever catch up, and each resync would hand it one more snapshot.
     */
    static final long MAX_UNSENT_BYTES = 8L * 1024 * 1024;

    /** Subscription requests a subscriber may make: a burst of this many, then {@link #REQUESTS_PER_SECOND}. */
    static final int REQUEST_BURST = 10;
    static final int REQUESTS_PER_SECOND = 5;

    private final Connection connection;
    private final int queueLimit;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    /** The connection's byte count when it was last resynced after an overflow; -1 before the first. */
    private long writtenAtResync = -1;
    /** When this subscriber was last given a frame ({@link System#nanoTime}): its silence, for heartbeats. */
    private long lastFrameNanos = System.nanoTime();
    private boolean closed;
    private Topics topics = Topics.ALL;
    /** Requests it may make now (a token bucket, refilled at {@link #REQUESTS_PER_SECOND}). */
    private double requestTokens = REQUEST_BURST;
    private long requestTokensAtNanos = System.nanoTime();
    /** Whether it has been told it asks too often since it last could ask. */
    private boolean toldRateLimited;

    Subscriber(Connection connection, int queueLimit) {
        this.connection = connection;
        this.queueLimit = queueLimit;
    }

    /**
     * Sends {@code frame} (shared with other subscribers, never changed) after what already waits.
     *
     * @return false if the queue would exceed its limit: the frame was not taken, the subscriber needs a resync
     */
    boolean offer(ByteBuffer frame) {
        if (closed) {
            return true;
        }
        lastFrameNanos = System.nanoTime();
        if (queue.isEmpty() && unsentBytes() < WINDOW_BYTES) {
            connection.hand(frame);
        } else if (queue.size() < queueLimit) {
            queue.addLast(frame);
        } else {
            return false;
        }
        return true;
    }

    /** Moves waiting frames to the connection while it has room. */
    void pump() {
        while (!queue.isEmpty() && unsentBytes() < WINDOW_BYTES && !closed) {
            connection.hand(queue.pollFirst());
        }
    }

    /** Writes the frames handed over since the last call, as one write (see {@link Connection#flush}). */
    void flush() {
        connection.flush();
    }

    /**
     * Drops the backlog for a resync after an overflow.
     *
     * @return false if the subscriber has not read a byte since its previous resync: it is not reading at all
     */
    boolean dropBacklogForResync() {
        queue.clear();
        long written = connection.bytesWritten();
        boolean reading = written != writtenAtResync;
        writtenAtResync = written;
        return reading;
    }

    /** Drops the backlog: what follows supersedes it. */
    void dropBacklog() {
        queue.clear();
    }

    /** Hands {@code frame} to the connection now, whatever waits or is unsent (a status or a snapshot). */
    void handNow(ByteBuffer frame) {
        if (!closed) {
            lastFrameNanos = System.nanoTime();
            connection.hand(frame);
        }
    }

    Topics topics() {
        return topics;
    }

    void topics(Topics topics) {
        this.topics = topics;
    }

    /** Takes one request's worth from the subscriber's allowance; false if it has none left. */
    boolean mayRequest(long nowNanos) {
        requestTokens = Math.min(REQUEST_BURST,
                requestTokens + (nowNanos - requestTokensAtNanos) * REQUESTS_PER_SECOND / 1e9);
        requestTokensAtNanos = nowNanos;
        if (requestTokens < 1) {
            return false;
        }
        requestTokens -= 1;
        toldRateLimited = false;
        return true;
    }

    /** True the first time it is refused for asking too often since it last could ask: one answer per storm. */
    boolean firstRateLimited() {
        boolean first = !toldRateLimited;
        toldRateLimited = true;
        return first;
    }

    /** Whether nothing has been given to this subscriber since {@code sinceNanos}. */
    boolean silentSince(long sinceNanos) {
        return lastFrameNanos - sinceNanos <= 0;
    }

    long unsentBytes() {
        return connection.unsentBytes();
    }

    /** Closes the connection with 1008 and drops everything not yet given to it. */
    void closeTooSlow(String reason) {
        closed = true;
        queue.clear();
        connection.closeTooSlow(reason);
    }

    @Override
    public String toString() {
        return String.valueOf(connection.getRemoteSocketAddress());
    }
}
