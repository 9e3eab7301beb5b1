package org.bourse.testkit;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client written by hand on a plain socket, for what a well-behaved client library will not do:
 * stop reading while the server keeps writing. Text frames are sent masked (with a zero key), frames are read
 * one at a time only when asked.
 */
public final class RawWebSocket implements Closeable {

    /** One frame from the server. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public boolean isClose() {
            return opcode == 0x8;
        }

        /** The status code of a close frame. */
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** The server's HTTP response to the upgrade request. */
    public String handshakeResponse;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects with a small receive buffer, so that a client that does not read is soon seen as such. */
    public static RawWebSocket connect(String wsUri, int receiveBufferBytes) throws IOException {
        return connect(wsUri, receiveBufferBytes, "");
    }

    /** Connects sending {@code extraHeaders} (each line ending in CRLF) with the handshake. */
    public static RawWebSocket connect(String wsUri, int receiveBufferBytes, String extraHeaders) throws IOException {
        URI uri = URI.create(wsUri);
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(10_000);
        RawWebSocket ws = new RawWebSocket(socket);
        ws.out.write(("GET / HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
        ws.out.flush();
        String headers = ws.readHeaders();
        ws.handshakeResponse = headers;
        if (!headers.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("handshake refused: " + headers);
        }
        return ws;
    }

    /** Reads the HTTP response byte by byte, so that no frame is consumed with it. */
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

    /** Sends one masked text frame (zero mask key: the payload goes as is). */
    public void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Sends one text frame without a mask, which RFC 6455 forbids a client to do. */
    public void sendUnmaskedText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Sends one masked frame of any opcode with any payload: a text frame that is not UTF-8, say. */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        sendFrame(opcode, payload, true);
    }

    /** Answers (or starts) the closing handshake with {@code code}. */
    public void sendClose(int code) throws IOException {
        sendFrame(0x8, new byte[] {(byte) (code >>> 8), (byte) code}, true);
    }

    /** How long a read may wait before {@link java.net.SocketTimeoutException}. */
    public void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private void sendFrame(int opcode, byte[] payload, boolean masked) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        if (masked) {
            frame.write(new byte[4]);
        }
        frame.write(payload);
        out.write(frame.toByteArray());
    }

    /**
     * Gives the socket a normal receive buffer before it reads what has been waiting: with a window far below the
     * loopback's segment size, the kernel would trickle megabytes through in tiny probes, taking minutes.
     */
    public void startReading() throws IOException {
        socket.setReceiveBufferSize(1 << 20);
    }

    /** The next frame; throws {@link java.net.SocketTimeoutException} after 10 s without one. */
    public Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((second & 0x80) != 0) {
            in.readInt(); // a server never masks, but skip a key if there is one
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    public InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
