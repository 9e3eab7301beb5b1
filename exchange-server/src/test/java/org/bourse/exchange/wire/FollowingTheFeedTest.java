package org.bourse.exchange.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.Engine;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.MarketView.Outcome;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.ServerMessage.AccountState;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A follower that applies the exchange's events, exactly as they are published, to a {@link MarketView} states
 * what the exchange's own snapshot says, at every seq the exchange can take a snapshot at (between two commands):
 * on long seeded markets with deep books, crossing orders of every kind, cancels, replaces, the kill switch,
 * liquidations and bankruptcies, traders who never trade and traders who arrive late, for several tick sizes.
 * Followers join at the start and mid-stream, and one misses events now and then, notices the gap and starts again
 * from a fresh snapshot, sometimes after its relay lost the exchange for a while.
 *
 * <p>An account opens with its trader's first order and the feed names it then, traded or not, so a follower
 * states every account the exchange has; a trader that never placed an order has none.
 */
class FollowingTheFeedTest {

    private static final int COMMANDS = 6_000;
    private static final long T0 = 1_739_980_000_000L;
    /** Leveraged enough for liquidations, with limits that reject some orders. */
    private static final EngineConfig CONFIG = EngineConfig.defaults().withStartingCash(300_000)
            .withLimits(500, 200, 3_000, 60).withLiquidationCooldownMillis(3_000);
    private static final String[] TRADERS = {"mm0", "mm1", "t2", "t3", "whale4", "whale5"};
    /** Join only after a while: the early followers learn of them from the feed. */
    private static final String[] LATE = {"late-b", "late-a"};

    static Stream<Arguments> markets() {
        return Stream.of(Arguments.of("0.01", 1L), Arguments.of("0.01", 6L), Arguments.of("0.05", 3L),
                Arguments.of("1", 4L), Arguments.of("0.0001", 5L));
    }

    /** One follower and its view. */
    private static final class Follower {
        final String name;
        final MarketView view = new MarketView();
        /** An event was lost since the last snapshot: the view is behind until the next event shows the gap. */
        boolean lost;
        int gaps;
        int eventsApplied;

        Follower(String name) {
            this.name = name;
        }

        void subscribe(ServerMessage.Snapshot snapshot) throws JsonProcessingException {
            // through the wire, as a subscriber gets it
            ServerMessage.Snapshot received = (ServerMessage.Snapshot) WireJson.decodeServerMessage(
                    WireJson.encode(snapshot));
            lost = false;
            assertThat(view.apply(received)).isEqualTo(Outcome.APPLIED);
            assertThat(view.isLive()).isTrue();
        }

        Outcome receive(ServerMessage event) {
            Outcome outcome = view.apply(event);
            if (outcome == Outcome.APPLIED) {
                eventsApplied++;
            }
            return outcome;
        }
    }

