package org.bourse.exchange.book;

import java.util.Arrays;
import java.util.Objects;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;

/**
 * A price-time priority limit order book for one instrument. Prices are integer ticks, quantities integer lots.
 * It knows nothing of accounts, risk or I/O: it matches, rests and cancels, and reports each execution and
 * each cancellation to its {@link BookListener}. Single-threaded; nothing is allocated per order once the pools
 * have grown to the working size.
 *
 * <p>Checks that decide whether an order may enter at all (post-only, fill-or-kill, a market order with nothing to
 * trade against) are left to the caller, which can ask {@link #wouldTake} and {@link #fillableQuantity} first and
 * then reject without touching the book.
 */
public final class OrderBook {

    /** The price of a market order, and what {@link #bestBid()} / {@link #bestAsk()} return for an empty side. */
    public static final long NO_PRICE = 0;

    private final SelfTradePrevention selfTradePrevention;
    private final BookListener listener;
    private final BookSide bids = new BookSide(Side.BUY);
    private final BookSide asks = new BookSide(Side.SELL);
    private final OrderIndex index = new OrderIndex(1024);
    private OwnerOrders[] owners = new OwnerOrders[16];
    private Order freeOrders;
    private PriceLevel freeLevels;
    private long changeCount;

    public OrderBook(SelfTradePrevention selfTradePrevention, BookListener listener) {
        this.selfTradePrevention = Objects.requireNonNull(selfTradePrevention, "selfTradePrevention");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public SelfTradePrevention selfTradePrevention() {
        return selfTradePrevention;
    }

    // ---------------------------------------------------------------------------------------------- commands

    /**
     * Enters an order: it trades against the opposite side as far as its price allows (market orders: as far as
     * there is liquidity), at the resting orders' prices; what is left rests if it is a GTC limit order and is
     * cancelled otherwise ({@link CancelReason#MARKET_REMAINDER} / {@link CancelReason#IOC_REMAINDER}; FOK is
     * treated as IOC, the caller having checked {@link #fillableQuantity}). Self-trades are handled by the
     * book's {@link SelfTradePrevention}.
     *
     * @param id        a positive id, unique among resting orders
     * @param owner     a non-negative index identifying the owner (for self-trade prevention and per-owner queries)
     * @param price     limit price in ticks (positive), or {@link #NO_PRICE} for a market order
     * @param quantity  positive, in lots
     * @return the quantity left resting in the book (0 if the order did not rest)
     */
    public long enter(long id, int owner, String clientOrderId, Side side, long price, long quantity,
                      TimeInForce timeInForce, boolean postOnly) {
        if (id <= 0 || owner < 0 || price < 0 || quantity <= 0) {
            throw new IllegalArgumentException("bad order: id=" + id + " owner=" + owner + " price=" + price
                    + " quantity=" + quantity);
        }
        Order order = newOrder();
        order.init(id, owner, clientOrderId, side, price, quantity, postOnly);
        return execute(order, price != NO_PRICE && timeInForce == TimeInForce.GTC);
    }

    /**
     * Cancels a resting order, reporting it to the listener.
     *
     * @return false if no resting order has this id
     */
    public boolean cancel(long id, CancelReason reason) {
        Order order = index.get(id);
        if (order == null) {
            return false;
        }
        long quantity = order.remaining;
        remove(order);
        listener.cancelled(order, quantity, reason);
        release(order);
        return true;
    }

    /** Cancels every resting order of {@code owner}; returns how many there were. */
    public int cancelAll(int owner, CancelReason reason) {
        int count = 0;
        Order order = firstOf(owner);
        while (order != null) {
            Order next = order.nextOfOwner;
            cancel(order.id, reason);
            order = next;
            count++;
        }
        return count;
    }

    /**
     * Changes a resting order's price and/or quantity ({@code newQuantity} is the new open quantity). The same
     * price with a smaller quantity keeps the order's time priority; any other change moves it to the back of its
     * new price level, and a new price that crosses the opposite side trades first, like a new order.
     *
     * @return false if no resting order has this id
     */
    public boolean replace(long id, long newPrice, long newQuantity) {
        if (newPrice <= 0 || newQuantity <= 0) {
            throw new IllegalArgumentException("bad replace: price=" + newPrice + " quantity=" + newQuantity);
        }
        Order order = index.get(id);
        if (order == null) {
            return false;
        }
        if (newPrice == order.price && newQuantity <= order.remaining) {
            long decrease = order.remaining - newQuantity;
            if (decrease > 0) {
                order.remaining = newQuantity;
                order.level.quantity -= decrease;
                owner(order.owner).add(order.side, -decrease);
                changeCount++;
            }
            return true;
        }
        remove(order);
        order.price = newPrice;
        order.remaining = newQuantity;
        execute(order, true);
        return true;
    }

    // ----------------------------------------------------------------------------------------------- queries

    public long bestBid() {
        PriceLevel best = bids.best();
        return best == null ? NO_PRICE : best.price;
    }

    public long bestAsk() {
        PriceLevel best = asks.best();
        return best == null ? NO_PRICE : best.price;
    }

    /** Whether a limit order of {@code side} at {@code price} would trade on entry (post-only check). */
    public boolean wouldTake(Side side, long price) {
        BookSide opposite = side == Side.BUY ? asks : bids;
        PriceLevel best = opposite.best();
        return best != null && (price == NO_PRICE || opposite.crossedBy(price, best.price));
    }

    /**
     * How much of an order of {@code owner} could trade on entry, up to {@code quantity}, honouring self-trade
     * prevention: the owner's own orders are skipped (cancel resting), end the count (cancel incoming), or count
     * (allow). Changes nothing.
     */
    public long fillableQuantity(int owner, Side side, long price, long quantity) {
        BookSide opposite = side == Side.BUY ? asks : bids;
        long fillable = 0;
        for (int rank = 0; rank < opposite.size(); rank++) {
            PriceLevel level = opposite.level(rank);
            if (price != NO_PRICE && !opposite.crossedBy(price, level.price)) {
                break;
            }
            for (Order resting = level.head; resting != null; resting = resting.nextInLevel) {
                if (resting.owner == owner && selfTradePrevention != SelfTradePrevention.ALLOW) {
                    if (selfTradePrevention == SelfTradePrevention.CANCEL_INCOMING) {
                        return fillable;
                    }
                    continue;
                }
                fillable += resting.remaining;
                if (fillable >= quantity) {
                    return quantity;
                }
            }
        }
        return fillable;
    }

    /** The resting order with this id, or null. */
    public Order order(long id) {
        return index.get(id);
    }

    /** How many orders rest in the book. */
    public int orderCount() {
        return index.size();
    }

    /** How many price levels {@code side} has. */
    public int levelCount(Side side) {
        return sideOf(side).size();
    }

    /** Price of the level {@code rank} places from the best (0 = best). */
    public long levelPrice(Side side, int rank) {
        return sideOf(side).level(rank).price;
    }

    /** Total open quantity at the level {@code rank} places from the best. */
    public long levelQuantity(Side side, int rank) {
        return sideOf(side).level(rank).quantity;
    }

    /** The oldest order at the level {@code rank} places from the best; follow {@link Order#nextInLevel()}. */
    public Order levelFirstOrder(Side side, int rank) {
        return sideOf(side).level(rank).head;
    }

    /**
     * Copies up to {@code prices.length} levels of {@code side}, best first, into the two arrays.
     *
     * @return the number of levels copied
     */
    public int depth(Side side, long[] prices, long[] quantities) {
        BookSide bookSide = sideOf(side);
        int n = Math.min(Math.min(prices.length, quantities.length), bookSide.size());
        for (int rank = 0; rank < n; rank++) {
            PriceLevel level = bookSide.level(rank);
            prices[rank] = level.price;
            quantities[rank] = level.quantity;
        }
        return n;
    }

    /** One of {@code owner}'s resting orders, or null; follow {@link Order#nextOfOwner()} for the rest. */
    public Order firstOf(int owner) {
        return owner < owners.length && owners[owner] != null ? owners[owner].head : null;
    }

    /** How many orders {@code owner} has resting. */
    public int openOrderCount(int owner) {
        return owner < owners.length && owners[owner] != null ? owners[owner].count : 0;
    }

    /** Total open quantity of {@code owner}'s resting orders on {@code side}. */
    public long openQuantity(int owner, Side side) {
        if (owner >= owners.length || owners[owner] == null) {
            return 0;
        }
        return side == Side.BUY ? owners[owner].buyQuantity : owners[owner].sellQuantity;
    }

    /** Increases whenever the resting book changes, so a caller can tell cheaply whether it changed. */
    public long changeCount() {
        return changeCount;
    }

    // -------------------------------------------------------------------------------------------- internals

    private long execute(Order incoming, boolean mayRest) {
        BookSide opposite = incoming.side == Side.BUY ? asks : bids;
        boolean selfTradeStop = false;
        while (incoming.remaining > 0) {
            PriceLevel level = opposite.best();
            if (level == null || (incoming.price != NO_PRICE && !opposite.crossedBy(incoming.price, level.price))) {
                break;
            }
            Order resting = level.head;
            if (resting.owner == incoming.owner && selfTradePrevention != SelfTradePrevention.ALLOW) {
                if (selfTradePrevention == SelfTradePrevention.CANCEL_INCOMING) {
                    selfTradeStop = true;
                    break;
                }
                cancel(resting.id, CancelReason.SELF_TRADE);
                continue;
            }
            long quantity = Math.min(incoming.remaining, resting.remaining);
            incoming.remaining -= quantity;
            resting.remaining -= quantity;
            level.quantity -= quantity;
            owner(resting.owner).add(resting.side, -quantity);
            changeCount++;
            boolean restingDone = resting.remaining == 0;
            if (restingDone) {
                remove(resting);
            }
            listener.match(resting, incoming, level.price, quantity);
            if (restingDone) {
                release(resting);
            }
        }
        long left = incoming.remaining;
        if (left == 0) {
            release(incoming);
            return 0;
        }
        if (mayRest && !selfTradeStop) {
            rest(incoming);
            return left;
        }
        CancelReason reason = selfTradeStop ? CancelReason.SELF_TRADE
                : incoming.price == NO_PRICE ? CancelReason.MARKET_REMAINDER : CancelReason.IOC_REMAINDER;
        listener.cancelled(incoming, left, reason);
        release(incoming);
        return 0;
    }

    private void rest(Order order) {
        BookSide side = sideOf(order.side);
        PriceLevel level = side.find(order.price);
        if (level == null) {
            level = newLevel(order.price);
            side.insert(level);
        }
        level.append(order);
        index.put(order);
        owner(order.owner).link(order);
        changeCount++;
    }

    /** Takes a resting order out of its level, the index and its owner's list. */
    private void remove(Order order) {
        PriceLevel level = order.level;
        level.unlink(order);
        if (level.orderCount == 0) {
            sideOf(order.side).remove(level);
            level.head = null;
            level.tail = null;
            level.quantity = 0;
            level.nextFree = freeLevels;
            freeLevels = level;
        }
        index.remove(order.id);
        owner(order.owner).unlink(order);
        changeCount++;
    }

    private BookSide sideOf(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    private OwnerOrders owner(int owner) {
        if (owner >= owners.length) {
            owners = Arrays.copyOf(owners, Math.max(owners.length * 2, owner + 1));
        }
        OwnerOrders orders = owners[owner];
        if (orders == null) {
            orders = new OwnerOrders();
            owners[owner] = orders;
        }
        return orders;
    }

    private Order newOrder() {
        Order order = freeOrders;
        if (order == null) {
            return new Order();
        }
        freeOrders = order.nextInLevel;
        order.nextInLevel = null;
        return order;
    }

    private void release(Order order) {
        order.clear();
        order.nextInLevel = freeOrders;
        freeOrders = order;
    }

    private PriceLevel newLevel(long price) {
        PriceLevel level = freeLevels;
        if (level == null) {
            level = new PriceLevel();
        } else {
            freeLevels = level.nextFree;
            level.nextFree = null;
        }
        level.price = price;
        return level;
    }

    /** An owner's resting orders as an intrusive list, with running totals for risk checks. */
    private static final class OwnerOrders {
        Order head;
        int count;
        long buyQuantity;
        long sellQuantity;

        void link(Order order) {
            order.prevOfOwner = null;
            order.nextOfOwner = head;
            if (head != null) {
                head.prevOfOwner = order;
            }
            head = order;
            count++;
            add(order.side, order.remaining);
        }

        void unlink(Order order) {
            if (order.prevOfOwner == null) {
                head = order.nextOfOwner;
            } else {
                order.prevOfOwner.nextOfOwner = order.nextOfOwner;
            }
            if (order.nextOfOwner != null) {
                order.nextOfOwner.prevOfOwner = order.prevOfOwner;
            }
            order.prevOfOwner = null;
            order.nextOfOwner = null;
            count--;
            add(order.side, -order.remaining);
        }

        void add(Side side, long quantity) {
            if (side == Side.BUY) {
                buyQuantity += quantity;
            } else {
                sellQuantity += quantity;
            }
        }
    }
}
