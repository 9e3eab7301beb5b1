package org.bourse.relay;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.bourse.transport.Connection;
import org.bourse.transport.WebSocketListener;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * The market-data feed (9010): accepts subscribers and hands each to the relay thread, with their subscription
 * requests ({@link SubscriptionRequest}, read here on the socket's thread). Anything else a subscriber sends is
 * dropped; nothing goes to the exchange.
 */
final class FeedServer extends WebSocketListener {

    /** Subscribers have nothing to say: a frame above this is closed with 1009. */
    private static final int MAX_INBOUND_FRAME_BYTES = 64 * 1024;

    private final FanOut fanOut;

    FeedServer(InetSocketAddress address, FanOut fanOut) {
        super("feed", address, MAX_INBOUND_FRAME_BYTES);
        this.fanOut = fanOut;
    }

    @Override
    protected String portOption() {
        return "--port";
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        fanOut.submit(new FanOut.Joined((Connection) socket));
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        fanOut.submit(new FanOut.Left((Connection) socket, code, reason));
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
        SubscriptionRequest request = SubscriptionRequest.read(text);
        if (!(request instanceof SubscriptionRequest.Ignored)) {
            fanOut.submit(new FanOut.Requested((Connection) socket, request));
        }
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer bytes) {
        onMessage(socket, StandardCharsets.UTF_8.decode(bytes).toString());
    }
}