    @ParameterizedTest(name = "tick {0}, seed {1}")
    @MethodSource("markets")
    void aFollowerOfTheFeedStatesTheExchangesSnapshotAtEverySeq(String tick, long seed) throws Exception {
        TickScale scale = new TickScale(new BigDecimal(tick));
        List<String> published = new ArrayList<>(); // the public events, as published
        WireMapping mapping = new WireMapping(scale,
                WireOutput.publicEvents(event -> published.add(new String(event, StandardCharsets.UTF_8))));
        Engine engine = new Engine(CONFIG, mapping);
        mapping.attach(engine);
        Market market = new Market(new SplittableRandom(seed), engine);

        Follower fromTheStart = new Follower("from the start");
        fromTheStart.subscribe(mapping.snapshot(T0));
        Follower midStream = new Follower("joined mid-stream");
        Follower missing = new Follower("missing events");
        missing.subscribe(mapping.snapshot(T0));
        List<Follower> followers = new ArrayList<>(List.of(fromTheStart, missing));
        SplittableRandom losses = new SplittableRandom(seed * 31);

        for (int i = 0; i < COMMANDS; i++) {
            if (i == COMMANDS / 3) {
                midStream.subscribe(mapping.snapshot(market.clock));
                followers.add(midStream);
            }
            int from = published.size();
            engine.apply(market.next());
            for (String text : published.subList(from, published.size())) {
                ServerMessage event = WireJson.decodeServerMessage(text);
                for (Follower follower : followers) {
                    if (follower == missing && losses.nextInt(500) == 0) {
                        follower.lost = true; // on the way
                        continue;
                    }
                    Outcome outcome = follower.receive(event);
                    if (outcome == Outcome.GAP) {
                        follower.gaps++;
                    } else if (follower != missing || !follower.lost) {
                        assertThat(outcome).as("%s at seq %d", follower.name, ((ServerMessage.Event) event).seq())
                                .isEqualTo(Outcome.APPLIED);
                    }
                }
            }
            if (!missing.view.isLive()) {
                resubscribe(missing, mapping, market, losses);
            }

            ServerMessage.Snapshot exchange = mapping.snapshot(market.clock);
            boolean everyByte = i % 97 == 0 || i == COMMANDS - 1;
            for (Follower follower : followers) {
                if (follower.lost) {
                    continue; // it cannot know yet
                }
                String where = follower.name + ", tick " + tick + ", seed " + seed + ", command #" + i + ", seq "
                        + engine.lastSeq();
                ServerMessage.Snapshot stated = follower.view.snapshot(market.clock);
                // records compare decimals with their scale, so equal records are equal text; the text itself
                // is compared now and then
                assertThat(stated).as(where).isEqualTo(exchange);
                if (everyByte) {
                    assertThat(WireJson.encode(stated)).as(where).isEqualTo(WireJson.encode(exchange));
                }
            }
        }

        // the markets really went everywhere the view has to follow
        ServerMessage.Snapshot end = mapping.snapshot(market.clock);
        assertThat(engine.tradeCount()).as("trades").isGreaterThan(COMMANDS / 10);
        assertThat(count(published, "{\"type\":\"liquidation\"")).as("liquidations").isPositive();
        assertThat(count(published, "\"reason\":\"bankruptcy\"")).as("bankruptcies").isPositive();
        assertThat(count(published, "\"halted\":true")).as("halts").isPositive();
        assertThat(market.deepestBook).as("levels beyond a book_update's").isGreaterThan(
                ServerMessage.BookUpdate.DEPTH);
        assertThat(end.accounts()).extracting(AccountState::traderId)
                .as("every trader who placed an order, idle and late ones too").contains("idle", "late-a", "late-b")
                .as("no account without an order").doesNotContain("ghost");
        assertThat(end.accounts()).filteredOn(account -> account.traderId().equals("idle")).singleElement()
                .as("idle never traded").satisfies(idle -> {
                    assertThat(idle.position()).isZero();
                    assertThat(idle.realizedPnl().signum()).isZero();
                });
        assertThat(fromTheStart.view.snapshot(0).accounts()).extracting(AccountState::traderId)
                .as("named by the feed, traded or not").contains("idle").doesNotContain("ghost");
        assertThat(missing.gaps).as("gaps noticed").isGreaterThan(3);
        assertThat(fromTheStart.eventsApplied).isEqualTo(engine.lastSeq());
    }

    private static long count(List<String> published, String text) {
        return published.stream().filter(e -> e.contains(text)).count();
    }

    /** Starts again from a fresh snapshot, sometimes after the relay in between lost the exchange for a while. */
    private static void resubscribe(Follower follower, WireMapping mapping, Market market, SplittableRandom random)
            throws JsonProcessingException {
        if (random.nextBoolean()) {
            follower.view.apply(new ServerMessage.Status(false, "ws://127.0.0.1:9002", "connection lost", 1));
            assertThat(follower.view.isLive()).isFalse();
            follower.view.apply(new ServerMessage.Status(true, "ws://127.0.0.1:9002", null, 2));
            assertThat(follower.view.isLive()).as("not before the snapshot").isFalse();
        } else {
            follower.view.disconnected();
        }
        follower.subscribe(mapping.snapshot(market.clock));
    }

