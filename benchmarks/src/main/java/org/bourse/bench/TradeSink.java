package org.bourse.bench;

/** Receives every execution an engine reports, in the same shape whatever the engine. */
public interface TradeSink {

    /** One execution between a resting (maker) order and an incoming (taker) order, at the maker's price. */
    void trade(long makerId, long takerId, long price, long quantity);
}
