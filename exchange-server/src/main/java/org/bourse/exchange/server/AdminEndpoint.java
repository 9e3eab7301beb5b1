package org.bourse.exchange.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.Engine;
import org.bourse.exchange.wire.WireMapping;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's handle on a running exchange, over plain HTTP on loopback so that {@code curl} is enough:
 * {@code POST /halt} and {@code POST /resume} flip the kill switch, {@code GET /status} tells whether the engine
 * is alive and what it holds. Every request runs on the engine thread, in turn with the orders.
 */
final class AdminEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoint.class);

    private final HttpServer server;
    private final Sequencer sequencer;
    private final Engine engine;
    private final TickScale scale;

    private AdminEndpoint(HttpServer server, Sequencer sequencer, Engine engine, TickScale scale) {
        this.server = server;
        this.sequencer = sequencer;
        this.engine = engine;
        this.scale = scale;
    }

    static AdminEndpoint start(String host, int port, Sequencer sequencer, Engine engine, TickScale scale)
            throws StartupException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (BindException e) {
            throw new StartupException("cannot listen on " + host + ":" + port + " for the admin endpoint: the port "
                    + "is already in use (pick another with --admin-port)");
        } catch (IOException e) {
            throw new StartupException("cannot start the admin endpoint on " + host + ":" + port + ": "
                    + e.getMessage());
        }
        AdminEndpoint admin = new AdminEndpoint(server, sequencer, engine, scale);
        server.createContext("/halt", exchange -> admin.handle(exchange, "POST", true));
        server.createContext("/resume", exchange -> admin.handle(exchange, "POST", false));
        server.createContext("/status", exchange -> admin.handle(exchange, "GET", null));
        server.start();
        return admin;
    }

    String uri() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
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
        Map<String, Object> lockstep = sequencer.lockstepStatus();
        if (lockstep != null) {
            status.put("lockstep", lockstep);
        }
        return status;
    }

    /**
     * Answers one request: {@code halt} true or false flips the kill switch first (a command like any other: stamped,
     * journaled, applied in turn with the orders), null only reads the status.
     */
    private void handle(HttpExchange exchange, String method, Boolean halt) throws IOException {
        try (exchange) {
            if (!method.equals(exchange.getRequestMethod())) {
                respond(exchange, 405, Map.of("error", "use " + method + " " + exchange.getRequestURI().getPath()));
                return;
            }
            if (halt != null) {
                sequencer.submitStamped(ts -> new Inbound.Execute(null, new Command.SetTradingHalted(ts, halt)));
            }
            CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
            sequencer.submit(new Inbound.Query<>(this::status, result));
            Map<String, Object> status;
            try {
                status = result.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                respond(exchange, 503, Map.of("error", "the exchange is stopping: " + e.getCause().getMessage()));
                return;
            } catch (Exception e) {
                respond(exchange, 503, Map.of("error", "the engine did not answer within 5 s"));
                return;
            }
            if (halt != null) {
                LOG.warn(halt ? "Trading HALTED by the operator: new orders are refused, cancels still work"
                        : "Trading resumed by the operator");
            }
            respond(exchange, 200, status);
        }
    }

    private static void respond(HttpExchange exchange, int code, Map<String, Object> body) throws IOException {
        byte[] bytes = (WireJson.encode(body) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
