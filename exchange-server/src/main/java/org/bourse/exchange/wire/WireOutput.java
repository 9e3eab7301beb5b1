package org.bourse.exchange.wire;

import java.util.function.Consumer;

/**
 * Where {@link WireMapping} sends the wire messages it makes of the engine's events, each as the UTF-8 bytes of
 * its JSON text: the exchange's connections and files when live, only files during a replay. Answering "nobody"
 * to {@link #deliversPrivate} or {@link #wantsEvents} spares the mapping the work of making messages nobody
 * reads.
 */
public interface WireOutput {

    /** Public events only, each handed to {@code sink}: what a replay or a follower of the feed needs. */
    static WireOutput publicEvents(Consumer<byte[]> sink) {
        return new WireOutput() {
            @Override
            public boolean deliversPrivate() {
                return false;
            }

            @Override
            public boolean wantsEvents() {
                return true;
            }

            @Override
            public void publish(byte[] event) {
                sink.accept(event);
            }
        };
    }

    /** Whether private messages have anywhere to go. */
    default boolean deliversPrivate() {
        return true;
    }

    /** An answer to the command being applied, for the connection that sent it. */
    default void reply(byte[] message) {
    }

    /**
     * An answer that changed one of {@code traderId}'s orders (accepted, cancelled on request, replaced): for the
     * connection that sent the command, and the same message for every other connection of the trader, so that each
     * hears of every change to the trader's orders. With one connection per trader, a {@link #reply}.
     */
    default void replyAndCopy(String traderId, byte[] message) {
        reply(message);
    }

    /** A message for every connection of {@code traderId}: fills, cancels the trader did not ask for. */
    default void toTrader(String traderId, byte[] message) {
    }

    /** Whether public events have anyone to go to. */
    boolean wantsEvents();

    /** One public event's JSON text, in {@code seq} order, exactly as subscribers receive it. */
    void publish(byte[] event);
}
