package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.WireJson;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft;
import org.java_websocket.handshake.ServerHandshake;

/** A real WebSocket client for tests: sends text frames, and queues what it receives. */
final class TestClient extends WebSocketClient {
    /** The types a gateway sends as the one answer to a frame (fills and unsolicited cancels are extra). */
    static final Set<String> ANSWER_TYPES = Set.of("order_accepted", "order_rejected", "cancel_rejected",
            "replace_rejected", "order_replaced", "welcome", "all_orders_cancelled", "order_cancelled");

    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** The last frames received, for failure messages. */
    private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();
    volatile int closeCode = -1;
    volatile String closeReason;

    private TestClient(URI uri) {
        super(uri);
        setTcpNoDelay(true);
    }

    private TestClient(URI uri, Draft draft) {
        super(uri, draft);
        setTcpNoDelay(true);
    }

    static TestClient connect(String uri) throws InterruptedException {
        return open(new TestClient(URI.create(uri)), uri);
    }

    /** Connects with a given draft, e.g. one offering permessage-deflate. */
    static TestClient connect(String uri, Draft draft) throws InterruptedException {
        return open(new TestClient(URI.create(uri), draft), uri);
    }

    private static TestClient open(TestClient client, String uri) throws InterruptedException {
        if (!client.connectBlocking(5, TimeUnit.SECONDS)) {
            throw new AssertionError("could not connect to " + uri);
        }
        return client;
    }

    /** The next frame, decoded; fails after 5 s. */
    ServerMessage next() throws Exception {
        String text = nextText();
        return WireJson.decodeServerMessage(text);
    }

    String nextText() throws InterruptedException {
        String text = received.poll(5, TimeUnit.SECONDS);
        if (text == null) {
            throw new AssertionError("no message within 5 s on " + getURI() + " (open: " + isOpen() + ", close code "
                    + closeCode + "); the last frames received: " + recent());
        }
        return text;
    }

    /** The next frame, as a JSON tree (to check the exact shape on the wire); fails after 5 s. */
    JsonNode nextJson() throws Exception {
        return WireJson.mapper().readTree(nextText());
    }

    /** The next frame whose {@code type} is {@code type}, skipping others; fails after 5 s without one. */
    JsonNode nextJson(String type) throws Exception {
        return nextJson(node -> type.equals(node.path("type").asText()));
    }

    /** The next frame matching {@code condition}, skipping others. */
    JsonNode nextJson(Predicate<JsonNode> condition) throws Exception {
        for (int i = 0; i < 100_000; i++) {
            JsonNode node = nextJson();
            if (condition.test(node)) {
                return node;
            }
        }
        throw new AssertionError("no matching frame");
    }

    /** The next frame of the given type, skipping others. */
    <T extends ServerMessage> T next(Class<T> type) throws Exception {
        for (int i = 0; i < 1000; i++) {
            ServerMessage message = next();
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
        throw new AssertionError("no " + type.getSimpleName());
    }

    /** Sends one frame and returns the next frame received (the caller knows nothing else is due). */
    JsonNode request(String frame) throws Exception {
        send(frame);
        return nextJson();
    }

    /** Asserts that nothing arrives for {@code quiet}; returns nothing, fails with what did arrive. */
    void expectSilence(Duration quiet) throws InterruptedException {
        String text = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(text).as("a frame that should not have been sent").isNull();
    }

    /** Everything received within {@code quiet} of the last frame, as JSON. */
    List<JsonNode> drain(Duration quiet) throws Exception {
        List<JsonNode> frames = new ArrayList<>();
        String text;
        while ((text = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            frames.add(WireJson.mapper().readTree(text));
        }
        return frames;
    }

    void sendBinary(byte[] bytes) {
        send(ByteBuffer.wrap(bytes));
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        synchronized (recent) {
            recent.addLast(message.length() > 300 ? message.substring(0, 300) + "..." : message);
            if (recent.size() > 6) {
                recent.removeFirst();
            }
        }
        received.add(message);
    }

    private String recent() {
        synchronized (recent) {
            return String.join("\n  ", recent);
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeReason = reason;
        closeCode = code;
    }

    @Override
    public void onError(Exception ex) {
    }
}
