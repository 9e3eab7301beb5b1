package org.bourse.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.bourse.testkit.RawWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every listener refuses the handshake of a web page from elsewhere, and only that. */
class OriginHandshakeTest {
    private TestListener listener;

    @AfterEach
    void stop() throws InterruptedException {
        listener.stop(1_000, null);
    }

    private void start(AllowedOrigins origins) throws ListenException {
        listener = new TestListener();
        listener.allowOrigins(origins);
        listener.startAndWait();
    }

    @Test
    void aPageOfThisMachineAndAProgramWithoutOriginAreAccepted() throws Exception {
        start(AllowedOrigins.LOOPBACK);
        try (RawWebSocket page = RawWebSocket.connect(listener.uri(), 64 * 1024, "Origin: http://127.0.0.1:9011\r\n");
             RawWebSocket program = RawWebSocket.connect(listener.uri(), 64 * 1024)) {
            assertThat(page.handshakeResponse).startsWith("HTTP/1.1 101");
            assertThat(program.handshakeResponse).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void aPageFromElsewhereIsRefusedBeforeTheConnectionOpens() throws Exception {
        start(AllowedOrigins.LOOPBACK);
        assertThatThrownBy(() -> RawWebSocket.connect(listener.uri(), 64 * 1024, "Origin: https://evil.example\r\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("handshake refused");
        assertThatThrownBy(() -> RawWebSocket.connect(listener.uri(), 64 * 1024, "Origin: null\r\n"))
                .isInstanceOf(IOException.class);
        assertThat(listener.openings).hasValue(0);
    }

    @Test
    void anAddedOriginIsAccepted() throws Exception {
        start(AllowedOrigins.LOOPBACK.with("http://192.168.1.5:9011"));
        try (RawWebSocket page = RawWebSocket.connect(listener.uri(), 64 * 1024,
                "Origin: http://192.168.1.5:9011\r\n")) {
            assertThat(page.handshakeResponse).startsWith("HTTP/1.1 101");
        }
    }
}
