package org.bourse.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.util.List;
import org.bourse.testkit.RawWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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
    void aPageRetryingInALoopGetsOneLogLineNotOneEach() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(WebSocketListener.class);
        logger.addAppender(log);
        try {
            start(AllowedOrigins.LOOPBACK);
            for (int i = 0; i < 50; i++) {
                assertThatThrownBy(() -> RawWebSocket.connect(listener.uri(), 64 * 1024,
                        "Origin: https://evil.example\r\n")).isInstanceOf(IOException.class);
            }
            listener.stop(1_000, null); // sums up the ones not logged yet
        } finally {
            logger.detachAppender(log);
        }
        List<String> refusals = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("origin is not allowed")).toList();
        assertThat(refusals).hasSize(2);
        assertThat(refusals.get(0)).contains("origin https://evil.example");
        assertThat(refusals.get(1)).contains("49 more");
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
