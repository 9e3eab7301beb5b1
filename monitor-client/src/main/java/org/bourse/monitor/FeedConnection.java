package org.bourse.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.bourse.cli.Backoff;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.WireJson;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the monitor subscribed to the market-data feed: connects, hands every message to the {@link MarketModel},
 * and when the connection is lost (or an event arrives out of sequence) connects again, forever, with a growing
 * delay. It never sends a message: not an order, not a ping (the server's pings are answered, as WebSocket
 * requires).
 */
final class FeedConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedConnection.class);

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** The TCP connection plus the WebSocket handshake. */
    private static final long OPEN_TIMEOUT_MILLIS = 10_000;
    private static final long CLOSE_TIMEOUT_MILLIS = 5_000;

    private final URI feedUri;
    private final MarketModel model;
    private final Backoff backoff;
    private final LongSupplier clock;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile FeedClient current;

    FeedConnection(URI uri, MarketModel model, Backoff backoff, LongSupplier clock) {
        this.feedUri = uri;
        this.model = model;
        this.backoff = backoff;
        this.clock = clock;
        this.thread = new Thread(this::run, "feed-connection");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        String why = "connecting";
        boolean reportedDown = false;
        while (running) {
            model.connecting(why);
            FeedClient client = new FeedClient(feedUri);
            current = client;
            try {
                client.session();
            } catch (InterruptedException e) {
                client.close();
                break;
            }
            if (!running) {
                break;
            }
            if (client.resyncing) {
                why = "resyncing after a sequence gap";
                continue; // at once: the feed is up, only our picture is wrong
            }
            if (client.live) {
                backoff.reset();
                reportedDown = false;
            }
            long delay = backoff.nextMillis();
            model.disconnected(client.reason(), clock.getAsLong() + delay);
            if (!reportedDown) {
                LOG.info("Feed {}: {}; retrying in {} ms, then less and less often", feedUri, client.reason(), delay);
                reportedDown = true;
            } else {
                LOG.debug("Feed {}: {}; retrying in {} ms", feedUri, client.reason(), delay);
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                break;
            }
            why = "reconnecting";
        }
    }

    /** Stops reconnecting and closes the connection. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        FeedClient client = current;
        if (client != null) {
            client.close(CloseFrame.NORMAL, "monitor closing");
        }
        try {
            thread.join(CLOSE_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One connection: opened, read until it closes, never written to. */
    private final class FeedClient extends WebSocketClient {
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile boolean opened;
        /** A snapshot arrived on this connection. */
        private volatile boolean live;
        /** An event arrived out of sequence: this connection is being dropped for a fresh snapshot. */
        private volatile boolean resyncing;
        /** This side is closing the connection: whatever still arrives on it is not applied. */
        private volatile boolean closing;
        private volatile String closeReason;
        private volatile Exception error;
        private boolean reportedBadFrame;

        FeedClient(URI uri) {
            super(uri, new Draft_6455(), Map.of(), CONNECT_TIMEOUT_MILLIS);
            setConnectionLostTimeout(0); // no pings of our own: the monitor sends nothing
            setTcpNoDelay(true);
            setDaemon(true);
        }

        /** Connects and returns once the connection is closed (or could not be opened). */
        void session() throws InterruptedException {
            if (!connectBlocking(OPEN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) && closed.getCount() > 0) {
                closeReason = "no answer within " + OPEN_TIMEOUT_MILLIS / 1000 + " s";
                closeConnection(CloseFrame.NEVER_CONNECTED, closeReason);
            }
            closed.await();
        }

        /** Why the connection ended, in words. */
        String reason() {
            if (!opened) {
                Exception cause = error;
                String why = cause == null || cause.getMessage() == null ? closeReason : cause.getMessage();
                return "cannot connect: " + (why == null || why.isEmpty() ? "refused" : why);
            }
            return "connection lost: " + closeReason;
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            opened = true;
            model.opened();
            LOG.info("Connected to the feed {}", uri);
        }

        @Override
        public void onMessage(String text) {
            if (closing) {
                return;
            }
            ServerMessage message;
            try {
                message = WireJson.decodeServerMessage(text);
            } catch (JsonProcessingException e) {
                if (!reportedBadFrame) {
                    LOG.warn("Ignoring a frame the monitor cannot read ({}); later ones are logged at debug level",
                            e.getOriginalMessage());
                    reportedBadFrame = true;
                } else {
                    LOG.debug("Ignoring a frame the monitor cannot read: {}", e.getOriginalMessage());
                }
                return;
            }
            if (message == null) {
                return; // a type this version does not know
            }
            MarketView.Outcome outcome;
            try {
                outcome = model.apply(message);
            } catch (RuntimeException e) {
                // a message with a field missing: what it left behind is not to be trusted
                LOG.warn("Dropping the feed connection: cannot apply a {} message ({})",
                        message.getClass().getSimpleName(), e.toString());
                closing = true;
                close(CloseFrame.NORMAL, "unreadable message");
                return;
            }
            if (outcome == MarketView.Outcome.GAP) {
                resyncing = true;
                closing = true;
                LOG.warn("Sequence gap on the feed; reconnecting for a fresh snapshot");
                close(CloseFrame.NORMAL, "resyncing");
            } else if (message instanceof ServerMessage.Snapshot snapshot) {
                live = true;
                LOG.info("Snapshot at seq {}: {} traders, {} trades so far", snapshot.seq(),
                        snapshot.accounts().size(), snapshot.tradeCount());
            } else if (message instanceof ServerMessage.Status status && !status.exchangeConnected()) {
                LOG.warn("The relay reports the exchange unreachable: {}", status.detail());
            }
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            onMessage(StandardCharsets.UTF_8.decode(bytes).toString());
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            if (opened) {
                closeReason = reason == null || reason.isEmpty() ? "code " + code : reason + " (code " + code + ")";
            } else if (closeReason == null) {
                closeReason = reason;
            }
            closed.countDown();
        }

        @Override
        public void onError(Exception e) {
            error = e;
            LOG.debug("Feed {}: {}", uri, e.toString());
        }
    }
}
