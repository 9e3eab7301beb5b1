package org.bourse.load;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/**
 * One order-gateway connection, trading as its own trader. It sends qty-1 limit orders that cross the book
 * (alternating buy and sell, buys a few cents above 100.00 and sells a few cents below, so any resting order of the
 * other side trades; closed loop, each trader's position stays within a lot or two, but with many orders in flight
 * it wanders, up to where the exchange's margin check refuses more), matches each ack
 * ({@code order_accepted} or {@code order_rejected}) to its order by {@code client_order_id}, and records the ack
 * latency, measured from the order's intended send time, into its own histogram.
 *
 * <p>In closed-loop and pipelined mode the next order goes out from the read thread as soon as an ack arrives; in
 * paced mode a pacer thread calls {@link #trySend}. State is guarded by {@code lock}; the ring of outstanding
 * orders is indexed by the order's sequence number, which is the suffix of its {@code client_order_id}.
 */
final class GatewayConnection extends Endpoint {

    private static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final String[] BUY_PRICES = {"100.01", "100.02", "100.03", "100.04", "100.05"};
    private static final String[] SELL_PRICES = {"99.99", "99.98", "99.97", "99.96", "99.95"};

    private final int index;
    private final String traderId;
    private final String coidPrefix;
    private final String framePrefix;
    private final boolean sendOnAck;
    private final long maxOrders;
    private final int maxOutstanding;
    private final FrameFields frames = new FrameFields();
    private final Object lock = new Object();

    // guarded by lock
    private final long[] slotSeq;
    private final long[] slotSentAt;
    private final int mask;
    private final StringBuilder frame = new StringBuilder(192);
    private long nextSeq = 1;
    private long oldest = 1;
    private int outstanding;
    private final Histogram latency = new Histogram(HIGHEST_LATENCY_NANOS, 3);
    private long measuredSent;
    private long warmupSent;
    private long acked;
    private long accepted;
    private final Map<String, Long> rejectReasons = new HashMap<>();
    private long otherMessages;

    /** Set once, before the first order. */
    private volatile long measureStart;
    private volatile long sendEnd;

    GatewayConnection(URI uri, int index, String traderId, boolean sendOnAck, int maxOutstanding, long maxOrders,
                      int connectTimeoutMillis) {
        super(uri, traderId, connectTimeoutMillis);
        this.index = index;
        this.traderId = traderId;
        this.coidPrefix = traderId + "-";
        this.framePrefix = "{\"type\":\"order\",\"trader_id\":\"" + traderId + "\",\"side\":\"";
        this.sendOnAck = sendOnAck;
        this.maxOrders = maxOrders;
        this.maxOutstanding = maxOutstanding;
        int size = Integer.highestOneBit(Math.max(2, maxOutstanding) * 2 - 1);
        this.slotSeq = new long[size];
        this.slotSentAt = new long[size];
        this.mask = size - 1;
    }

    String traderId() {
        return traderId;
    }

    /** Orders sent at or after {@code measureStart} and before {@code sendEnd} (nanoTime) are measured. */
    void schedule(long measureStart, long sendEnd) {
        this.measureStart = measureStart;
        this.sendEnd = sendEnd;
    }

