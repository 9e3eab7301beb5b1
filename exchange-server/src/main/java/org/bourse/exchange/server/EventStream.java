package org.bourse.exchange.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.bourse.transport.RefusalLog;
import org.bourse.transport.WebSocketListener;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The internal event stream (9002): each subscriber gets a snapshot, then every event after it, and a heartbeat
 * after each second with nothing to send (the engine thread's, see {@code Delivery#heartbeatIfQuiet}). Read-only:
 * what subscribers send is ignored. With credentials, a subscriber must send the stream's token in its handshake
 * ({@code Authorization: Bearer TOKEN}): the snapshot tells every account's cash and position.
 */
final class EventStream extends WebSocketListener {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final EngineThread engineThread;
    private final long maxUnsentBytes;
    private final Credentials credentials;
    private final RefusalLog refusals = new RefusalLog(LOG, "Refused an event stream subscriber without the "
            + "stream's token");

    EventStream(InetSocketAddress address, int maxFrameBytes, EngineThread engineThread, long maxUnsentBytes,
                Credentials credentials) {
        super("event stream", address, maxFrameBytes);
        this.engineThread = engineThread;
        this.maxUnsentBytes = maxUnsentBytes;
        this.credentials = credentials;
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket socket, Draft draft,
            ClientHandshake request) throws InvalidDataException {
        String authorization = request.getFieldValue("Authorization");
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim()
                : null;
        if (!credentials.acceptsSubscriber(token)) {
            refusals.record("from " + socket.getRemoteSocketAddress());
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "the event stream needs its token");
        }
        return super.onWebsocketHandshakeReceivedAsServer(socket, draft, request);
    }

    /** Logs the refusals not yet summed up. */
    @Override
    public void stop(int timeout, String closeMessage) throws InterruptedException {
        super.stop(timeout, closeMessage);
        refusals.close();
    }

    @Override
    protected String portOption() {
        return "--stream-port";
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        Client subscriber = new Client(socket, maxUnsentBytes, 0);
        socket.setAttachment(subscriber);
        engineThread.submit(new EngineInput.Subscribe(subscriber));
        LOG.atInfo().addKeyValue("remote", socket.getRemoteSocketAddress())
                .log("Event stream subscriber connected from {}", socket.getRemoteSocketAddress());
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        Client subscriber = socket.getAttachment();
        if (subscriber != null) {
            engineThread.submit(new EngineInput.Unsubscribe(subscriber));
            LOG.atInfo().addKeyValue("remote", socket.getRemoteSocketAddress()).addKeyValue("code", code)
                    .log("Event stream subscriber {} disconnected ({} {})", socket.getRemoteSocketAddress(), code,
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
