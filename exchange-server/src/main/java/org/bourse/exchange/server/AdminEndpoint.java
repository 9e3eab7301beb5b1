package org.bourse.exchange.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.Engine;
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
 * tells whether the engine is alive and what it holds. Every request runs on the engine thread, in turn with the
 * orders. The HTTP side (timeouts, worker pool, exact paths, origins, token) is the {@link HttpListener}'s.
 */
final class AdminEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);

    private final EngineThread engineThread;
    private final Engine engine;
    private final TickScale scale;
    private HttpListener listener;

    private AdminEndpoint(EngineThread engineThread, Engine engine, TickScale scale) {
        this.engineThread = engineThread;
        this.engine = engine;
        this.scale = scale;
    }

    /** @param token what a POST must carry; {@code tokenFile} where it is, for the message that refuses one */
    static AdminEndpoint start(String host, int port, EngineThread engineThread, Engine engine, TickScale scale,
                               String token, String tokenFile) throws StartupException {
        AdminEndpoint admin = new AdminEndpoint(engineThread, engine, scale);
        try {
            // no web page, even one of this machine, may use the kill switch
            admin.listener = HttpListener.on("admin endpoint", host, port, "--admin-port")
                    .allowOrigins(AllowedOrigins.NONE)
                    .tokenForChanges(token, "in " + tokenFile)
                    .post("/halt", () -> admin.answer(true))
                    .post("/resume", () -> admin.answer(false))
                    .get("/status", () -> admin.answer(null))
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

    private Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("trading_halted", engine.tradingHalted());
        status.put("seq", engine.lastSeq());
        status.put("trade_count", engine.tradeCount());
        status.put("resting_orders", engine.book().orderCount());
        status.put("traders", engine.accountCount());
        status.put("mark_price", scale.decimal(engine.mark()));
        status.put("best_bid", WireMapping.price(scale, engine.book().bestBid()));
        status.put("best_ask", WireMapping.price(scale, engine.book().bestAsk()));
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
            LOG.warn(halt ? "Trading HALTED by the operator: new orders are refused, cancels still work"
                    : "Trading resumed by the operator");
        }
        return HttpListener.Reply.json(WireJson.encode(status) + "\n");
    }
}
