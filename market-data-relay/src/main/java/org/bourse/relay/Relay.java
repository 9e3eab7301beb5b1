package org.bourse.relay;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.bourse.protocol.TickScale;
import org.bourse.transport.ListenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay process: the feed server in front, the subscription to the exchange's stream behind, the relay thread
 * between them. It has no connection to the order gateway: nothing a subscriber sends goes anywhere.
 */
public final class Relay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    private static final int SHUTDOWN_MILLIS = 2_000;

    /**
     * Everything the relay needs to start. {@code port} may be 0 (any free port); {@code queueLimit} is how many
     * messages may wait for one subscriber before it is resynced by a snapshot; {@code scale} is the exchange's
     * tick, for the mark.
     */
    public record Settings(URI upstream, String host, int port, int queueLimit, Duration minBackoff,
                           Duration maxBackoff, TickScale scale) {
    }

    private final FanOut fanOut;
    private final FeedServer feed;
    private final Upstream upstream;
    private boolean closed;

    private Relay(FanOut fanOut, FeedServer feed, Upstream upstream) {
        this.fanOut = fanOut;
        this.feed = feed;
        this.upstream = upstream;
    }

    /** Binds the feed's port, then starts relaying; on failure nothing is left running. */
    public static Relay start(Settings settings) throws StartupException {
        FanOut fanOut = new FanOut(settings.upstream().toString(), settings.queueLimit(),
                new MarketState(settings.scale()), settings.minBackoff(), settings.maxBackoff());
        FeedServer feed = new FeedServer(new InetSocketAddress(settings.host(), settings.port()), fanOut);
        try {
            feed.startAndWait();
        } catch (ListenException e) {
            throw new StartupException(e.getMessage());
        }
        LOG.info("Relaying {} \u2192 serving {}", settings.upstream(), feed.uri());
        Upstream upstream = new Upstream(settings.upstream(), fanOut);
        fanOut.start(upstream);
        return new Relay(fanOut, feed, upstream);
    }

    /** {@code ws://host:port} of the feed, with the port actually bound. */
    public String uri() {
        return feed.uri();
    }

    public int port() {
        return feed.getPort();
    }

    /** Subscribers connected now. */
    public int subscriberCount() {
        return fanOut.subscriberCount();
    }

    /** Times a subscriber's backlog was dropped and replaced by a snapshot. */
    public long resyncs() {
        return fanOut.resyncs();
    }

    /** Subscribers disconnected (1008) for not reading. */
    public long disconnectedTooSlow() {
        return fanOut.disconnectedTooSlow();
    }

    /** Stops relaying, lets go of the exchange, then tells every subscriber that the relay is going away (1001). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Relay shutting down: closing {} subscribers", fanOut.subscriberCount());
        try {
            fanOut.stop();
            upstream.close();
            feed.stop(SHUTDOWN_MILLIS, "relay shutting down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Relay stopped ({} resyncs by snapshot, {} subscribers disconnected for not reading)",
                fanOut.resyncs(), fanOut.disconnectedTooSlow());
    }
}
