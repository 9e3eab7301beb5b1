package org.bourse.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bourse.transport.AllowedOrigins;
import org.bourse.transport.HttpListener;
import org.bourse.transport.ListenException;

/**
 * The live dashboard's HTTP side: serves the battle page at {@code /}, told which port the feed is on; the page
 * then subscribes to the feed like any other client. Nothing else is served.
 */
public final class Dashboard {

    private Dashboard() {
    }

    /**
     * Starts serving on {@code host}:{@code port} (0 = any free port).
     *
     * @param feedPort the port of the relay's feed, on the same host
     * @param decimals the tick's decimals
     */
    public static HttpListener start(String host, int port, int feedPort, int decimals, AllowedOrigins origins)
            throws ListenException {
        byte[] page = BattlePage.live(feedPort, decimals).getBytes(StandardCharsets.UTF_8);
        return HttpListener.on("dashboard", host, port, "--http-port")
                .allowOrigins(origins)
                .get("/", () -> HttpListener.Reply.html(page, Map.of()))
                .start();
    }
}
