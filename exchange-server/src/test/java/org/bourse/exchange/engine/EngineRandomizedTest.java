package org.bourse.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.book.Order;
import org.bourse.exchange.book.OrderBook;
import org.bourse.exchange.engine.EngineEvent.AccountUpdate;
import org.bourse.exchange.engine.EngineEvent.AllOrdersCancelled;
import org.bourse.exchange.engine.EngineEvent.BookUpdate;
import org.bourse.exchange.engine.EngineEvent.CancelRejected;
import org.bourse.exchange.engine.EngineEvent.Level;
import org.bourse.exchange.engine.EngineEvent.Liquidation;
import org.bourse.exchange.engine.EngineEvent.OrderAccepted;
import org.bourse.exchange.engine.EngineEvent.OrderCancelled;
import org.bourse.exchange.engine.EngineEvent.OrderRejected;
import org.bourse.exchange.engine.EngineEvent.OrderReplaced;
import org.bourse.exchange.engine.EngineEvent.ReplaceRejected;
import org.bourse.exchange.engine.EngineEvent.Sequenced;
import org.bourse.exchange.engine.EngineEvent.Trade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Long seeded random command streams: several traders, every command type, prices around a drifting mid so that
 * books cross, short halts, sudden jumps that push leveraged traders into liquidation, and now and then a cancel or
 * a replace from a stranger who never places an order. Invariants are checked
 * after every command. A failure names the seed and the command; replay one seed with {@code -Dbourse.seed=N}.
 */
class EngineRandomizedTest {

    private static final int COMMANDS = 20_000;
    /** Market makers quote small; whales trade big enough to hit the margin, the position limit and liquidation. */
    private static final String[] TRADERS = {"mm0", "mm1", "mm2", "t3", "t4", "t5", "whale6", "whale7"};
    /** Sends cancels, cancel-alls and replaces, never an order: it must never have an account. */
    private static final String STRANGER = "stranger";
    private static final EngineConfig CONFIG = EngineConfig.defaults().withStartingCash(300_000)
            .withLimits(500, 200, 3_000, 40).withLiquidationCooldownMillis(3_000);
    /** Book updates copy this many levels per side, as the market-data stream would. */
    private static final int DEPTH = 10;

