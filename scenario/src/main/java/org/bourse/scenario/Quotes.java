package org.bourse.scenario;

import java.util.List;
import org.bourse.api.Side;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;

/**
 * The public market as every agent of the crowd reads it, in ticks: one reading of the shared {@link MarketView},
 * made again only when the feed has moved on, plus the realized volatility of the mid and the prices the
 * exchange's band allows. Agents read it; none keeps a copy of the book.
 */
final class Quotes {
    /** The share of the exchange's band the crowd uses: the mark may move a little before its orders arrive. */
    private static final double BAND_SAFETY = 0.8;

    private final TickScale scale;
    private final double band;
    private final MidVolatility volatility;
    private long readAtSeq = Long.MIN_VALUE;
    private long bestBid;
    private long bestAsk;
    private long mark;
    private long lastTrade;
    private long[] bidPrices = new long[0];
    private long[] bidQtys = new long[0];
    private long[] askPrices = new long[0];
    private long[] askQtys = new long[0];
    private long lowest;
    private long highest;

    Quotes(TickScale scale, Crowd.Limits limits, long volatilityWindowMillis) {
        this.scale = scale;
        this.band = limits.priceBand().doubleValue();
        this.volatility = new MidVolatility(volatilityWindowMillis);
    }

    /** Reads the view if it has moved on, and samples the mid at {@code time}. */
    void refresh(MarketView view, long time) {
        if (view.lastSeq() != readAtSeq) {
            readAtSeq = view.lastSeq();
            bestBid = ticks(view.bestBid());
            bestAsk = ticks(view.bestAsk());
            mark = ticks(view.markPrice());
            lastTrade = ticks(view.lastTradePrice());
            bidPrices = prices(view.bids());
            bidQtys = quantities(view.bids());
            askPrices = prices(view.asks());
            askQtys = quantities(view.asks());
            if (band == 0) {
                lowest = 1;
                highest = Long.MAX_VALUE / 4;
            } else {
                lowest = Math.max(1, (long) StrictMath.ceil(mark * (1 - band * BAND_SAFETY)));
                highest = (long) StrictMath.floor(mark * (1 + band * BAND_SAFETY));
            }
        }
        volatility.sample(time, mid());
    }

    /** Whether there is a market to act on: a mark. */
    boolean usable() {
        return mark > 0;
    }

    /** 0 when the side is empty. */
    long best(Side side) {
        return side == Side.BUY ? bestBid : bestAsk;
    }

    long mark() {
        return mark;
    }

    /** The middle of the best bid and ask; {@link #reference()} when a side is empty. In ticks. */
    double mid() {
        return bestBid > 0 && bestAsk > 0 ? (bestBid + bestAsk) / 2.0 : reference();
    }

    /** The last trade's price, or the mark before the first trade. */
    long reference() {
        return lastTrade > 0 ? lastTrade : mark;
    }

    /** The best price of {@code side} without the orders of {@code account}; 0 when there is none. */
    long othersBest(Side side, AgentAccount account) {
        long[] prices = side == Side.BUY ? bidPrices : askPrices;
        long[] qtys = side == Side.BUY ? bidQtys : askQtys;
        for (int i = 0; i < prices.length; i++) {
            if (qtys[i] > account.openQty(side, prices[i])) {
                return prices[i];
            }
        }
        return 0;
    }

    /** Percent per √minute. */
    double midVolatility() {
        return volatility.percentPerRootMinute();
    }

    /** {@code price} (ticks) moved into the band the exchange accepts around the mark. */
    long withinBand(long price) {
        return Math.max(lowest, Math.min(highest, price));
    }

    private long ticks(java.math.BigDecimal price) {
        return price == null ? 0 : scale.ticks(price);
    }

    private long[] prices(List<ServerMessage.Level> levels) {
        long[] prices = new long[levels.size()];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = scale.ticks(levels.get(i).price());
        }
        return prices;
    }

    private static long[] quantities(List<ServerMessage.Level> levels) {
        long[] quantities = new long[levels.size()];
        for (int i = 0; i < quantities.length; i++) {
            quantities[i] = levels.get(i).qty();
        }
        return quantities;
    }
}
