package org.bourse.exchange.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.bourse.transport.WebSocketListener;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The internal event stream (9002): each subscriber gets a snapshot, then every event after it. Read-only:
 * what subscribers send is ignored.
 */
final class EventStream extends WebSocketListener {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final Sequencer sequencer;
    private final long maxUnsentBytes;

    EventStream(InetSocketAddress address, int maxFrameBytes, Sequencer sequencer, long maxUnsentBytes) {
        super("event stream", address, maxFrameBytes);
        this.sequencer = sequencer;
        this.maxUnsentBytes = maxUnsentBytes;
    }

    @Override
    protected String portOption() {
        return "--stream-port";
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        Client subscriber = new Client(socket, maxUnsentBytes, 0);
        socket.setAttachment(subscriber);
        sequencer.submit(new Inbound.Subscribe(subscriber));
        LOG.info("Event stream subscriber connected from {}", socket.getRemoteSocketAddress());
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        Client subscriber = socket.getAttachment();
        if (subscriber != null) {
            sequencer.submit(new Inbound.Unsubscribe(subscriber));
            LOG.info("Event stream subscriber {} disconnected ({} {})", socket.getRemoteSocketAddress(), code,
                    reason);
        }
    }

    @Override
    public void onMessage(WebSocket socket, String text) {
        // read-only: nothing a subscriber sends reaches the exchange
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer bytes) {
        // read-only
    }
}