    /**
     * A busy market around a drifting mid: quotes a hundred ticks deep, crossing orders of every kind, cancels and
     * replaces of real and made-up ids, rare halts and sudden jumps that push leveraged whales into liquidation.
     * "idle" only sends orders too large to accept: its first opens its account, which never trades; "ghost"
     * only cancels and never has an account.
     */
    private static final class Market {
        final SplittableRandom random;
        final Engine engine;
        long clock = T0;
        long mid = 10_000;
        int deepestBook;
        private int commands;

        Market(SplittableRandom random, Engine engine) {
            this.random = random;
            this.engine = engine;
        }

        Command next() {
            commands++;
            clock += random.nextInt(300);
            deepestBook = Math.max(deepestBook, Math.max(engine.book().levelCount(Side.BUY),
                    engine.book().levelCount(Side.SELL)));
            mid += random.nextInt(41) - 20 + (engine.mark() - mid) / 50 + (10_000 - mid) / 500;
            if (random.nextInt(150) == 0) {
                mid += (random.nextBoolean() ? 1 : -1) * (1_000 + random.nextInt(1_500));
            }
            mid = Math.max(3_000, Math.min(30_000, mid));
            if (engine.tradingHalted()) {
                return random.nextInt(3) == 0 ? new Command.SetTradingHalted(clock, false)
                        : new Command.CancelOrder(clock, trader(), 1 + random.nextLong(commands), null);
            }
            if (random.nextInt(600) == 0) {
                return new Command.SetTradingHalted(clock, true);
            }
            if (random.nextInt(50) == 0) {
                return random.nextInt(4) == 0 ? new Command.CancelAllOrders(clock, "ghost")
                        : Command.PlaceOrder.limit(clock, "idle", null, Side.BUY, mid, 1_000);
            }
            String trader = trader();
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            long qty = trader.startsWith("whale") ? 10 + random.nextInt(71) : 1 + random.nextInt(10);
            int roll = random.nextInt(100);
            if (roll < 45) {
                return new Command.PlaceOrder(clock, trader, null, side, OrderType.LIMIT, price(side, 100), qty,
                        TimeInForce.GTC, random.nextInt(7) == 0);
            } else if (roll < 55) {
                return new Command.PlaceOrder(clock, trader, null, side, OrderType.LIMIT, price(side, 10), qty,
                        random.nextBoolean() ? TimeInForce.IOC : TimeInForce.FOK, false);
            } else if (roll < 65) {
                return Command.PlaceOrder.market(clock, trader, null, side, qty);
            } else if (roll < 82) {
                return new Command.CancelOrder(clock, trader, 1 + random.nextLong(commands), null);
            } else if (roll < 85) {
                return new Command.CancelAllOrders(clock, trader);
            } else {
                return new Command.ReplaceOrder(clock, trader, 1 + random.nextLong(commands), null,
                        random.nextInt(3) == 0 ? 0 : price(side, 100), random.nextInt(3) == 0 ? 0 : qty);
            }
        }

        /** The regulars; the late ones only after the first third. */
        private String trader() {
            if (commands > COMMANDS / 3 && random.nextInt(8) == 0) {
                return LATE[random.nextInt(LATE.length)];
            }
            return TRADERS[random.nextInt(TRADERS.length)];
        }

        /** Mostly passive, {@code depth} ticks deep at most, sometimes crossing by up to 30. */
        private long price(Side side, int depth) {
            long offset = random.nextInt(depth + 30) - 30;
            return Math.max(1, side == Side.BUY ? mid - offset : mid + offset);
        }
    }
}
