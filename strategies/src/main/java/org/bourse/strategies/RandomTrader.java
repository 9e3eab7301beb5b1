package org.bourse.strategies;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.bourse.api.Action;
import org.bourse.api.OpenOrder;
import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.api.StrategyContext;


/**
 * The reference random bot ({@code --strategy random}): noise that keeps a market alive. Each turn it sends one
 * limit order: a random side, a random price within {@code width} ticks either side of the fair value (the mid,
 * else the last trade, else the mark, else {@code reference}), and a random quantity from 1 to {@code max_qty}.
 * A price beyond the best opposite price trades at once, so some of its orders take and most rest.
 *
 * <p>Unlike the reference bot it cleans up after itself: it cancels its orders older than
 * {@code max_order_age_ms}, and with {@code max_orders} orders in the book it cancels the oldest instead of sending
 * a new one. Its position stays within {@code max_position} even if every resting order on a side filled: an order
 * is cut to what fits, or sent on the other side when nothing fits. While trading is halted it sends nothing.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>max_qty</td><td>5</td><td>the largest order, in lots</td></tr>
 *   <tr><td>width</td><td>10</td><td>how many ticks from the fair value a price may be, either way</td></tr>
 *   <tr><td>max_position</td><td>20</td><td>the largest position, long or short</td></tr>
 *   <tr><td>max_order_age_ms</td><td>10000</td><td>resting orders older than this are cancelled</td></tr>
 *   <tr><td>max_orders</td><td>10</td><td>the most orders it keeps in the book at once</td></tr>
 *   <tr><td>tick</td><td>0.01</td><td>the exchange's tick size</td></tr>
 *   <tr><td>reference</td><td>100</td><td>fair value while the market has no price at all</td></tr>
 * </table>
 */
public final class RandomTrader extends OrderTrackingStrategy {

    private final RandomGenerator rng;
    private final long maxQty;
    private final long width;
    private final long maxPosition;
    private final long maxOrderAgeMs;
    private final long maxOrders;
    private final TickGrid grid;
    private final BigDecimal reference;

    public RandomTrader(String traderId, RandomGenerator rng, Map<String, String> params) {
        super("rnd-");
        this.rng = rng;
        Params p = new Params("random", params);
        maxQty = p.wholeNumber("max_qty", 5, 1);
        width = p.wholeNumber("width", 10, 0, 1_000_000);
        maxPosition = p.wholeNumber("max_position", 20, 1);
        maxOrderAgeMs = p.millis("max_order_age_ms", 10_000);
        maxOrders = p.wholeNumber("max_orders", 10, 1);
        grid = TickGrid.from(p);
        reference = FairValue.reference(p);
        p.rejectUnknown();
    }

    @Override
    public List<Action> nextActions(StrategyContext context) {
        orders.sync(context);
        if (context.tradingHalted()) {
            return List.of();
        }
        long now = context.timestamp();
        List<Action> actions = new ArrayList<>();
        List<OpenOrder> live = new ArrayList<>();
        for (Side side : Side.values()) {
            for (OpenOrder order : orders.live(context, side)) {
                if (orders.age(order, now) > maxOrderAgeMs) {
                    actions.add(orders.cancel(order));
                } else {
                    live.add(order);
                }
            }
        }
        if (orders.count(context) >= maxOrders) {
            // Full. Unless some order is already on its way out, make room for the next turn by cancelling the
            // oldest (not this turn: until the exchange confirms, a cancelled order may still trade).
            if (live.size() == context.openOrders().size()) {
                live.stream().max(Comparator.comparingLong(order -> orders.age(order, now)))
                        .ifPresent(oldest -> actions.add(orders.cancel(oldest)));
            }
            return actions;
        }

        // Draw everything up front, so that the same seed makes the same draws whatever the book looks like.
        Side side = rng.nextBoolean() ? Side.BUY : Side.SELL;
        long wantedQty = rng.nextLong(1, maxQty + 1);
        long offsetTicks = rng.nextLong(-width, width + 1);

        long room = room(context, side);
        if (room < 1) {
            side = side.opposite();
            room = room(context, side);
            if (room < 1) {
                return actions;
            }
        }
        BigDecimal fair = grid.nearest(FairValue.of(context, reference));
        BigDecimal price = grid.atLeastOneTick(fair.add(grid.ticks(offsetTicks)));
        actions.add(orders.send(OrderRequest.limit(side, price, Math.min(wantedQty, room)), now, fair));
        return actions;
    }

    /** How many more lots this side may have in play without the position passing the limit. */
    private long room(StrategyContext context, Side side) {
        return maxPosition - side.sign() * context.position() - orders.exposure(context, side);
    }

}
