package org.bourse.relay;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.bourse.transport.Connection;
import org.bourse.transport.WebSocketListener;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;

/**
 * The market-data feed (9010): accepts subscribers and hands each to the relay thread. Read-only: what
 * subscribers send is read and dropped.
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
        // read-only: nothing a subscriber sends goes anywhere
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer bytes) {
        // read-only
    }
}
