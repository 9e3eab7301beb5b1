package org.bourse.bot;

import java.util.List;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage;

/**
 * What trades behind one gateway connection, without its sockets: a bot's {@link Trader}, or a background crowd
 * that speaks for many traders. The {@link Bot} loop feeds it from its two connections; the in-process lockstep
 * runner feeds it by direct calls. The same messages in the same order give the same frames.
 */
public interface Agent {

    /** The connection's own trader id: the one its hello names. */
    String traderId();

    /** The hello that opens its gateway connection. */
    String hello(String token, long decisionIntervalMillis, long latencyMillis);

    /** Every trader it trades as: its own, or its crowd's. */
    List<String> traders();

    /** A welcome (one per trader it trades as): where that trader stands after a (re)connection. */
    void welcome(ServerMessage.Welcome welcome);

    /** Any other message on its connection: an answer, a fill, a cancel. */
    void privateMessage(ServerMessage message);

    /** A message of the public feed; a {@link MarketView.Outcome#GAP} means: resubscribe for a snapshot. */
    MarketView.Outcome feed(ServerMessage message);

    /** The feed's connection is gone: nothing of the next one applies before its snapshot. */
    void feedDisconnected();

    /** A snapshot has arrived on the feed's connection, no event was missed since, and the exchange is reachable. */
    boolean isLive();

    /** The last public event its market has applied. */
    long lastSeq();

    /** A turn at {@code time}: the frames of what it decided, in order. */
    List<String> decide(long time);

    /** From now on it only listens: it is stopping, and nothing it decides can be sent any more. */
    void quiet();

    /** Where it stands, for the log: position and cash, or how many traders. */
    String standing();

    /** What it did, for the log when it stops: orders sent, fills, rejections, failures. */
    String figures();
}
