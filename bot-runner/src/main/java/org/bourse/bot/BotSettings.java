package org.bourse.bot;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.bourse.cli.DurationConverter;

/**
 * How a bot connects and trades.
 *
 * @param traderId         the trader it trades as
 * @param marketDataUri    the market-data feed: the relay (9010) or the exchange's own event stream (9002)
 * @param orderGatewayUri  the exchange's order gateway (9001)
 * @param token            sent in the {@code hello} when the exchange requires one; null otherwise
 * @param decisionInterval how often the strategy is asked for its actions
 * @param cancelOnExit     cancel the trader's resting orders when the bot stops
 * @param lockstep         whether it takes part in a lockstep battle: decides when the exchange says, not on its own
 *                         clock ({@code decisionInterval} is then virtual time, in whole milliseconds)
 * @param latencyMillis    in a lockstep battle, how much later (virtual ms) than decided its actions reach the book
 * @param staleTimeout     in real time, how old the market data may get (nothing from the feed, not even a
 *                         heartbeat) before the bot stops trading on it ({@link StaleGuard})
 * @param staleCancel      whether the bot then cancels its resting orders
 */
public record BotSettings(String traderId, URI marketDataUri, URI orderGatewayUri, String token,
                          Duration decisionInterval, boolean cancelOnExit, boolean lockstep, long latencyMillis,
                          Duration staleTimeout, boolean staleCancel) {

    public static final String DEFAULT_MARKET_DATA_URI = "ws://127.0.0.1:9010";
    public static final String DEFAULT_ORDER_GATEWAY_URI = "ws://127.0.0.1:9001";
    /** How often a bot decides unless told otherwise (its command line's, and its config's, default). */
    public static final String DEFAULT_DECISION_INTERVAL = "1s";
    /** How old market data may get unless told otherwise: a few of the feed's one-second heartbeats. */
    public static final String DEFAULT_STALE_TIMEOUT = "5s";

    public BotSettings {
        Objects.requireNonNull(traderId, "traderId");
        Objects.requireNonNull(marketDataUri, "marketDataUri");
        Objects.requireNonNull(orderGatewayUri, "orderGatewayUri");
        if (decisionInterval.isNegative() || decisionInterval.isZero()) {
            throw new IllegalArgumentException("the decision interval must be positive, not " + decisionInterval);
        }
        if (latencyMillis < 0 || latencyMillis > 0 && !lockstep) {
            throw new IllegalArgumentException("a latency must be 0 or more, and only a lockstep bot has one");
        }
        if (staleTimeout.isNegative() || staleTimeout.isZero()) {
            throw new IllegalArgumentException("the stale timeout must be positive, not " + staleTimeout);
        }
    }

    /** With the default stale-data guard: {@link #DEFAULT_STALE_TIMEOUT}, cancelling. */
    public BotSettings(String traderId, URI marketDataUri, URI orderGatewayUri, String token,
                       Duration decisionInterval, boolean cancelOnExit, boolean lockstep, long latencyMillis) {
        this(traderId, marketDataUri, orderGatewayUri, token, decisionInterval, cancelOnExit, lockstep, latencyMillis,
                DurationConverter.parse(DEFAULT_STALE_TIMEOUT), true);
    }
}
