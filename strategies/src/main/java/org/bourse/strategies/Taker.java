package org.bourse.strategies;

import java.math.BigDecimal;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;

/**
 * A liquidity taker ({@code --strategy taker}): the flow a market maker lives on. Each turn, with probability
 * {@code aggression}, it trades {@code qty} lots against the best price on the other side, in a random direction.
 *
 * <p>Orders are IOC limit orders {@code slippage} beyond the best opposite price (buying up to best ask +
 * slippage, selling down to best bid − slippage: what cannot trade there is cancelled, never left resting), or
 * market orders with {@code order_type=market}. It sends nothing when the side it would trade against is empty
 * (the exchange would refuse a market order with {@code no_liquidity}) or while trading is halted.
 *
 * <p>The direction is a coin flip while |position| ≤ {@code max_position}/2; beyond that it leans toward flat,
 * from even odds at half the limit to always reducing at the limit. A trade never takes the position past
 * {@code max_position}: it is cut to what fits, or turned around when nothing fits.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>qty</td><td>1</td><td>lots per trade</td></tr>
 *   <tr><td>aggression</td><td>0.3</td><td>probability of trading in a turn, 0 to 1</td></tr>
 *   <tr><td>max_position</td><td>10</td><td>the largest position, long or short (at least qty)</td></tr>
 *   <tr><td>order_type</td><td>ioc</td><td>{@code ioc} (limit, immediate or cancel) or {@code market}</td></tr>
 *   <tr><td>slippage</td><td>0.05</td><td>how far beyond the best opposite price an IOC order may trade</td></tr>
 *   <tr><td>tick</td><td>0.01</td><td>the exchange's tick size</td></tr>
 * </table>
 */
public final class Taker implements Strategy {

    private final RandomGenerator rng;
    private final long qty;
    private final double aggression;
    private final long maxPosition;
    private final boolean marketOrders;
    private final BigDecimal slippage;
    private final TickGrid grid;

    public Taker(String traderId, RandomGenerator rng, Map<String, String> params) {
        this.rng = rng;
        Params p = new Params("taker", params);
        qty = p.wholeNumber("qty", 1, 1);
        aggression = p.probability("aggression", 0.3);
        maxPosition = p.wholeNumber("max_position", 10, 1);
        marketOrders = p.oneOf("order_type", "ioc", "ioc", "market").equals("market");
        slippage = p.nonNegativeDecimal("slippage", "0.05");
        grid = TickGrid.from(p);
        p.rejectUnknown();
        p.require(maxPosition >= qty, "max_position", "a whole number ≥ qty (" + qty + ")", maxPosition);
    }

    @Override
    public OrderRequest nextOrder(StrategyContext context) {
        if (context.tradingHalted() || rng.nextDouble() >= aggression) {
            return null;
        }
        long position = context.position();
        Side flattening = position > 0 ? Side.SELL : Side.BUY;
        Side side = rng.nextDouble() < towardFlatOdds(position) ? flattening : flattening.opposite();
        long room = maxPosition - side.sign() * position;
        if (room < 1) {
            side = side.opposite();
            room = maxPosition - side.sign() * position;
        }
        BigDecimal bestOpposite = side == Side.BUY ? context.bestAsk() : context.bestBid();
        if (bestOpposite == null) {
            return null;
        }
        long size = Math.min(qty, room);
        if (marketOrders) {
            return OrderRequest.market(side, size);
        }
        return OrderRequest.limit(side, grid.through(side, bestOpposite, slippage), size).ioc();
    }

    /** 0.5 up to half the position limit, then rising linearly to 1 at the limit. */
    private double towardFlatOdds(long position) {
        double half = maxPosition / 2.0;
        double beyondHalf = Math.abs(position) - half;
        return beyondHalf <= 0 ? 0.5 : Math.min(1.0, 0.5 + 0.5 * beyondHalf / half);
    }
}
