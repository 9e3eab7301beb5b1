package org.bourse.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.framing.CloseFrame;

/**
 * A connection to a {@link WebSocketListener}, written to by one sending thread (the exchange's engine, the relay's
 * fan-out) in batches: {@link #hand} keeps frames, {@link #flush} writes them as one buffer, so a batch costs one
 * write system call however many frames it holds. The sending thread writes it itself when nothing waits before
 * it; otherwise, or for what the socket did not take, the selector does (one wake-up). It also counts the bytes
 * handed over and the bytes the socket took, which tells the sender how much is still waiting for a slow reader.
 */
public class Connection extends WebSocketImpl {
    private final WebSocketListener listener;
    private final List<ByteBuffer> batch = new ArrayList<>();
    private int batchBytes;
    /** Sending thread only. */
    private long bytesHanded;
    /** Bytes up to this count of {@link #bytesHanded} are not counted as unsent (see {@link #exemptHanded}). */
    private long exemptUpTo;
    /** Set by the selector when it accepts the connection, before anything can be sent. */
    private volatile ConnectionChannel channel;

    Connection(WebSocketListener listener, List<Draft> drafts) {
        super(listener, drafts);
        this.listener = listener;
    }

    /** Runs on the library's decoder thread, which every message waits for: it too asks for short time slices. */
    @Override
    public void decode(ByteBuffer socketBuffer) {
        TimeSlice.shortenForThisThreadOnce();
        super.decode(socketBuffer);
    }

    /**
     * Keeps {@code frame} (from {@link FrameEncoder}; it is never changed, so one frame may go to many connections) for
     * the next {@link #flush}; a connection no longer open drops it.
     *
     * @return true if it is the first frame since the last flush: the caller must remember to flush this connection
     */
    public boolean hand(ByteBuffer frame) {
        if (!isOpen()) {
            return false;
        }
        batch.add(frame);
        batchBytes += frame.remaining();
        bytesHanded += frame.remaining();
        return batch.size() == 1;
    }

    /**
     * Writes the frames handed since the last flush, as one buffer: right away if nothing waits before them, else
     * through the selector (woken for it); drops them if the connection is no longer open.
     */
    public void flush() {
        if (batch.isEmpty()) {
            return;
        }
        if (isOpen()) {
            ByteBuffer out;
            if (batch.size() == 1) {
                out = batch.get(0).duplicate();
            } else {
                out = ByteBuffer.allocate(batchBytes);
                for (int i = 0; i < batch.size(); i++) {
                    out.put(batch.get(i).duplicate());
                }
                out.flip();
            }
            ConnectionChannel socket = channel;
            if (socket == null || hasBufferedData() || !socket.writeNow(out)) {
                JavaWebSocketInternals.queue(listener, this, out);
            } else if (socket.isNeedWrite()) {
                listener.onWriteDemand(this);
            }
        }
        batch.clear();
        batchBytes = 0;
    }

    /** Drops the frames handed since the last flush: they must not be sent after all. */
    public void discard() {
        bytesHanded -= batchBytes;
        exemptUpTo = Math.min(exemptUpTo, bytesHanded);
        batch.clear();
        batchBytes = 0;
    }

    /** Drops the frames handed since the last flush and closes with 1008: the peer reads too slowly. */
    public void closeTooSlow(String reason) {
        discard();
        close(CloseFrame.POLICY_VALIDATION, reason);
    }

    /**
     * What has been handed so far is not counted by {@link #unsentBytes}: a snapshot, which a new subscriber needs
     * first however large it is. A slow reader is then judged by what waits behind it.
     */
    public void exemptHanded() {
        exemptUpTo = bytesHanded;
    }

    /**
     * Bytes handed over (flushed or not), not yet taken by the socket and not exempt; for the sending thread. It can
     * undercount by the handshake and control frames (written, never handed): a few hundred bytes.
     */
    public long unsentBytes() {
        return Math.max(0, bytesHanded - Math.max(bytesWritten(), exemptUpTo));
    }

    /** Everything the socket has taken so far, the handshake and control frames included. */
    public long bytesWritten() {
        ConnectionChannel socket = channel;
        return socket == null ? 0 : socket.bytesWritten();
    }

    /** Whether the socket holds bytes of a direct write that the selector has still to write. */
    boolean needsWrite() {
        ConnectionChannel socket = channel;
        return socket != null && socket.isNeedWrite();
    }

    void attach(ConnectionChannel socket) {
        this.channel = socket;
    }
}
