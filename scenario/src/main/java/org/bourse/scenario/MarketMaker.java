package org.bourse.scenario;

import java.util.List;
import org.bourse.api.Side;

/**
 * A background market maker: one bid and one ask of {@code qty} lots around the middle of the others' best
 * prices (its own orders left out; the last trade or the mark when a side is empty). Its half-spread is
 * {@code spread} percent, times a factor of its own drawn once in [0.75, 1.25] so that several makers layer the
 * book, plus {@code widening} times the mid's recent realized volatility (percent per √minute): it quotes wider
 * when the market moves. It leans against its inventory, shifting both quotes by up to one half-spread at
 * {@code max_position}, and stops quoting the side that would take it further.
 */
final class MarketMaker extends BackgroundTrader.Periodic {
    private final Crowd.MarketMakers spec;
    /** Its own half-spread, as a fraction. */
    private final double halfSpread;

    MarketMaker(String traderId, int index, AgentAccount account, Draws draws, Crowd.Limits limits,
                Crowd.MarketMakers spec, long startTime, long tick) {
        super(traderId, index, account, draws, limits, spec.intervalMillis(), startTime, tick);
        this.spec = spec;
        this.halfSpread = spec.spread() / 100 * (0.75 + 0.5 * draws.uniform());
    }

    @Override
    void act(long time, Quotes quotes, List<String> frames) {
        if (account.waiting()) {
            return;
        }
        long othersBid = quotes.othersBest(Side.BUY, account);
        long othersAsk = quotes.othersBest(Side.SELL, account);
        double center = othersBid > 0 && othersAsk > 0 ? (othersBid + othersAsk) / 2.0 : quotes.reference();
        double half = halfSpread(quotes.midVolatility());
        double inventory = Math.max(-1, Math.min(1, (double) account.position() / spec.maxPosition()));
        double leaning = center * (1 - inventory * half);
        long bid = quotes.withinBand(floor(leaning * (1 - half)));
        long ask = quotes.withinBand(Math.max(bid + 1, ceil(leaning * (1 + half))));
        // moving up, the ask goes first (and the bid first moving down), so the new bid never meets the old ask
        Side first = bid > ownPrice(Side.BUY) ? Side.SELL : Side.BUY;
        quoteSide(first, bid, ask, quotes, frames);
        quoteSide(first.opposite(), bid, ask, quotes, frames);
    }

    /** The half-spread, as a fraction, at a volatility of the mid in percent per √minute. */
    double halfSpread(double volatility) {
        return halfSpread + spec.widening() * volatility / 100;
    }

    private void quoteSide(Side side, long bid, long ask, Quotes quotes, List<String> frames) {
        if (bid >= ask) {
            withdraw(side, frames); // squeezed against the edge of the band: no room for both
            return;
        }
        quote(side, side == Side.BUY ? bid : ask, spec.qty(), spec.maxPosition(), quotes, frames);
    }

    /** The price of its order on {@code side}; 0 for none. */
    private long ownPrice(Side side) {
        for (AgentAccount.Order order : account.settledOrders()) {
            if (order.side == side) {
                return order.price;
            }
        }
        return 0;
    }
}
