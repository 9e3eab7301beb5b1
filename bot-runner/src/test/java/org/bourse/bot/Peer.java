package org.bourse.bot;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.bourse.protocol.WireJson;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** Another client of the exchange in a test: a trader on the gateway, or an observer of the event stream. */
final class Peer extends WebSocketClient {
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

    private Peer(URI uri) {
        super(uri);
        setTcpNoDelay(true);
        setDaemon(true);
    }

    static Peer connect(String uri) throws InterruptedException {
        Peer peer = new Peer(URI.create(uri));
        if (!peer.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new AssertionError("could not connect to " + uri);
        }
        return peer;
    }

    /** The next frame that matches, skipping others; fails after 10 s without one. */
    JsonNode next(Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonNode frame = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no matching frame within 10 s on " + getURI());
            }
            if (condition.test(frame)) {
                return frame;
            }
        }
    }

    JsonNode next(String type) throws InterruptedException {
        return next(frame -> type.equals(frame.path("type").asText()));
    }

    /** Sends a frame and returns the next frame of the given type. */
    JsonNode request(String frame, String answerType) throws InterruptedException {
        send(frame);
        return next(answerType);
    }

    /** A limit order of the reference protocol. */
    static String limit(String trader, String side, String price, long qty) {
        return "{\"type\":\"order\",\"trader_id\":\"" + trader + "\",\"side\":\"" + side
                + "\",\"order_type\":\"limit\",\"price\":" + price + ",\"qty\":" + qty + ",\"client_order_id\":null}";
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        try {
            received.add(WireJson.mapper().readTree(message));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + message, e);
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
    }

    @Override
    public void onError(Exception ex) {
    }
}
