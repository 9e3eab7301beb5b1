package org.bourse.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/** A listener on a free loopback port that remembers its first connection, counts them, and ignores what it is sent. */
final class TestListener extends WebSocketListener {
    final CompletableFuture<Connection> opened = new CompletableFuture<>();
    final AtomicInteger openings = new AtomicInteger();

    TestListener() {
        super("test listener", new InetSocketAddress("127.0.0.1", 0), 64 * 1024);
    }

    @Override
    protected String portOption() {
        return "--port";
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        openings.incrementAndGet();
        opened.complete((Connection) socket);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket socket, String message) {
    }
}
