package org.bourse.monitor;

/** Something worth keeping on screen for a while: a liquidation, the kill switch, a resync, a bot that ended. */
sealed interface Notice {

    /** Epoch milliseconds: the exchange's time for its events, ours for a gap. */
    long timestamp();

    /** The exchange liquidated a trader ({@code side} and {@code qty} of the liquidating order). */
    record Liquidated(long timestamp, String traderId, String reason, String side, long qty, long orderId)
            implements Notice {
    }

    /** The kill switch was turned on ({@code halted}) or off. */
    record Halt(long timestamp, boolean halted) implements Notice {
    }

    /** An event arrived out of sequence, so the monitor reconnected for a fresh snapshot. */
    record Gap(long timestamp, long expectedSeq, long receivedSeq) implements Notice {
    }

    /** A bot of the battle ended on its own ({@code state} exited or failed) or could not start; ours the time. */
    record BotEnded(long timestamp, String traderId, String state, String why) implements Notice {
    }
}
