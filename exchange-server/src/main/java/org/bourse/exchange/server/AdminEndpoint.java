package org.bourse.exchange.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.Engine;
import org.bourse.exchange.journal.JournalWriter;
import org.bourse.exchange.market.Market;
import org.bourse.exchange.wire.WireMapping;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;
import org.bourse.transport.AllowedOrigins;
import org.bourse.transport.HttpListener;
import org.bourse.transport.ListenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's handle on a running exchange, over plain HTTP on loopback so that {@code curl} is enough:
 * {@code POST /halt} and {@code POST /resume} flip the kill switch (with the admin token), {@code GET /status}
 * tells whether the engine is alive and what it holds and does, {@code GET /health} only that the process answers.
 * The status and the switch run on the engine thread, in turn with the orders (so its figures need no lock). The
 * HTTP side (timeouts, worker pool, exact paths, origins, token) is the {@link HttpListener}'s.
 */
final class AdminEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);

    /** What {@code GET /health} answers while the process is up. */
    static final String HEALTHY = "{\"status\":\"ok\",\"process\":\"exchange\"}\n";

    private final EngineThread engineThread;
    private final Market market;
    private final Engine engine;
    private final TickScale scale;
    private final Connections connections;
    private final long startedNanos = System.nanoTime();
    private HttpListener listener;

    /** How many connections the gateway and the stream have now (read from their socket threads' lists). */
    interface Connections {
        int gateway();

        int stream();
    }

    private AdminEndpoint(EngineThread engineThread, Market market, TickScale scale, Connections connections) {
        this.engineThread = engineThread;
        this.market = market;
        this.engine = market.engine();
        this.scale = scale;
        this.connections = connections;
    }

    /** @param token what a POST must carry; {@code tokenFile} where it is, for the message that refuses one */
    static AdminEndpoint start(String host, int port, EngineThread engineThread, Market market, TickScale scale,
                               Connections connections, String token, String tokenFile) throws StartupException {
        AdminEndpoint admin = new AdminEndpoint(engineThread, market, scale, connections);
        try {
            // no web page, even one of this machine, may use the kill switch
            admin.listener = HttpListener.on("admin endpoint", host, port, "--admin-port")
                    .allowOrigins(AllowedOrigins.NONE)
                    .tokenForChanges(token, "in " + tokenFile)
                    .post("/halt", () -> admin.answer(true))
                    .post("/resume", () -> admin.answer(false))
                    .get("/status", () -> admin.answer(null))
                    .get("/health", () -> HttpListener.Reply.json(HEALTHY))
                    .start();
        } catch (ListenException e) {
            throw new StartupException(e.getMessage());
        }
        return admin;
    }

    /** {@code http://host:port} of the endpoint. */
    String uri() {
        String uri = listener.uri();
        return uri.substring(0, uri.length() - 1);
    }

    void stop() {
        listener.close();
    }

    /** On the engine thread: what it holds and does now. */
    private Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("process", "exchange");
        status.put("ready", true); // the engine answered: it applies commands
        status.put("uptime_s", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos));
        status.put("trading_halted", engine.tradingHalted());
        status.put("seq", engine.lastSeq());
        status.putAll(engineThread.throughput());
        status.put("connections", new TreeMap<>(Map.of("gateway", connections.gateway(),
                "stream", connections.stream())));
        status.put("trade_count", engine.tradeCount());
        status.put("resting_orders", engine.book().orderCount());
        status.put("traders", engine.accountCount());
        status.put("mark_price", scale.decimal(engine.mark()));
        status.put("best_bid", WireMapping.price(scale, engine.book().bestBid()));
        status.put("best_ask", WireMapping.price(scale, engine.book().bestAsk()));
        JournalWriter journal = market.journal();
        if (journal != null) {
            status.put("journal", new TreeMap<>(Map.of("commands", journal.commandCount(), "bytes", journal.size())));
        }
        Map<String, Object> lockstep = engineThread.lockstepStatus();
        if (lockstep != null) {
            status.put("lockstep", lockstep);
        }
        return status;
    }

    /**
     * Answers one request: {@code halt} true or false flips the kill switch first (a command like any other: stamped,
     * journaled, applied in turn with the orders), null only reads the status.
     */
    private HttpListener.Reply answer(Boolean halt) throws InterruptedException {
        if (halt != null) {
            engineThread.submitStamped(ts -> new EngineInput.Execute(null, new Command.SetTradingHalted(ts, halt)));
        }
        CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        engineThread.submit(new EngineInput.Query<>(this::status, result));
        Map<String, Object> status;
        try {
            status = result.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return HttpListener.Reply.line(503, "the exchange is stopping: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return HttpListener.Reply.line(503, "the engine did not answer within 5 s");
        }
        if (halt != null) {
            LOG.atWarn().addKeyValue("trading_halted", halt).addKeyValue("seq", status.get("seq"))
                    .log(halt ? "Trading HALTED by the operator: new orders are refused, cancels still work"
                            : "Trading resumed by the operator");
        }
        return HttpListener.Reply.json(WireJson.encode(status) + "\n");
    }
}
