package org.bourse.relay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bourse.protocol.WireJson;
import org.bourse.transport.HttpListener;

/**
 * What an operator polls on the relay's HTTP port, beside the dashboard: {@code GET /health} (the process answers)
 * and {@code GET /status} (ready when it relays a live exchange stream, and its figures). Read from the figures the
 * relay thread publishes: a poll never waits for it.
 */
final class RelayStatus {
    /** What {@code GET /health} answers while the process is up. */
    static final String HEALTHY = "{\"status\":\"ok\",\"process\":\"relay\"}\n";

    private final FanOut fanOut;
    private final String upstream;
    private final long startedNanos = System.nanoTime();

    RelayStatus(FanOut fanOut, String upstream) {
        this.fanOut = fanOut;
        this.upstream = upstream;
    }

    /** {@code listener} serving both paths as well. */
    HttpListener.Builder servedBy(HttpListener.Builder listener) {
        return listener
                .get("/health", () -> HttpListener.Reply.json(HEALTHY))
                .get("/status", () -> HttpListener.Reply.json(WireJson.encode(status()) + "\n"));
    }

    Map<String, Object> status() {
        FanOut.Figures figures = fanOut.figures();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("process", "relay");
        status.put("ready", figures.live());
        status.put("uptime_s", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos));
        Map<String, Object> exchange = new LinkedHashMap<>();
        exchange.put("uri", upstream);
        exchange.put("reachable", figures.live());
        status.put("upstream", exchange);
        status.put("seq", figures.seq());
        status.put("events_per_s", figures.eventsPerSecond());
        status.put("connections", Map.of("feed", figures.subscribers()));
        status.put("traders", figures.traders());
        status.put("resyncs", figures.resyncs());
        status.put("disconnected_too_slow", figures.disconnectedTooSlow());
        return status;
    }
}
