package org.bourse.relay;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bourse.cli.BotEnding;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;
import org.bourse.transport.AllowedOrigins;
import org.bourse.transport.HttpListener;
import org.bourse.transport.ListenException;
import org.bourse.web.Dashboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay process: the feed server in front, the subscription to the exchange's stream behind, the relay thread
 * between them. It has no connection to the order gateway: nothing a subscriber sends goes anywhere. It also serves
 * the live dashboard: a web page that subscribes to the feed like any other client, so a slow browser tab is held
 * to the same rules as a slow bot.
 */
public final class Relay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    private static final int SHUTDOWN_MILLIS = 2_000;

    /**
     * Everything the relay needs to start. {@code port} may be 0 (any free port); {@code queueLimit} is how many
     * messages may wait for one subscriber before it is resynced by a snapshot; {@code scale} is the exchange's
     * tick, for the dashboard's decimals. {@code httpPort} is the dashboard's (0 = any free port, {@link #NO_DASHBOARD} = none);
     * {@code origins} are the web pages that may use the feed and the dashboard.
     */
    /**
     * @param upstreamToken the event stream's token, for an exchange with credentials; null otherwise
     * @param botEndings    a battle's bot-endings file, which the dashboard shows as it grows; null: none
     */
    public record Settings(URI upstream, String host, int port, int queueLimit, Duration minBackoff,
                           Duration maxBackoff, TickScale scale, int httpPort, AllowedOrigins origins,
                           String upstreamToken, Path botEndings) {

        public Settings(URI upstream, String host, int port, int queueLimit, Duration minBackoff, Duration maxBackoff,
                        TickScale scale, int httpPort, AllowedOrigins origins, String upstreamToken) {
            this(upstream, host, port, queueLimit, minBackoff, maxBackoff, scale, httpPort, origins, upstreamToken,
                    null);
        }

        /** For an exchange without credentials. */
        public Settings(URI upstream, String host, int port, int queueLimit, Duration minBackoff, Duration maxBackoff,
                        TickScale scale, int httpPort, AllowedOrigins origins) {
            this(upstream, host, port, queueLimit, minBackoff, maxBackoff, scale, httpPort, origins, null);
        }

        /** Without a dashboard, pages of this machine only. */
        public Settings(URI upstream, String host, int port, int queueLimit, Duration minBackoff, Duration maxBackoff,
                        TickScale scale) {
            this(upstream, host, port, queueLimit, minBackoff, maxBackoff, scale, NO_DASHBOARD,
                    AllowedOrigins.LOOPBACK);
        }
    }

    /** The {@link Settings#httpPort} of a relay that serves no dashboard. */
    public static final int NO_DASHBOARD = -1;

    private final FanOut fanOut;
    private final FeedServer feed;
    private final Upstream upstream;
    private final HttpListener dashboard;
    private boolean closed;

    private Relay(FanOut fanOut, FeedServer feed, Upstream upstream, HttpListener dashboard) {
        this.fanOut = fanOut;
        this.feed = feed;
        this.upstream = upstream;
        this.dashboard = dashboard;
    }

    /** Binds the feed's port, then starts relaying; on failure nothing is left running. */
    public static Relay start(Settings settings) throws StartupException {
        FanOut fanOut = new FanOut(settings.upstream().toString(), settings.queueLimit(), settings.minBackoff(),
                settings.maxBackoff());
        FeedServer feed = new FeedServer(new InetSocketAddress(settings.host(), settings.port()), fanOut);
        feed.allowOrigins(settings.origins());
        HttpListener dashboard = null;
        try {
            feed.startAndWait();
            if (settings.httpPort() != NO_DASHBOARD) {
                dashboard = new RelayStatus(fanOut, settings.upstream().toString())
                        .servedBy(dashboard(settings, feed.getPort()))
                        .start();
            }
        } catch (ListenException e) {
            try {
                feed.stop(0, null);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new StartupException(e.getMessage());
        }
        LOG.info("Relaying {} \u2192 serving {}", settings.upstream(), feed.uri());
        if (dashboard != null) {
            LOG.info("Dashboard on {} (GET /health and /status for operators)", dashboard.uri());
        }
        Upstream upstream = new Upstream(settings.upstream(), settings.upstreamToken(), fanOut);
        fanOut.start(upstream);
        return new Relay(fanOut, feed, upstream, dashboard);
    }

    /** The dashboard's page, and the battle's bot endings when there is a file of them. */
    private static HttpListener.Builder dashboard(Settings settings, int feedPort) {
        Path endings = settings.botEndings();
        HttpListener.Builder dashboard = Dashboard.on(settings.host(), settings.httpPort(), feedPort,
                Math.max(0, settings.scale().tickSize().scale()), settings.origins(), endings != null);
        if (endings != null) {
            dashboard.get(Dashboard.BOT_ENDINGS_PATH, () -> HttpListener.Reply.json(WireJson.encode(
                    BotEnding.read(endings).stream().map(ended -> Map.of("trader_id", ended.traderId(), "state",
                            ended.state(), "why", ended.why())).toList())));
        }
        return dashboard;
    }

    /** {@code http://host:port/} of the dashboard, or null when it serves none. */
    public String dashboardUri() {
        return dashboard == null ? null : dashboard.uri();
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
            if (dashboard != null) {
                dashboard.close();
            }
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
