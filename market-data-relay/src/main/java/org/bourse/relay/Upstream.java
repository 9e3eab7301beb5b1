package org.bourse.relay;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bourse.transport.TimeSlice;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * The relay's one connection out: a subscription to the exchange's event stream. Each attempt is numbered; what
 * it receives, and how it ends, goes to the relay thread with that number, so that the relay thread, which decides
 * when to try again, can ignore an attempt it has given up on.
 */
final class Upstream implements AutoCloseable {
    /** Snapshots carry the whole book and every account: allow large frames. */
    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** Pings the exchange this often, and gives up on it after as long again without an answer. */
    private static final int CONNECTION_LOST_SECONDS = 10;

    private final URI uri;
    /** The handshake's headers: the stream's token, when the exchange has credentials. */
    private final Map<String, String> headers;
    private final FanOut fanOut;
    private final ScheduledExecutorService scheduler;
    // guarded by this
    private UpstreamClient current;
    private int attempts;
    private boolean closed;

    Upstream(URI uri, String token, FanOut fanOut) {
        this.uri = uri;
        this.headers = token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
        this.fanOut = fanOut;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "relay-upstream");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Lets go of the current connection, if any, and connects again after {@code delayMillis}.
     *
     * @return the number of the new attempt
     */
    synchronized int reconnectAfter(long delayMillis) {
        int attempt = ++attempts;
        if (current != null) {
            current.close(CloseFrame.NORMAL, "relay resynchronising");
            current = null;
        }
        if (!closed) {
            scheduler.schedule(() -> open(attempt), delayMillis, TimeUnit.MILLISECONDS);
        }
        return attempt;
    }

    private synchronized void open(int attempt) {
        if (!closed && attempt == attempts) {
            current = new UpstreamClient(uri, attempt);
            current.connect();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        scheduler.shutdownNow();
        if (current != null) {
            current.close(CloseFrame.GOING_AWAY, "relay shutting down");
            current = null;
        }
    }

    /** Why a connection ended, in a few words for the log and for subscribers. */
    static String describeClose(int code, String reason) {
        String why = reason == null || reason.isBlank() ? "" : reason.strip().replace('\n', ' ');
        if (code == CloseFrame.NEVER_CONNECTED) {
            return why.isEmpty() ? "cannot connect" : why.substring(0, 1).toLowerCase(Locale.ROOT) + why.substring(1);
        }
        if (code == CloseFrame.ABNORMAL_CLOSE) {
            return "connection lost" + (why.isEmpty() ? "" : " (" + why + ")");
        }
        return "the stream closed (" + code + (why.isEmpty() ? "" : " " + why) + ")";
    }

    private final class UpstreamClient extends WebSocketClient {
        private final int attempt;

        UpstreamClient(URI uri, int attempt) {
            super(uri, new Draft_6455(List.of(), MAX_FRAME_BYTES), headers, CONNECT_TIMEOUT_MILLIS);
            this.attempt = attempt;
            setTcpNoDelay(true);
            setConnectionLostTimeout(CONNECTION_LOST_SECONDS);
            setDaemon(true);
        }

        /** The thread that reads the stream: every event waits for it, so it asks for short time slices. */
        @Override
        public void run() {
            Thread.currentThread().setName("relay-reader");
            TimeSlice.shortenForThisThread();
            super.run();
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            // the snapshot that comes first is what makes the relay live
        }

        @Override
        public void onMessage(String text) {
            fanOut.submit(new FanOut.UpstreamFrame(attempt, text));
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            onMessage(StandardCharsets.UTF_8.decode(bytes).toString());
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            fanOut.submit(new FanOut.UpstreamLost(attempt, describeClose(code, reason)));
        }

        @Override
        public void onError(Exception e) {
            // onClose follows, with the reason
        }
    }
}
