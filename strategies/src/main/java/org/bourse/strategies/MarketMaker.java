package org.bourse.strategies;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.bourse.api.Action;
import org.bourse.api.OpenOrder;
import org.bourse.api.OrderRequest;
import org.bourse.api.PublicTrade;
import org.bourse.api.Rejection;
import org.bourse.api.Side;
import org.bourse.api.StrategyContext;


/**
 * A market maker ({@code --strategy maker}): keeps a ladder of post-only limit orders on both sides of its fair
 * value and earns the spread when others trade against it.
 *
 * <p><b>Where it quotes.</b> The centre is the fair value (the mid, else the last trade, else the mark, else
 * {@code reference}) moved against the inventory by {@code skew} per lot: long, it quotes lower, so it sells more
 * readily and buys less; short, higher. The best bid sits {@code spread}/2 below the centre and each further bid
 * {@code step} lower; asks mirror it above. Bids are rounded down and asks up onto the tick grid, and no quote
 * crosses the book (a bid stays below the best ask, an ask above the best bid). When the market moves, it widens:
 * the half spread is at least {@code vol_widening} times the typical move of the price from one public trade to the
 * next over the last {@code vol_window} trades (their root mean square), so that it is not picked off when prices
 * jump around.
 *
 * <p><b>Managing its quotes.</b> A quote is stale when the centre (the fair value with the inventory skew) has
 * moved by more than {@code requote_threshold} since the quote was placed, or when the quote is older than
 * {@code max_quote_age_ms}. A stale quote
 * is moved (a replace) to a price of the ladder that no other quote holds, or cancelled when its side already has
 * all the quotes it may have; an old quote that already sits on a wanted price with its full size is left where
 * it is, since sending it again would only lose its place in the queue. Orders it did not send itself (left from
 * an earlier run) are treated as stale. A side never holds more than {@code levels} orders, counting the ones
 * still on their way to the exchange and the ones being cancelled: at most {@code levels}×2 in all.
 *
 * <p><b>Position.</b> A side gets only as many quotes as could all fill without the position passing
 * {@code max_position}: at most ({@code max_position} − position) / {@code qty} bids and
 * ({@code max_position} + position) / {@code qty} asks. Quotes beyond that are cancelled, closest to the market
 * first.
 *
 * <p><b>Pauses.</b> After an {@code initial_margin_insufficient} or {@code account_frozen} refusal it sends nothing
 * for {@code pause_ms}, as the reference bots do; while trading is halted it sends nothing at all (its quotes stay
 * where they are). It uses no randomness.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>levels</td><td>3</td><td>quotes per side (1 to 100)</td></tr>
 *   <tr><td>qty</td><td>1</td><td>lots per quote</td></tr>
 *   <tr><td>spread</td><td>0.10</td><td>distance between the best bid and the best ask it quotes</td></tr>
 *   <tr><td>step</td><td>0.05</td><td>distance between two levels of one side (at least one tick)</td></tr>
 *   <tr><td>skew</td><td>0.01</td><td>how far the centre moves per lot of position</td></tr>
 *   <tr><td>max_position</td><td>20</td><td>the largest position, long or short, its quotes may lead to</td></tr>
 *   <tr><td>vol_widening</td><td>2</td><td>least half spread, in typical trade-to-trade moves (0: never widen)</td></tr>
 *   <tr><td>vol_window</td><td>20</td><td>public trades the typical move is measured over (2 to 100)</td></tr>
 *   <tr><td>requote_threshold</td><td>0.05</td><td>move of the centre that makes a quote stale</td></tr>
 *   <tr><td>max_quote_age_ms</td><td>5000</td><td>age that makes a quote stale</td></tr>
 *   <tr><td>pause_ms</td><td>2000</td><td>pause after a margin or frozen-account refusal</td></tr>
 *   <tr><td>tick</td><td>0.01</td><td>the exchange's tick size</td></tr>
 *   <tr><td>reference</td><td>100</td><td>fair value while the market has no price at all</td></tr>
 * </table>
 */
