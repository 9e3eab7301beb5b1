package org.bourse.exchange.market;

/** Why a market cannot be opened, as one sentence for the user. */
public final class MarketException extends Exception {
    public MarketException(String message) {
        super(message, null, false, false);
    }
}
