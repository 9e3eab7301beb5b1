package org.bourse.bot;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a bot connects and trades.
 *
 * @param traderId         the trader it trades as
 * @param marketDataUri    the market-data feed: the relay (9010) or the exchange's own event stream (9002)
 * @param orderGatewayUri  the exchange's order gateway (9001)
 * @param token            sent in the {@code hello} when the exchange requires one; null otherwise
 * @param decisionInterval how often the strategy is asked for its actions
 * @param cancelOnExit     cancel the trader's resting orders when the bot stops
 */
public record BotSettings(String traderId, URI marketDataUri, URI orderGatewayUri, String token,
                          Duration decisionInterval, boolean cancelOnExit) {

    public static final String DEFAULT_MARKET_DATA_URI = "ws://127.0.0.1:9010";
    public static final String DEFAULT_ORDER_GATEWAY_URI = "ws://127.0.0.1:9001";

    public BotSettings {
        Objects.requireNonNull(traderId, "traderId");
        Objects.requireNonNull(marketDataUri, "marketDataUri");
        Objects.requireNonNull(orderGatewayUri, "orderGatewayUri");
        if (decisionInterval.isNegative() || decisionInterval.isZero()) {
            throw new IllegalArgumentException("the decision interval must be positive, not " + decisionInterval);
        }
    }
}