public final class MarketMaker extends OrderTrackingStrategy {

    private static final Set<String> PAUSING_REJECTIONS = Set.of("initial_margin_insufficient", "account_frozen");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final int levels;
    private final long qty;
    private final BigDecimal halfSpread;
    private final double volWidening;
    private final int volWindow;
    private final BigDecimal step;
    private final BigDecimal skew;
    private final long maxPosition;
    private final BigDecimal requoteThreshold;
    private final long maxQuoteAgeMs;
    private final long pauseMs;
    private final TickGrid grid;
    private final BigDecimal reference;

    private long pausedUntil;

    public MarketMaker(String traderId, RandomGenerator rng, Map<String, String> params) {
        super("mm-");
        Params p = new Params("maker", params);
        levels = (int) p.wholeNumber("levels", 3, 1, 100);
        qty = p.wholeNumber("qty", 1, 1);
        halfSpread = p.positiveDecimal("spread", "0.10").divide(TWO);
        step = p.positiveDecimal("step", "0.05");
        volWidening = p.nonNegativeDecimal("vol_widening", "2").doubleValue();
        volWindow = (int) p.wholeNumber("vol_window", 20, 2, 100);
        skew = p.nonNegativeDecimal("skew", "0.01");
        maxPosition = p.wholeNumber("max_position", 20, 1);
        requoteThreshold = p.nonNegativeDecimal("requote_threshold", "0.05");
        maxQuoteAgeMs = p.millis("max_quote_age_ms", 5_000);
        pauseMs = p.millis("pause_ms", 2_000);
        grid = TickGrid.from(p);
        reference = FairValue.reference(p);
        p.rejectUnknown();
        p.require(maxPosition >= qty, "max_position", "a whole number ≥ qty (" + qty + ")", maxPosition);
        p.require(step.compareTo(grid.tick()) >= 0, "step", "at least one tick (" + grid.tick() + ")", step);
    }

    @Override
    public List<Action> nextActions(StrategyContext context) {
        orders.sync(context);
        if (context.tradingHalted() || context.timestamp() < pausedUntil) {
            return List.of();
        }
        BigDecimal fair = FairValue.of(context, reference);
        BigDecimal centre = fair.subtract(skew.multiply(BigDecimal.valueOf(context.position())));
        BigDecimal half = halfSpread.max(volatilityHalfSpread(context));
        List<Action> cancels = new ArrayList<>();
        List<Action> placements = new ArrayList<>();
        for (Side side : Side.values()) {
            quoteSide(side, context, centre, half, cancels, placements);
        }
        cancels.addAll(placements); // cancels first: they only lower the risk
        return cancels;
    }

    /** {@code vol_widening} × the root mean square of the last {@code vol_window} trade-to-trade price changes. */
    private BigDecimal volatilityHalfSpread(StrategyContext context) {
        List<PublicTrade> trades = context.recentTrades();
        int n = Math.min(volWindow, trades.size());
        if (volWidening == 0 || n < 3) {
            return BigDecimal.ZERO;
        }
        double sumSquares = 0;
        for (int i = trades.size() - n + 1; i < trades.size(); i++) {
            double change = trades.get(i).price().subtract(trades.get(i - 1).price()).doubleValue();
            sumSquares += change * change;
        }
        return grid.ceil(BigDecimal.valueOf(volWidening * StrictMath.sqrt(sumSquares / (n - 1))));
    }

