package org.bourse.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server for Bourse's own pages and endpoints, on Jetty 12's core API (no servlets). What every
 * such endpoint needs is decided here once:
 * <ul>
 *   <li>loopback unless the caller binds elsewhere, and then a request must name this machine in its {@code Host}
 *       (a web site whose name was re-pointed at 127.0.0.1 cannot read it) and come from no page or an allowed
 *       one ({@link AllowedOrigins}): anything else is answered 403;</li>
 *   <li>exact paths: an unknown path is 404, a known one asked with another method 405 (HEAD goes with GET);</li>
 *   <li>no request carries a body (Bourse's verbs take none): one that announces a body is refused 413 without
 *       running its route, so a request sent halfway is never executed;</li>
 *   <li>with a token ({@link Builder#tokenForChanges}), a POST runs only with {@code Authorization: Bearer TOKEN},
 *       else 401;</li>
 *   <li>every answer Bourse itself writes is one line of plain text when it is an error, never a stack trace;</li>
 *   <li>idle connections (a client that stops sending halfway, too) are closed after 30 s, requests are served by
 *       at most 8 threads, request headers are limited to 8 KiB.</li>
 * </ul>
 */
public final class HttpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);

    private static final long IDLE_TIMEOUT_MILLIS = 30_000;
    private static final int MAX_THREADS = 8;
    private static final int MAX_HEADER_BYTES = 8 * 1024;

    /** What a route answers. */
    public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

        public static Reply html(byte[] page, Map<String, String> headers) {
            return new Reply(200, "text/html; charset=utf-8", page, headers);
        }

        public static Reply json(String json) {
            return new Reply(200, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        /** One line of plain text: how Bourse answers an error. */
        public static Reply line(int status, String text) {
            return new Reply(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8),
                    Map.of());
        }
    }

    /** Computes the answer to a request of its path and method (on a worker thread: it may wait). */
    @FunctionalInterface
    public interface Route {
        Reply answer() throws Exception;
    }

    /** What a listener is and serves, before it starts. */
    public static final class Builder {
        private final String name;
        private final String host;
        private final int port;
        private final String portOption;
        private AllowedOrigins origins = AllowedOrigins.LOOPBACK;
        private byte[] token;
        private String tokenHint;
        /** path → method → route, in the order given (for the Allow header). */
        private final Map<String, Map<String, Route>> routes = new TreeMap<>();

        private Builder(String name, String host, int port, String portOption) {
            this.name = name;
            this.host = host;
            this.port = port;
            this.portOption = portOption;
        }

        public Builder allowOrigins(AllowedOrigins allowed) {
            this.origins = allowed;
            return this;
        }

        /**
         * Requires {@code token} on every POST (what changes state), sent as {@code Authorization: Bearer TOKEN};
         * {@code where} tells a refused caller where to find it ("in runs/x/admin.token").
         */
        public Builder tokenForChanges(String token, String where) {
            this.token = token.getBytes(StandardCharsets.UTF_8);
            this.tokenHint = where;
            return this;
        }

        public Builder get(String path, Route route) {
            return route("GET", path, route);
        }

        public Builder post(String path, Route route) {
            return route("POST", path, route);
        }

        private Builder route(String method, String path, Route route) {
            routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, route);
            return this;
        }

        /** Binds the port and serves, or fails with one sentence fit for the user. */
        public HttpListener start() throws ListenException {
            return new HttpListener(this);
        }
    }

    private final String name;
    private final Server server;
    private final ServerConnector connector;
    private final String host;

    /**
     * @param name       what it is, for messages: "dashboard"
     * @param portOption the command-line option that moves the port, for the port-in-use message
     */
    public static Builder on(String name, String host, int port, String portOption) {
        return new Builder(name, host, port, portOption);
    }

    private HttpListener(Builder builder) throws ListenException {
        this.name = builder.name;
        this.host = builder.host;
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName(builder.name.replace(' ', '-') + "-http");
        threads.setReservedThreads(0);
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(builder.host);
        connector.setPort(builder.port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        server.addConnector(connector);
        server.setHandler(new Routes(Map.copyOf(builder.routes), builder.origins, isLoopback(builder.host),
                builder.token, builder.tokenHint));
        server.setErrorHandler(HttpListener::errorLine);
        server.setStopTimeout(2_000);
        String address = builder.host + ":" + builder.port;
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw ListenException.portInUse(name, address, builder.portOption);
            }
            throw new ListenException("cannot start the " + name + " on " + address + ": " + e.getMessage());
        }
    }

    /** {@code http://host:port/} with the port actually bound. */
    public String uri() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port() + "/";
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        stopQuietly();
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("Stopping the {}: {}", name, e.toString());
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** What Jetty answers on its own (a malformed request, say): one line too. */
    private static boolean errorLine(Request request, Response response, Callback callback) {
        Object status = request.getAttribute(org.eclipse.jetty.server.handler.ErrorHandler.ERROR_STATUS);
        int code = status instanceof Integer number ? number : response.getStatus();
        write(response, callback, Reply.line(code, "bad request"));
        return true;
    }

    private static void write(Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        reply.headers().forEach((header, value) -> response.getHeaders().put(header, value));
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    /** The one handler: checks where a request comes from, finds its route, writes its reply. */
    private static final class Routes extends Handler.Abstract {
        private final Map<String, Map<String, Route>> routes;
        private final AllowedOrigins origins;
        private final boolean loopback;
        private final byte[] token;
        private final String tokenHint;

        Routes(Map<String, Map<String, Route>> routes, AllowedOrigins origins, boolean loopback, byte[] token,
               String tokenHint) {
            super(InvocationType.BLOCKING);
            this.routes = routes;
            this.origins = origins;
            this.loopback = loopback;
            this.token = token;
            this.tokenHint = tokenHint;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Reply reply = reply(request);
            if (HttpMethod.HEAD.is(request.getMethod())) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
                reply = new Reply(reply.status(), reply.contentType(), new byte[0], reply.headers());
            }
            write(response, callback, reply);
            return true;
        }

        private Reply reply(Request request) {
            String hostHeader = request.getHeaders().get(HttpHeader.HOST);
            if (loopback && hostHeader != null && !AllowedOrigins.isLoopbackHost(hostHeader)) {
                return Reply.line(403, "forbidden: this server answers requests for 127.0.0.1 or localhost only");
            }
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            if (!origins.allows(origin)) {
                return Reply.line(403, "forbidden: pages from " + origin + " may not use this server");
            }
            Map<String, Route> byMethod = routes.get(request.getHttpURI().getPath());
            if (byMethod == null) {
                return Reply.line(404, "not found");
            }
            String method = request.getMethod();
            Route route = byMethod.get(HttpMethod.HEAD.is(method) ? "GET" : method);
            if (route == null) {
                String allowed = String.join(", ", byMethod.keySet());
                return new Reply(405, "text/plain; charset=utf-8",
                        ("method not allowed: " + allowed + " only\n").getBytes(StandardCharsets.UTF_8),
                        Map.of("Allow", allowed));
            }
            if (request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > 0
                    || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
                return Reply.line(413, "this server takes no request body");
            }
            if (token != null && HttpMethod.POST.is(method) && !bearerMatches(request)) {
                return Reply.line(401, "unauthorized: send the token " + tokenHint
                        + " as 'Authorization: Bearer TOKEN'");
            }
            try {
                return route.answer();
            } catch (Exception e) {
                LOG.warn("{} {} failed", method, request.getHttpURI().getPath(), e);
                return Reply.line(500, "internal error (the server's log says what)");
            }
        }

        private boolean bearerMatches(Request request) {
            String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return false;
            }
            // constant-time comparison, so that response time says nothing about the token
            return MessageDigest.isEqual(token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
        }
    }
}