    /**
     * Sends the next order, its latency to be measured from {@code intendedNanos}.
     *
     * @return false if it was not sent: too many orders awaiting their ack, the order budget spent, or the
     *     connection down
     */
    boolean trySend(long intendedNanos) {
        String text;
        synchronized (lock) {
            if (outstanding >= maxOutstanding || nextSeq > maxOrders) {
                return false;
            }
            long seq = nextSeq;
            int slot = (int) (seq & mask);
            if (slotSeq[slot] != 0) {
                return false; // an older order still waits for its ack in this slot
            }
            slotSeq[slot] = seq;
            slotSentAt[slot] = intendedNanos;
            nextSeq++;
            outstanding++;
            if (intendedNanos >= measureStart && intendedNanos < sendEnd) {
                measuredSent++;
            } else {
                warmupSent++;
            }
            boolean buy = ((seq + index) & 1) == 0;
            int offset = (int) ((seq * 7 + index * 3) % 5);
            frame.setLength(0);
            frame.append(framePrefix).append(buy ? "buy" : "sell")
                    .append("\",\"order_type\":\"limit\",\"price\":")
                    .append(buy ? BUY_PRICES[offset] : SELL_PRICES[offset])
                    .append(",\"qty\":1,\"client_order_id\":\"").append(coidPrefix).append(seq).append("\"}");
            text = frame.toString();
        }
        try {
            send(text);
            return true;
        } catch (WebsocketNotConnectedException e) {
            error("cannot send: the connection is closed");
            return false;
        }
    }

    @Override
    public void onMessage(String message) {
        long now = System.nanoTime();
        if (!frames.parse(message)) {
            error("a reply is not a JSON object: " + abbreviate(message));
            return;
        }
        boolean isAccepted = "order_accepted".equals(frames.type);
        boolean isRejected = "order_rejected".equals(frames.type);
        boolean measured;
        synchronized (lock) {
            if (!isAccepted && !isRejected) {
                otherMessages++; // fills, cancels, welcome...: not acks
                return;
            }
            int slot = slotOf(frames.clientOrderId, isRejected);
            if (slot < 0) {
                error("an ack for an order this connection is not waiting for: " + abbreviate(message));
                return;
            }
            long sentAt = slotSentAt[slot];
            slotSeq[slot] = 0;
            outstanding--;
            while (oldest < nextSeq && slotSeq[(int) (oldest & mask)] != oldest) {
                oldest++;
            }
            measured = sentAt >= measureStart && sentAt < sendEnd;
            if (measured) {
                acked++;
                latency.recordValue(Math.min(Math.max(0, now - sentAt), HIGHEST_LATENCY_NANOS));
                if (isAccepted) {
                    accepted++;
                } else {
                    rejectReasons.merge(frames.reason == null ? "(no reason)" : frames.reason, 1L, Long::sum);
                }
            }
        }
        if (sendOnAck && now < sendEnd) {
            trySend(now);
        }
    }

    /** The ring slot of the order an ack answers, or -1. A reject without an id answers the oldest order. */
    private int slotOf(String clientOrderId, boolean rejected) {
        if (clientOrderId != null && clientOrderId.startsWith(coidPrefix)) {
            long seq = parseSeq(clientOrderId, coidPrefix.length());
            if (seq > 0) {
                int slot = (int) (seq & mask);
                return slotSeq[slot] == seq ? slot : -1;
            }
            return -1;
        }
        if (clientOrderId == null && rejected && outstanding > 0) {
            int slot = (int) (oldest & mask);
            return slotSeq[slot] == oldest ? slot : -1;
        }
        return -1;
    }

    private static long parseSeq(String text, int from) {
        if (from >= text.length() || text.length() - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    int outstanding() {
        synchronized (lock) {
            return outstanding;
        }
    }

    /** Adds this connection's measurements to {@code into}. */
    void addTo(LoadRun.Totals into) {
        synchronized (lock) {
            into.latency.add(latency);
            into.measuredSent += measuredSent;
            into.warmupSent += warmupSent;
            into.acked += acked;
            into.minAckedPerConnection = Math.min(into.minAckedPerConnection, acked);
            into.maxAckedPerConnection = Math.max(into.maxAckedPerConnection, acked);
            into.accepted += accepted;
            rejectReasons.forEach((reason, n) -> into.rejectReasons.merge(reason, n, Long::sum));
            into.unacked += outstanding;
            into.otherMessages += otherMessages;
        }
        into.errors += errors();
        if (into.firstError == null && failure() != null) {
            into.firstError = label() + ": " + failure();
        }
    }

    static String abbreviate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
