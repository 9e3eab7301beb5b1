package org.bourse.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.bourse.testkit.RawWebSocket;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;

/**
 * The uses of Java-WebSocket's internals hold for the library on the class path: on an upgrade this fails first, and
 * says what to check.
 */
class JavaWebSocketInternalsTest {

    @Test
    void theLibraryIsTheVersionItsInternalsWereCheckedFor() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = WebSocketServer.class.getResourceAsStream(
                "/META-INF/maven/org.java-websocket/Java-WebSocket/pom.properties")) {
            assertThat(in).as("Java-WebSocket's pom.properties").isNotNull();
            pom.load(in);
        }
        assertThat(pom.getProperty("version"))
                .as("Java-WebSocket was upgraded: check every item of JavaWebSocketInternals against the new source "
                        + "(is the race in WebSocketServer.doWrite still there? outQueue?), "
                        + "then update JavaWebSocketInternals.VERSION")
                .isEqualTo(JavaWebSocketInternals.VERSION);
    }

    @Test
    void aFrameQueuedWithoutWriteInterestIsStillDelivered() throws Exception {
        TestListener listener = new TestListener();
        listener.startAndWait();
        try (RawWebSocket client = RawWebSocket.connect(listener.uri(), 64 * 1024)) {
            Connection connection = listener.opened.get(5, TimeUnit.SECONDS);
            SelectionKey key = connection.getSelectionKey();
            await().atMost(Duration.ofSeconds(10)).until(() -> !connection.hasBufferedData()
                    && (key.interestOps() & SelectionKey.OP_WRITE) == 0);
            // what the library's race leaves: a frame in the queue, the selector not told
            connection.outQueue.add(FrameEncoder.text("stranded"));

            assertThat(client.readFrame().text()).isEqualTo("stranded");
        } finally {
            listener.stop(1_000, null);
        }
    }
}
