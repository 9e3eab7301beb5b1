package org.bourse.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.List;
import org.bourse.transport.WebSocketListener;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.handshake.ClientHandshake;

/**
 * The market-data feed (9010): accepts subscribers and hands each to the relay thread. Read-only: what
 * subscribers send is read and dropped. Every connection counts the bytes its socket took, which tells the relay
 * how much it has handed over is still unsent.
 */
final class FeedServer extends WebSocketListener {

    /** Subscribers have nothing to say: a frame above this is closed with 1009. */
    private static final int MAX_INBOUND_FRAME_BYTES = 64 * 1024;

    private final FanOut fanOut;

    FeedServer(InetSocketAddress address, FanOut fanOut) {
        super("feed", address, MAX_INBOUND_FRAME_BYTES);
        this.fanOut = fanOut;
    }

    @Override
    protected String portOption() {
        return "--port";
    }

    @Override
    protected WebSocketImpl newConnection(WebSocketAdapter adapter, List<Draft> drafts) {
        return new Connection(adapter, drafts);
    }

    @Override
    protected ByteChannel wrap(ByteChannel channel, WebSocketImpl connection) {
        return new CountingChannel(channel, (Connection) connection);
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        fanOut.submit(new FanOut.Joined((Connection) socket));
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        fanOut.submit(new FanOut.Left((Connection) socket, code, reason));
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
        // read-only: nothing a subscriber sends goes anywhere
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer bytes) {
        // read-only
    }

    /** A subscriber's connection, with the number of bytes its socket has taken (written on the selector thread). */
    static final class Connection extends WebSocketImpl {
        private volatile long bytesWritten;

        Connection(WebSocketAdapter adapter, List<Draft> drafts) {
            super(adapter, drafts);
        }

        /** Everything written so far, the handshake and control frames included. */
        long bytesWritten() {
            return bytesWritten;
        }

        /** Called by the selector thread only: a plain volatile add is safe with one writer. */
        void wrote(int bytes) {
            bytesWritten += bytes;
        }
    }

    private record CountingChannel(ByteChannel channel, Connection connection) implements ByteChannel {
        @Override
        public int read(ByteBuffer destination) throws IOException {
            return channel.read(destination);
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            int written = channel.write(source);
            connection.wrote(written);
            return written;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
