package org.bourse.strategies;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;

/**
 * A trend follower ({@code --strategy momentum}): buys when prices have been rising, sells when they have been
 * falling, and gets out when the trend fades.
 *
 * <p>Once per turn it samples the last traded price, and compares the average of the latest {@code short} samples
 * with the average of the latest {@code long}. When the short average is above the long one by more than
 * {@code threshold} the trend is up: it buys {@code qty} lots per turn until its position reaches
 * {@code max_position}; below by more than {@code threshold}, it sells the same way. When the trend it is
 * positioned for is gone (the averages came together, or crossed the other way) it closes the whole position in
 * one order, and only then follows a new trend. It waits for {@code long} samples before its first trade, and
 * samples nothing before the first trade of the session.
 *
 * <p>Every order is an IOC limit order {@code slippage} beyond the best opposite price, so it never rests in the
 * book; none is sent when that side of the book is empty or while trading is halted. The averages are compared
 * exactly, in decimals. It uses no randomness.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>short</td><td>5</td><td>samples in the short average (at least 1, fewer than long)</td></tr>
 *   <tr><td>long</td><td>20</td><td>samples in the long average (at most 10000)</td></tr>
 *   <tr><td>threshold</td><td>0.01</td><td>how far apart the averages must be to call a trend</td></tr>
 *   <tr><td>qty</td><td>1</td><td>lots per entry order</td></tr>
 *   <tr><td>max_position</td><td>10</td><td>the largest position, long or short (at least qty)</td></tr>
 *   <tr><td>slippage</td><td>0.05</td><td>how far beyond the best opposite price an order may trade</td></tr>
 *   <tr><td>tick</td><td>0.01</td><td>the exchange's tick size</td></tr>
 * </table>
 */
public final class Momentum implements Strategy {

    private final int shortWindow;
    private final int longWindow;
    private final BigDecimal threshold;
    private final long qty;
    private final long maxPosition;
    private final BigDecimal slippage;
    private final TickGrid grid;

    /** The sampled prices, newest last, at most {@code long} of them. */
    private final Deque<BigDecimal> samples = new ArrayDeque<>();

    public Momentum(String traderId, RandomGenerator rng, Map<String, String> params) {
        Params p = new Params("momentum", params);
        shortWindow = (int) p.wholeNumber("short", 5, 1, 10_000);
        longWindow = (int) p.wholeNumber("long", 20, 2, 10_000);
        threshold = p.nonNegativeDecimal("threshold", "0.01");
        qty = p.wholeNumber("qty", 1, 1);
        maxPosition = p.wholeNumber("max_position", 10, 1);
        slippage = p.nonNegativeDecimal("slippage", "0.05");
        grid = TickGrid.from(p);
        p.rejectUnknown();
        p.require(shortWindow < longWindow, "short", "a whole number below long (" + longWindow + ")", shortWindow);
        p.require(maxPosition >= qty, "max_position", "a whole number ≥ qty (" + qty + ")", maxPosition);
    }

    @Override
    public OrderRequest nextOrder(StrategyContext context) {
        BigDecimal last = context.lastTradePrice();
        if (last != null) {
            samples.addLast(last);
            if (samples.size() > longWindow) {
                samples.removeFirst();
            }
        }
        if (context.tradingHalted() || samples.size() < longWindow) {
            return null;
        }
        int trend = trend();
        long position = context.position();
        if (position > 0 && trend <= 0) {
            return take(Side.SELL, position, context);
        }
        if (position < 0 && trend >= 0) {
            return take(Side.BUY, -position, context);
        }
        if (trend == 0) {
            return null;
        }
        Side side = trend > 0 ? Side.BUY : Side.SELL;
        long room = maxPosition - side.sign() * position;
        return room < 1 ? null : take(side, Math.min(qty, room), context);
    }

    /**
     * +1 when the short average is above the long one by more than the threshold, −1 when below by more, else 0.
     * Compared without dividing: shortSum/short − longSum/long > threshold ⇔ shortSum·long − longSum·short >
     * threshold·short·long.
     */
    private int trend() {
        BigDecimal shortSum = BigDecimal.ZERO;
        BigDecimal longSum = BigDecimal.ZERO;
        int index = 0;
        for (Iterator<BigDecimal> newestFirst = samples.descendingIterator(); newestFirst.hasNext(); index++) {
            BigDecimal price = newestFirst.next();
            longSum = longSum.add(price);
            if (index < shortWindow) {
                shortSum = shortSum.add(price);
            }
        }
        BigDecimal gap = shortSum.multiply(BigDecimal.valueOf(longWindow))
                .subtract(longSum.multiply(BigDecimal.valueOf(shortWindow)));
        BigDecimal scaledThreshold = threshold.multiply(BigDecimal.valueOf((long) shortWindow * longWindow));
        if (gap.compareTo(scaledThreshold) > 0) {
            return 1;
        }
        return gap.compareTo(scaledThreshold.negate()) < 0 ? -1 : 0;
    }

    /** An IOC order against the best opposite price, or null when that side of the book is empty. */
    private OrderRequest take(Side side, long size, StrategyContext context) {
        BigDecimal bestOpposite = side == Side.BUY ? context.bestAsk() : context.bestBid();
        if (bestOpposite == null) {
            return null;
        }
        return OrderRequest.limit(side, grid.through(side, bestOpposite, slippage), size).ioc();
    }
}
