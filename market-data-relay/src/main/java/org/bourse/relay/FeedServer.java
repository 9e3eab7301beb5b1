package org.bourse.relay;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market-data feed (9010): accepts subscribers and hands each to the relay thread. Read-only: what
 * subscribers send is read and dropped. Every connection counts the bytes its socket took, which tells the relay
 * how much it has handed over is still unsent.
 */
final class FeedServer extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(FeedServer.class);

    /** Subscribers have nothing to say: a frame above this is closed with 1009. */
    private static final int MAX_INBOUND_FRAME_BYTES = 64 * 1024;

    private final FanOut fanOut;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    FeedServer(InetSocketAddress address, FanOut fanOut) {
        // RFC 6455 without extensions (permessage-deflate is optional for clients, and frames are encoded once for
        // all of them) and without a subprotocol: the empty Protocol("") accepts clients that ask for none
        super(address, List.of(new Draft_6455(List.of(), List.of(new Protocol("")), MAX_INBOUND_FRAME_BYTES)));
        this.fanOut = fanOut;
        setTcpNoDelay(true);
        setReuseAddr(true);
        setConnectionLostTimeout(30);
        setWebSocketFactory(new CountingFactory());
    }

    /**
     * Binds the port and starts serving, or fails with one sentence. (Java-WebSocket's {@code start()} returns
     * before binding and reports a failure to bind only through {@code onError(null, e)}.)
     */
    void startAndWait() throws StartupException {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new StartupException("the feed did not start within 10 s on " + describeAddress());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting the feed");
        }
        Exception failure = startFailure;
        if (failure instanceof BindException) {
            throw new StartupException("cannot listen on " + describeAddress() + ": the port is already in use (is"
                    + " another relay running? pick another port with --port, or 0 for any free port)");
        } else if (failure != null) {
            throw new StartupException("cannot listen on " + describeAddress() + ": " + failure.getMessage());
        }
    }

    /** {@code ws://host:port} with the port actually bound. */
    String uri() {
        return "ws://" + getAddress().getHostString() + ":" + getPort();
    }

    private String describeAddress() {
        return getAddress().getHostString() + ":" + getAddress().getPort();
    }

    /**
     * Closes every subscriber with 1001 (going away) while the selector still runs to write the close frames,
     * waits up to {@code timeoutMillis} for the closing handshakes, then stops.
     */
    void shutDown(int timeoutMillis) throws InterruptedException {
        for (WebSocket socket : getConnections()) {
            socket.close(CloseFrame.GOING_AWAY, "relay shutting down");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!getConnections().isEmpty() && System.nanoTime() < deadline) {
            resumeStalledWrites(this);
            Thread.sleep(5);
        }
        stop(timeoutMillis, "relay shutting down");
    }

    /**
     * Works around a race in Java-WebSocket 1.6.0 for frames sent from threads other than the selector (all of the
     * relay's). The selector, having written out a connection's queue, sets the connection's interest back to
     * reading; a frame queued and announced just before that reset stays unsent until the next write on that
     * connection. A connection with frames waiting and no write interest is exactly that state: announce it again.
     */
    static void resumeStalledWrites(WebSocketServer server) {
        for (WebSocket socket : server.getConnections()) {
            if (socket instanceof WebSocketImpl connection && !connection.outQueue.isEmpty()) {
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

    @Override
    public void onStart() {
        started.countDown();
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

    @Override
    public void onError(WebSocket socket, Exception e) {
        if (socket == null) {
            if (started.getCount() > 0) {
                startFailure = e;
                started.countDown();
            } else {
                LOG.error("The feed failed: {}", e.toString());
            }
            return;
        }
        LOG.debug("Subscriber {}: {}", socket.getRemoteSocketAddress(), e.toString());
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

    private static final class CountingFactory implements WebSocketServerFactory {
        @Override
        public WebSocketImpl createWebSocket(WebSocketAdapter adapter, Draft draft) {
            return new Connection(adapter, List.of(draft));
        }

        @Override
        public WebSocketImpl createWebSocket(WebSocketAdapter adapter, List<Draft> drafts) {
            return new Connection(adapter, drafts);
        }

        @Override
        public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) {
            return new CountingChannel(channel, (Connection) key.attachment());
        }

        @Override
        public void close() {
            // nothing shared to release
        }
    }

    private record CountingChannel(SocketChannel channel, Connection connection) implements ByteChannel {
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
