package org.bourse.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.java_websocket.WrappedByteChannel;

/**
 * A connection's socket as Java-WebSocket's selector sees it. Two threads write to it: the selector, from the
 * connection's send queue (handshake, control frames, and whatever had to wait), and the connection's sending
 * thread, which writes its batch itself when nothing waits before it (see {@link Connection#flush}), sparing the
 * selector a wake-up. One lock keeps their bytes in order; what the socket does not take of a direct write is
 * kept here and written before anything else, through the library's {@link WrappedByteChannel} hooks (made for
 * TLS, where the channel too holds bytes of its own). Also counts the bytes written, and closes gently.
 */
final class ConnectionChannel implements WrappedByteChannel {
    private final SocketChannel socket;
    private final LingeringClose closer;
    /** What a direct write left unwritten; guarded by this. */
    private ByteBuffer remainder;
    private volatile long bytesWritten;

    ConnectionChannel(SocketChannel socket, LingeringClose closer) {
        this.socket = socket;
        this.closer = closer;
    }

    /**
     * Writes {@code batch} now unless the rest of an earlier one waits; the caller has checked that the connection's
     * send queue is empty. Whatever the socket does not take is kept and written first by the selector.
     *
     * @return false if it must wait its turn in the send queue (or the socket failed: the selector will find out)
     */
    synchronized boolean writeNow(ByteBuffer batch) {
        if (remainder != null) {
            return false;
        }
        try {
            count(socket.write(batch));
        } catch (IOException e) {
            return false;
        }
        if (batch.hasRemaining()) {
            remainder = batch;
        }
        return true;
    }

    /** The selector, writing from the send queue: a remainder goes first. */
    @Override
    public synchronized int write(ByteBuffer source) throws IOException {
        writeMore();
        if (remainder != null) {
            return 0;
        }
        return count(socket.write(source));
    }

    @Override
    public synchronized boolean isNeedWrite() {
        return remainder != null;
    }

    @Override
    public synchronized void writeMore() throws IOException {
        if (remainder != null) {
            count(socket.write(remainder));
            if (!remainder.hasRemaining()) {
                remainder = null;
            }
        }
    }

    long bytesWritten() {
        return bytesWritten;
    }

    private int count(int written) {
        bytesWritten += written;
        return written;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        return socket.read(destination);
    }

    @Override
    public boolean isNeedRead() {
        return false;
    }

    @Override
    public int readMore(ByteBuffer destination) {
        return 0;
    }

    @Override
    public boolean isBlocking() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    /** Half-closes and lets {@link LingeringClose} read off what the peer still sends. */
    @Override
    public void close() {
        closer.linger(socket);
    }
}
