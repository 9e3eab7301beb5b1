package org.bourse.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;

/**
 * A connection to a {@link WebSocketListener}, written to by one sending thread (the exchange's engine, the relay's
 * fan-out) in batches: {@link #hand} keeps frames, {@link #flush} gives them to the selector as one buffer, so a
 * batch costs one wake-up and one write system call however many frames it holds. It also counts the bytes handed
 * over and the bytes the socket took, which tells the sender how much is still waiting for a slow reader.
 */
public class Connection extends WebSocketImpl {
    private final WebSocketListener listener;
    private final List<ByteBuffer> batch = new ArrayList<>();
    private int batchBytes;
    /** Sending thread only. */
    private long bytesHanded;
    /** Written by the selector thread only: a plain volatile add is safe with one writer. */
    private volatile long bytesWritten;

    Connection(WebSocketListener listener, List<Draft> drafts) {
        super(listener, drafts);
        this.listener = listener;
    }

    /**
     * Keeps {@code frame} (from {@link Frames}; it is never changed, so one frame may go to many connections) for
     * the next {@link #flush}.
     *
     * @return true if it is the first frame since the last flush: the caller must remember to flush this connection
     */
    public boolean hand(ByteBuffer frame) {
        batch.add(frame);
        batchBytes += frame.remaining();
        bytesHanded += frame.remaining();
        return batch.size() == 1;
    }

    /**
     * Gives the frames handed since the last flush to the selector, as one buffer, and wakes it; drops them if the
     * connection is no longer open.
     *
     * @return true if there was anything to send
     */
    public boolean flush() {
        if (batch.isEmpty()) {
            return false;
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
            outQueue.add(out);
            listener.onWriteDemand(this);
        }
        batch.clear();
        batchBytes = 0;
        return true;
    }

    /** Drops the frames handed since the last flush. */
    public void dropBatch() {
        bytesHanded -= batchBytes;
        batch.clear();
        batchBytes = 0;
    }

    /** Bytes handed over (flushed or not) and not yet taken by the socket; for the sending thread. */
    public long unsentBytes() {
        return Math.max(0, bytesHanded - bytesWritten);
    }

    /** Everything the socket has taken so far, the handshake and control frames included. */
    public long bytesWritten() {
        return bytesWritten;
    }

    void wrote(int bytes) {
        bytesWritten += bytes;
    }
}
