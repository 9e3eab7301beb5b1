package org.bourse.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bourse.protocol.WireJson;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;

/** A real WebSocket client for tests: a feed subscriber or a gateway client. Queues every text it receives. */
final class TestClient extends WebSocketClient implements AutoCloseable {
    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** The last frames received, for failure messages. */
    private final ArrayDeque<String> recent = new ArrayDeque<>();
    volatile int closeCode = -1;
    volatile String closeReason;

    private TestClient(URI uri) {
        super(uri, new Draft_6455(List.of(), MAX_FRAME_BYTES));
        setTcpNoDelay(true);
    }

    static TestClient connect(String uri) throws InterruptedException {
        TestClient client = new TestClient(URI.create(uri));
        if (!client.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new AssertionError("could not connect to " + uri);
        }
        return client;
    }

    /** The next frame as received; fails after 10 s without one. */
    String nextText() throws InterruptedException {
        String text = received.poll(10, TimeUnit.SECONDS);
        if (text == null) {
            throw new AssertionError("no message within 10 s on " + getURI() + " (open: " + isOpen()
                    + ", close code " + closeCode + "); the last frames received: " + recent());
        }
        return text;
    }

    JsonNode nextJson() throws Exception {
        return WireJson.mapper().readTree(nextText());
    }

    /** The next frame whose type is {@code type}, skipping others. */
    JsonNode nextJson(String type) throws Exception {
        for (int i = 0; i < 1_000_000; i++) {
            JsonNode node = nextJson();
            if (type.equals(node.path("type").asText())) {
                return node;
            }
        }
        throw new AssertionError("no " + type);
    }

    /** Sends a frame and returns the next one received (the caller knows nothing else is due). */
    JsonNode request(String frame) throws Exception {
        send(frame);
        return nextJson();
    }

    /**
     * What a feed subscriber reads until the relay has the exchange: statuses saying it has not (if any), the
     * status saying it has, and the snapshot that follows it, which is returned.
     */
    JsonNode awaitSnapshot() throws Exception {
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
    List<String> readUpTo(long last) throws Exception {
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
    List<JsonNode> receivedWithin(Duration period) throws Exception {
        List<JsonNode> frames = new ArrayList<>();
        long deadline = System.nanoTime() + period.toNanos();
        String text;
        while ((text = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            frames.add(WireJson.mapper().readTree(text));
        }
        return frames;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        synchronized (recent) {
            recent.addLast(message.length() > 200 ? message.substring(0, 200) + "..." : message);
            if (recent.size() > 5) {
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
