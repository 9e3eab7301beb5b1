package org.bourse.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bourse.testkit.Scheduling;
import org.bourse.testkit.TestClient;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On a kernel that allows it, the threads that answer messages run in short time slices, and only they do. */
class TimeSliceTest {

    @BeforeEach
    void onlyWhereTheKernelAllowsIt() {
        assumeTrue(Scheduling.customSlicesSupported(), "needs Linux 6.12 or later");
    }

    @Test
    void theCallingThreadGetsShortSlicesAndNoOtherThreadDoes() throws Exception {
        OptionalLong before = Scheduling.sliceOfThisThread();
        CompletableFuture<OptionalLong> shortened = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            boolean done = TimeSlice.shortenForThisThread();
            shortened.complete(done ? Scheduling.sliceOfThisThread() : OptionalLong.empty());
        });
        thread.start();

        assertThat(shortened.get(10, TimeUnit.SECONDS)).hasValue(TimeSlice.SHORT_NANOS);
        assertThat(Scheduling.sliceOfThisThread()).isEqualTo(before);
    }

    @Test
    void aListenerDecodesAndAnswersOnAThreadWithShortSlices() throws Exception {
        SliceReporter listener = new SliceReporter();
        listener.startAndWait();
        try (TestClient client = TestClient.connectWithoutSchemaCheck(listener.uri())) {
            client.send("what is your slice?");
            assertThat(client.nextText()).isEqualTo(Long.toString(TimeSlice.SHORT_NANOS));
        } finally {
            listener.stop(1000, null);
        }
    }

    /** Answers every message with the time slice of the thread that decoded it. */
    private static final class SliceReporter extends WebSocketListener {
        SliceReporter() {
            super("slice reporter", new InetSocketAddress("127.0.0.1", 0), 1024);
        }

        @Override
        protected String portOption() {
            return "--port";
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
            socket.send(Long.toString(Scheduling.sliceOfThisThread().orElse(-1)));
        }

        @Override
        public void onOpen(WebSocket socket, ClientHandshake handshake) {
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        }
    }
}
