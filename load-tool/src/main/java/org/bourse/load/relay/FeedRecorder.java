package org.bourse.load.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bourse.protocol.WireJson;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A subscriber to the exchange's stream or to the relay's feed that notes when each event arrived
 * ({@code System.nanoTime()}, first thing on receipt, by {@code seq}) and how its sequence went: gaps, events out of
 * order, snapshots (a second one is a resync). FrameFields arrive on the client's read thread; the caller reads the
 * results once the run is over.
 */
final class FeedRecorder extends WebSocketClient {
    private static final JsonFactory JSON = WireJson.mapper().getFactory();
    /** A snapshot carries the whole market. */
    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;
    static final long ABSENT = Long.MIN_VALUE;

    private final String label;
    private final CountDownLatch snapshotReceived = new CountDownLatch(1);
    private volatile String closedBy;
    private volatile String failure;
    /** Set when this side hangs up: a close after that was asked for, not imposed. */
    private volatile boolean hangingUp;

    // guarded by this
    /** Arrival times by seq: {@code arrivals[seq - firstSeq]}, {@link #ABSENT} for an event not received. */
    private long[] arrivals = absent(1 << 16);
    private long firstSeq = -1;
    private long lastSeq = -1;
    private long gaps;
    private long outOfOrder;
    private long snapshots;
    private String status;

    FeedRecorder(URI uri, String label, int connectTimeoutMillis) {
        super(uri, new Draft_6455(List.of(), MAX_FRAME_BYTES), Map.of(), connectTimeoutMillis);
        this.label = label;
        setTcpNoDelay(true);
        setConnectionLostTimeout(0); // a run is bounded in time by itself
        setDaemon(true);
    }

    String label() {
        return label;
    }

    /**
     * Waits until the snapshot has arrived (the relay's comes after a status saying the exchange is there).
     *
     * @return false if the connection failed or closed first, or the deadline passed
     */
    boolean awaitSnapshot(long deadlineNanos) throws InterruptedException {
        snapshotReceived.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        synchronized (this) {
            return snapshots > 0;
        }
    }

    /** Why the connection failed, if it did. */
    String failure() {
        return failure;
    }

    /** The last status the relay sent, in a few words; null if none. */
    synchronized String status() {
        return status;
    }

    /** How the connection ended if the server ended it, else null. */
    String closedBy() {
        return closedBy;
    }

    @Override
    public void onMessage(String text) {
        long now = System.nanoTime();
        String type = null;
        long seq = -1;
        Boolean connected = null;
        String detail = null;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> type = p.getValueAsString();
                    case "seq" -> seq = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    case "exchange_connected" -> connected = p.getValueAsBoolean();
                    case "detail" -> detail = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            return; // not JSON: nothing to note
        }
        synchronized (this) {
            if ("snapshot".equals(type)) {
                snapshots++;
                lastSeq = seq;
                if (firstSeq < 0) {
                    firstSeq = seq + 1;
                }
                snapshotReceived.countDown();
            } else if ("status".equals(type)) {
                status = Boolean.TRUE.equals(connected) ? "exchange connected" : "exchange not connected ("
                        + detail + ")";
            } else if (!"heartbeat".equals(type) && seq >= 0 && firstSeq >= 0) {
                // a heartbeat is not an event: its seq is the last event's
                record(seq, now);
            }
        }
    }

    private void record(long seq, long arrivedNanos) {
        if (seq <= lastSeq) {
            outOfOrder++;
            return;
        }
        if (seq > lastSeq + 1) {
            gaps++;
        }
        lastSeq = seq;
        long index = seq - firstSeq;
        if (index >= arrivals.length) {
            int length = arrivals.length;
            arrivals = Arrays.copyOf(arrivals, (int) Math.max(2L * length, index + 1));
            Arrays.fill(arrivals, length, arrivals.length, ABSENT);
        }
        arrivals[(int) index] = arrivedNanos;
    }

    private static long[] absent(int length) {
        long[] array = new long[length];
        Arrays.fill(array, ABSENT);
        return array;
    }

    /** When the event {@code seq} arrived (nanoTime), or {@link #ABSENT}. */
    synchronized long arrival(long seq) {
        long index = seq - firstSeq;
        return firstSeq < 0 || index < 0 || index >= arrivals.length ? ABSENT : arrivals[(int) index];
    }

    synchronized long firstSeq() {
        return firstSeq;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    synchronized long gaps() {
        return gaps;
    }

    synchronized long outOfOrder() {
        return outOfOrder;
    }

    /** Snapshots after the first: the relay's resyncs of a subscriber that fell behind. */
    synchronized long resyncs() {
        return Math.max(0, snapshots - 1);
    }

    /** Closes the connection without waiting; from then on a close is not the server's doing. */
    void hangUp() {
        hangingUp = true;
        close();
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        if (failure == null && reason != null && !reason.isBlank()) {
            failure = reason.replace('\n', ' ');
        }
        if (remote && !hangingUp) {
            closedBy = "closed by the server (" + code + (reason == null || reason.isBlank() ? "" : " " + reason)
                    + ")";
        }
        snapshotReceived.countDown();
    }

    @Override
    public void onError(Exception e) {
        if (failure == null) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
        }
    }
}
