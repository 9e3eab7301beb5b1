package org.bourse.load.relay;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.bourse.load.LoadException;

/**
 * A subscriber that connects to the relay and then never reads: a plain socket with a small receive buffer, so
 * that the relay soon sees it as the stalled client it is. After the run it reads what is waiting, to tell how the
 * relay dealt with it.
 */
final class StalledSubscriber implements AutoCloseable {
    private static final int RECEIVE_BUFFER_BYTES = 4_096;
    private static final long QUIET_MILLIS = 500;

    private final String label;
    private final Socket socket;
    private final DataInputStream in;

    private StalledSubscriber(String label, Socket socket) throws IOException {
        this.label = label;
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    static StalledSubscriber connect(URI uri, String label, int timeoutMillis) {
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                    + uri.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            StalledSubscriber stalled = new StalledSubscriber(label, socket);
            String response = stalled.readHeaders();
            if (!response.startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused: " + response.lines().findFirst().orElse(""));
            }
            return stalled;
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new LoadException("cannot connect a stalled subscriber to the relay at " + uri + ": "
                    + e.getMessage());
        }
    }

    String label() {
        return label;
    }

    /** The handshake response, byte by byte, so that no frame is read with it. */
    private String readHeaders() throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            headers.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    /**
     * Reads, for at most {@code millis}, everything that waits for this subscriber, and says how the relay left it:
     * disconnected (with its close code and reason), or still connected.
     */
    String outcome(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long frames = 0;
        long snapshots = 0;
        try {
            // a window far below the loopback's segment size would let the waiting megabytes through in tiny probes
            socket.setReceiveBufferSize(1 << 20);
            while (System.nanoTime() < deadline) {
                // half a second of silence: nothing more is coming
                socket.setSoTimeout((int) Math.max(1, Math.min(QUIET_MILLIS,
                        TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
                int opcode = in.readUnsignedByte() & 0x0f;
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                if (opcode == 0x8) {
                    int code = payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
                    String reason = payload.length <= 2 ? ""
                            : " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
                    return String.format(Locale.ROOT, "disconnected by the relay (%d%s) after %,d frames, %,d of them"
                            + " snapshots", code, reason, frames, snapshots);
                }
                frames++;
                if (new String(payload, 0, Math.min(payload.length, 24), StandardCharsets.UTF_8)
                        .startsWith("{\"type\":\"snapshot\"")) {
                    snapshots++;
                }
            }
        } catch (SocketTimeoutException e) {
            // nothing more for now: still connected
        } catch (IOException e) {
            return String.format(Locale.ROOT, "connection dropped by the relay after %,d frames (%s)", frames,
                    e instanceof EOFException ? "closed" : e.getMessage());
        }
        return String.format(Locale.ROOT, "still connected: %,d frames were waiting, %,d of them snapshots", frames,
                snapshots);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
