package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bourse.testkit.RawWebSocket;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that stops reading must not hold up anyone else nor grow the exchange's memory without bound: once more
 * than {@code maxUnsentBytes} wait for it, it is disconnected (close code 1008) and the others carry on.
 */
class SlowConsumerTest {

    private static final long MAX_UNSENT = 64 * 1024;
    /**
     * What the kernel may buffer for a client that does not read: the server's send buffer grows up to the
     * largest TCP send buffer (tcp_wmem, 4 MB by default on Linux); the client's receive buffer is kept small.
     * The tests send half as much again, so that the exchange itself has to hold frames back.
     */
    private static final long KERNEL_BUFFER = kernelSendBuffer();
    /** Place-and-cancel pairs, each giving two book updates of 20 levels (~330 bytes each). */
    private static final int PAIRS = (int) (KERNEL_BUFFER * 3 / 2 / 660 / 25 * 25);

    private static long kernelSendBuffer() {
        try {
            String[] wmem = java.nio.file.Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            return Math.max(4L << 20, Long.parseLong(wmem[2]));
        } catch (java.io.IOException | RuntimeException e) {
            return 4L << 20;
        }
    }

    @TempDir
    Path dir;

    private Exchange exchange;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        exchange = Harness.config(dir).maxUnsentBytes(MAX_UNSENT).start();
    }

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        exchange.close();
    }

    private TestClient connect(String uri) throws InterruptedException {
        TestClient client = TestClient.connect(uri);
        clients.add(client);
        return client;
    }

    /** Ten levels a side, so that every book update is big. */
    private void deepBook(TestClient maker) throws Exception {
        for (int i = 0; i < 10; i++) {
            maker.request(Harness.limit("deep", "buy", "99." + (10 + i), 1, null));
            maker.request(Harness.limit("deep", "sell", "101." + (10 + i), 1, null));
        }
    }

    /**
     * Reads what reached the stalled client: it must end, before {@code sent} frames, with a close frame 1008 or
     * (when the server closes with the client's own frames still unread) a reset. A server that never gave up on
     * it would deliver everything and then nothing: a read time-out.
     */
    private static void assertDisconnected(RawWebSocket stalled, int sent) throws Exception {
        // a normal receive window first: through a 4 KiB one the kernel trickles megabytes in tiny probes (minutes)
        stalled.startReading();
        int frames = 0;
        String end;
        try {
            RawWebSocket.Frame frame;
            while ((frame = stalled.readFrame()).opcode() != 0x8) {
                assertThat(frame.opcode()).isEqualTo(0x1);
                frames++;
            }
            assertThat(frame.closeCode()).isEqualTo(1008);
            assertThat(frame.text()).contains("too slow");
            end = "close frame 1008";
        } catch (java.io.EOFException | java.net.SocketException e) {
            end = e.toString();
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("never disconnected: " + frames + " of " + sent + " frames, then silence", e);
        }
        System.out.printf("SlowConsumerTest: the stalled client got %d of %d frames, then %s%n", frames, sent, end);
        assertThat(frames).isLessThan(sent);
    }

    @Test
    void aStreamSubscriberThatStopsReadingIsDisconnectedAndTheOthersGetEverything() throws Exception {
        TestClient maker = connect(exchange.gatewayUri());
        deepBook(maker);
        TestClient healthy = connect(exchange.streamUri());
        long base = healthy.nextJson("snapshot").get("seq").asLong();
        try (RawWebSocket stalled = RawWebSocket.connect(exchange.streamUri(), 4_096)) {
            TestClient pump = connect(exchange.gatewayUri());
            long started = System.nanoTime();
            // in batches, so that no healthy reader ever has more than a batch waiting for it; the healthy
            // subscriber gets every event, in order, while the stalled one is left behind
            long expected = base + 1;
            for (int batch = 0; batch < PAIRS / 25; batch++) {
                for (int i = 0; i < 25; i++) {
                    pump.send(Harness.limit("pump", "buy", "100.00", 1, "p"));
                    pump.send(Harness.cancelByClientId("pump", "p"));
                }
                for (int i = 0; i < 50; i++) {
                    pump.nextText();
                    JsonNode event = healthy.nextJson();
                    assertThat(event.get("seq").asLong()).isEqualTo(expected++);
                }
            }
            assertThat(healthy.closeCode).isEqualTo(-1);
            System.out.printf("SlowConsumerTest: %d events in %d ms%n", 2 * PAIRS,
                    (System.nanoTime() - started) / 1_000_000);

            // the stalled one was cut off long before the last event
            assertDisconnected(stalled, 2 * PAIRS + 1);
        }
        // and the exchange still serves
        TestClient late = connect(exchange.gatewayUri());
        assertThat(late.request(Harness.hello("late")).path("type").asText()).isEqualTo("welcome");
    }

    @Test
    void aGatewayClientThatStopsReadingItsRepliesIsDisconnectedAndOthersTradeOn() throws Exception {
        TestClient other = connect(exchange.gatewayUri());
        try (RawWebSocket stalled = RawWebSocket.connect(exchange.gatewayUri(), 4_096)) {
            String filler = "\"pad\":\"" + "z".repeat(40) + "\"";
            int sent = 0;
            // each reply is ~250 bytes
            int frames = (int) (KERNEL_BUFFER * 3 / 2 / 250);
            try {
                for (; sent < frames; sent++) {
                    // each frame is answered with a reject naming a long client order id
                    stalled.sendText(Harness.limitWith("staller", "buy", "100.005", 1, "c".repeat(64), filler));
                }
            } catch (java.net.SocketException e) {
                // the exchange hung up while the frames were still coming: that is the disconnection
                System.out.printf("SlowConsumerTest: the stalled gateway client was cut off after sending %d: %s%n",
                        sent, e);
            }
            // another trader's round trip is answered at once
            JsonNode during = other.request(Harness.limit("other", "buy", "99.00", 1, null));
            assertThat(during.path("type").asText()).isEqualTo("order_accepted");
            assertDisconnected(stalled, sent);
        }
        JsonNode reply = other.request(Harness.limit("other", "buy", "99.00", 1, null));
        assertThat(reply.path("type").asText()).isEqualTo("order_accepted");
    }
}
