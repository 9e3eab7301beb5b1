package org.bourse.load;

import java.lang.reflect.Method;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.server.WebSocketServer;

/**
 * A Java-WebSocket server that decodes frames, runs {@code onMessage} and so writes its replies on the selector
 * thread, and that reports a port it cannot bind as one line.
 *
 * <p>Why the selector thread: Java-WebSocket 1.6.0 decodes on worker threads by default, and a frame written from
 * any thread other than the selector can be stranded. The writer queues the frame and sets the key's interest to
 * read + write; if at that moment the selector is finishing a flush of the same connection, having just found its
 * queue empty, it then resets the interest to read only, and the new frame waits in the queue until the next write
 * on that connection (a ping, 60 s later, if nothing else). A client waiting for that frame stalls. Decoding on the
 * selector means replies never race it. FrameFields written from other threads (a publisher) can still be delayed to the
 * next write, which for a stream is the next event.
 *
 * <p>{@code workerDecoding = true} keeps the library default, to show the difference.
 */
abstract class SelectorThreadServer extends WebSocketServer {

    /** The private {@code pushBuffer} of WebSocketServer, to give back a read buffer decoded on the selector. */
    private static final Method PUSH_BUFFER = pushBufferMethod();

    private final String host;
    private final boolean workerDecoding;
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicReference<Exception> startFailure = new AtomicReference<>();

    SelectorThreadServer(String host, int port, int maxFrameBytes, boolean workerDecoding) {
        super(new InetSocketAddress(host, port), 1, List.<Draft>of(new Draft_6455(List.of(), maxFrameBytes)));
        this.host = host;
        this.workerDecoding = workerDecoding || PUSH_BUFFER == null;
        setTcpNoDelay(true);
        // a restart right after a run must not fail on the old connections still in TIME_WAIT; a port another
        // process listens on is refused all the same
        setReuseAddr(true);
        setDaemon(true);
    }

    boolean workerDecoding() {
        return workerDecoding;
    }

    /**
     * Starts the server and waits until it listens.
     *
     * @throws LoadException with one line saying why, if it cannot listen (the port is taken, the host unknown)
     */
    void listen(long timeoutMillis) throws InterruptedException {
        if (getAddress().isUnresolved()) {
            throw new LoadException("cannot listen on " + host + ":" + getAddress().getPort() + ": unknown host "
                    + host);
        }
        start();
        if (!started.await(timeoutMillis, TimeUnit.MILLISECONDS) || startFailure.get() != null) {
            Exception e = startFailure.get();
            try {
                stop(200);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            String where = host + ":" + getAddress().getPort();
            if (e instanceof BindException) {
                throw new LoadException("cannot listen on " + where + ": the port is already in use"
                        + " (pick another with --port, or 0 for any free port)");
            }
            throw new LoadException("cannot listen on " + where + ": "
                    + (e == null ? "no answer from the server thread within " + timeoutMillis + " ms" : describe(e)));
        }
    }

    /** The address clients connect to, with the port actually bound. */
    public String uri() {
        return "ws://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + getPort();
    }

    public void close() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null && started.getCount() > 0) {
            startFailure.compareAndSet(null, ex);
            started.countDown();
        }
        // an error on one connection closes that connection; the server keeps serving the others
    }

    /** Decodes the bytes just read right here, on the selector thread (unless worker decoding was asked for). */
    @Override
    protected void queue(WebSocketImpl ws) throws InterruptedException {
        if (workerDecoding) {
            super.queue(ws);
            return;
        }
        ByteBuffer buf = ws.inQueue.poll();
        if (buf == null) {
            return;
        }
        try {
            ws.decode(buf);
        } catch (RuntimeException e) {
            ws.close();
        } finally {
            try {
                PUSH_BUFFER.invoke(this, buf);
            } catch (ReflectiveOperationException e) {
                // the buffer is lost to the pool; the pool is refilled as connections arrive
            }
        }
    }

    private static Method pushBufferMethod() {
        try {
            Method m = WebSocketServer.class.getDeclaredMethod("pushBuffer", ByteBuffer.class);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static String describe(Throwable e) {
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof java.nio.channels.UnresolvedAddressException) {
            return "unknown host";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.replace('\n', ' ');
    }
}
