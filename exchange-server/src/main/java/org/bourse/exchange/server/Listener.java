package org.bourse.exchange.server;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
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

    private final String name;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    Listener(String name, InetSocketAddress address, List<Draft> drafts) {
        super(address, drafts);
        this.name = name;
        setTcpNoDelay(true);
        setReuseAddr(true);
        setConnectionLostTimeout(30);
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
        started.countDown();
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
