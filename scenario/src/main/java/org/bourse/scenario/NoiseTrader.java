package org.bourse.scenario;

import java.util.List;
import org.bourse.api.Side;

/**
 * A background trader that trades for no reason: orders arrive at random ({@code rate} per minute, a Poisson
 * process), each of a random side and size (1 to {@code qty_max} lots), a market order ({@code market_share} of
 * them) or a limit at the best opposite price that takes what is there and cancels the rest (ioc). It never
 * rests an order. At its position limit it trades the other way.
 */
final class NoiseTrader extends BackgroundTrader {
    /** Arrivals one turn acts on at most (after a long pause the rest are dropped). */
    static final int MAX_ARRIVALS_PER_TURN = 10;

    /** A time no battle reaches, that leaves room for additions without overflow. */
    private static final long NEVER = Long.MAX_VALUE / 4;

    private final Crowd.NoiseTraders spec;
    private final double meanGapMillis;

    NoiseTrader(String traderId, int index, AgentAccount account, Draws draws, Crowd.Limits limits,
                Crowd.NoiseTraders spec, long startTime) {
        super(traderId, index, account, draws, limits);
        this.spec = spec;
        this.meanGapMillis = 60_000 / spec.rate();
        this.nextDue = startTime + gap();
    }

    @Override
    void act(long time, Quotes quotes, List<String> frames) {
        for (int arrivals = 0; nextDue <= time && arrivals < MAX_ARRIVALS_PER_TURN; arrivals++) {
            arrive(quotes, frames);
            nextDue += gap();
        }
    }

    @Override
    void advance(long time) {
        while (nextDue <= time) {
            nextDue += gap();
        }
    }

    private void arrive(Quotes quotes, List<String> frames) {
        Side side = draws.chance(0.5) ? Side.BUY : Side.SELL;
        long qty = 1 + draws.below(spec.qtyMax());
        boolean market = draws.chance(spec.marketShare());
        if (room(side, market, quotes) == 0) {
            side = side.opposite();
        }
        long lots = Math.min(qty, room(side, market, quotes));
        long opposite = quotes.best(side.opposite());
        if (lots > 0 && opposite > 0) {
            frames.add(market ? account.market(side, lots)
                    : account.immediate(side, quotes.withinBand(opposite), lots));
        }
    }

    private long room(Side side, boolean market, Quotes quotes) {
        long price = market || quotes.best(side.opposite()) == 0 ? quotes.mark() : quotes.best(side.opposite());
        return account.room(side, price, quotes.mark(), spec.maxPosition(), null);
    }

    /** The time to the next arrival, at least 1 ms; never, at a rate of 0. */
    private long gap() {
        return spec.rate() == 0 ? NEVER : Math.max(1, Math.round(draws.exponential(meanGapMillis)));
    }
}
