package org.bourse.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP listener over real sockets: what it serves, and what it refuses, always in one line. */
class HttpListenerTest {
    private HttpListener listener;

    @BeforeEach
    void start() throws ListenException {
        listener = HttpListener.on("test page", "127.0.0.1", 0, "--http-port")
                .allowOrigins(AllowedOrigins.LOOPBACK.with("http://192.168.1.5:9011"))
                .get("/", () -> HttpListener.Reply.html("<p>hello</p>".getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Security-Policy", "default-src 'none'")))
                .get("/boom", () -> {
                    throw new IllegalStateException("a bug");
                })
                .post("/halt", () -> HttpListener.Reply.json("{\"halted\":true}"))
                .start();
    }

    @AfterEach
    void stop() {
        listener.close();
    }

    /** Sends {@code request} as written and returns the whole response (the server closes: Connection: close). */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private String get(String path, String extraHeaders) throws IOException {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + listener.port() + "\r\n" + extraHeaders
                + "Connection: close\r\n\r\n");
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void servesTheRouteWithItsHeaders() throws IOException {
        String response = get("/", "");
        assertThat(response).startsWith("HTTP/1.1 200").contains("Content-Type: text/html; charset=utf-8")
                .contains("Content-Security-Policy: default-src 'none'").contains("X-Content-Type-Options: nosniff")
                .doesNotContain("Server:");
        assertThat(body(response)).isEqualTo("<p>hello</p>");
        assertThat(listener.uri()).isEqualTo("http://127.0.0.1:" + listener.port() + "/");
    }

    @Test
    void headAnswersLikeGetWithoutTheBody() throws IOException {
        String response = exchange("HEAD / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").contains("Content-Length: 12");
        assertThat(body(response)).isEmpty();
    }

    @Test
    void anUnknownOrMalformedPathIsOneLineNeverAStackTrace() throws IOException {
        assertThat(get("/nope", "")).startsWith("HTTP/1.1 404");
        assertThat(body(get("/nope", ""))).isEqualTo("not found\n");
        assertThat(body(get("/index.html/../../etc/passwd", ""))).hasLineCount(1);
        String malformed = get("/%zz", "");
        assertThat(malformed).startsWith("HTTP/1.1 400");
        assertThat(body(malformed)).isEqualTo("bad request\n");
        String broken = exchange("GARBAGE\r\n\r\n");
        assertThat(broken).startsWith("HTTP/1.1 400").doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void aRouteThatFailsAnswers500InOneLine() throws IOException {
        String response = get("/boom", "");
        assertThat(response).startsWith("HTTP/1.1 500").doesNotContain("IllegalStateException");
        assertThat(body(response)).hasLineCount(1);
    }

    @Test
    void aWrongMethodIs405WithWhatIsAllowed() throws IOException {
        String response = exchange("GET /halt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 405").contains("Allow: POST");
        assertThat(exchange("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 405");
        assertThat(exchange("POST /halt HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200").endsWith("{\"halted\":true}");
    }

    @Test
    void aPageFromElsewhereIsRefused() throws IOException {
        assertThat(get("/", "Origin: https://evil.example\r\n")).startsWith("HTTP/1.1 403");
        assertThat(get("/", "Origin: null\r\n")).startsWith("HTTP/1.1 403");
        assertThat(get("/", "Origin: http://localhost:9011\r\n")).startsWith("HTTP/1.1 200");
        assertThat(get("/", "Origin: http://192.168.1.5:9011\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void aRequestForAnotherHostNameIsRefused() throws IOException {
        // a web site whose name now points at 127.0.0.1 (DNS rebinding) sends its own name as the Host
        String response = exchange("GET / HTTP/1.1\r\nHost: attacker.example:9011\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 403");
        assertThat(body(response)).hasLineCount(1);
    }

    @Test
    void aTakenPortIsOneSentenceNamingTheOption() {
        assertThatThrownBy(() -> HttpListener.on("dashboard", "127.0.0.1", listener.port(), "--http-port").start())
                .isInstanceOf(ListenException.class)
                .hasMessage("cannot listen on 127.0.0.1:" + listener.port() + " for the dashboard: the port is already "
                        + "in use (is another one running? pick another port with --http-port, or 0 for any free port)");
    }
}