    private void quoteSide(Side side, StrategyContext context, BigDecimal centre, BigDecimal half,
                           List<Action> cancels, List<Action> placements) {
        long now = context.timestamp();
        long slots = Math.min(levels, Math.max(0, maxPosition - side.sign() * context.position()) / qty);
        List<BigDecimal> wanted = ladder(side, centre, half, context);

        // Orders on their way in or out still occupy a slot: they may yet rest, or trade.
        List<OpenOrder> live = orders.live(context, side);
        List<OwnOrders.Placement> pending = orders.pending(side);
        long occupied = pending.size() + context.openOrders(side).size() - live.size();
        pending.forEach(placement -> removePrice(wanted, placement.price()));

        List<OpenOrder> fresh = new ArrayList<>();
        List<OpenOrder> stale = new ArrayList<>();
        for (OpenOrder order : live) {
            if (isFresh(order, centre, now)) {
                fresh.add(order);
                removePrice(wanted, order.price());
            } else {
                stale.add(order);
            }
        }
        // A stale quote already where it is wanted, at full size, stays: resending it would only lose its place.
        for (OpenOrder order : List.copyOf(stale)) {
            if (order.leavesQty() == qty && removePrice(wanted, order.price())) {
                orders.refresh(order, now, centre);
                stale.remove(order);
                fresh.add(order);
            }
        }
        // More fresh quotes than the position allows: cancel the ones most likely to fill. Until the exchange
        // confirms, they too occupy a slot.
        fresh.sort(Comparator.comparing(OpenOrder::price, side == Side.BUY ? Comparator.reverseOrder()
                : Comparator.naturalOrder()));
        long surplus = occupied + fresh.size() - slots;
        for (long i = 0; i < surplus && !fresh.isEmpty(); i++) {
            cancels.add(orders.cancel(fresh.remove(0)));
            occupied++;
        }
        long kept = fresh.size();
        for (OpenOrder order : stale) {
            if (occupied + kept < slots && !wanted.isEmpty()) {
                placements.add(orders.replace(order, wanted.remove(0), qty, now, centre));
                kept++;
            } else {
                cancels.add(orders.cancel(order));
                occupied++;
            }
        }
        while (occupied + kept < slots && !wanted.isEmpty()) {
            OrderRequest quote = OrderRequest.limit(side, wanted.remove(0), qty).asPostOnly();
            placements.add(orders.send(quote, now, centre));
            kept++;
        }
    }

    /** Placed by this maker, recently, from a centre close to today's. */
    private boolean isFresh(OpenOrder order, BigDecimal centre, long now) {
        OwnOrders.Placement placement = orders.placement(order);
        return placement != null && placement.anchor() != null
                && centre.subtract(placement.anchor()).abs().compareTo(requoteThreshold) <= 0
                && now - placement.time() <= maxQuoteAgeMs;
    }

    /** The prices this side wants, best first: on the grid, above zero, and not crossing the book. */
    private List<BigDecimal> ladder(Side side, BigDecimal centre, BigDecimal half, StrategyContext context) {
        BigDecimal best;
        if (side == Side.BUY) {
            best = grid.floor(centre.subtract(half));
            if (context.bestAsk() != null) {
                best = best.min(grid.floor(context.bestAsk().subtract(grid.tick())));
            }
        } else {
            best = grid.ceil(centre.add(half));
            if (context.bestBid() != null) {
                best = best.max(grid.ceil(context.bestBid().add(grid.tick())));
            }
        }
        List<BigDecimal> prices = new ArrayList<>();
        for (int level = 0; level < levels; level++) {
            BigDecimal away = step.multiply(BigDecimal.valueOf(level));
            BigDecimal price = grid.passive(side, side == Side.BUY ? best.subtract(away) : best.add(away));
            if (price.signum() > 0) {
                prices.add(price);
            }
        }
        return prices;
    }

    /** Removes {@code price} (compared by value: 99.9 is 99.90) and says whether it was there. */
    private static boolean removePrice(List<BigDecimal> prices, BigDecimal price) {
        return price != null && prices.removeIf(candidate -> candidate.compareTo(price) == 0);
    }

    @Override
    public void onRejected(Rejection rejection, StrategyContext context) {
        super.onRejected(rejection, context);
        if (rejection.reason() != null && PAUSING_REJECTIONS.contains(rejection.reason())) {
            pausedUntil = Math.max(pausedUntil, context.timestamp() + pauseMs);
        }
    }
}
