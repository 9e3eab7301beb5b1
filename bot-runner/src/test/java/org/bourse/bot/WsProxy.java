package org.bourse.bot;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A TCP proxy on loopback in front of a WebSocket server, which reads just enough of the framing (RFC 6455) to
 * record every text frame the clients send, drop a chosen frame on its way from the server, and cut or refuse
 * connections: what a test needs to see the bot's frames on the wire and to break its connections.
 */
final class WsProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final List<String> clientFrames = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicReference<Predicate<String>> dropFromServer = new AtomicReference<>();
    private volatile boolean refusing;
    private volatile boolean serverMuted;

    WsProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String uri() {
        return "ws://127.0.0.1:" + server.getLocalPort();
    }

    /** The text frames clients sent through the proxy, unmasked, in order. */
    List<String> clientFrames() {
        return List.copyOf(clientFrames);
    }

    /** Connections accepted so far, refused ones included: each is a connection attempt of a client. */
    int connections() {
        return connections.get();
    }

    /** Closes every connection at once, as a network failure would. */
    void cut() {
        sockets.forEach(WsProxy::closeQuietly);
    }

    /** While true, a new connection is closed as soon as it is accepted. */
    void refuse(boolean value) {
        refusing = value;
    }

    /** The next text frame from the server that matches is not passed on. */
    void dropNextFromServer(Predicate<String> frame) {
        dropFromServer.set(frame);
    }

    /** While true, nothing the server sends is passed on: the connection stays open, the server seems frozen. */
    void muteServer(boolean value) {
        serverMuted = value;
    }

    @Override
    public void close() {
        closeQuietly(server);
        cut();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread thread = new Thread(() -> {
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(from.getInputStream()));
                OutputStream out = to.getOutputStream();
                out.write(httpHead(in)); // the upgrade request or response, as it is
                out.flush();
                while (true) {
                    Frame frame = Frame.read(in);
                    if (!fromClient && serverMuted) {
                        continue;
                    }
                    if (frame.opcode() == Frame.TEXT) {
                        String text = frame.text();
                        if (fromClient) {
                            clientFrames.add(text);
                        } else {
                            Predicate<String> drop = dropFromServer.get();
                            if (drop != null && drop.test(text) && dropFromServer.compareAndSet(drop, null)) {
                                continue;
                            }
                        }
                    }
                    out.write(frame.raw());
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close the other
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static byte[] httpHead(DataInputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    /** One frame: its bytes as they came, and its payload unmasked. */
    private record Frame(int opcode, byte[] raw, byte[] payload) {
        static final int TEXT = 1;

        static Frame read(DataInputStream in) throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            raw.write(first);
            raw.write(second);
            long length = second & 0x7F;
            if (length == 126) {
                int extended = in.readUnsignedShort();
                raw.write(extended >>> 8);
                raw.write(extended & 0xFF);
                length = extended;
            } else if (length == 127) {
                length = in.readLong();
                for (int shift = 56; shift >= 0; shift -= 8) {
                    raw.write((int) (length >>> shift) & 0xFF);
                }
            }
            byte[] mask = new byte[4];
            boolean masked = (second & 0x80) != 0;
            if (masked) {
                in.readFully(mask);
                raw.write(mask);
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            raw.write(payload);
            if (masked) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
            }
            return new Frame(first & 0x0F, raw.toByteArray(), payload);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
