package org.bourse.bench;

import java.util.SplittableRandom;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.BookListener;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.book.Order;
import org.bourse.exchange.book.OrderBook;
import org.bourse.exchange.book.SelfTradePrevention;

/**
 * Builds a seeded, reproducible {@link Workload}. While generating it plays every command into a model book (a
 * Bourse {@link OrderBook}), so it always knows which orders still rest: cancels only ever name live orders, and
 * aggressive orders are priced against the real best price. The engines then replay the same commands and
 * the correctness check confirms they agree with each other (and so with the model).
 */
public final class WorkloadGenerator {

    public static final long DEFAULT_SEED = 20_240_501L;
    /** Orders resting in the book before the measured stream starts; the stream keeps the book near this size. */
    public static final int RESTING_ORDERS = 500;

    static final double CANCEL_SHARE = 0.30;
    static final double MARKET_SHARE = 0.05;
    static final int TRADERS = 1_000;
    static final int MAX_QUANTITY = 20;
    static final long START_MID = 10_000;
    /** Passive orders rest up to this many ticks away from the mid, most of them close to it. */
    static final int MAX_PASSIVE_OFFSET = 40;
    /** Aggressive limit orders cross the opposite best price by up to this many ticks. */
    static final int MAX_AGGRESSIVE_REACH = 3;
    /** The mid takes a one-tick step this often: a slow random walk. */
    static final double MID_STEP_PROBABILITY = 1.0 / 50;

    private final long seed;
    private final SplittableRandom random;
    private final OrderBook model;
    private final long[] resting;
    private final int[] slotOf;
    private final int[] ownerOf;
    private int restingCount;
    private long nextId = 1;
    private long mid = START_MID;
    private long trades;

    private WorkloadGenerator(long seed, int maxOrders) {
        this.seed = seed;
        random = new SplittableRandom(seed);
        resting = new long[maxOrders + 1];
        slotOf = new int[maxOrders + 2];
        ownerOf = new int[maxOrders + 2];
        model = new OrderBook(SelfTradePrevention.ALLOW, new BookListener() {
            @Override
            public void match(Order restingOrder, Order incoming, long price, long quantity) {
                trades++;
                if (restingOrder.remaining() == 0) {
                    forget(restingOrder.id());
                }
            }

            @Override
            public void cancelled(Order order, long quantity, CancelReason reason) {
                // Requested cancels are forgotten by the generator itself; remainders of market orders never rested.
            }
        });
    }

    public static Workload standard(int commands) {
        return generate(DEFAULT_SEED, commands);
    }

    public static Workload generate(long seed, int commands) {
        return new WorkloadGenerator(seed, RESTING_ORDERS + commands).build(commands);
    }

    private Workload build(int commands) {
        CommandStream preload = new CommandStream(RESTING_ORDERS);
        for (int i = 0; i < RESTING_ORDERS; i++) {
            boolean buy = random.nextBoolean();
            limit(preload, buy, passivePrice(buy));
        }

        CommandStream stream = new CommandStream(commands);
        long tradesBefore = trades;
        int minResting = restingCount;
        int maxResting = restingCount;
        for (int i = 0; i < commands; i++) {
            if (random.nextDouble() < MID_STEP_PROBABILITY) {
                mid += random.nextBoolean() ? 1 : -1;
            }
            double roll = random.nextDouble();
            boolean buy = random.nextBoolean();
            if (roll < CANCEL_SHARE && restingCount > 0) {
                cancel(stream, resting[random.nextInt(restingCount)]);
            } else if (roll < CANCEL_SHARE + MARKET_SHARE) {
                market(stream, buy);
            } else if (random.nextDouble() < aggressiveShare()) {
                limit(stream, buy, aggressivePrice(buy));
            } else {
                limit(stream, buy, passivePrice(buy));
            }
            minResting = Math.min(minResting, restingCount);
            maxResting = Math.max(maxResting, restingCount);
        }
        long streamTrades = trades - tradesBefore;

        CommandStream teardown = new CommandStream(restingCount);
        while (restingCount > 0) {
            cancel(teardown, resting[restingCount - 1]);
        }
        return new Workload(seed, preload, stream, teardown, streamTrades, minResting, maxResting);
    }

    /**
     * The share of limit orders that cross. Cancels and fills remove orders at a fixed rate whatever the book's
     * size, so without this feedback the book would drift empty or grow without bound; leaning on it keeps the
     * book near {@link #RESTING_ORDERS} orders.
     */
    private double aggressiveShare() {
        double share = 0.25 + 0.5 * (restingCount - RESTING_ORDERS) / RESTING_ORDERS;
        return Math.max(0.05, Math.min(0.95, share));
    }

    private long passivePrice(boolean buy) {
        // The product of two uniforms leans towards 0: most orders rest near the mid, a few further out.
        long offset = 1 + (long) (random.nextDouble() * random.nextDouble() * MAX_PASSIVE_OFFSET);
        return buy ? mid - offset : mid + offset;
    }

    private long aggressivePrice(boolean buy) {
        long opposite = buy ? model.bestAsk() : model.bestBid();
        if (opposite == OrderBook.NO_PRICE) {
            opposite = mid;
        }
        long reach = random.nextInt(MAX_AGGRESSIVE_REACH + 1);
        return buy ? opposite + reach : opposite - reach;
    }

    private int trader() {
        return 1 + random.nextInt(TRADERS);
    }

    private long quantity() {
        return 1 + random.nextInt(MAX_QUANTITY);
    }

    private void limit(CommandStream out, boolean buy, long price) {
        long id = nextId++;
        int owner = trader();
        long quantity = quantity();
        out.add(CommandStream.LIMIT, id, owner, buy, price, quantity);
        long left = model.enter(id, owner, null, buy ? Side.BUY : Side.SELL, price, quantity, TimeInForce.GTC, false);
        if (left > 0) {
            remember(id, owner);
        }
    }

    private void market(CommandStream out, boolean buy) {
        long id = nextId++;
        int owner = trader();
        long quantity = quantity();
        out.add(CommandStream.MARKET, id, owner, buy, 0, quantity);
        model.enter(id, owner, null, buy ? Side.BUY : Side.SELL, OrderBook.NO_PRICE, quantity, TimeInForce.IOC, false);
    }

    private void cancel(CommandStream out, long id) {
        out.add(CommandStream.CANCEL, id, ownerOf[(int) id], model.order(id).side() == Side.BUY, 0, 0);
        if (!model.cancel(id, CancelReason.REQUESTED)) {
            throw new IllegalStateException("model lost track of order " + id);
        }
        forget(id);
    }

    private void remember(long id, int owner) {
        ownerOf[(int) id] = owner;
        slotOf[(int) id] = restingCount;
        resting[restingCount++] = id;
    }

    /** Removes {@code id} from the resting set by moving the last member into its slot. */
    private void forget(long id) {
        int slot = slotOf[(int) id];
        long last = resting[--restingCount];
        resting[slot] = last;
        slotOf[(int) last] = slot;
    }
}
