package org.bourse.exchange.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.bourse.exchange.wire.WireOutput;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.WireJson;

/**
 * Routes the wire messages of the engine thread to the connections: answers to the connection whose command is
 * being applied (and, when they change the trader's orders, to its other connections too), fills and unsolicited
 * cancels to every connection of the trader concerned, public events (encoded once) to every stream subscriber.
 * FrameEncoder are only staged here; the engineThread {@link #flush}es them once the batch is in the journal, or
 * {@link #discard}s them if it could not be. Engine thread only, so none of its tables needs a lock.
 */
final class Delivery implements WireOutput {

    private final Map<String, List<Client>> connectionsByTrader = new HashMap<>();
    private final List<Client> subscribers = new ArrayList<>();
    /** Clients with frames waiting for {@link #flush}. */
    private final List<Client> unflushed = new ArrayList<>();
    /** The connection whose command the engine is applying: its answers go there. */
    private Client origin;
    /** When the stream last sent its subscribers anything ({@link System#nanoTime}). */
    private long streamSentNanos = System.nanoTime();

    void origin(Client client) {
        origin = client;
    }

    void bind(Client client, String traderId) {
        List<Client> clients = connectionsByTrader.computeIfAbsent(traderId, t -> new ArrayList<>(1));
        if (!clients.contains(client)) {
            clients.add(client);
        }
    }

    /**
     * Forgets a closed connection.
     *
     * @return the traders it was the last connection of, sorted: no connection speaks for them any more
     */
    List<String> closed(Client client) {
        TreeSet<String> gone = new TreeSet<>();
        if (client.boundTrader != null && unbind(client, client.boundTrader)) {
            gone.add(client.boundTrader);
        }
        for (String trader : client.crowd) {
            if (unbind(client, trader)) {
                gone.add(trader);
            }
        }
        return List.copyOf(gone);
    }

    /** True if that was the trader's last connection (its entry goes too, so that strangers leave nothing). */
    private boolean unbind(Client client, String traderId) {
        List<Client> clients = connectionsByTrader.get(traderId);
        if (clients == null || !clients.remove(client) || !clients.isEmpty()) {
            return false;
        }
        connectionsByTrader.remove(traderId);
        return true;
    }

    /**
     * Sends the snapshot, then registers the subscriber: it will miss nothing and see nothing twice. However large
     * the snapshot, it is not held against the subscriber as a backlog: only what follows it is.
     */
    void subscribe(Client subscriber, ServerMessage.Snapshot snapshot) {
        send(subscriber, WireJson.encodeUtf8(snapshot));
        streamSentNanos = System.nanoTime();
        subscriber.exemptWhatWasSent();
        subscribers.add(subscriber);
    }

    void unsubscribe(Client subscriber) {
        subscribers.remove(subscriber);
    }

    /** Sends every subscriber an event the engine did not make (the halt of an exchange that must stop). */
    void broadcast(ServerMessage.Event event) {
        publish(WireJson.encodeUtf8(event));
    }

    /**
     * Sends every subscriber a {@link ServerMessage.Heartbeat} at {@code seq} if the stream has sent nothing for
     * {@link ServerMessage.Heartbeat#INTERVAL_MILLIS}. Straight to the subscribers: no journal, no file sees it.
     *
     * @return true if one was staged (the caller flushes)
     */
    boolean heartbeatIfQuiet(long seq) {
        long now = System.nanoTime();
        if (subscribers.isEmpty()
                || now - streamSentNanos < TimeUnit.MILLISECONDS.toNanos(ServerMessage.Heartbeat.INTERVAL_MILLIS)) {
            return false;
        }
        publish(WireJson.encodeUtf8(new ServerMessage.Heartbeat(seq, System.currentTimeMillis())));
        return true;
    }

    void answer(Client client, ServerMessage message) {
        send(client, WireJson.encodeUtf8(message));
    }

    /** Writes the staged frames: one write per connection per batch. */
    void flush() {
        for (int i = 0; i < unflushed.size(); i++) {
            unflushed.get(i).flush();
        }
        unflushed.clear();
    }

    /** Drops the staged frames: the commands that made them are not in the journal. */
    void discard() {
        for (int i = 0; i < unflushed.size(); i++) {
            unflushed.get(i).discard();
        }
        unflushed.clear();
    }

    // ------------------------------------------------------------------------------------- WireOutput

    @Override
    public void reply(byte[] message) {
        if (origin != null) {
            send(origin, message);
        }
    }

    @Override
    public void replyAndCopy(String traderId, byte[] message) {
        reply(message);
        List<Client> clients = connectionsByTrader.get(traderId);
        if (clients != null) {
            for (int i = 0; i < clients.size(); i++) {
                if (clients.get(i) != origin) {
                    send(clients.get(i), message);
                }
            }
        }
    }

    @Override
    public void toTrader(String traderId, byte[] message) {
        List<Client> clients = connectionsByTrader.get(traderId);
        if (clients != null) {
            for (int i = 0; i < clients.size(); i++) {
                send(clients.get(i), message);
            }
        }
    }

    @Override
    public boolean wantsEvents() {
        return !subscribers.isEmpty();
    }

    @Override
    public void publish(byte[] event) {
        streamSentNanos = System.nanoTime();
        for (int i = 0; i < subscribers.size(); i++) {
            send(subscribers.get(i), event);
        }
    }

    private void send(Client client, byte[] text) {
        if (client.send(text)) {
            unflushed.add(client);
        }
    }
}
