package org.bourse.monitor;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.WireJson;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A stand-in for the market-data relay on 127.0.0.1: greets each subscriber with the frames it is given, sends
 * more on demand, and records everything a subscriber sends it (a monitor must send nothing).
 */
final class FakeRelay extends WebSocketServer {

    /** What subscribers sent: text frames, binary frames and pings. */
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();

    private final CountDownLatch started = new CountDownLatch(1);
    private final ScheduledExecutorService writeSweeper = Executors.newSingleThreadScheduledExecutor();
    private volatile List<ServerMessage> greeting;
    private volatile Exception startFailure;

    private FakeRelay(int port, List<ServerMessage> greeting) {
        super(new InetSocketAddress("127.0.0.1", port));
        this.greeting = greeting;
        setReuseAddr(true);
        setTcpNoDelay(true);
    }

    /** A relay listening on {@code port} (0: any free port) that greets subscribers with {@code greeting}. */
    static FakeRelay start(int port, List<ServerMessage> greeting) throws Exception {
        FakeRelay relay = new FakeRelay(port, greeting);
        relay.start();
        if (!relay.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fake relay did not start");
        }
        if (relay.startFailure != null) {
            throw relay.startFailure;
        }
        return relay;
    }

    String uri() {
        return "ws://127.0.0.1:" + getPort();
    }

    /** What the next subscribers get first. */
    void greet(List<ServerMessage> frames) {
        greeting = frames;
    }

    /** Sends {@code messages} to every subscriber. */
    void broadcast(ServerMessage... messages) {
        for (ServerMessage message : messages) {
            broadcast(WireJson.encode(message));
        }
    }

    void shutdown() throws InterruptedException {
        writeSweeper.shutdownNow();
        stop(2_000);
    }

    @Override
    public void onStart() {
        // Java-WebSocket 1.6.0 can leave a frame sent from a thread other than the selector unsent until the next
        // write on that connection: poke the selector for any connection with frames waiting
        writeSweeper.scheduleWithFixedDelay(this::resumeStalledWrites, 2, 2, TimeUnit.MILLISECONDS);
        started.countDown();
    }

    private void resumeStalledWrites() {
        for (WebSocket socket : getConnections()) {
            if (socket instanceof WebSocketImpl connection && !connection.outQueue.isEmpty()) {
                SelectionKey key = connection.getSelectionKey();
                try {
                    if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                        onWriteDemand(connection);
                    }
                } catch (CancelledKeyException e) {
                    // closing
                }
            }
        }
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        connections.incrementAndGet();
        for (ServerMessage message : greeting) {
            connection.send(WireJson.encode(message));
        }
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        received.add(message);
    }

    @Override
    public void onMessage(WebSocket connection, ByteBuffer message) {
        received.add("binary frame of " + message.remaining() + " bytes");
    }

    @Override
    public void onWebsocketPing(WebSocket connection, Framedata frame) {
        received.add("ping");
        super.onWebsocketPing(connection, frame);
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket connection, Exception e) {
        if (connection == null && started.getCount() > 0) {
            startFailure = e;
            started.countDown();
        }
    }
}
