package org.bourse.testkit;

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
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A real WebSocket client for tests: sends text frames, and queues what it receives. Every frame received is
 * checked against the protocol's schema ({@link ProtocolSchema}): the next read, and closing, fail with the first
 * frame that breaks it, so that every integration test also checks what the servers send against the spec.
 */
public final class TestClient extends WebSocketClient implements AutoCloseable {
    /** Snapshots of a busy market can be large. */
    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    /** The types a gateway sends as the one answer to a frame (fills and unsolicited cancels are extra). */
    public static final Set<String> ANSWER_TYPES = Set.of("order_accepted", "order_rejected", "cancel_rejected",
            "replace_rejected", "order_replaced", "welcome", "all_orders_cancelled", "order_cancelled");

    public final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /**
     * The stream's and the feed's heartbeats, set apart from {@link #received}: they come whenever a second passes
     * quietly, and a test about what the market sends must not depend on how fast the machine is.
     */
    public final BlockingQueue<String> heartbeats = new LinkedBlockingQueue<>();
    /** The last frames received, for failure messages. */
    private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();
    /** The first received frame that breaks the schema, with its problems; null while there is none. */
    private volatile String schemaViolation;
    private boolean checksSchema = true;
    public volatile int closeCode = -1;
    public volatile String closeReason;

    private TestClient(URI uri) {
        super(uri, new Draft_6455(List.of(), MAX_FRAME_BYTES));
        setTcpNoDelay(true);
    }

    private TestClient(URI uri, Draft draft) {
        super(uri, draft);
        setTcpNoDelay(true);
    }

    public static TestClient connect(String uri) throws InterruptedException {
        return open(new TestClient(URI.create(uri)), uri);
    }

    /**
     * Connects without checking frames against the schema: for a server that does not speak the protocol (a bare
     * transport listener), or a relay fed by a fake upstream whose frames are not the exchange's
     * (reference-protocol events, unknown types), which the relay must pass on unchanged.
     */
    public static TestClient connectWithoutSchemaCheck(String uri) throws InterruptedException {
        TestClient client = new TestClient(URI.create(uri));
        client.checksSchema = false;
        return open(client, uri);
    }

    /** Connects with a given draft, e.g. one offering permessage-deflate. */
    public static TestClient connect(String uri, Draft draft) throws InterruptedException {
        return open(new TestClient(URI.create(uri), draft), uri);
    }

    private static TestClient open(TestClient client, String uri) throws InterruptedException {
        if (!client.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new AssertionError("could not connect to " + uri);
        }
        return client;
    }

    /** The next frame, decoded; fails after 10 s. */
    public ServerMessage next() throws Exception {
        String text = nextText();
        return WireJson.decodeServerMessage(text);
    }

    public String nextText() throws InterruptedException {
        assertFramesFollowTheSchema();
        String text = received.poll(10, TimeUnit.SECONDS);
        if (text == null) {
            throw new AssertionError("no message within 10 s on " + getURI() + " (open: " + isOpen() + ", close code "
                    + closeCode + "); the last frames received: " + recent());
        }
        return text;
    }

    /** The next frame, as a JSON tree (to check the exact shape on the wire); fails after 10 s. */
    public JsonNode nextJson() throws Exception {
        return WireJson.mapper().readTree(nextText());
    }

    /** The next frame whose {@code type} is {@code type}, skipping others; fails after 10 s without one. */
    public JsonNode nextJson(String type) throws Exception {
        return nextJson(node -> type.equals(node.path("type").asText()));
    }

    /** The next frame matching {@code condition}, skipping others. */
    public JsonNode nextJson(Predicate<JsonNode> condition) throws Exception {
        for (int i = 0; i < 100_000; i++) {
            JsonNode node = nextJson();
            if (condition.test(node)) {
                return node;
            }
        }
        throw new AssertionError("no matching frame");
    }

    /** The next frame of the given type, skipping others. */
    public <T extends ServerMessage> T next(Class<T> type) throws Exception {
        for (int i = 0; i < 1000; i++) {
            ServerMessage message = next();
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
        throw new AssertionError("no " + type.getSimpleName());
    }

    /** Sends one frame and returns the next frame received (the caller knows nothing else is due). */
    public JsonNode request(String frame) throws Exception {
        send(frame);
        return nextJson();
    }

    /** Asserts that nothing arrives for {@code quiet}; returns nothing, fails with what did arrive. */
    public void expectSilence(Duration quiet) throws InterruptedException {
        assertFramesFollowTheSchema();
        String text = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(text).as("a frame that should not have been sent").isNull();
    }

    /** Everything received within {@code quiet} of the last frame, as JSON. */
    public List<JsonNode> drain(Duration quiet) throws Exception {
        assertFramesFollowTheSchema();
        List<JsonNode> frames = new ArrayList<>();
        String text;
        while ((text = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            frames.add(WireJson.mapper().readTree(text));
        }
        return frames;
    }

    /**
     * Reads the relay's greeting: the {@code status} frames up to the one saying the exchange is connected, then
     * the snapshot that follows it, which is returned.
     */
    public JsonNode awaitSnapshot() throws Exception {
        JsonNode status;
        do {
            status = nextJson();
            assertThat(status.path("type").asText()).as("before the snapshot: %s", status).isEqualTo("status");
        } while (!status.get("exchange_connected").asBoolean());
        JsonNode snapshot = nextJson();
        assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
        return snapshot;
    }

    /** Every text received up to and including the event with seq {@code last}. */
    public List<String> readUpTo(long last) throws Exception {
        List<String> texts = new ArrayList<>();
        long seq = -1;
        while (seq < last) {
            String text = nextText();
            texts.add(text);
            seq = WireJson.mapper().readTree(text).path("seq").asLong(-1);
        }
        return texts;
    }

    /** Everything received within the next {@code period}. */
    public List<JsonNode> receivedWithin(Duration period) throws Exception {
        assertFramesFollowTheSchema();
        List<JsonNode> frames = new ArrayList<>();
        long deadline = System.nanoTime() + period.toNanos();
        String text;
        while ((text = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            frames.add(WireJson.mapper().readTree(text));
        }
        return frames;
    }

    public void sendBinary(byte[] bytes) {
        send(ByteBuffer.wrap(bytes));
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        if (checksSchema && schemaViolation == null) {
            List<String> problems = ProtocolSchema.get().serverProblems(message);
            if (!problems.isEmpty()) {
                schemaViolation = "a frame from " + getURI() + " breaks bourse.schema.json: " + message + "\n  "
                        + String.join("\n  ", problems);
            }
        }
        if (message.startsWith("{\"type\":\"heartbeat\"")) {
            heartbeats.add(message);
            return;
        }
        synchronized (recent) {
            recent.addLast(message.length() > 300 ? message.substring(0, 300) + "..." : message);
            if (recent.size() > 6) {
                recent.removeFirst();
            }
        }
        received.add(message);
    }

    /** Fails if a frame received so far broke the protocol's schema. */
    public void assertFramesFollowTheSchema() {
        if (schemaViolation != null) {
            throw new AssertionError(schemaViolation);
        }
    }

    /** Closes, then fails if a frame received broke the protocol's schema. */
    @Override
    public void close() {
        super.close();
        assertFramesFollowTheSchema();
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
