package org.bourse.strategies;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.bourse.api.Action;
import org.bourse.api.OpenOrder;
import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.api.StrategyContext;


/**
 * A mean-reversion trader ({@code --strategy mean_reversion}): bets that a mid far from its recent average comes
 * back, and waits for the market to come to it.
 *
 * <p>Once per turn, when both sides of the book have orders, it samples the mid and computes its z-score against
 * the latest {@code window} samples: (mid − average) / standard deviation. When z ≥ {@code entry_z} (the mid is
 * unusually high) it offers {@code qty} lots; when z ≤ −{@code entry_z} it bids. While it holds a position and the
 * mid is on the far side of the average (long and z &gt; 0, or short and z &lt; 0) it posts an order that closes up
 * to {@code qty} lots of it.
 *
 * <p>Its orders are passive, post-only limit orders one tick inside the spread when there is room (else at the
 * best price of their side), one order per side at a time. An order stays while the mid is still on its side of
 * the average and is cancelled when the signal reverses: a sell once z ≤ 0, a buy once z ≥ 0. Its position stays
 * within {@code max_position} even if every order on a side filled. It sends nothing before it has {@code window}
 * samples, while the book is one-sided or empty, or while trading is halted. It uses no randomness.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>window</td><td>20</td><td>mids in the moving average (2 to 10000)</td></tr>
 *   <tr><td>entry_z</td><td>1.5</td><td>z-score at which it starts fading the move</td></tr>
 *   <tr><td>qty</td><td>1</td><td>lots per order</td></tr>
 *   <tr><td>max_position</td><td>10</td><td>the largest position, long or short (at least qty)</td></tr>
 *   <tr><td>tick</td><td>0.01</td><td>the exchange's tick size</td></tr>
 * </table>
 */
public final class MeanReversion extends OrderTrackingStrategy {

    private final int window;
    private final double entryZ;
    private final long qty;
    private final long maxPosition;
    private final TickGrid grid;

    /** The sampled mids, newest last, at most {@code window} of them. */
    private final Deque<BigDecimal> mids = new ArrayDeque<>();

    public MeanReversion(String traderId, RandomGenerator rng, Map<String, String> params) {
        super("mr-");
        Params p = new Params("mean_reversion", params);
        window = (int) p.wholeNumber("window", 20, 2, 10_000);
        entryZ = p.positiveNumber("entry_z", 1.5);
        qty = p.wholeNumber("qty", 1, 1);
        maxPosition = p.wholeNumber("max_position", 10, 1);
        grid = TickGrid.from(p);
        p.rejectUnknown();
        p.require(maxPosition >= qty, "max_position", "a whole number ≥ qty (" + qty + ")", maxPosition);
    }

    @Override
    public List<Action> nextActions(StrategyContext context) {
        orders.sync(context);
        BigDecimal mid = context.mid();
        if (mid == null) {
            return List.of();
        }
        mids.addLast(mid);
        if (mids.size() > window) {
            mids.removeFirst();
        }
        if (context.tradingHalted() || mids.size() < window) {
            return List.of();
        }
        double z = zScore(mid);
        List<Action> actions = new ArrayList<>();
        for (Side side : Side.values()) {
            for (OpenOrder order : orders.live(context, side)) {
                if (side.sign() * z >= 0) { // a buy is for a mid below the average, a sell for one above
                    actions.add(orders.cancel(order));
                }
            }
        }
        long position = context.position();
        Side side = z >= entryZ || position > 0 && z > 0 ? Side.SELL
                : z <= -entryZ || position < 0 && z < 0 ? Side.BUY : null;
        if (side == null || !orders.live(context, side).isEmpty() || !orders.pending(side).isEmpty()) {
            return actions;
        }
        long room = maxPosition - side.sign() * position - orders.exposure(context, side);
        long size = Math.abs(z) >= entryZ ? Math.min(qty, room) : Math.min(Math.min(qty, room), Math.abs(position));
        if (size >= 1) {
            OrderRequest order = OrderRequest.limit(side, passivePrice(side, context), size).asPostOnly();
            actions.add(orders.send(order, context.timestamp(), mid));
        }
        return actions;
    }

    /** (mid − average) / standard deviation over the window; 0 when the mid has not moved at all. */
    private double zScore(BigDecimal latest) {
        BigDecimal sum = mids.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal mean = sum.divide(BigDecimal.valueOf(mids.size()), MathContext.DECIMAL64);
        double sumOfSquares = 0;
        for (BigDecimal sample : mids) {
            double deviation = sample.subtract(mean).doubleValue();
            sumOfSquares += deviation * deviation;
        }
        double deviation = Math.sqrt(sumOfSquares / mids.size());
        return deviation == 0 ? 0 : latest.subtract(mean).doubleValue() / deviation;
    }

    /** One tick inside the spread on this side, without reaching the other side: it never takes. */
    private BigDecimal passivePrice(Side side, StrategyContext context) {
        BigDecimal tick = grid.tick();
        return side == Side.BUY
                ? grid.floor(context.bestBid().add(tick).min(context.bestAsk().subtract(tick)))
                : grid.ceil(context.bestAsk().subtract(tick).max(context.bestBid().add(tick)));
    }

}
