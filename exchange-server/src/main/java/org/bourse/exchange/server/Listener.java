package org.bourse.exchange.server;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.net.BindException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.SocketChannelIOHelper;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket server of the exchange. Java-WebSocket's {@code start()} returns before the port is bound and
 * reports a failure to bind only through {@code onError(null, e)}: {@link #startAndWait} waits for one or the
 * other and turns a failure into one clear sentence.
 */
abstract class Listener extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

    /** How often stalled sends are looked for: the longest a reply can wait for the selector. */
    private static final long WRITE_SWEEP_MILLIS = 2;
    /** How often closed sockets are checked for their peer's end of the close. */
    private static final long LINGER_SWEEP_MILLIS = 10;

    private final String name;
    private final CountDownLatch started = new CountDownLatch(1);
    private final ScheduledExecutorService writeSweeper;
    private final LingeringClose lingeringClose = new LingeringClose();
    private volatile Exception startFailure;

    Listener(String name, InetSocketAddress address, List<Draft> drafts) {
        super(address, 1, drafts);
        this.name = name;
        setTcpNoDelay(true);
        setReuseAddr(true);
        setConnectionLostTimeout(30);
        setWebSocketFactory(lingeringClose);
        writeSweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name.replace(' ', '-') + "-write-sweep");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Binds the port and starts serving, or fails with a message fit for the user. */
    void startAndWait() throws StartupException {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new StartupException("the " + name + " did not start within 10 s on " + describeAddress());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting the " + name);
        }
        Exception failure = startFailure;
        if (failure != null) {
            if (failure instanceof BindException) {
                throw new StartupException("cannot listen on " + describeAddress() + " for the " + name + ": "
                        + "the port is already in use (is another exchange running? pick another port with "
                        + portOption() + ")");
            }
            throw new StartupException("cannot start the " + name + " on " + describeAddress() + ": "
                    + failure.getMessage());
        }
    }

    /**
     * RFC 6455 without extensions (permessage-deflate is optional for clients; declining it rules out
     * decompression bombs) and without a subprotocol — the empty {@code Protocol("")} is what accepts clients
     * that ask for none — with frames limited to {@code maxFrameBytes} (larger ones are closed with 1009).
     */
    static List<Draft> draft(int maxFrameBytes) {
        return List.of(new Draft_6455(List.of(), List.of(new Protocol("")), maxFrameBytes));
    }

    /** The flag that sets this listener's port, for error messages. */
    abstract String portOption();

    /** {@code ws://host:port} with the port actually bound. */
    String uri() {
        return "ws://" + getAddress().getHostString() + ":" + getPort();
    }

    private String describeAddress() {
        return getAddress().getHostString() + ":" + getAddress().getPort();
    }

    @Override
    public void onStart() {
        writeSweeper.scheduleWithFixedDelay(this::resumeStalledWrites, WRITE_SWEEP_MILLIS, WRITE_SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
        writeSweeper.scheduleWithFixedDelay(lingeringClose::sweep, LINGER_SWEEP_MILLIS, LINGER_SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
        started.countDown();
    }

    /**
     * Closes every connection with 1001 (going away) while the selector still runs to write the close frames and
     * finish the handshakes, waits up to {@code timeout} ms for them, then stops. (Java-WebSocket's own stop closes
     * the connections and lets its selector exit as soon as it is idle, sometimes before every close frame is
     * written or socket closed; whatever is still open after that is flushed and closed here.)
     */
    @Override
    public void stop(int timeout, String closeMessage) throws InterruptedException {
        String reason = closeMessage == null || closeMessage.isEmpty() ? "exchange shutting down" : closeMessage;
        for (WebSocket socket : getConnections()) {
            socket.close(CloseFrame.GOING_AWAY, reason);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        while (!getConnections().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        super.stop(timeout, reason);
        for (WebSocket socket : getConnections()) {
            if (socket instanceof WebSocketImpl connection && !connection.isClosed()) {
                try {
                    SocketChannelIOHelper.batch(connection, connection.getChannel());
                } catch (IOException | RuntimeException e) {
                    // the peer is gone already: closing is all that is left
                }
                connection.closeConnection(CloseFrame.GOING_AWAY, reason);
            }
        }
        while (!lingeringClose.isIdle() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        writeSweeper.shutdownNow();
        lingeringClose.closeAll();
    }

    /**
     * Works around a race in Java-WebSocket 1.6.0 for frames sent from threads other than the selector (all of
     * the exchange's: they come from the engine thread). The selector, having written out a connection's queue,
     * sets the connection's interest back to reading; a frame queued and announced just before that reset stays
     * unsent until the next write on that connection, which may be a ping a minute later. A connection with
     * frames waiting and no write interest is exactly that state: announce it again.
     */
    private void resumeStalledWrites() {
        for (WebSocket socket : getConnections()) {
            if (socket instanceof WebSocketImpl connection && !connection.outQueue.isEmpty()) {
                SelectionKey key = connection.getSelectionKey();
                try {
                    if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                        onWriteDemand(connection);
                    }
                } catch (CancelledKeyException e) {
                    // the connection is closing: nothing left to deliver
                }
            }
        }
    }

    /**
     * Decodes what was just read right here on the selector thread, instead of handing it to a decoder thread:
     * one thread hop less per message on the way to the engine (the library's own buffer pool gets the buffer
     * back through its private {@code pushBuffer}).
     */
    @Override
    protected void queue(WebSocketImpl ws) throws InterruptedException {
        if (PUSH_BUFFER == null) {
            super.queue(ws);
            return;
        }
        ByteBuffer buffer = ws.inQueue.poll();
        if (buffer == null) {
            return;
        }
        try {
            ws.decode(buffer);
        } catch (RuntimeException e) {
            LOG.debug("{} connection {}: {}", name, ws.getRemoteSocketAddress(), e.toString());
            ws.close(CloseFrame.ABNORMAL_CLOSE);
        } finally {
            try {
                PUSH_BUFFER.invoke(this, buffer);
            } catch (ReflectiveOperationException e) {
                // lost to the pool, which the selector refills as it needs
            }
        }
    }

    private static final Method PUSH_BUFFER = pushBufferMethod();

    private static Method pushBufferMethod() {
        try {
            Method method = WebSocketServer.class.getDeclaredMethod("pushBuffer", ByteBuffer.class);
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void onError(WebSocket socket, Exception e) {
        if (socket == null) {
            if (started.getCount() > 0) {
                startFailure = e;
                started.countDown();
            } else {
                LOG.error("The {} failed: {}", name, e.toString());
            }
            return;
        }
        LOG.debug("{} connection {}: {}", name, socket.getRemoteSocketAddress(), e.toString());
    }
}
