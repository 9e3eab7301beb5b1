package org.bourse.exchange.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.bourse.exchange.engine.Command;
import org.bourse.protocol.ClientMessageDecoder;
import org.bourse.protocol.ServerMessage;

/** What the socket threads hand to the engine thread, through its one queue, in arrival order. */
sealed interface EngineInput {

    /** A command for the engine; its answers go to {@code origin}. */
    record Execute(Client origin, Command command) implements EngineInput {
    }

    /** An answer the gateway decided on its own (a reject), queued so that it keeps its place among the answers. */
    record Answer(Client origin, ServerMessage message) implements EngineInput {
    }

    /**
     * The connection now acts for these traders (its own, and a crowd's), if the exchange has room for them: it
     * receives their fills and cancels.
     */
    record Bind(Client client, List<String> traderIds) implements EngineInput {
    }

    /** A hello that passed the gateway's checks: answer with a welcome for each of these traders. */
    record Welcome(Client client, List<String> traderIds, long timestamp) implements EngineInput {
    }

    /** A frame of a lockstep battle's gateway connection, identified, for the engine thread to place in time. */
    record Frame(Client client, ClientMessageDecoder.Decoded frame) implements EngineInput {
    }

    /** A gateway connection closed at {@code timestamp}. */
    record Closed(Client client, long timestamp) implements EngineInput {
    }

    /** A new event-stream subscriber: send it a snapshot, then every later event. */
    record Subscribe(Client subscriber) implements EngineInput {
    }

    record Unsubscribe(Client subscriber) implements EngineInput {
    }

    /**
     * A question about the engine's state from elsewhere (the admin endpoint), asked in queue order; the answer is
     * given once the batch it was asked in is in the journal, like every other result.
     */
    record Query<T>(Supplier<T> question, CompletableFuture<T> answer) implements EngineInput {
    }
}