    static Stream<Long> seeds() {
        String seed = System.getProperty("bourse.seed");
        return seed != null ? Stream.of(Long.parseLong(seed)) : LongStream.rangeClosed(1, 10).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void invariantsHoldAfterEveryCommand(long seed) {
        Simulation run = new Simulation(seed);
        run.run(COMMANDS);

        // the stream really exercised the engine, and the checks really looked: without these the invariants
        // would prove little
        assertThat(run.count(Trade.class)).as("trades").isGreaterThan(COMMANDS / 10);
        assertThat(run.count(OrderRejected.class)).as("rejects").isGreaterThan(0);
        assertThat(run.count(OrderReplaced.class)).as("replaces").isGreaterThan(COMMANDS / 500);
        assertThat(run.count(Liquidation.class)).as("liquidations, seed %d", seed).isGreaterThan(0);
        assertThat(run.engine.accountCount()).as("accounts").isEqualTo(TRADERS.length);
        assertThat(run.strangerCommands).as("commands from a stranger").isGreaterThan(COMMANDS / 200);
        assertThat(run.accountsChecked).as("account checks").isGreaterThan((long) COMMANDS * TRADERS.length * 9 / 10);
        assertThat(run.ordersAccountedFor).as("accepted orders accounted for").isGreaterThan(COMMANDS / 5);
        assertThat(run.updatesCompared).as("account updates compared").isGreaterThan(COMMANDS / 10);
        assertThat(run.positionsCheckedForMaintenance).as("positions checked for maintenance")
                .isGreaterThan(COMMANDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theSameCommandsAlwaysYieldTheSameEvents(long seed) {
        Simulation run = new Simulation(seed);
        run.run(COMMANDS / 2);

        List<EngineEvent> first = replay(run.commands);
        List<EngineEvent> second = replay(run.commands);

        assertThat(first).as("seed %d", seed).isEqualTo(run.events);
        assertThat(second).as("seed %d", seed).isEqualTo(first);
        assertThat(run.count(Trade.class)).as("trades compared").isGreaterThan(COMMANDS / 20);
    }

    @Test
    void aTeeGivesEachOfItsListenersEveryEventInOrder() {
        Simulation run = new Simulation(1);
        run.run(COMMANDS / 2);
        List<EngineEvent> first = new ArrayList<>();
        List<EngineEvent> second = new ArrayList<>();
        Engine engine = new Engine(CONFIG, Tee.of(new EventRecorder(DEPTH, first::add),
                new EventRecorder(DEPTH, second::add)));

        run.commands.forEach(engine::apply);

        assertThat(first).isEqualTo(run.events);
        assertThat(second).isEqualTo(run.events);
        // every kind of event passed through it
        assertThat(run.events).extracting(Object::getClass).map(Class::getSimpleName).contains("OrderAccepted",
                "OrderRejected", "OrderCancelled", "OrderReplaced", "AllOrdersCancelled", "CancelRejected",
                "ReplaceRejected", "Trade", "BookUpdate", "AccountUpdate", "Liquidation");
        EngineListener alone = new EventRecorder(DEPTH, event -> { });
        assertThat(Tee.of(alone)).isSameAs(alone);
    }

    private static List<EngineEvent> replay(List<Command> commands) {
        List<EngineEvent> events = new ArrayList<>();
        Engine engine = new Engine(CONFIG, new EventRecorder(DEPTH, events::add));
        commands.forEach(engine::apply);
        return events;
    }

    /** Generates commands from the engine's answers so far (ids to cancel, replace) and checks every step. */
    private static final class Simulation {
        final long seed;
        final Random random;
        final List<EngineEvent> events = new ArrayList<>();
        final Engine engine = new Engine(CONFIG, new EventRecorder(DEPTH, events::add));
        final List<Command> commands = new ArrayList<>();
        /** Recently accepted GTC order ids and client ids per trader (some are long gone: that is fine). */
        final Map<String, List<Long>> orderIds = new HashMap<>();
        final Map<Long, String> clientIds = new HashMap<>();
        long clock = 1_700_000_000_000L;
        long mid = 10_000;
        int clientSeq;
        long expectedSeq;
        /** How much the checks verified: a guard that a run cannot pass by checking nothing. */
        long accountsChecked;
        long ordersAccountedFor;
        long updatesCompared;
        long positionsCheckedForMaintenance;
        long strangerCommands;

        Simulation(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        long count(Class<? extends EngineEvent> type) {
            return events.stream().filter(type::isInstance).count();
        }

        void run(int n) {
            for (int i = 0; i < n; i++) {
                Command command = next();
                commands.add(command);
                State before = new State(engine, command);
                int from = events.size();
                try {
                    engine.apply(command);
                    List<EngineEvent> step = events.subList(from, events.size());
                    check(command, before, step);
                    remember(step);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("seed " + seed + ", command #" + i + ": " + command
                            + " (replay: -Dbourse.seed=" + seed + ")\n" + e.getMessage()
                            + "\nevents: " + events.subList(from, events.size()), e);
                }
            }
        }

        // ---------------------------------------------------------------------------------- generation

        private Command next() {
            clock += random.nextInt(400);
            // a random walk pulled toward the mark (so that orders stay in the price band) and back to 10 000
            mid += random.nextInt(41) - 20 + (engine.mark() - mid) / 50 + (10_000 - mid) / 500;
            if (random.nextInt(400) == 0) {
                // a sudden move: leveraged traders on the wrong side fall below maintenance
                mid += (random.nextBoolean() ? 1 : -1) * (1_000 + random.nextInt(1_500));
            }
            mid = Math.max(3_000, Math.min(30_000, mid));

            if (engine.tradingHalted() && random.nextInt(4) == 0) {
                return new Command.SetTradingHalted(clock, false);
            }
            if (random.nextInt(100) == 0) {
                strangerCommands++;
                return switch (random.nextInt(3)) {
                    case 0 -> cancel(STRANGER);
                    case 1 -> new Command.CancelAllOrders(clock, STRANGER);
                    default -> new Command.ReplaceOrder(clock, STRANGER, someOrderOf(TRADERS[0]), null, mid, 1);
                };
            }
            String trader = TRADERS[random.nextInt(TRADERS.length)];
            Account account = engine.findAccount(trader);
            if (account != null && account.bankrupt() && random.nextInt(5) != 0) {
                trader = TRADERS[random.nextInt(TRADERS.length)]; // bankrupt traders soon give up, mostly
            }
            boolean whale = trader.startsWith("whale");
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            long qty = whale ? 10 + random.nextInt(71) : 1 + random.nextInt(10);
            int roll = random.nextInt(100);
            if (roll < 40) {
                return place(trader, side, OrderType.LIMIT, price(side), qty, TimeInForce.GTC,
                        random.nextInt(7) == 0);
            } else if (roll < 48) {
                return place(trader, side, OrderType.LIMIT, price(side), qty, TimeInForce.IOC, false);
            } else if (roll < 52) {
                return place(trader, side, OrderType.LIMIT, price(side), qty, TimeInForce.FOK, false);
            } else if (roll < 62) {
                return place(trader, side, OrderType.MARKET, 0, qty,
                        random.nextInt(5) == 0 ? TimeInForce.FOK : TimeInForce.IOC, false);
            } else if (roll < 75) {
                return cancel(trader);
            } else if (roll < 79) {
                return new Command.CancelAllOrders(clock, trader);
            } else if (roll < 92) {
                long id = someOrderOf(trader);
                long price = random.nextInt(3) == 0 ? 0 : price(side);
                long newQty = random.nextInt(3) == 0 ? 0 : qty;
                return new Command.ReplaceOrder(clock, trader, id, null, price, newQty);
            } else if (roll < 94) {
                // the kill switch, sometimes flipped to the state it already has
                return new Command.SetTradingHalted(clock, random.nextInt(3) != 0);
            } else if (roll < 96) {
                // the exchange's own: a trader's last connection closed, or the market's closing valuation
                return random.nextInt(4) == 0 ? new Command.MarkToMarket(clock) : new Command.Disconnect(clock, trader);
            } else {
                return switch (random.nextInt(4)) {
                    case 0 -> place(trader, side, OrderType.LIMIT, price(side), -random.nextInt(3), TimeInForce.GTC,
                            false);
                    case 1 -> place(trader, side, OrderType.LIMIT, -random.nextInt(3), qty, TimeInForce.GTC, false);
                    case 2 -> place(trader, side, OrderType.LIMIT, price(side), 501 + random.nextInt(100),
                            TimeInForce.GTC, false);
                    default -> new Command.ReplaceOrder(clock, trader, someOrderOf(trader), null,
                            -random.nextInt(2), -random.nextInt(2));
                };
            }
        }

        /** Around the mid, mostly passive, sometimes crossing. */
        private long price(Side side) {
            long offset = random.nextInt(120) - 30;
            return Math.max(1, side == Side.BUY ? mid - offset : mid + offset);
        }

        private Command place(String trader, Side side, OrderType type, long price, long qty, TimeInForce tif,
                              boolean postOnly) {
            return new Command.PlaceOrder(clock, trader, trader + "-" + ++clientSeq, side, type, price, qty, tif,
                    postOnly);
        }

        private Command cancel(String trader) {
            int how = random.nextInt(10);
            if (how < 7) {
                return new Command.CancelOrder(clock, trader, someOrderOf(trader), null);
            }
            if (how < 8) {
                long id = someOrderOf(trader);
                return new Command.CancelOrder(clock, trader, 0, clientIds.getOrDefault(id, "nope"));
            }
            if (how < 9) {
                // another trader's order: must be answered as unknown and left alone
                return new Command.CancelOrder(clock, trader, someOrderOf(TRADERS[random.nextInt(TRADERS.length)]),
                        null);
            }
            return new Command.CancelOrder(clock, trader, 1_000_000 + random.nextInt(1_000), null);
        }

        private long someOrderOf(String trader) {
            List<Long> ids = orderIds.getOrDefault(trader, List.of());
            return ids.isEmpty() ? 1 + random.nextInt(1_000) : ids.get(ids.size() - 1 - random.nextInt(ids.size()));
        }

        private void remember(List<EngineEvent> step) {
            for (EngineEvent e : step) {
                if (e instanceof OrderAccepted a && a.timeInForce() == TimeInForce.GTC) {
                    List<Long> ids = orderIds.computeIfAbsent(a.traderId(), k -> new ArrayList<>());
                    ids.add(a.orderId());
                    if (ids.size() > 60) {
                        clientIds.remove(ids.remove(0));
                    }
                    clientIds.put(a.orderId(), a.clientOrderId());
                }
            }
        }

        // ------------------------------------------------------------------------------------ invariants

        /** What the checks need from before the command. */
        private record State(long mark, List<Level> bids, List<Level> asks, boolean bankrupt, boolean frozen,
                             boolean halted, Set<String> bankruptTraders, int accountCount, boolean opensAccount) {
            State(Engine engine, Command command) {
                this(engine.mark(), levels(engine.book(), Side.BUY), levels(engine.book(), Side.SELL),
                        isBankrupt(engine, command), isFrozen(engine, command), engine.tradingHalted(),
                        bankruptTraders(engine), engine.accountCount(),
                        command instanceof Command.PlaceOrder o && engine.findAccount(o.traderId()) == null);
            }

            private static String traderOf(Command command) {
                if (command instanceof Command.PlaceOrder o) {
                    return o.traderId();
                } else if (command instanceof Command.ReplaceOrder r) {
                    return r.traderId();
                } else if (command instanceof Command.CancelOrder c) {
                    return c.traderId();
                } else if (command instanceof Command.CancelAllOrders c) {
                    return c.traderId();
                } else if (command instanceof Command.Disconnect d) {
                    return d.traderId();
                }
                return null;
            }

            private static boolean isBankrupt(Engine engine, Command command) {
                String trader = traderOf(command);
                Account account = trader == null ? null : engine.findAccount(trader);
                return account != null && account.bankrupt();
            }

            private static boolean isFrozen(Engine engine, Command command) {
                String trader = traderOf(command);
                Account account = trader == null ? null : engine.findAccount(trader);
                return account != null && account.frozenAt(command.timestamp());
            }

            private static Set<String> bankruptTraders(Engine engine) {
                Set<String> bankrupt = new HashSet<>();
                for (int i = 0; i < engine.accountCount(); i++) {
                    if (engine.accountAt(i).bankrupt()) {
                        bankrupt.add(engine.accountAt(i).traderId());
                    }
                }
                return bankrupt;
            }
        }

        private void check(Command command, State before, List<EngineEvent> step) {
            checkAccounts();
            checkAccountOpening(command, before, step);
            checkSequencing(step);
            checkBook(before, step);
            checkAnswer(command, before, step);
            checkTradesAndBankrupts(before, step);
            checkAccountUpdates(command, before, step);
            checkMaintenance(before, step);
        }

        /** Money is conserved, positions net to zero, and every account keeps the cash identity. */
        private void checkAccounts() {
            long cash = 0;
            long positions = 0;
            for (int i = 0; i < engine.accountCount(); i++) {
                Account a = engine.accountAt(i);
                cash += a.cash();
                positions += a.position();
                require(a.cash() == CONFIG.startingCash() - a.costBasis() + a.realizedPnl(),
                        "cash identity broken: %s", a);
                require(Math.abs(a.position()) <= CONFIG.maxPosition(), "position limit exceeded: %s", a);
                require(!a.bankrupt() || engine.book().openOrderCount(a.index()) == 0,
                        "bankrupt %s has resting orders", a);
                accountsChecked++;
            }
            require(cash == engine.accountCount() * CONFIG.startingCash(), "total cash %d", cash);
            require(positions == 0, "net position %d", positions);
        }

        /**
         * Only an order opens an account (refused or not), and its command announces it; a cancel, a cancel-all or
         * a replace from a trader without an account opens none.
         */
        private void checkAccountOpening(Command command, State before, List<EngineEvent> step) {
            int opened = engine.accountCount() - before.accountCount();
            require(opened == (before.opensAccount() ? 1 : 0), "%d accounts opened", opened);
            require(engine.findAccount(STRANGER) == null, "a stranger who never placed an order has an account");
            if (before.opensAccount()) {
                String trader = State.traderOf(command);
                require(engine.accountAt(before.accountCount()).traderId().equals(trader), "opened for another");
                require(step.stream().anyMatch(e -> e instanceof AccountUpdate u && u.traderId().equals(trader)),
                        "the new account of %s is not announced", trader);
            }
        }

        private void checkSequencing(List<EngineEvent> step) {
            for (EngineEvent e : step) {
                if (e instanceof Sequenced s) {
                    require(s.seq() == ++expectedSeq, "expected seq %d: %s", expectedSeq, e);
                }
            }
            require(engine.lastSeq() == expectedSeq, "lastSeq %d, expected %d", engine.lastSeq(), expectedSeq);
        }

        /** Never crossed; the last book update shows the book as it is, and without one the book did not change. */
        private void checkBook(State before, List<EngineEvent> step) {
            OrderBook book = engine.book();
            require(book.bestBid() == OrderBook.NO_PRICE || book.bestAsk() == OrderBook.NO_PRICE
                    || book.bestBid() < book.bestAsk(), "crossed book: %d / %d", book.bestBid(), book.bestAsk());
            List<Level> bids = levels(book, Side.BUY);
            List<Level> asks = levels(book, Side.SELL);
            BookUpdate last = null;
            for (EngineEvent e : step) {
                if (e instanceof BookUpdate u) {
                    last = u;
                }
            }
            if (last == null) {
                require(bids.equals(before.bids()) && asks.equals(before.asks()),
                        "the book changed without a book update: %s / %s", bids, asks);
            } else {
                require(last.bids().equals(bids.subList(0, Math.min(DEPTH, bids.size())))
                        && last.asks().equals(asks.subList(0, Math.min(DEPTH, asks.size()))),
                        "the last book update is not the book: %s / %s", bids, asks);
            }
        }

        /**
         * Exactly one answer, first; a refused trader gets a reject and nothing else but, when the refused order
         * opened its account, that account's announcement.
         */
        private void checkAnswer(Command command, State before, List<EngineEvent> step) {
            boolean refused = before.bankrupt() || before.frozen() || before.halted();
            EngineEvent answer = step.isEmpty() ? null : step.get(0);
            if (command instanceof Command.PlaceOrder o) {
                long answers = step.stream().filter(e -> e instanceof OrderAccepted || e instanceof OrderRejected)
                        .count();
                require(answers == 1, "%d answers to one order", answers);
                if (answer instanceof OrderRejected r) {
                    require(step.size() == (before.opensAccount() ? 2 : 1), "events after a reject");
                    require(!before.opensAccount() || step.get(1) instanceof AccountUpdate u
                            && u.traderId().equals(o.traderId()) && u.position() == 0
                            && u.cash() == CONFIG.startingCash(), "after the reject, not the new account: %s", step);
                    require(r.traderId().equals(o.traderId()) && Objects.equals(r.clientOrderId(),
                            o.clientOrderId()), "reject for another order: %s", r);
                    require(!refused || r.reason() == RejectReason.TRADING_HALTED
                                    || r.reason() == (before.bankrupt() ? RejectReason.ACCOUNT_BANKRUPT
                                    : RejectReason.ACCOUNT_FROZEN),
                            "a bankrupt or frozen trader's order refused for another reason: %s", r);
                } else {
                    require(answer instanceof OrderAccepted, "the first event is not the answer");
                    require(!refused, "order accepted from a bankrupt or frozen trader, or while halted");
                    checkQuantityAccountedFor(o, (OrderAccepted) answer, step);
                }
            } else if (command instanceof Command.ReplaceOrder) {
                if (answer instanceof ReplaceRejected) {
                    require(step.size() == 1, "events after a reject");
                } else {
                    require(answer instanceof OrderReplaced, "the first event is not the answer");
                    require(!refused, "replace accepted for a bankrupt or frozen trader, or while halted");
                }
            } else if (command instanceof Command.CancelOrder c) {
                if (answer instanceof CancelRejected) {
                    require(step.size() == 1, "events after a reject");
                } else {
                    require(answer instanceof OrderCancelled cancelled && cancelled.traderId().equals(c.traderId())
                            && cancelled.reason() == CancelReason.REQUESTED, "the first event is not the answer");
                }
            } else if (command instanceof Command.CancelAllOrders c) {
                for (OrderCancelled e : EngineHarness.only(step, OrderCancelled.class)) {
                    require(e.traderId().equals(c.traderId()) || e.reason() != CancelReason.REQUESTED,
                            "cancel-all cancelled another trader's order: %s", e);
                }
                // (what follows a stranger's answer can only be the maintenance check every command ends with)
                require(engine.findAccount(c.traderId()) != null
                        || step.get(0).equals(new AllOrdersCancelled(c.timestamp(), c.traderId(), 0)),
                        "a cancel-all from a trader without an account cancelled something: %s", step);
            } else if (command instanceof Command.SetTradingHalted halt) {
                long statuses = step.stream().filter(EngineEvent.TradingStatus.class::isInstance).count();
                require(statuses == (halt.halted() == before.halted() ? 0 : 1), "%d status events", statuses);
            } else if (command instanceof Command.Disconnect d) {
                for (OrderCancelled e : EngineHarness.only(step, OrderCancelled.class)) {
                    require(e.traderId().equals(d.traderId()) || e.reason() != CancelReason.DISCONNECT,
                            "a disconnect cancelled another trader's order: %s", e);
                }
                Account account = engine.findAccount(d.traderId());
                require(account == null || engine.book().openOrderCount(account.index()) == 0,
                        "orders left resting after %s", d);
            } else if (command instanceof Command.MarkToMarket) {
                require(step.size() == engine.accountCount(), "the closing valuation made %d events for %d accounts",
                        step.size(), engine.accountCount());
                for (int i = 0; i < step.size(); i++) {
                    require(step.get(i) instanceof AccountUpdate update
                            && update.traderId().equals(engine.accountAt(i).traderId())
                            && update.markPrice() == before.mark(), "not every account at one mark: %s", step);
                }
            }
        }

        /** Filled + cancelled + resting == ordered; FOK all or nothing; post-only never takes. */
        private void checkQuantityAccountedFor(Command.PlaceOrder o, OrderAccepted accepted,
                                               List<EngineEvent> step) {
            long id = accepted.orderId();
            long filled = 0;
            long taken = 0;
            long cancelled = 0;
            // what rested may be hit in the same command by a liquidation: then the new order is the maker
            for (EngineEvent e : step) {
                if (e instanceof Trade t && (t.buy().orderId() == id || t.sell().orderId() == id)) {
                    filled += t.quantity();
                    boolean maker = t.buy().orderId() == id ? t.buy().maker() : t.sell().maker();
                    taken += maker ? 0 : t.quantity();
                } else if (e instanceof OrderCancelled c && c.orderId() == id) {
                    cancelled += c.quantity();
                }
            }
            Order resting = engine.book().order(id);
            long rests = resting == null ? 0 : resting.remaining();
            require(filled + cancelled + rests == o.quantity(), "order %d: filled %d + cancelled %d + resting %d",
                    id, filled, cancelled, rests);
            boolean immediate = accepted.timeInForce() != TimeInForce.GTC || o.type() == OrderType.MARKET;
            require(!immediate || rests == 0, "an immediate order rests");
            require(accepted.timeInForce() != TimeInForce.FOK || filled == o.quantity(), "FOK filled %d", filled);
            require(!o.postOnly() || taken == 0, "a post-only order took %d", taken);
            ordersAccountedFor++;
        }

        /** Trades are positive, never self-trades, never a bankrupt's; a bankrupt is not liquidated again. */
        private void checkTradesAndBankrupts(State before, List<EngineEvent> step) {
            for (EngineEvent e : step) {
                if (e instanceof Trade t) {
                    require(t.quantity() > 0 && t.price() > 0, "empty or free trade %s", t);
                    require(!t.buy().traderId().equals(t.sell().traderId()), "self-trade %s", t);
                    require(!before.bankruptTraders().contains(t.buy().traderId())
                            && !before.bankruptTraders().contains(t.sell().traderId()), "a bankrupt traded: %s", t);
                } else if (e instanceof Liquidation l) {
                    require(!before.bankruptTraders().contains(l.traderId()), "bankrupt liquidated again: %s", l);
                    require(l.quantity() >= 0, "negative liquidation %s", l);
                }
            }
        }

        /**
         * Updates are self-consistent, go only to traders who traded or whose account opened (or to everyone, at the
         * closing valuation), at most once per
         * trader between liquidations (one event group), and each trader's last one shows its account as it is.
         */
        private void checkAccountUpdates(Command command, State before, List<EngineEvent> step) {
            Set<String> concerned = new HashSet<>();
            if (before.opensAccount()) {
                concerned.add(State.traderOf(command));
            }
            if (command instanceof Command.MarkToMarket) {
                for (int i = 0; i < engine.accountCount(); i++) {
                    concerned.add(engine.accountAt(i).traderId()); // the closing valuation states every account
                }
            }
            for (Trade t : EngineHarness.only(step, Trade.class)) {
                concerned.add(t.buy().traderId());
                concerned.add(t.sell().traderId());
            }
            Map<String, AccountUpdate> last = new HashMap<>();
            Set<String> updatedInGroup = new HashSet<>();
            for (EngineEvent e : step) {
                if (e instanceof Liquidation) {
                    updatedInGroup.clear();
                } else if (e instanceof AccountUpdate u) {
                    require(u.unrealizedPnl() == u.position() * u.markPrice() - u.costBasis()
                            && u.equity() == u.cash() + u.position() * u.markPrice(), "inconsistent %s", u);
                    require(concerned.contains(u.traderId()), "an update for %s, who neither traded nor joined", u);
                    require(updatedInGroup.add(u.traderId()), "two updates for %s in one group", u.traderId());
                    last.put(u.traderId(), u);
                }
            }
            last.forEach((trader, u) -> {
                Account a = engine.findAccount(trader);
                require(u.position() == a.position() && u.cash() == a.cash() && u.costBasis() == a.costBasis()
                        && u.realizedPnl() == a.realizedPnl(), "last update %s but %s", u, a);
                updatesCompared++;
            });
        }

        /**
         * When the mark moved or anything traded (and trading runs), every trader with a position was checked:
         * whoever is still below maintenance margin must have been liquidated in this command.
         */
        private void checkMaintenance(State before, List<EngineEvent> step) {
            boolean traded = step.stream().anyMatch(Trade.class::isInstance);
            long mark = engine.mark();
            if (engine.tradingHalted() || (!traded && mark == before.mark())) {
                return;
            }
            Set<String> liquidated = new HashSet<>();
            EngineHarness.only(step, Liquidation.class).forEach(l -> liquidated.add(l.traderId()));
            for (int i = 0; i < engine.accountCount(); i++) {
                Account a = engine.accountAt(i);
                boolean breach = a.equity(mark) * 10_000
                        < Math.abs(a.position()) * mark * CONFIG.maintenanceMarginBps();
                require(a.position() == 0 || a.bankrupt() || !breach || liquidated.contains(a.traderId()),
                        "%s is below maintenance at mark %d and was not liquidated", a, mark);
                positionsCheckedForMaintenance += a.position() != 0 && !a.bankrupt() ? 1 : 0;
            }
        }

        private static void require(boolean condition, String message, Object... args) {
            if (!condition) {
                throw new AssertionError(String.format(message, args));
            }
        }

        private static List<Level> levels(OrderBook book, Side side) {
            List<Level> levels = new ArrayList<>();
            for (int rank = 0; rank < book.levelCount(side); rank++) {
                levels.add(new Level(book.levelPrice(side, rank), book.levelQuantity(side, rank)));
            }
            return levels;
        }
    }
}
