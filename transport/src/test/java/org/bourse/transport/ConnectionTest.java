package org.bourse.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bourse.testkit.RawWebSocket;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection's sending thread writes its batches itself when it can, the selector writes the rest and the control
 * frames other threads send: on the wire every frame must still arrive whole and in order.
 */
class ConnectionTest {
    private TestListener listener;

    @BeforeEach
    void start() throws Exception {
        listener = new TestListener();
        listener.startAndWait();
    }

    @AfterEach
    void stop() throws InterruptedException {
        listener.stop(1_000, null);
    }

    private static String text(int index, SplittableRandom random) {
        // mostly small frames, now and then one far larger than the client's receive buffer
        int padding = random.nextInt(20) == 0 ? 50_000 + random.nextInt(100_000) : random.nextInt(2_000);
        return index + ":" + "x".repeat(padding);
    }

    @Test
    void batchesWrittenDirectlyAndPingsFromAnotherThreadArriveWholeAndInOrder() throws Exception {
        int frames = 3_000;
        try (RawWebSocket client = RawWebSocket.connect(listener.uri(), 4_096)) {
            Connection connection = listener.opened.get(5, TimeUnit.SECONDS);
            AtomicBoolean sending = new AtomicBoolean(true);
            CountDownLatch firstPing = new CountDownLatch(1);
            Thread pinger = new Thread(() -> {
                for (int pings = 0; pings < 20 || sending.get(); pings++) {
                    connection.sendPing();
                    firstPing.countDown();
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Thread sender = new Thread(() -> {
                try {
                    firstPing.await();
                } catch (InterruptedException e) {
                    return;
                }
                SplittableRandom random = new SplittableRandom(7);
                for (int i = 0; i < frames; ) {
                    for (int k = 1 + random.nextInt(5); k > 0 && i < frames; k--, i++) {
                        connection.hand(FrameEncoder.text(text(i, random)));
                    }
                    connection.flush();
                }
                sending.set(false);
            });
            pinger.start();
            sender.start();
            // the client reads nothing at first: direct writes fall short and leave the rest to the selector
            Thread.sleep(200);
            client.startReading();

            SplittableRandom expected = new SplittableRandom(7);
            int pings = 0;
            for (int i = 0; i < frames; ) {
                RawWebSocket.Frame frame = client.readFrame();
                if (frame.opcode() == 0x9) {
                    pings++;
                    continue;
                }
                assertThat(frame.opcode()).as("frame %d", i).isEqualTo(0x1);
                // the expected text, drawn as the sender drew it (batch sizes included)
                String want = expectedText(expected, i);
                String got = frame.text();
                assertThat(got.equals(want)).as("frame %d: got %s... (%d chars), expected %s... (%d chars)", i,
                        head(got), got.length(), head(want), want.length()).isTrue();
                i++;
            }
            sender.join(10_000);
            pinger.join(10_000);
            assertThat(pings).as("pings interleaved").isPositive();
            await().atMost(Duration.ofSeconds(10)).until(() -> connection.unsentBytes() == 0);
        }
    }

    /** tcp_wmem's maximum (4 MiB by default on Linux), or 4 MiB where it cannot be read. */
    private static int largestSendBuffer() {
        try {
            String[] wmem = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            return (int) Math.max(4L << 20, Math.min(64L << 20, Long.parseLong(wmem[2])));
        } catch (IOException | RuntimeException e) {
            return 4 << 20;
        }
    }

    private static String head(String text) {
        return text.substring(0, Math.min(12, text.length()));
    }

    /** Replays the sender's draws: a batch size before every batch, then one text per frame. */
    private int batchLeft;

    private String expectedText(SplittableRandom random, int index) {
        if (batchLeft == 0) {
            batchLeft = 1 + random.nextInt(5);
        }
        batchLeft--;
        return text(index, random);
    }

    @Test
    void unsentBytesCountWhatTheSocketHasNotTakenYet() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(listener.uri(), 4_096)) {
            Connection connection = listener.opened.get(5, TimeUnit.SECONDS);
            // more than the kernel's largest send buffer can take while the client reads nothing
            ByteBuffer big = FrameEncoder.text("y".repeat(largestSendBuffer() * 2 + (1 << 20)));
            long before = connection.bytesWritten();
            connection.hand(big);
            // the handshake counts as written but was never handed: an undercount of a few hundred bytes at most
            assertThat(connection.unsentBytes()).isBetween(big.remaining() - 1_024L, (long) big.remaining());
            connection.flush();
            // far more than loopback buffers hold for a client that does not read
            assertThat(connection.unsentBytes()).isPositive();

            client.startReading();
            assertThat(client.readFrame().payload()).hasSize(big.remaining() - 10);
            await().atMost(Duration.ofSeconds(10)).until(() -> connection.unsentBytes() == 0);
            assertThat(connection.bytesWritten() - before).isEqualTo(big.remaining());
        }
    }
}
