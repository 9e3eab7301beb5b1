package org.bourse.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bourse.testkit.RawWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What RFC 6455 makes a server refuse, and the connections that never become WebSockets, over real sockets: an
 * unmasked client frame closes with 1002, a text frame that is not UTF-8 with 1007, and a connection that does not
 * finish its handshake in time is closed.
 */
class ProtocolViolationsTest {
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(500);

    private TestListener listener;

    @AfterEach
    void stop() throws InterruptedException {
        listener.stop(1_000, null);
    }

    private void start() throws ListenException {
        listener = new TestListener();
        listener.handshakeTimeout(HANDSHAKE_TIMEOUT);
        listener.startAndWait();
    }

    @Test
    void anUnmaskedClientFrameClosesTheConnectionWith1002() throws Exception {
        start();
        try (RawWebSocket client = RawWebSocket.connect(listener.uri(), 64 * 1024)) {
            client.sendText("{\"masked\":true}");
            client.sendUnmaskedText("{\"masked\":false}");
            RawWebSocket.Frame close = client.readFrame();
            assertThat(close.isClose()).isTrue();
            assertThat(close.closeCode()).isEqualTo(1002);
            assertThat(new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("client frames must be masked");
        }
    }

    @Test
    void aTextFrameThatIsNotUtf8ClosesTheConnectionWith1007() throws Exception {
        start();
        try (RawWebSocket client = RawWebSocket.connect(listener.uri(), 64 * 1024)) {
            client.sendFrame(0x1, new byte[] {'{', '"', (byte) 0xc3, 0x28, '"', '}'});
            RawWebSocket.Frame close = client.readFrame();
            assertThat(close.isClose()).isTrue();
            assertThat(close.closeCode()).isEqualTo(1007);
        }
    }

    @Test
    void aConnectionThatNeverFinishesItsHandshakeIsClosedAndOthersAreNot() throws Exception {
        start();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", listener.getPort());
        try (Socket silent = new Socket(); Socket halfway = new Socket();
             RawWebSocket open = RawWebSocket.connect(listener.uri(), 64 * 1024)) {
            silent.connect(address, 5_000);
            halfway.connect(address, 5_000);
            halfway.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertClosedByServer(silent);
            assertClosedByServer(halfway);

            // the one that did finish stays open: it still gets an answer to a ping
            open.sendFrame(0x9, "still here".getBytes(StandardCharsets.US_ASCII));
            RawWebSocket.Frame pong = open.readFrame();
            assertThat(pong.opcode()).isEqualTo(0xA);
            assertThat(pong.text()).isEqualTo("still here");
        }
    }

    /** The server ends the connection: the read sees end of stream (or a reset), not a time-out. */
    private static void assertClosedByServer(Socket socket) throws Exception {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        try {
            assertThat(in.read()).isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server held a connection without a handshake for 10 s", e);
        } catch (java.net.SocketException reset) {
            // closed by the server, the hard way: closed all the same
        }
    }
}
