package org.bourse.testkit;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A WebSocket proxy on loopback in front of a real server that records every text frame in both directions: what a
 * test needs to check what unmodified clients (bots) send and receive. Each client connection gets its own
 * upstream connection; either side closing closes the other.
 */
public final class RecordingProxy extends WebSocketServer implements AutoCloseable {
    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private final URI upstream;
    private final Map<WebSocket, WebSocketClient> upstreams = new ConcurrentHashMap<>();
    private final List<String> fromClients = new CopyOnWriteArrayList<>();
    private final List<String> fromServer = new CopyOnWriteArrayList<>();
    private final CountDownLatch listening = new CountDownLatch(1);

    private RecordingProxy(URI upstream) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.upstream = upstream;
        setReuseAddr(true);
    }

    /** A proxy for {@code upstream}, listening on an ephemeral port once this returns. */
    public static RecordingProxy start(String upstream) throws InterruptedException {
        RecordingProxy proxy = new RecordingProxy(URI.create(upstream));
        proxy.start();
        if (!proxy.listening.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the proxy for " + upstream + " did not start listening");
        }
        return proxy;
    }

    public String uri() {
        return "ws://127.0.0.1:" + getPort();
    }

    /** Every text frame the clients sent, in the order the proxy forwarded them. */
    public List<String> clientFrames() {
        return List.copyOf(fromClients);
    }

    /** Every text frame the server sent to the clients. */
    public List<String> serverFrames() {
        return List.copyOf(fromServer);
    }

    @Override
    public void onOpen(WebSocket client, ClientHandshake handshake) {
        WebSocketClient link = new WebSocketClient(upstream, new Draft_6455(List.of(), MAX_FRAME_BYTES)) {
            @Override
            public void onOpen(ServerHandshake handshake) {
            }

            @Override
            public void onMessage(String message) {
                fromServer.add(message);
                client.send(message);
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                client.close(code == -1 ? 1000 : code, reason);
            }

            @Override
            public void onError(Exception ex) {
            }
        };
        try {
            if (!link.connectBlocking(10, TimeUnit.SECONDS)) {
                client.close(1011, "upstream unreachable");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close(1011, "interrupted");
            return;
        }
        upstreams.put(client, link);
    }

    @Override
    public void onMessage(WebSocket client, String message) {
        fromClients.add(message);
        upstreams.get(client).send(message);
    }

    @Override
    public void onMessage(WebSocket client, ByteBuffer message) {
        upstreams.get(client).send(message);
    }

    @Override
    public void onClose(WebSocket client, int code, String reason, boolean remote) {
        WebSocketClient link = upstreams.remove(client);
        if (link != null) {
            link.close();
        }
    }

    @Override
    public void onError(WebSocket client, Exception ex) {
    }

    @Override
    public void onStart() {
        listening.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }
}
