package org.bourse.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bourse.cli.Backoff;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.WireJson;
import org.bourse.transport.Connection;
import org.bourse.transport.FrameEncoder;
import org.bourse.transport.MinuteRate;
import org.bourse.transport.TimeSlice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay thread and its one input queue. It alone applies the exchange's frames to the {@link MarketView},
 * hands frames to subscribers and decides when to reconnect; the feed's and the upstream's threads only submit
 * work. So a subscriber that joins gets its snapshot between two events, and then every later event, in order.
 *
 * <p>An event is checked (its {@code seq} must follow the last one), applied, then forwarded as the exact text
 * received, encoded into one WebSocket frame shared by every subscriber of its topics ({@link Topics}: everything
 * unless the subscriber chose); what one pass hands a subscriber is
 * written with one system call. A subscriber that cannot keep up never holds anyone up: its frames wait in its own
 * queue; when that overflows the backlog is dropped and replaced by a fresh snapshot, and one that has read nothing
 * since its previous resync is disconnected (1008).
 */
final class FanOut implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    /** How often waiting frames are moved on: the longest the thread sleeps when idle. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int BATCH = 256;
    private static final long HEARTBEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(ServerMessage.Heartbeat.INTERVAL_MILLIS);
    /**
     * The exchange sends at least a heartbeat a second; after this long without a frame it is presumed frozen and the
     * relay stops vouching for it with heartbeats of its own (until the connection's pings give up on it).
     */
    private static final long UPSTREAM_SILENCE_NANOS = 3 * HEARTBEAT_NANOS;
    /** How often subscribers' silences are looked at. */
    private static final long HEARTBEAT_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** Work for the relay thread. */
    sealed interface Item permits UpstreamFrame, UpstreamLost, Joined, Left, Requested {
    }

    /** A frame from the exchange, received by upstream attempt {@code attempt}. */
    record UpstreamFrame(int attempt, String text) implements Item {
    }

    /** Upstream attempt {@code attempt} failed or ended; {@code detail} says how. */
    record UpstreamLost(int attempt, String detail) implements Item {
    }

    record Joined(Connection connection) implements Item {
    }

    record Left(Connection connection, int code, String reason) implements Item {
    }

    /** A subscriber asked to change its topics (or asked wrongly). */
    record Requested(Connection connection, SubscriptionRequest request) implements Item {
    }

    private final BlockingQueue<Item> inbox = new LinkedBlockingQueue<>();
    private final String upstreamUri;
    private final int queueLimit;
    /** The exchange's state from this attempt's snapshot on; live while the relay has the exchange's stream. */
    private final MarketView market = new MarketView();
    private final Backoff backoff;
    /** The longest delay between attempts, for the log. */
    private final String maxBackoff;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final Thread thread = new Thread(this, "relay");
    private Upstream upstream;

    /** The upstream attempt whose frames count; frames of earlier ones are ignored. */
    private int attempt;
    private boolean everLive;
    /** Whether the current outage has been logged (once). */
    private boolean outageLogged;
    private ByteBuffer statusFrame;
    /** The snapshot frames of the state as it is, by the topics they honour; cleared when the state changes. */
    private final Map<Topics, ByteBuffer> snapshotFrames = new HashMap<>();
    /** The answer to a request beyond a subscriber's allowance: always the same. */
    private final ByteBuffer rateLimitedFrame = FrameEncoder.text(WireJson.encode(SubscriptionRequest.rejection(
            "rate_limited", "more than " + Subscriber.REQUEST_BURST + " requests at once or "
                    + Subscriber.REQUESTS_PER_SECOND + " a second; this one changed nothing")));
    /** When the exchange's stream last sent a frame ({@link System#nanoTime}). */
    private long upstreamHeardNanos;
    private long nextHeartbeatCheckNanos = System.nanoTime();

    private volatile boolean stopping;
    // what GET /status reads from other threads, published by this one
    private volatile int subscriberCount;
    private volatile long seq = MarketView.NO_SEQ;
    private volatile boolean live;
    private volatile int traders;
    /** Events of the exchange applied in order since the relay started. */
    private volatile long events;
    private final MinuteRate eventRate = new MinuteRate();
    private volatile long resyncs;
    private volatile long disconnectedTooSlow;

    FanOut(String upstreamUri, int queueLimit, Duration minBackoff, Duration maxBackoff) {
        this.upstreamUri = upstreamUri;
        this.queueLimit = queueLimit;
        this.backoff = new Backoff(minBackoff, maxBackoff, new SplittableRandom());
        this.maxBackoff = delay(maxBackoff.toMillis());
        this.statusFrame = status(false, "connecting");
    }

    /** Starts the thread and the first connection to the exchange. */
    void start(Upstream exchange) {
        this.upstream = exchange;
        attempt = upstream.reconnectAfter(0);
        thread.start();
    }

    /** Queues work for the relay thread; never blocks. */
    void submit(Item item) {
        inbox.add(item);
    }

    void stop() throws InterruptedException {
        stopping = true;
        thread.join();
    }

    int subscriberCount() {
        return subscriberCount;
    }

    long resyncs() {
        return resyncs;
    }

    /** Where the relay stands, for {@code GET /status} (any thread). */
    record Figures(boolean live, long seq, int subscribers, int traders, BigDecimal eventsPerSecond, long resyncs,
                   long disconnectedTooSlow) {
    }

    Figures figures() {
        return new Figures(live, seq, subscriberCount, traders, eventRate.perSecond(System.currentTimeMillis(), events),
                resyncs, disconnectedTooSlow);
    }

    long disconnectedTooSlow() {
        return disconnectedTooSlow;
    }

    @Override
    public void run() {
        TimeSlice.shortenForThisThread();
        List<Item> batch = new ArrayList<>(BATCH);
        try {
            while (!stopping) {
                Item first = inbox.poll(TICK_NANOS, TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, BATCH - 1);
                    for (int i = 0; i < batch.size(); i++) {
                        process(batch.get(i));
                    }
                    batch.clear();
                    publishFigures();
                }
                eventRate.sample(System.currentTimeMillis(), events);
                heartbeats();
                deliver();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publishFigures() {
        seq = market.lastSeq();
        live = market.isLive();
        traders = market.accountCount();
    }

    private void process(Item item) {
        try {
            if (item instanceof UpstreamFrame frame) {
                if (frame.attempt() == attempt) {
                    onUpstreamFrame(frame.text());
                }
            } else if (item instanceof UpstreamLost lost) {
                if (lost.attempt() == attempt) {
                    onUpstreamLost(lost.detail());
                }
            } else if (item instanceof Joined joined) {
                onJoined(joined.connection());
            } else if (item instanceof Left left) {
                onLeft(left);
            } else if (item instanceof Requested requested) {
                onRequested(requested);
            }
        } catch (RuntimeException e) {
            // A bug must not leave subscribers with a state that silently drifts from the exchange's
            LOG.error("The relay failed on {}; resynchronising with the exchange", item.getClass().getSimpleName(), e);
            resynchronise("internal error");
        }
    }

    // ------------------------------------------------------------------------------------ upstream

    private void onUpstreamFrame(String text) {
        upstreamHeardNanos = System.nanoTime();
        ServerMessage message;
        try {
            message = WireJson.decodeServerMessage(text);
        } catch (JsonProcessingException e) {
            resynchronise("an unreadable frame (" + e.getOriginalMessage().replace('\n', ' ') + ")");
            return;
        }
        if (message instanceof ServerMessage.Snapshot snapshot) {
            onSnapshot(snapshot);
        } else if (message instanceof ServerMessage.Event event) {
            // applied first: a subscriber resynced while it is forwarded gets a snapshot that includes it
            if (follows(market.apply(event), event.seq())) {
                forward(text, Topics.Routing.of(event));
            }
        } else if (message instanceof ServerMessage.Heartbeat heartbeat) {
            onUpstreamHeartbeat(heartbeat);
        } else if (message == null) {
            onUnknownType(text);
        } else {
            // another relay's status, a gateway reply: not an event of the stream
            LOG.debug("Ignoring a {} from the exchange stream", message.getClass().getSimpleName());
        }
    }

    /**
     * The exchange is alive (the relay sends heartbeats of its own, on each subscriber's silence). Its seq is the
     * exchange's last event's: a different one means events were lost on the way.
     */
    private void onUpstreamHeartbeat(ServerMessage.Heartbeat heartbeat) {
        if (market.isLive() && heartbeat.seq() != market.lastSeq()) {
            resynchronise("a heartbeat at seq " + heartbeat.seq() + " after event " + market.lastSeq());
        }
    }

    /** A type this version does not know: relayed as is; its seq, if any, still counts. */
    private void onUnknownType(String text) {
        JsonNode seq;
        try {
            seq = WireJson.mapper().readTree(text).path("seq");
        } catch (JsonProcessingException e) {
            resynchronise("an unreadable frame (" + e.getOriginalMessage().replace('\n', ' ') + ")");
            return;
        }
        if (!seq.isIntegralNumber()) {
            if (market.isLive()) {
                forward(text, Topics.Routing.UNKNOWN);
            }
        } else if (follows(market.skip(seq.asLong()), seq.asLong())) {
            forward(text, Topics.Routing.UNKNOWN);
        }
    }

    /** True if the event with {@code seq} was the next one; otherwise resynchronises: never a silent gap. */
    private boolean follows(MarketView.Outcome outcome, long seq) {
        switch (outcome) {
            case APPLIED -> {
                snapshotFrames.clear();
                events++;
                return true;
            }
            case IGNORED -> resynchronise("an event before the snapshot");
            case GAP -> resynchronise("seq jumped from " + market.lastSeq() + " to " + seq);
        }
        return false;
    }

    /** The first frame of every subscription: from here on the relay has the exchange's state. */
    private void onSnapshot(ServerMessage.Snapshot snapshot) {
        market.apply(snapshot);
        snapshotFrames.clear();
        backoff.reset();
        LOG.atInfo().addKeyValue("upstream", upstreamUri).addKeyValue("seq", snapshot.seq())
                .log("{} the exchange stream {}: snapshot at seq {}", everLive ? "Reconnected to" : "Connected to",
                        upstreamUri, snapshot.seq());
        everLive = true;
        statusFrame = status(true, null);
        // the old backlog is superseded: now, where the subscriber stands
        for (Subscriber subscriber : subscribers) {
            subscriber.dropBacklog();
            resync(subscriber);
        }
    }

    private void onUpstreamLost(String detail) {
        long delay = backoff.nextMillis();
        if (market.isLive()) {
            LOG.atWarn().addKeyValue("upstream", upstreamUri).addKeyValue("reason", detail)
                    .addKeyValue("seq", market.lastSeq())
                    .log("Lost the exchange stream {}: {}; reconnecting (backoff up to {})", upstreamUri, detail,
                            maxBackoff);
        } else if (!outageLogged) {
            LOG.atWarn().addKeyValue("upstream", upstreamUri).addKeyValue("reason", detail)
                    .log("Cannot reach the exchange stream {}: {}; retrying until it answers (backoff up to {})",
                            upstreamUri, detail, maxBackoff);
        } else {
            LOG.debug("Still no exchange stream at {}: {}", upstreamUri, detail);
        }
        disconnected(detail + "; retrying in " + delay(delay), delay);
    }

    /** Drops the stream and subscribes again, which starts over from a fresh snapshot. */
    private void resynchronise(String why) {
        LOG.atWarn().addKeyValue("upstream", upstreamUri).addKeyValue("reason", why)
                .log("Resynchronising with the exchange stream {}: {}", upstreamUri, why);
        long delay = backoff.nextMillis();
        disconnected(why + "; reconnecting in " + delay(delay), delay);
    }

    private void disconnected(String detail, long reconnectDelayMillis) {
        market.disconnected();
        outageLogged = true;
        statusFrame = status(false, detail);
        for (Subscriber subscriber : subscribers) {
            send(subscriber, statusFrame);
        }
        attempt = upstream.reconnectAfter(reconnectDelayMillis);
    }

    // --------------------------------------------------------------------------------- subscribers

    private void onJoined(Connection connection) {
        Subscriber subscriber = new Subscriber(connection, queueLimit);
        connection.setAttachment(subscriber);
        resync(subscriber);
        subscribers.add(subscriber);
        subscriberCount = subscribers.size();
        LOG.info("Subscriber {} connected ({} in all)", subscriber, subscribers.size());
    }

    private void onLeft(Left left) {
        Subscriber subscriber = left.connection().getAttachment();
        if (subscriber != null && subscribers.remove(subscriber)) {
            subscriberCount = subscribers.size();
            LOG.info("Subscriber {} disconnected ({}{}; {} left)", subscriber, left.code(),
                    left.reason() == null || left.reason().isEmpty() ? "" : " " + left.reason(), subscribers.size());
        }
    }

    /** Sends an event, as received and encoded once, to every subscriber of its topics. */
    private void forward(String text, Topics.Routing routing) {
        ByteBuffer frame = null;
        for (int i = 0; i < subscribers.size(); i++) {
            Subscriber subscriber = subscribers.get(i);
            if (subscriber.topics().receives(routing)) {
                if (frame == null) {
                    frame = FrameEncoder.text(text);
                }
                send(subscriber, frame);
            }
        }
    }

    /**
     * A subscription request: answered with the topics now active and a snapshot that honours them (after what
     * already waits for the subscriber, so it supersedes it), or with why it was refused. Within the subscriber's
     * allowance only; beyond it, the first refused request of a storm is answered, the rest are dropped.
     */
    private void onRequested(Requested requested) {
        Subscriber subscriber = requested.connection().getAttachment();
        if (subscriber == null || !subscribers.contains(subscriber)) {
            return;
        }
        if (!subscriber.mayRequest(System.nanoTime())) {
            if (subscriber.firstRateLimited()) {
                LOG.info("Subscriber {} asks too often: refusing its subscription requests for now", subscriber);
                send(subscriber, rateLimitedFrame);
            }
            return;
        }
        if (requested.request() instanceof SubscriptionRequest.Refused refused) {
            LOG.debug("Subscriber {}: subscription refused ({})", subscriber, refused.error());
            send(subscriber, FrameEncoder.text(WireJson.encode(refused.answer())));
            return;
        }
        Topics topics = ((SubscriptionRequest.Change) requested.request()).applyTo(subscriber.topics());
        subscriber.topics(topics);
        LOG.info("Subscriber {} now receives {}", subscriber, topics.names());
        send(subscriber, FrameEncoder.text(WireJson.encode(new ServerMessage.Subscribed(List.copyOf(topics.names())))));
        if (market.isLive()) {
            send(subscriber, snapshotFrame(topics));
        }
    }

    /** Sends a frame after what waits for the subscriber; its queue overflowing, resyncs or disconnects it. */
    private void send(Subscriber subscriber, ByteBuffer frame) {
        if (subscriber.offer(frame)) {
            return;
        }
        if (!subscriber.dropBacklogForResync()) {
            disconnect(subscriber, "too slow: read nothing since its last resync by snapshot");
        } else if (subscriber.unsentBytes() > Subscriber.MAX_UNSENT_BYTES) {
            disconnect(subscriber, "too slow: more than " + (Subscriber.MAX_UNSENT_BYTES >> 20) + " MiB unsent");
        } else {
            resyncs++;
            LOG.info("Subscriber {} fell {} messages behind: backlog dropped, resynced by a snapshot at seq {}",
                    subscriber, queueLimit, market.lastSeq());
            resync(subscriber);
        }
    }

    /** Hands the subscriber where things stand now: the status, and the snapshot when there is one. */
    private void resync(Subscriber subscriber) {
        subscriber.handNow(statusFrame);
        if (market.isLive()) {
            subscriber.handNow(snapshotFrame(subscriber.topics()));
        }
    }

    private void disconnect(Subscriber subscriber, String reason) {
        disconnectedTooSlow++;
        LOG.atWarn().addKeyValue("subscriber", subscriber).addKeyValue("reason", reason)
                .log("Disconnecting subscriber {} (1008): {}", subscriber, reason);
        subscriber.closeTooSlow(reason);
    }

    /**
     * Sends a heartbeat at the last seq to each subscriber that has been given nothing for a second, while the relay
     * has a live exchange stream that is not silent: no heartbeats is how a subscriber tells the exchange is gone.
     */
    private void heartbeats() {
        long now = System.nanoTime();
        if (now - nextHeartbeatCheckNanos < 0) {
            return;
        }
        nextHeartbeatCheckNanos = now + HEARTBEAT_CHECK_NANOS;
        if (!market.isLive() || now - upstreamHeardNanos > UPSTREAM_SILENCE_NANOS) {
            return;
        }
        ByteBuffer heartbeat = null;
        for (int i = 0; i < subscribers.size(); i++) {
            Subscriber subscriber = subscribers.get(i);
            if (subscriber.silentSince(now - HEARTBEAT_NANOS)) {
                if (heartbeat == null) {
                    heartbeat = FrameEncoder.text(WireJson.encode(new ServerMessage.Heartbeat(market.lastSeq(),
                            System.currentTimeMillis())));
                }
                send(subscriber, heartbeat);
            }
        }
    }

    /** Moves waiting frames on: one write and one selector wake-up per subscriber that was handed frames. */
    private void deliver() {
        for (int i = 0; i < subscribers.size(); i++) {
            Subscriber subscriber = subscribers.get(i);
            subscriber.pump();
            subscriber.flush();
        }
    }

    // ---------------------------------------------------------------------------------- frames

    /** The snapshot of the state as it is, as subscribers of {@code topics} see it: encoded once for them all. */
    private ByteBuffer snapshotFrame(Topics topics) {
        return snapshotFrames.computeIfAbsent(topics, shown -> FrameEncoder.text(WireJson.encode(
                shown.filter(market.snapshot(System.currentTimeMillis())))));
    }

    private ByteBuffer status(boolean connected, String detail) {
        return FrameEncoder.text(WireJson.encode(new ServerMessage.Status(connected, upstreamUri, detail,
                System.currentTimeMillis())));
    }

    /** {@code 250 ms}, {@code 2 s}, {@code 4.7 s}: a delay as subscribers and the log show it. */
    static String delay(long millis) {
        if (millis < 1_000) {
            return millis + " ms";
        }
        return BigDecimal.valueOf(millis, 3).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                + " s";
    }
}
