package org.bourse.transport;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.server.WebSocketServer;

/**
 * Every use this module makes of Java-WebSocket beyond its documented API, in one place, each because that API
 * cannot do the job. Written against {@value #VERSION}; {@code JavaWebSocketInternalsTest} fails on any other
 * version, so that an upgrade starts by checking each item below against the new source.
 * <ul>
 *   <li><b>Stalled writes</b> ({@link #resumeStalledWrites}): the selector's {@code doWrite} writes a connection's
 *       queue and, finding it empty, sets the connection's interest back to reading. A frame queued by another
 *       thread between that check and that reset (its {@code onWriteDemand} set the interest to writing just before
 *       the reset undoes it) stays unsent until something else makes the connection writable again: a minute later,
 *       or never. Every path that sends from another thread has this race, the library's own {@code send} and
 *       {@code sendPing} included, and no hook of the library runs after the reset: the only cure from outside is to
 *       look for such connections and announce them again.</li>
 *   <li><b>Queueing raw bytes</b> ({@link #queue}): a connection's batch, already encoded, has to wait behind what
 *       the library has queued (the handshake answer, control frames). The library's own {@code write(ByteBuffer)}
 *       is private; its public sends take frames to encode again.</li>
 *   <li><b>Giving a read buffer back</b> ({@link #returnReadBuffer}): decoding on the selector thread saves a thread
 *       hop per message (see {@link WebSocketListener#queue}); the buffer it decoded must go back to the server's
 *       pool through the private {@code pushBuffer}: the pool holds three, is refilled by nothing else, and the selector
 *       waits forever for one when it is empty.</li>
 * </ul>
 */
final class JavaWebSocketInternals {
    /** The version of Java-WebSocket whose internals this class was written for. */
    static final String VERSION = "1.6.0";

    /** {@code WebSocketServer.pushBuffer(ByteBuffer)}, or null if this version of the library has none. */
    static final Method PUSH_BUFFER = pushBufferMethod();

    private JavaWebSocketInternals() {
    }

    /**
     * Announces again every connection of {@code server} that has bytes waiting (in the library's queue or left by a
     * direct write) but no interest in writing: the state the race above leaves behind. Run it every few ms.
     */
    static void resumeStalledWrites(WebSocketServer server) {
        for (WebSocket socket : server.getConnections()) {
            if (socket instanceof Connection connection && (connection.hasBufferedData() || connection.needsWrite())) {
                SelectionKey key = connection.getSelectionKey();
                try {
                    if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                        server.onWriteDemand(connection);
                    }
                } catch (CancelledKeyException e) {
                    // the connection is closing: nothing left to deliver
                }
            }
        }
    }

    /** Queues {@code bytes} for the selector to write after what the library has queued, and wakes it. */
    static void queue(WebSocketServer server, WebSocketImpl connection, ByteBuffer bytes) {
        connection.outQueue.add(bytes);
        server.onWriteDemand(connection);
    }

    /** The buffer the selector has just read into {@code connection}, for decoding; null if there is none. */
    static ByteBuffer takeReadBuffer(WebSocketImpl connection) {
        return connection.inQueue.poll();
    }

    /** Gives a decoded read buffer back to the server's pool (where {@link #PUSH_BUFFER} exists). */
    static void returnReadBuffer(WebSocketServer server, ByteBuffer buffer) {
        try {
            PUSH_BUFFER.invoke(server, buffer);
        } catch (ReflectiveOperationException e) {
            // pushBuffer was interrupted: the selector is stopping and needs no more buffers
        }
    }

    private static Method pushBufferMethod() {
        try {
            Method method = WebSocketServer.class.getDeclaredMethod("pushBuffer", ByteBuffer.class);
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
