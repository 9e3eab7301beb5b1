package org.bourse.monitor;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.WireJson;
import org.bourse.transport.WebSocketListener;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;

/**
 * A stand-in for the market-data relay on 127.0.0.1: greets each subscriber with the frames it is given, sends
 * more on demand, and records everything a subscriber sends it (a monitor must send nothing).
 */
final class FakeRelay extends WebSocketListener {

    /** What subscribers sent: text frames, binary frames and pings. */
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();

    private volatile List<ServerMessage> greeting;

    private FakeRelay(int port, List<ServerMessage> greeting) {
        super("fake relay", new InetSocketAddress("127.0.0.1", port), 64 * 1024);
        this.greeting = greeting;
    }

    /** A relay listening on {@code port} (0: any free port) that greets subscribers with {@code greeting}. */
    static FakeRelay start(int port, List<ServerMessage> greeting) throws Exception {
        FakeRelay relay = new FakeRelay(port, greeting);
        relay.startAndWait();
        return relay;
    }

    @Override
    protected String portOption() {
        return "none";
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
        stop(2_000);
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
}
