package org.bourse.exchange.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.RecordingListener.Event;
import org.bourse.exchange.book.ReferenceBook.RestingOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs long seeded random command streams through the real {@link OrderBook} and the naive {@link ReferenceBook}
 * and requires the same callbacks, the same answers and the same resting orders after every command, while
 * checking the real book's internal invariants.
 *
 * <p>Replay one failing run with
 * {@code mvn -pl exchange-server -am test -Dtest=OrderBookDifferentialTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbourse.seed=SEED -Dbourse.stp=MODE}; {@code -Dbourse.seeds=N} and {@code -Dbourse.commands=N} change how many
 * seeds and how many commands per seed run.
 */
class OrderBookDifferentialTest {

    private static final int SEEDS = Integer.getInteger("bourse.seeds", 20);
    private static final int COMMANDS = Integer.getInteger("bourse.commands", 20_000);

    /** Owners drawn with these weights: four busy ones so self-crossing is common, two high indexes now and then. */
    private static final int[] OWNER_DRAW = {0, 0, 1, 1, 2, 2, 3, 3, 17, 40};
    private static final int[] OWNERS = {0, 1, 2, 3, 5, 17, 40};
    private static final int MAX_OWNER = 40;
    private static final Side[] SIDES = Side.values();

    static Stream<Arguments> runs() {
        String seed = System.getProperty("bourse.seed");
        String mode = System.getProperty("bourse.stp");
        List<SelfTradePrevention> modes = mode == null ? List.of(SelfTradePrevention.values())
                : List.of(SelfTradePrevention.valueOf(mode));
        return modes.stream().flatMap(stp -> (seed == null ? LongStream.rangeClosed(1, SEEDS)
                : LongStream.of(Long.parseLong(seed))).mapToObj(s -> Arguments.of(stp, s)));
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("runs")
    void realBookAgreesWithReferenceBook(SelfTradePrevention selfTradePrevention, long seed) {
        Run run = new Run(selfTradePrevention, seed);
        run.run(COMMANDS);

        // the stream really exercised both books and the checks really compared: else agreement would prove little
        assertThat(run.entered).as("orders entered").isGreaterThan(COMMANDS / 3);
        assertThat(run.matchesCompared).as("executions compared").isGreaterThan(COMMANDS / 10);
        assertThat(run.cancelsCompared).as("cancellations compared").isGreaterThan(COMMANDS / 10);
        assertThat(run.replaced).as("replaces of resting orders").isGreaterThan(COMMANDS / 20);
        assertThat(run.ordersWalked).as("resting orders checked").isGreaterThan((long) COMMANDS * 5);
        assertThat(run.largestBook).as("largest book")
                .isGreaterThan(run.deepAt >= 0 ? Math.min(1_000, COMMANDS / 20) : Math.min(30, COMMANDS / 100));
    }

    /** Market phases: each favours different commands and price spreads, so that every code path gets traffic. */
    private enum Regime {
        // weights:  gtc ioc fok market post cancel cancelAll replace
        TIGHT(2, new int[] {30, 8, 6, 5, 10, 22, 1, 18}),
        NORMAL(8, new int[] {34, 8, 6, 5, 8, 14, 1, 20}),
        /** Builds a book of over a thousand orders on many levels: grows the index, the level arrays, the pools. */
        DEEP(60, new int[] {90, 0, 0, 0, 5, 2, 0, 3}),
        /** Large takers and mass cancels empty the book again. */
        DRAIN(8, new int[] {5, 15, 10, 25, 0, 25, 10, 10});

        final int spread;
        final int[] weights;
        final int totalWeight;

        Regime(int spread, int[] weights) {
            this.spread = spread;
            this.weights = weights;
            this.totalWeight = Arrays.stream(weights).sum();
        }
    }

    private enum Kind { GTC, IOC, FOK, MARKET, POST_ONLY, CANCEL, CANCEL_ALL, REPLACE }

    private record Level(long price, long quantity, List<RestingOrder> orders) {
    }

    private static final class Run {
        private final SelfTradePrevention selfTradePrevention;
        private final long seed;
        private final Random random;
        private final RecordingListener realEvents = new RecordingListener();
        private final RecordingListener referenceEvents = new RecordingListener();
        private final OrderBook real;
        private final ReferenceBook reference;

        private final Deque<String> recent = new ArrayDeque<>();
        private final long[] issuedIds = new long[64];
        private int issuedCount;
        private long nextId = 1;
        private long mid = 1_000;
        private Regime regime = Regime.NORMAL;
        private int regimeLeft = 1_000;
        /** When the one deep phase of this run starts, if it has one: a big book is slow to compare each step. */
        private final int deepAt;
        private int commandIndex;
        private String command;
        private boolean unorderedEvents;
        private long previousFingerprint = 17;
        private long previousChangeCount;
        /** How much was compared and checked: a guard that a run cannot pass by checking nothing. */
        private long matchesCompared;
        private long cancelsCompared;
        private long entered;
        private long replaced;
        private long ordersWalked;
        private int largestBook;

        Run(SelfTradePrevention selfTradePrevention, long seed) {
            this.selfTradePrevention = selfTradePrevention;
            this.seed = seed;
            this.random = new Random(seed * 31 + selfTradePrevention.ordinal());
            this.real = new OrderBook(selfTradePrevention, realEvents);
            this.reference = new ReferenceBook(selfTradePrevention, referenceEvents);
            this.deepAt = seed % 4 == 0 ? random.nextInt(Math.max(1, COMMANDS / 2)) : -1;
        }

        void run(int commands) {
            for (commandIndex = 0; commandIndex < commands; commandIndex++) {
                realEvents.clear();
                referenceEvents.clear();
                unorderedEvents = false;
                nextRegime();
                if (random.nextInt(20) == 0) {
                    mid = Math.max(200, Math.min(5_000, mid + (random.nextBoolean() ? 1 : -1)));
                }
                step(pickKind());
                remember(command);
                compareEvents();
                compareBooks();
                checkInvariants();
                probe();
            }
        }

        // ---------------------------------------------------------------------------------- command stream

        private void nextRegime() {
            int size = reference.orderCount();
            if (commandIndex == deepAt) {
                regime = Regime.DEEP;
            } else if (regime == Regime.DEEP ? size >= 1_100 : regime == Regime.DRAIN ? size < 30 : --regimeLeft <= 0) {
                if (regime == Regime.DEEP) {
                    regime = Regime.DRAIN;
                } else {
                    regime = random.nextInt(100) < 45 ? Regime.TIGHT : Regime.NORMAL;
                    regimeLeft = 300 + random.nextInt(2_500);
                }
            }
        }

        private Kind pickKind() {
            int r = random.nextInt(regime.totalWeight);
            Kind kind = null;
            for (int i = 0; kind == null; i++) {
                r -= regime.weights[i];
                if (r < 0) {
                    kind = Kind.values()[i];
                }
            }
            // Outside the deep phase keep the book a few hundred orders at most, so each step stays cheap.
            if ((kind == Kind.GTC || kind == Kind.POST_ONLY) && regime != Regime.DEEP
                    && reference.orderCount() > 300 && random.nextBoolean()) {
                return Kind.CANCEL;
            }
            return kind;
        }

        private void step(Kind kind) {
            switch (kind) {
                case GTC, IOC, FOK, MARKET, POST_ONLY -> enter(kind);
                case CANCEL -> cancel();
                case CANCEL_ALL -> cancelAll();
                case REPLACE -> replace();
                default -> throw new AssertionError(kind);
            }
        }

        private void enter(Kind kind) {
            long id = newId();
            int owner = owner();
            Side side = side();
            String clientOrderId = random.nextInt(5) == 0 ? null : "c" + id;
            long quantity = kind == Kind.MARKET && regime == Regime.DRAIN ? 1 + random.nextInt(400) : quantity();
            long price = kind == Kind.MARKET ? OrderBook.NO_PRICE : limitPrice(side);
            TimeInForce timeInForce = switch (kind) {
                case IOC -> TimeInForce.IOC;
                case FOK -> TimeInForce.FOK;
                case MARKET -> TimeInForce.values()[random.nextInt(3)];
                default -> TimeInForce.GTC;
            };
            boolean postOnly = kind == Kind.POST_ONLY;
            command = "admission checks for " + kind + " owner=" + owner + " " + side + " " + quantity + "@" + price;

            // The engine's admission checks, asked of both books.
            if (postOnly && wouldTake(side, price)) {
                command = "skip post-only " + side + " @" + price + " (would take)";
                return;
            }
            if (timeInForce == TimeInForce.FOK || price == OrderBook.NO_PRICE) {
                long fillable = fillable(owner, side, price, quantity);
                if (timeInForce == TimeInForce.FOK && fillable > 0 && fillable < quantity && random.nextBoolean()) {
                    quantity = fillable; // so that fill-or-kill orders do get in now and then
                    fillable = fillable(owner, side, price, quantity);
                }
                if (timeInForce == TimeInForce.FOK ? fillable != quantity : fillable == 0) {
                    command = "skip " + timeInForce + " " + side + " " + quantity + "@" + price
                            + " (fillable " + fillable + ")";
                    return;
                }
            }
            command = "enter id=" + id + " owner=" + owner + " " + side + " " + quantity + "@" + price + " "
                    + timeInForce + (postOnly ? " post-only" : "") + " client=" + clientOrderId;
            long realLeft = real.enter(id, owner, clientOrderId, side, price, quantity, timeInForce, postOnly);
            long referenceLeft = reference.enter(id, owner, clientOrderId, side, price, quantity, timeInForce,
                    postOnly);
            check(realLeft == referenceLeft, () -> "enter returned " + realLeft + ", reference " + referenceLeft);
            entered++;
        }

        private void cancel() {
            long id = restingIdOrUnknown();
            CancelReason reason = random.nextInt(4) > 0 ? CancelReason.REQUESTED
                    : random.nextBoolean() ? CancelReason.LIQUIDATION : CancelReason.DISCONNECT;
            command = "cancel id=" + id + " " + reason;
            boolean realFound = real.cancel(id, reason);
            boolean referenceFound = reference.cancel(id, reason);
            check(realFound == referenceFound, () -> "cancel returned " + realFound + ", reference " + referenceFound);
        }

        private void cancelAll() {
            int owner = owner();
            CancelReason reason = random.nextBoolean() ? CancelReason.DISCONNECT : CancelReason.REQUESTED;
            command = "cancelAll owner=" + owner + " " + reason;
            unorderedEvents = true;
            int realCount = real.cancelAll(owner, reason);
            int referenceCount = reference.cancelAll(owner, reason);
            check(realCount == referenceCount, () -> "cancelAll returned " + realCount + ", reference "
                    + referenceCount);
        }

        private void replace() {
            long id = restingIdOrUnknown();
            RestingOrder order = reference.restingOrder(id);
            long price;
            long quantity;
            String how;
            if (order == null) {
                how = "unknown";
                price = limitPrice(side());
                quantity = quantity();
            } else {
                long bestOpposite = order.side() == Side.BUY ? reference.bestAsk() : reference.bestBid();
                int r = random.nextInt(6);
                if (r == 0) {
                    how = "reduce";
                    price = order.price();
                    quantity = 1 + random.nextInt((int) Math.min(order.remaining(), Integer.MAX_VALUE));
                } else if (r == 1) {
                    how = "unchanged";
                    price = order.price();
                    quantity = order.remaining();
                } else if (r == 2) {
                    how = "increase";
                    price = order.price();
                    quantity = order.remaining() + 1 + random.nextInt(10);
                } else if (r == 3 && bestOpposite != OrderBook.NO_PRICE) {
                    how = "cross";
                    long through = random.nextInt(3);
                    price = order.side() == Side.BUY ? bestOpposite + through : Math.max(1, bestOpposite - through);
                    quantity = random.nextBoolean() ? order.remaining() : quantity();
                } else {
                    how = "reprice";
                    price = Math.max(1, order.price() + random.nextInt(7) - 3);
                    quantity = random.nextBoolean() ? order.remaining() : quantity();
                }
            }
            command = "replace(" + how + ") id=" + id + " " + (order == null ? "" : order.side() + " ")
                    + quantity + "@" + price + (order == null ? "" : " was " + order.remaining() + "@" + order.price());
            boolean realFound = real.replace(id, price, quantity);
            boolean referenceFound = reference.replace(id, price, quantity);
            check(realFound == referenceFound, () -> "replace returned " + realFound + ", reference "
                    + referenceFound);
            replaced += realFound ? 1 : 0;
        }

        /** Asks both books the admission questions for random orders, whether or not anyone enters them. */
        private void probe() {
            Side side = side();
            long price = random.nextInt(5) == 0 ? OrderBook.NO_PRICE : limitPrice(side);
            command = "probe " + side + " @" + price;
            wouldTake(side, price);
            fillable(owner(), side, price, 1 + random.nextInt(200));
        }

        private boolean wouldTake(Side side, long price) {
            boolean realAnswer = real.wouldTake(side, price);
            boolean referenceAnswer = reference.wouldTake(side, price);
            check(realAnswer == referenceAnswer, () -> "wouldTake(" + side + ", " + price + ") = " + realAnswer
                    + ", reference " + referenceAnswer);
            return realAnswer;
        }

        private long fillable(int owner, Side side, long price, long quantity) {
            long realAnswer = real.fillableQuantity(owner, side, price, quantity);
            long referenceAnswer = reference.fillableQuantity(owner, side, price, quantity);
            check(realAnswer == referenceAnswer, () -> "fillableQuantity(" + owner + ", " + side + ", " + price
                    + ", " + quantity + ") = " + realAnswer + ", reference " + referenceAnswer);
            return realAnswer;
        }

        private long newId() {
            long id;
            int r = random.nextInt(20);
            if (r == 0) {
                // Scattered ids exercise the index's probing far more than consecutive ones.
                id = random.nextLong() & Long.MAX_VALUE;
            } else if (r <= 2 && issuedCount > 0) {
                // Ids may be reused once their order is gone: nothing of the old order may linger.
                id = issuedIds[random.nextInt(Math.min(issuedCount, issuedIds.length))];
            } else {
                id = nextId++;
            }
            if (id == 0 || reference.contains(id)) {
                id = nextId++;
            }
            issuedIds[issuedCount++ % issuedIds.length] = id;
            return id;
        }

        private long restingIdOrUnknown() {
            List<Long> ids = reference.restingIds();
            if (ids.isEmpty() || random.nextInt(20) == 0) {
                long id = issuedCount > 0 ? issuedIds[random.nextInt(Math.min(issuedCount, issuedIds.length))] : 1;
                return reference.contains(id) ? nextId + 1_000_000 : id;
            }
            // Favour recent orders, which sit near the top of the book where the action is.
            int n = ids.size();
            return ids.get(random.nextBoolean() ? n - 1 - random.nextInt(Math.min(n, 20)) : random.nextInt(n));
        }

        private int owner() {
            return OWNER_DRAW[random.nextInt(OWNER_DRAW.length)];
        }

        private Side side() {
            return random.nextBoolean() ? Side.BUY : Side.SELL;
        }

        /** Mostly near the mid, often through it, so that the book crosses often. */
        private long limitPrice(Side side) {
            long distance = Math.round(Math.abs(random.nextGaussian()) * regime.spread);
            if (random.nextInt(4) == 0) {
                distance -= 1 + random.nextInt(regime.spread + 2);
            }
            return Math.max(1, side == Side.BUY ? mid - distance : mid + distance);
        }

        private long quantity() {
            return random.nextInt(10) < 8 ? 1 + random.nextInt(10) : 1 + random.nextInt(60);
        }

        // ---------------------------------------------------------------------------------------- checks

        private void compareEvents() {
            List<Event> realList = realEvents.events;
            List<Event> referenceList = referenceEvents.events;
            if (unorderedEvents) {
                // cancelAll reports in no promised order.
                realList = sortedById(realList);
                referenceList = sortedById(referenceList);
            }
            if (!realList.equals(referenceList)) {
                assertThat(realList).as(context("callbacks differ (actual = real book, expected = reference)"))
                        .containsExactlyElementsOf(referenceList);
            }
            for (Event e : realList) {
                matchesCompared += e instanceof RecordingListener.Match ? 1 : 0;
                cancelsCompared += e instanceof RecordingListener.Cancel ? 1 : 0;
            }
        }

        private static List<Event> sortedById(List<Event> events) {
            return events.stream().sorted(Comparator.comparingLong(Event::id)).toList();
        }

        private void compareBooks() {
            for (Side side : SIDES) {
                if (!sameOrders(side, reference.restingOrders(side))) {
                    assertThat(realLevels(side))
                            .as(context(side + " side differs (actual = real book, expected = reference)"))
                            .containsExactlyElementsOf(referenceLevels(side));
                    throw new AssertionError(context(side + " side differs but its levels look alike"));
                }
            }
            check(real.bestBid() == reference.bestBid() && real.bestAsk() == reference.bestAsk(),
                    () -> "best bid/ask " + real.bestBid() + "/" + real.bestAsk() + ", reference "
                            + reference.bestBid() + "/" + reference.bestAsk());
            // Implied by the invariants (the real book's totals match its own orders) and the comparison above,
            // so asked now and then only, to keep the reference's answers honest too.
            if (commandIndex % 64 == 0) {
                for (int owner : OWNERS) {
                    for (Side side : SIDES) {
                        long realQuantity = real.openQuantity(owner, side);
                        long referenceQuantity = reference.openQuantity(owner, side);
                        check(realQuantity == referenceQuantity, () -> "openQuantity(" + owner + ", " + side
                                + ") = " + realQuantity + ", reference " + referenceQuantity);
                    }
                    int realCount = real.openOrderCount(owner);
                    int referenceCount = reference.openOrderCount(owner);
                    check(realCount == referenceCount, () -> "openOrderCount(" + owner + ") = " + realCount
                            + ", reference " + referenceCount);
                }
            }
        }

        /**
         * Whether the real book's side holds exactly {@code expected}, in that order, grouped into one level per
         * price with the right totals. Walks without building anything: this runs after every command.
         */
        private boolean sameOrders(Side side, List<RestingOrder> expected) {
            int i = 0;
            for (int rank = 0; rank < real.levelCount(side); rank++) {
                long levelQuantity = 0;
                for (Order o = real.levelFirstOrder(side, rank); o != null; o = o.nextInLevel()) {
                    if (i == expected.size()) {
                        return false;
                    }
                    RestingOrder e = expected.get(i++);
                    if (o.id() != e.id() || o.owner() != e.owner() || o.side() != e.side() || o.price() != e.price()
                            || o.remaining() != e.remaining()
                            || !Objects.equals(o.clientOrderId(), e.clientOrderId())
                            || e.price() != real.levelPrice(side, rank)) {
                        return false;
                    }
                    levelQuantity += e.remaining();
                }
                boolean levelEndsHere = i == expected.size() || expected.get(i).price() != real.levelPrice(side, rank);
                if (!levelEndsHere || levelQuantity != real.levelQuantity(side, rank)) {
                    return false;
                }
            }
            return i == expected.size();
        }

        private List<Level> realLevels(Side side) {
            List<Level> levels = new ArrayList<>(real.levelCount(side));
            for (int rank = 0; rank < real.levelCount(side); rank++) {
                List<RestingOrder> orders = new ArrayList<>();
                for (Order o = real.levelFirstOrder(side, rank); o != null && orders.size() <= real.orderCount();
                     o = o.nextInLevel()) {
                    orders.add(new RestingOrder(o.id(), o.owner(), o.clientOrderId(), o.side(), o.price(),
                            o.remaining()));
                }
                levels.add(new Level(real.levelPrice(side, rank), real.levelQuantity(side, rank), orders));
            }
            return levels;
        }

        private List<Level> referenceLevels(Side side) {
            List<Level> levels = new ArrayList<>();
            List<RestingOrder> orders = reference.restingOrders(side);
            int start = 0;
            while (start < orders.size()) {
                long price = orders.get(start).price();
                int end = start;
                long quantity = 0;
                while (end < orders.size() && orders.get(end).price() == price) {
                    quantity += orders.get(end++).remaining();
                }
                levels.add(new Level(price, quantity, orders.subList(start, end)));
                start = end;
            }
            return levels;
        }

        /** The real book's own consistency, independent of the reference: its structures must agree. */
        private void checkInvariants() {
            long bid = real.bestBid();
            long ask = real.bestAsk();
            if (bid != OrderBook.NO_PRICE && ask != OrderBook.NO_PRICE && bid >= ask) {
                throw failure("crossed book: bid " + bid + " >= ask " + ask);
            }
            Set<Order> seen = Collections.newSetFromMap(new IdentityHashMap<>(2 * real.orderCount()));
            int[] ownerCount = new int[MAX_OWNER + 1];
            long[][] ownerQuantity = new long[MAX_OWNER + 1][2];
            long fingerprint = 17;
            for (Side side : SIDES) {
                long best = side == Side.BUY ? bid : ask;
                if (real.levelCount(side) == 0 ? best != OrderBook.NO_PRICE : best != real.levelPrice(side, 0)) {
                    throw failure("best " + side + " price " + best + " is not that of level 0");
                }
                for (int rank = 0; rank < real.levelCount(side); rank++) {
                    long price = real.levelPrice(side, rank);
                    if (price <= 0) {
                        throw failure(side + " level " + rank + " has price " + price);
                    }
                    if (rank > 0 && (side == Side.BUY ? price >= real.levelPrice(side, rank - 1)
                            : price <= real.levelPrice(side, rank - 1))) {
                        throw failure(side + " levels not strictly sorted: " + real.levelPrice(side, rank - 1)
                                + " then " + price);
                    }
                    Order head = real.levelFirstOrder(side, rank);
                    PriceLevel level = head == null ? null : head.level;
                    if (level == null || level.price != price) {
                        throw failure(side + " level " + rank + " @" + price + " is empty or its head is elsewhere");
                    }
                    long sum = 0;
                    int orders = 0;
                    Order previous = null;
                    for (Order order = head; order != null; order = order.nextInLevel()) {
                        if (++orders > real.orderCount()) {
                            throw failure("cycle in " + side + " level @" + price);
                        }
                        if (order.level != level || order.prevInLevel != previous) {
                            throw failure(order + " badly linked in " + side + " level @" + price);
                        }
                        if (order.side() != side || order.price() != price || order.remaining() <= 0
                                || order.owner() > MAX_OWNER) {
                            throw failure(order + " does not belong in " + side + " level @" + price);
                        }
                        if (!seen.add(order) || real.order(order.id()) != order) {
                            throw failure(order + " twice in the book, or not what order(id) returns: "
                                    + real.order(order.id()));
                        }
                        sum += order.remaining();
                        ownerCount[order.owner()]++;
                        ownerQuantity[order.owner()][side.ordinal()] += order.remaining();
                        fingerprint = fingerprint * 1_000_003 + (order.id() * 31 + order.remaining()) * 31 + price;
                        previous = order;
                    }
                    if (level.quantity != sum || real.levelQuantity(side, rank) != sum) {
                        throw failure(side + " level @" + price + " says quantity " + level.quantity
                                + " but its orders sum to " + sum);
                    }
                    if (level.orderCount != orders || level.tail != previous) {
                        throw failure(side + " level @" + price + " says " + level.orderCount + " orders, holds "
                                + orders + ", tail " + level.tail + " vs " + previous);
                    }
                }
            }
            if (real.orderCount() != seen.size()) {
                throw failure("orderCount() = " + real.orderCount() + " but " + seen.size() + " orders rest in levels");
            }
            ordersWalked += seen.size();
            largestBook = Math.max(largestBook, seen.size());
            // Whoever caches by changeCount must never miss a change.
            if (fingerprint != previousFingerprint && real.changeCount() <= previousChangeCount) {
                throw failure("the book changed but changeCount stayed at " + previousChangeCount);
            }
            previousFingerprint = fingerprint;
            previousChangeCount = real.changeCount();

            for (int owner : OWNERS) {
                int listed = 0;
                long[] listedQuantity = new long[2];
                Order previous = null;
                for (Order order = real.firstOf(owner); order != null; order = order.nextOfOwner()) {
                    if (++listed > real.orderCount()) {
                        throw failure("cycle in the orders of owner " + owner);
                    }
                    if (order.owner() != owner || order.prevOfOwner != previous) {
                        throw failure(order + " badly linked in the orders of owner " + owner);
                    }
                    if (!seen.contains(order) || real.order(order.id()) != order) {
                        throw failure(order + " listed for owner " + owner + " but not resting");
                    }
                    listedQuantity[order.side().ordinal()] += order.remaining();
                    previous = order;
                }
                if (listed != ownerCount[owner] || real.openOrderCount(owner) != ownerCount[owner]) {
                    throw failure("owner " + owner + ": openOrderCount " + real.openOrderCount(owner)
                            + ", own list " + listed + ", in the book " + ownerCount[owner]);
                }
                for (Side side : SIDES) {
                    long booked = ownerQuantity[owner][side.ordinal()];
                    if (real.openQuantity(owner, side) != booked || listedQuantity[side.ordinal()] != booked) {
                        throw failure("owner " + owner + " " + side + ": openQuantity " + real.openQuantity(owner, side)
                                + ", own list " + listedQuantity[side.ordinal()] + ", in the book " + booked);
                    }
                }
            }
        }

        // ---------------------------------------------------------------------------------------- report

        private void check(boolean ok, Supplier<String> problem) {
            if (!ok) {
                throw failure(problem.get());
            }
        }

        private AssertionError failure(String problem) {
            return new AssertionError(context(problem));
        }

        private String context(String problem) {
            StringBuilder text = new StringBuilder()
                    .append(problem).append('\n')
                    .append("seed=").append(seed).append(" stp=").append(selfTradePrevention)
                    .append(" command #").append(commandIndex).append(" (").append(regime).append("): ")
                    .append(command).append('\n')
                    .append("events (real): ").append(realEvents.events).append('\n')
                    .append("events (reference): ").append(referenceEvents.events).append('\n')
                    .append("recent commands, oldest first:\n");
            recent.forEach(c -> text.append("  ").append(c).append('\n'));
            return text.append("replay: mvn -pl exchange-server -am test -Dsurefire.failIfNoSpecifiedTests=false")
                    .append(" -Dtest=OrderBookDifferentialTest -Dbourse.seed=").append(seed)
                    .append(" -Dbourse.stp=").append(selfTradePrevention).toString();
        }

        private void remember(String description) {
            if (recent.size() == 12) {
                recent.removeFirst();
            }
            recent.addLast("#" + commandIndex + " " + Objects.requireNonNull(description));
        }
    }
}
