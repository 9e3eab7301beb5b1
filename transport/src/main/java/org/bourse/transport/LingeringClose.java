package org.bourse.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;

/**
 * Closes server sockets the way RFC 6455 §7.1.1 and every careful HTTP server do: send FIN, then read and discard
 * what the peer still sends until it closes too, or a deadline passes. Java-WebSocket closes a socket as soon as
 * its close frame is written; when the peer was still sending (a 70 KiB frame that earned a 1009, say) the unread
 * bytes make the kernel answer with a reset, which can destroy the close frame before the peer reads it, so the
 * peer sees 1006 instead of the code it was sent.
 *
 * <p>It is the listener's socket factory too, so every connection is a {@link Connection} on a
 * {@link ConnectionChannel}, whose {@code close} comes here.
 */
final class LingeringClose implements WebSocketServerFactory {
    /** How long a closed connection may keep sending before its socket is closed regardless. */
    static final long LINGER_MILLIS = 1_000;

    private final WebSocketListener listener;
    private final Map<SocketChannel, Long> lingering = new ConcurrentHashMap<>();
    private final ByteBuffer discard = ByteBuffer.allocateDirect(16 * 1024);

    LingeringClose(WebSocketListener listener) {
        this.listener = listener;
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft draft) {
        return new Connection(listener, List.of(draft));
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> drafts) {
        return new Connection(listener, drafts);
    }

    @Override
    public void close() {
        closeAll();
    }

    @Override
    public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) {
        ConnectionChannel wrapped = new ConnectionChannel(channel, this);
        Connection connection = (Connection) key.attachment();
        connection.attach(wrapped);
        listener.handshakeStarted(connection);
        return wrapped;
    }

    /** Reads off what lingering peers sent and closes the sockets that are done; run it every few ms. */
    void sweep() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<SocketChannel, Long>> it = lingering.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<SocketChannel, Long> entry = it.next();
            if (drainedOrFailed(entry.getKey()) || now - entry.getValue() > 0) {
                closeQuietly(entry.getKey());
                it.remove();
            }
        }
    }

    boolean isIdle() {
        return lingering.isEmpty();
    }

    /** Closes every lingering socket now: the server is stopping. */
    void closeAll() {
        lingering.keySet().forEach(LingeringClose::closeQuietly);
        lingering.clear();
    }

    private boolean drainedOrFailed(SocketChannel channel) {
        try {
            int read;
            do {
                discard.clear();
                read = channel.read(discard);
            } while (read > 0);
            return read < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more can be done for a socket that fails to close
        }
    }

    /** Sends FIN, then keeps reading (and discarding) until the peer closes too or the deadline passes. */
    void linger(SocketChannel channel) {
        try {
            channel.shutdownOutput();
            lingering.put(channel, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS));
        } catch (IOException e) {
            closeQuietly(channel);
        }
    }
}
