package org.bourse.transport;

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
 *       {@code sendPing} included (and the handshake answers and control frames its decoder thread sends), and no
 *       hook of the library runs after the reset: short of writing through a selector of one's own, the cure is to
 *       look for such connections and announce them again.</li>
 *   <li><b>Queueing raw bytes</b> ({@link #queue}): a connection's batch, already encoded, has to wait behind what
 *       the library has queued (the handshake answer, control frames). The library's own {@code write(ByteBuffer)}
 *       is private; its public sends take frames to encode again.</li>
 * </ul>
 * (Frames are decoded on the library's decoder thread, its public way. Decoding on the selector thread instead, one
 * thread hop less, needs the private {@code WebSocketServer.pushBuffer} to give each read buffer back: measured with
 * the load tool, it was no faster, so it is not done.)
 */
final class JavaWebSocketInternals {
    /** The version of Java-WebSocket whose internals this class was written for. */
    static final String VERSION = "1.6.0";

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
}
