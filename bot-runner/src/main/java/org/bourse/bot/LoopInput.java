package org.bourse.bot;

import org.bourse.protocol.ServerMessage;

/** What the socket threads (and a stop request) hand to the bot's loop thread, in the order it happened. */
sealed interface LoopInput {

    /** Something that happened on one connection attempt of a link; stale once the link has moved on. */
    sealed interface OnLink extends LoopInput {
        Link link();

        long attempt();
    }

    record Opened(Link link, long attempt) implements OnLink {
    }

    record Received(Link link, long attempt, ServerMessage message) implements OnLink {
    }

    /** @param reason why, in a few words: {@code Connection refused}, {@code closed with code 1001: ...} */
    record Closed(Link link, long attempt, String reason) implements OnLink {
    }

    /** Wakes the loop up to look at its stop flag. */
    record Wake() implements LoopInput {
    }
}
