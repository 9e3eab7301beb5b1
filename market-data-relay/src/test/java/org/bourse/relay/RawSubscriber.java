package org.bourse.relay;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A feed subscriber on a plain socket, for what a well-behaved client library will not do: stop reading while the
 * relay keeps writing. It reads nothing but the handshake response until asked for a frame, and its receive
 * buffer is small, so that a subscriber that does not read is soon seen as one.
 */
final class RawSubscriber implements Closeable {

    /** One frame from the relay. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        boolean isClose() {
            return opcode == 0x8;
        }

        int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    private final Socket socket;
    private final DataInputStream in;

    private RawSubscriber(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    static RawSubscriber connect(String wsUri) throws IOException {
        URI uri = URI.create(wsUri);
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4_096);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        RawSubscriber subscriber = new RawSubscriber(socket);
        String response = subscriber.readHeaders();
        if (!response.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + response);
        }
        return subscriber;
    }

    /** The HTTP response, byte by byte, so that no frame is consumed with it. */
    private String readHeaders() throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake");
            }
            headers.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    /**
     * Gives the socket a normal receive buffer before it reads what has been waiting: with a window far below the
     * loopback's segment size, the kernel would trickle megabytes through in tiny probes, taking minutes.
     */
    void startReading() throws IOException {
        socket.setReceiveBufferSize(1 << 20);
    }

    /** The next frame (a server never masks); throws {@link java.net.SocketTimeoutException} after 10 s. */
    Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
