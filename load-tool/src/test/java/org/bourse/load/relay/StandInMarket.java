package org.bourse.load.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bourse.protocol.WireJson;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * An exchange and a relay in one small server, for testing the benchmark: {@code /gateway} accepts every order
 * (and fills an IOC) and publishes the events an exchange would (1 for a resting order, 4 for an IOC that takes
 * it), to {@code /stream} subscribers (after a snapshot) and to {@code /relay} subscribers (after a status and a
 * snapshot), the latter optionally without one event. It sends from other threads than its selector, so it sweeps
 * for the writes Java-WebSocket leaves stalled.
 */
final class StandInMarket extends WebSocketServer {
    private final long relaySkips;
    private final CountDownLatch started = new CountDownLatch(1);
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor();
    private final List<WebSocket> stream = new CopyOnWriteArrayList<>();
    private final List<WebSocket> relay = new CopyOnWriteArrayList<>();
    private long seq; // guarded by this

    /** @param relaySkips the seq the relay's subscribers never get (0: none) */
    private StandInMarket(long relaySkips) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.relaySkips = relaySkips;
        setReuseAddr(true);
    }

    static StandInMarket start(long relaySkips) throws InterruptedException {
        StandInMarket market = new StandInMarket(relaySkips);
        market.start();
        if (!market.started.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the stand-in did not start");
        }
        return market;
    }

    String uri(String path) {
        return "ws://127.0.0.1:" + getPort() + path;
    }

    void close() throws InterruptedException {
        sweeper.shutdownNow();
        stop(1_000);
    }

    @Override
    public synchronized void onOpen(WebSocket socket, ClientHandshake handshake) {
        String snapshot = "{\"type\":\"snapshot\",\"seq\":" + seq + ",\"bids\":[],\"asks\":[],\"timestamp\":1}";
        switch (handshake.getResourceDescriptor()) {
            case "/stream" -> {
                socket.send(snapshot);
                stream.add(socket);
            }
            case "/relay" -> {
                socket.send("{\"type\":\"status\",\"exchange_connected\":true,\"upstream\":\"x\",\"detail\":null,"
                        + "\"timestamp\":1}");
                socket.send(snapshot);
                relay.add(socket);
            }
            default -> {
                // a gateway connection
            }
        }
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
        JsonNode order;
        try {
            order = WireJson.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return;
        }
        if (!"order".equals(order.path("type").asText())) {
            return;
        }
        String ids = "\"trader_id\":\"" + order.path("trader_id").asText() + "\",\"client_order_id\":\""
                + order.path("client_order_id").asText() + "\"";
        boolean ioc = "ioc".equals(order.path("tif").asText());
        synchronized (this) {
            socket.send("{\"type\":\"order_accepted\"," + ids + ",\"timestamp\":1}");
            if (ioc) {
                socket.send("{\"type\":\"fill\"," + ids + ",\"qty\":1,\"leaves_qty\":0,\"timestamp\":1}");
                publish("trade");
                publish("book_update");
                publish("position_update");
                publish("position_update");
            } else {
                publish("book_update");
            }
        }
    }

    private void publish(String type) {
        seq++;
        String event = "{\"type\":\"" + type + "\",\"seq\":" + seq + ",\"timestamp\":" + System.currentTimeMillis()
                + "}";
        stream.stream().filter(WebSocket::isOpen).forEach(s -> s.send(event));
        if (seq != relaySkips) {
            relay.stream().filter(WebSocket::isOpen).forEach(s -> s.send(event));
        }
    }

    private void resumeStalledWrites() {
        for (WebSocket socket : getConnections()) {
            WebSocketImpl connection = (WebSocketImpl) socket;
            SelectionKey key = connection.getSelectionKey();
            try {
                if (!connection.outQueue.isEmpty() && key != null && key.isValid()
                        && (key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                    onWriteDemand(connection);
                }
            } catch (CancelledKeyException e) {
                // closing
            }
        }
    }

    @Override
    public void onStart() {
        sweeper.scheduleWithFixedDelay(this::resumeStalledWrites, 2, 2, TimeUnit.MILLISECONDS);
        started.countDown();
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        stream.remove(socket);
        relay.remove(socket);
    }

    @Override
    public void onError(WebSocket socket, Exception e) {
    }
}
