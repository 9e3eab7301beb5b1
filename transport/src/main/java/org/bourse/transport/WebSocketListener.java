package org.bourse.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.SocketChannelIOHelper;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Bourse WebSocket server (the order gateway, the event stream, the relay's feed): Java-WebSocket 1.6.0 with its
 * pitfalls handled in one place.
 * <ul>
 *   <li>{@code start()} returns before the port is bound and reports a failure only through
 *       {@code onError(null, e)}: {@link #startAndWait} waits for one or the other and says what went wrong in one
 *       sentence;</li>
 *   <li>the selector thread that reads and the library's decoder thread that decodes (and calls {@code onMessage})
 *       ask for short time slices ({@link TimeSlice}) so that a busy machine lets them answer soon;</li>
 *   <li>a sending thread writes its batches itself when nothing waits before them ({@link Connection}): no
 *       selector wake-up per batch;</li>
 *   <li>frames sent from other threads can be stranded by a race in the library's selector: a sweep every 2 ms
 *       finds and announces them again (this and the other uses of the library's internals are in
 *       {@link JavaWebSocketInternals}, which says why the public API cannot do them);</li>
 *   <li>frames above {@code maxFrameBytes} are closed with 1009, unmasked client frames with 1002, no extension is
 *       accepted (no decompression bombs: {@link ServerDraft}), TCP_NODELAY is on;</li>
 *   <li>a connection that has not finished its handshake within {@link #DEFAULT_HANDSHAKE_TIMEOUT} is closed (the
 *       library would hold it forever);</li>
 *   <li>sockets close gently ({@link LingeringClose}), and {@link #stop(int, String)} closes every connection with
 *       1001 while the selector still runs to write the close frames;</li>
 *   <li>a handshake from a web page of another machine is refused ({@link AllowedOrigins}).</li>
 * </ul>
 */
public abstract class WebSocketListener extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketListener.class);

    /** How often stalled writes are looked for ({@link JavaWebSocketInternals}): the longest a frame can wait. */
    private static final long WRITE_SWEEP_MILLIS = 2;
    /** How often closed sockets are checked for their peer's end of the close. */
    private static final long LINGER_SWEEP_MILLIS = 10;
    /** How long a client may take from connecting to the end of its handshake. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final CountDownLatch started = new CountDownLatch(1);
    private final ScheduledExecutorService sweeper;
    private final LingeringClose lingeringClose = new LingeringClose(this);
    /** Handshakes refused for their page's origin: a page retrying in a loop must not flood the log. */
    private final RefusalLog foreignPages;
    private volatile Exception startFailure;
    private volatile AllowedOrigins allowedOrigins = AllowedOrigins.LOOPBACK;
    private volatile long handshakeTimeoutNanos = DEFAULT_HANDSHAKE_TIMEOUT.toNanos();
    /** Accepted connections still in their handshake, with when they were accepted (System.nanoTime). */
    private final Map<Connection, Long> handshaking = new ConcurrentHashMap<>();

    /**
     * @param name          what it is, for messages: "order gateway", "feed"
     * @param maxFrameBytes the largest frame a client may send
     */
    protected WebSocketListener(String name, InetSocketAddress address, int maxFrameBytes) {
        super(address, 1, List.of(new ServerDraft(maxFrameBytes)));
        this.name = name;
        this.foreignPages = new RefusalLog(LOG, "Refused a " + name + " connection from a web page whose origin is "
                + "not allowed");
        setTcpNoDelay(true);
        setReuseAddr(true);
        setConnectionLostTimeout(30);
        setWebSocketFactory(lingeringClose);
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name.replace(' ', '-') + "-sweep");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Which web pages may connect (by default pages of this machine only); set before {@link #startAndWait}. */
    public void allowOrigins(AllowedOrigins origins) {
        this.allowedOrigins = origins;
    }

    /** How long a client may take to finish its handshake ({@link #DEFAULT_HANDSHAKE_TIMEOUT} unless set). */
    public void handshakeTimeout(Duration timeout) {
        this.handshakeTimeoutNanos = timeout.toNanos();
    }

    /**
     * Refuses the handshake of a page whose {@code Origin} is not allowed: Java-WebSocket then answers the upgrade
     * with its HTTP 404 "WebSocket Upgrade Failure" and closes; the page sees its WebSocket fail.
     */
    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket socket, Draft draft,
            ClientHandshake request) throws InvalidDataException {
        String origin = request.hasFieldValue("Origin") ? request.getFieldValue("Origin") : null;
        if (!allowedOrigins.allows(origin)) {
            foreignPages.record("from " + socket.getRemoteSocketAddress() + ", origin " + origin + " (allowed: "
                    + allowedOrigins + ")");
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "origin not allowed");
        }
        return super.onWebsocketHandshakeReceivedAsServer(socket, draft, request);
    }

    /** The command-line option that moves this listener's port, for the port-in-use message. */
    protected abstract String portOption();

    /** Binds the port and starts serving, or fails with one sentence fit for the user. */
    public void startAndWait() throws ListenException {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new ListenException("the " + name + " did not start within 10 s on " + describeAddress());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ListenException("interrupted while starting the " + name);
        }
        Exception failure = startFailure;
        if (failure instanceof BindException) {
            throw ListenException.portInUse(name, describeAddress(), portOption());
        } else if (failure != null) {
            throw new ListenException("cannot start the " + name + " on " + describeAddress() + ": "
                    + failure.getMessage());
        }
    }

    /** {@code ws://host:port} with the port actually bound. */
    public String uri() {
        return "ws://" + getAddress().getHostString() + ":" + getPort();
    }

    private String describeAddress() {
        return getAddress().getHostString() + ":" + getAddress().getPort();
    }

    /** The selector thread: every message waits for it, so it is worth a short time slice. */
    @Override
    public void run() {
        TimeSlice.shortenForThisThread();
        super.run();
    }

    @Override
    public void onStart() {
        sweeper.scheduleWithFixedDelay(() -> JavaWebSocketInternals.resumeStalledWrites(this), WRITE_SWEEP_MILLIS,
                WRITE_SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
        sweeper.scheduleWithFixedDelay(lingeringClose::sweep, LINGER_SWEEP_MILLIS, LINGER_SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
        long handshakeSweep = Math.max(1, TimeUnit.NANOSECONDS.toMillis(handshakeTimeoutNanos) / 10);
        sweeper.scheduleWithFixedDelay(this::closeStalledHandshakes, handshakeSweep, handshakeSweep,
                TimeUnit.MILLISECONDS);
        started.countDown();
    }

    /**
     * Closes every connection with 1001 (going away) while the selector still runs to write the close frames and
     * finish the handshakes, waits up to {@code timeout} ms for them, then stops. (Java-WebSocket's own stop lets
     * its selector exit as soon as it is idle, sometimes before every close frame is written; whatever is still
     * open after that is flushed and closed here.)
     */
    @Override
    public void stop(int timeout, String closeMessage) throws InterruptedException {
        String reason = closeMessage == null || closeMessage.isEmpty() ? name + " shutting down" : closeMessage;
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
        sweeper.shutdownNow();
        lingeringClose.closeAll();
        foreignPages.close();
    }

    /** A connection was accepted: its handshake must end before the timeout. */
    void handshakeStarted(Connection connection) {
        handshaking.put(connection, System.nanoTime());
    }

    @Override
    protected boolean addConnection(WebSocket socket) {
        handshaking.remove(socket);
        return super.addConnection(socket);
    }

    @Override
    protected boolean removeConnection(WebSocket socket) {
        handshaking.remove(socket);
        return super.removeConnection(socket);
    }

    /**
     * Closes connections that never finished their handshake (a client that connects and sends nothing, or half a
     * request): each holds a socket and a buffer, and a flood of them would exhaust both.
     */
    private void closeStalledHandshakes() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Connection, Long>> it = handshaking.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Connection, Long> entry = it.next();
            Connection connection = entry.getKey();
            if (connection.isOpen() || connection.isClosed()) {
                it.remove();
            } else if (now - entry.getValue() > handshakeTimeoutNanos) {
                it.remove();
                LOG.debug("{}: closing {}, which did not finish its handshake in time", name,
                        connection.getRemoteSocketAddress());
                connection.closeConnection(CloseFrame.NEVER_CONNECTED, "no handshake in time");
            }
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
