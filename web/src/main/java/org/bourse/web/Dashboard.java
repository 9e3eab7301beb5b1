package org.bourse.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bourse.transport.AllowedOrigins;
import org.bourse.transport.HttpListener;

/**
 * The live dashboard's HTTP side: serves the battle page at {@code /}, told which port the feed is on; the page
 * then subscribes to the feed like any other client.
 */
public final class Dashboard {
    /** Where a page with {@code botEndings} reads the battle's bot endings: a JSON array the relay serves. */
    public static final String BOT_ENDINGS_PATH = "/bot-endings";

    private Dashboard() {
    }

    /**
     * The listener of {@code host}:{@code port} (0 = any free port) serving the page, for the caller to add its own
     * routes (the relay's {@code /health} and {@code /status}) and start.
     *
     * @param feedPort the port of the relay's feed, on the same host
     * @param decimals the tick's decimals
     * @param botEndings whether the caller serves {@link #BOT_ENDINGS_PATH}, which the page then follows
     */
    public static HttpListener.Builder on(String host, int port, int feedPort, int decimals, AllowedOrigins origins,
                                          boolean botEndings) {
        byte[] page = BattlePage.live(feedPort, decimals, botEndings).getBytes(StandardCharsets.UTF_8);
        return HttpListener.on("dashboard", host, port, "--http-port")
                .allowOrigins(origins)
                .get("/", () -> HttpListener.Reply.html(page, Map.of()));
    }
}
