package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.bourse.protocol.WireJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin endpoint against what a hostile neighbour sends, over raw sockets: half-sent requests, idle
 * connections, pages from elsewhere, paths it does not serve, a missing or wrong token. Whatever is refused leaves
 * trading running.
 */
class AdminEndpointAttackTest {
    @TempDir
    Path dir;

    private Exchange exchange;
    private final List<Socket> held = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        exchange = Harness.config(dir).start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : held) {
            socket.close();
        }
        exchange.close();
    }

    private int port() {
        return Integer.parseInt(exchange.adminUri().substring(exchange.adminUri().lastIndexOf(':') + 1));
    }

    /** Opens a connection, sends {@code bytes} and leaves it open. */
    private Socket hold(String bytes) throws IOException {
        Socket socket = new Socket("127.0.0.1", port());
        held.add(socket);
        socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Sends a whole request and reads the whole response. */
    private String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private String post(String path, String headers) throws IOException {
        return send("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Connection: close\r\n\r\n");
    }

    private String withToken() {
        return "Authorization: Bearer " + exchange.adminToken() + "\r\n";
    }

    private boolean halted() throws Exception {
        return WireJson.mapper().readTree(Harness.get(exchange.adminUri() + "/status").body()).get("trading_halted")
                .asBoolean();
    }

    @Test
    void aHalfSentRequestBlocksNoOneAndIsNeverExecuted() throws Exception {
        Socket headersHalfway = hold("POST /halt HTTP/1.1\r\nHost: 127.0.0.1\r\n" + withToken());
        Socket bodyHalfway = hold("POST /halt HTTP/1.1\r\nHost: 127.0.0.1\r\n" + withToken()
                + "Content-Length: 10\r\n\r\nab");
        assertThat(halted()).isFalse();
        headersHalfway.close();
        bodyHalfway.close();
        assertThat(halted()).isFalse();
        assertThat(post("/halt", withToken())).startsWith("HTTP/1.1 200");
        assertThat(halted()).isTrue();
    }

    @Test
    void idleConnectionsDoNotExhaustIt() throws Exception {
        for (int i = 0; i < 64; i++) {
            hold(i % 2 == 0 ? "" : "GET /sta");
        }
        assertThat(send("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200").contains("\"trading_halted\":false");
    }

    @Test
    void aStateChangeNeedsTheTokenFromTheOwnersOnlyFile() throws Exception {
        Path tokenFile = dir.resolve(Exchange.ADMIN_TOKEN_FILE);
        assertThat(Files.readString(tokenFile).trim()).isEqualTo(exchange.adminToken());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        String missing = post("/halt", "");
        assertThat(missing).startsWith("HTTP/1.1 401").contains(tokenFile.toString());
        assertThat(post("/halt", "Authorization: Bearer " + "0".repeat(64) + "\r\n")).startsWith("HTTP/1.1 401");
        assertThat(post("/halt", "Authorization: Basic " + exchange.adminToken() + "\r\n")).startsWith("HTTP/1.1 401");
        assertThat(halted()).isFalse();
        // reading the status needs none
        assertThat(send("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void aPageFromAnyOriginIsRefusedEvenWithTheToken() throws Exception {
        assertThat(post("/halt", withToken() + "Origin: http://evil.example\r\n")).startsWith("HTTP/1.1 403");
        assertThat(post("/halt", withToken() + "Origin: http://127.0.0.1:9011\r\n")).startsWith("HTTP/1.1 403");
        assertThat(halted()).isFalse();
    }

    @Test
    void onlyTheExactPathsAreServed() throws Exception {
        assertThat(post("/halt/extra", withToken())).startsWith("HTTP/1.1 404");
        assertThat(post("/haltx", withToken())).startsWith("HTTP/1.1 404");
        assertThat(post("/halt?now=1", withToken())).startsWith("HTTP/1.1 200");
        assertThat(post("/resume", withToken())).startsWith("HTTP/1.1 200");
        assertThat(post("/status", withToken())).startsWith("HTTP/1.1 405");
        assertThat(halted()).isFalse();
    }
}
