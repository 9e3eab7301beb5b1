package org.bourse.load;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One client WebSocket of a load run: connects with a time limit, records the first error in one line, and knows
 * whether a close was asked for or imposed. Messages arrive on the client's read thread; sends go through the
 * library's write thread (its send queue is a blocking queue drained by that thread, so a send from any thread is
 * written at once).
 */
abstract class Endpoint extends WebSocketClient {

    /** Larger than any frame a gateway or a feed has a reason to send (a full snapshot included). */
    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private final String label;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean opened;
    private volatile boolean closing;
    private volatile String failure;
    /** Not the client's own monitor, which the library may hold while calling back. */
    private final Object errorLock = new Object();
    private long errors; // guarded by errorLock

    Endpoint(URI uri, String label, int connectTimeoutMillis) {
        super(uri, new Draft_6455(java.util.List.of(), MAX_FRAME_BYTES), Map.of(), connectTimeoutMillis);
        this.label = label;
        setTcpNoDelay(true);
        setConnectionLostTimeout(0); // a run is bounded in time by itself; no ping thread per connection
        setDaemon(true);
    }

    String label() {
        return label;
    }

    /** Waits for the connection started with {@link #connect()}; false if it failed or took too long. */
    boolean awaitOpen(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        return left > 0 && connected.await(left, TimeUnit.NANOSECONDS) && opened;
    }

    /** Why the connection failed, in one line; null if nothing went wrong. */
    String failure() {
        return failure;
    }

    boolean isUp() {
        return opened && closed.getCount() > 0;
    }

    long errors() {
        synchronized (errorLock) {
            return errors;
        }
    }

    /** Records something that went wrong; the first one is kept for the report. */
    void error(String what) {
        synchronized (errorLock) {
            errors++;
            if (failure == null) {
                failure = what;
            }
        }
    }

    /** Starts the close handshake and waits up to {@code millis} for it, then drops the socket if needed. */
    void shutdown(long deadlineNanos) throws InterruptedException {
        closing = true;
        if (opened && closed.getCount() > 0) {
            try {
                close(CloseFrame.NORMAL, "load run finished");
            } catch (RuntimeException e) {
                // already closing
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !closed.await(left, TimeUnit.NANOSECONDS)) {
                closeConnection(CloseFrame.ABNORMAL_CLOSE, "no close reply in time");
            }
        } else if (!opened) {
            closeConnection(CloseFrame.NEVER_CONNECTED, "not connected");
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        opened = true;
        connected.countDown();
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        onMessage(StandardCharsets.UTF_8.decode(bytes).toString());
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        if (!opened) {
            if (failure == null) {
                error(reason == null || reason.isBlank() ? "connection closed during the handshake (code " + code + ")"
                        : reason.replace('\n', ' '));
            }
        } else if (!closing) {
            error("the server closed the connection (code " + code
                    + (reason == null || reason.isBlank() ? "" : ", " + reason.replace('\n', ' ')) + ")");
        }
        closed.countDown();
        connected.countDown();
    }

    @Override
    public void onError(Exception ex) {
        error(SelectorThreadServer.describe(ex));
        connected.countDown();
    }
}
