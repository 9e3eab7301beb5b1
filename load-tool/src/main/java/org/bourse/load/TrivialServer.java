package org.bourse.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.bourse.protocol.WireJson;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * The baseline: a WebSocket server that does nothing but answer every {@code order} frame at once with an
 * {@code order_accepted} echoing its {@code trader_id} and {@code client_order_id}. It parses each frame (with
 * Jackson's streaming parser, reading only those fields) and writes a JSON reply, as any real server must, so the
 * load tool measured against it shows the cost of the WebSocket stack, the JSON and the machine; an exchange
 * measured with the same load, divided by this, shows its own cost. It replies from {@code onMessage}, on the
 * selector thread (see {@link SelectorThreadServer} for why).
 */
public final class TrivialServer extends SelectorThreadServer {

    /** Larger than any order frame a client has a reason to send. */
    private static final int MAX_FRAME_BYTES = 64 * 1024;

    private static final JsonFactory JSON = WireJson.mapper().getFactory();

    private final AtomicLong nextOrderId = new AtomicLong(1);
    private final AtomicLong replies = new AtomicLong();
    private final ThreadLocal<FrameFields> frames = ThreadLocal.withInitial(FrameFields::new);

    public TrivialServer(String host, int port) {
        this(host, port, false);
    }

    public TrivialServer(String host, int port, boolean workerDecoding) {
        super(host, port, MAX_FRAME_BYTES, workerDecoding);
    }

    /**
     * Starts the server and waits until it listens.
     *
     * @throws LoadException with one line saying why, if it cannot listen (the port is taken, the host unknown)
     */
    public TrivialServer open(long timeoutMillis) throws InterruptedException {
        listen(timeoutMillis);
        return this;
    }

    public long replies() {
        return replies.get();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        conn.send(reply(message));
        replies.incrementAndGet();
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        onMessage(conn, StandardCharsets.UTF_8.decode(message).toString());
    }

    /** The reply to one frame: order_accepted for an order, order_rejected for anything else. */
    String reply(String message) {
        FrameFields f = frames.get();
        boolean json = f.parse(message);
        long now = System.currentTimeMillis();
        StringWriter out = new StringWriter(160);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (json && "order".equals(f.type)) {
                g.writeStringField("type", "order_accepted");
                g.writeNumberField("order_id", nextOrderId.getAndIncrement());
            } else {
                g.writeStringField("type", "order_rejected");
                g.writeStringField("reason", json ? "invalid_message" : "invalid_json");
                g.writeObjectFieldStart("details");
                g.writeStringField("error", json ? "type: the trivial server answers only orders"
                        : "not a JSON object");
                g.writeEndObject();
            }
            g.writeStringField("trader_id", json ? f.traderId : null);
            g.writeStringField("client_order_id", json ? f.clientOrderId : null);
            g.writeNumberField("timestamp", now);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
