package org.bourse.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.protocol.ClientMessage;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.junit.jupiter.api.Test;

class CrowdTest {
    static final long START = 1_767_225_600_000L;
    private static final TickScale CENTS = TickScale.cents();
    private static final Crowd.ValueTraders NO_VALUE = new Crowd.ValueTraders(0, 0, 0, 0.5, 0, 1000, 2, 50);
    private static final Crowd.NoiseTraders NO_NOISE = new Crowd.NoiseTraders(0, 6, 3, 0.3, 50);
    private static final Crowd.MarketMakers NO_MAKERS = new Crowd.MarketMakers(0, 0.1, 0, 10_000, 5, 500, 100);
    private static final Map<String, Long> LIMITS = Map.of("bg_value_", 50L, "bg_noise_", 50L, "bg_mm_", 100L);

    // ------------------------------------------------------------------------------------- value traders

    @Test
    void valueTradersBuyBelowTheirValueAndSellAboveIt() {
        Harness market = new Harness(crowd(new Crowd.ValueTraders(5, 0, 0, 0.5, 0, 1000, 2, 50), NO_NOISE,
                NO_MAKERS, 1), LIMITS, "10000.00");
        market.book(9495); // far below the value, 100
        List<ClientMessage> first = market.run(1000);
        assertThat(first).hasSize(5).allSatisfy(message -> {
            ClientMessage.Order order = (ClientMessage.Order) message;
            assertThat(order.side()).isEqualTo(Side.BUY);
            assertThat(order.orderType()).isEqualTo(OrderType.LIMIT);
            assertThat(order.tif()).isEqualTo(TimeInForce.GTC);
            assertThat(order.price()).isBetween(new BigDecimal("99.49"), new BigDecimal("99.50"));
            assertThat(order.qty()).isEqualTo(2);
        });
        assertThat(first).extracting(ClientMessage::traderId).containsExactlyInAnyOrder("bg_value_1", "bg_value_2",
                "bg_value_3", "bg_value_4", "bg_value_5");
        market.book(10505); // far above it: each cancels its bid and offers just above the value
        List<ClientMessage> second = market.run(1000);
        assertThat(second).hasSize(10);
        assertThat(second).filteredOn(ClientMessage.Cancel.class::isInstance).hasSize(5);
        assertThat(second).filteredOn(ClientMessage.Order.class::isInstance).hasSize(5).allSatisfy(message -> {
            ClientMessage.Order order = (ClientMessage.Order) message;
            assertThat(order.side()).isEqualTo(Side.SELL);
            assertThat(order.price()).isBetween(new BigDecimal("100.50"), new BigDecimal("100.51"));
        });
        assertThat(market.gateway.breaches()).isEmpty();
    }

    @Test
    void eachValueTraderHasItsOwnErrorAndLeansAgainstItsPosition() {
        Harness market = new Harness(crowd(new Crowd.ValueTraders(20, 1, 0, 0, 0, 1000, 2, 50), NO_NOISE,
                NO_MAKERS, 1), LIMITS, "10000.00");
        market.book(9500);
        List<BigDecimal> prices = market.run(1000).stream().map(m -> ((ClientMessage.Order) m).price()).toList();
        assertThat(prices).hasSize(20).doesNotHaveDuplicates();
        double mean = prices.stream().mapToDouble(BigDecimal::doubleValue).average().orElseThrow();
        assertThat(mean).isCloseTo(100, within(4 * 1.0 / Math.sqrt(20))); // errors of 1 % around 100
        // long 25 lots, half its limit, with a lean of 2 %: it values the market 1 % lower (e^-0.01 · 100 = 99.005)
        Harness leaning = new Harness(crowd(new Crowd.ValueTraders(1, 0, 0, 0, 2, 1000, 2, 50), NO_NOISE,
                NO_MAKERS, 1), LIMITS, "10000.00", 25);
        leaning.book(9800);
        assertThat(((ClientMessage.Order) leaning.run(1000).get(0)).price()).isEqualByComparingTo("99.00");
    }

    @Test
    void anAgentOrdersNoMoreThanItsEquityCovers() {
        // 100.00 of cash at 20 % initial margin (and the crowd's 10 % of safety) covers 4 lots at 99.50
        Harness market = new Harness(crowd(new Crowd.ValueTraders(1, 0, 0, 0.5, 0, 1000, 10, 50), NO_NOISE,
                NO_MAKERS, 1), LIMITS, "100.00");
        market.book(9495);
        assertThat(market.run(1000)).singleElement()
                .satisfies(order -> assertThat(((ClientMessage.Order) order).qty()).isEqualTo(4));
    }

    // ------------------------------------------------------------------------------------- market makers

    @Test
    void aMarketMakerQuotesBothSidesAroundTheOthersMid() {
        Harness market = new Harness(crowd(NO_VALUE, NO_NOISE, new Crowd.MarketMakers(1, 0.1, 0, 10_000, 5, 500, 100),
                1), LIMITS, "10000.00");
        market.book(10000);
        List<ClientMessage> quotes = market.run(500);
        assertThat(quotes).hasSize(2);
        ClientMessage.Order bid = order(quotes, Side.BUY);
        ClientMessage.Order ask = order(quotes, Side.SELL);
        // a half-spread of 0.1 % times its own factor in [0.75, 1.25], around 100.00
        assertThat(bid.price()).isBetween(new BigDecimal("99.87"), new BigDecimal("99.93"));
        assertThat(ask.price()).isBetween(new BigDecimal("100.07"), new BigDecimal("100.13"));
        assertThat(bid.qty()).isEqualTo(5);
        // the market moves up: the quotes follow, the ask first so that the new bid never meets the old ask
        market.book(10100);
        List<ClientMessage> moved = market.run(500);
        assertThat(moved).hasSize(2).allSatisfy(m -> assertThat(m).isInstanceOf(ClientMessage.Replace.class));
        assertThat(((ClientMessage.Replace) moved.get(0)).orderId()).isEqualTo(market.orderId("bg_mm_1", Side.SELL));
        assertThat(market.quote("bg_mm_1", Side.BUY)).isBetween(new BigDecimal("100.87"), new BigDecimal("100.93"));
        // nothing moves: nothing is sent
        assertThat(market.run(2000)).isEmpty();
        assertThat(market.gateway.breaches()).isEmpty();
    }

    @Test
    void aMarketMakerQuotesWiderWhenTheMidMoves() {
        Crowd.MarketMakers makers = new Crowd.MarketMakers(1, 0.1, 0.05, 10_000, 5, 500, 100);
        Harness calm = new Harness(crowd(NO_VALUE, NO_NOISE, makers, 1), LIMITS, "10000.00");
        Harness moving = new Harness(crowd(NO_VALUE, NO_NOISE, makers, 1), LIMITS, "10000.00");
        for (int second = 0; second < 30; second++) {
            calm.book(10000);
            calm.run(1000);
            moving.book(second % 2 == 0 ? 9900 : 10100); // 1 % a second: about 7.7 % per √minute
            moving.run(1000);
        }
        moving.book(10000);
        moving.run(1000);
        calm.run(1000);
        BigDecimal calmSpread = calm.quote("bg_mm_1", Side.SELL).subtract(calm.quote("bg_mm_1", Side.BUY));
        BigDecimal movingSpread = moving.quote("bg_mm_1", Side.SELL).subtract(moving.quote("bg_mm_1", Side.BUY));
        assertThat(calmSpread).isBetween(new BigDecimal("0.14"), new BigDecimal("0.26"));
        // widening 0.05 × 7 % or so: a half-spread of about 0.45 % instead of 0.1 %
        assertThat(movingSpread).isGreaterThan(calmSpread.multiply(BigDecimal.valueOf(3)));
        assertThat(moving.gateway.breaches()).isEmpty();
    }

    @Test
    void atItsPositionLimitAMarketMakerQuotesOnlyTheSideThatReducesIt() {
        Harness market = new Harness(crowd(NO_VALUE, NO_NOISE, new Crowd.MarketMakers(1, 0.1, 0, 10_000, 5, 500, 100),
                1), LIMITS, "10000.00", 100);
        market.book(10000);
        List<ClientMessage> quotes = market.run(500);
        assertThat(quotes).singleElement().satisfies(m -> assertThat(((ClientMessage.Order) m).side())
                .isEqualTo(Side.SELL));
        // and it leans: at its limit long, its ask is a half-spread lower, near the mid
        assertThat(((ClientMessage.Order) quotes.get(0)).price()).isBetween(new BigDecimal("99.99"),
                new BigDecimal("100.01"));
    }

    // -------------------------------------------------------------------------------------- noise traders

    @Test
    void noiseTradersArriveAtTheirRateAndOnlyTake() {
        Harness market = new Harness(crowd(NO_VALUE, new Crowd.NoiseTraders(10, 6, 3, 0.3, 50), NO_MAKERS, 1),
                LIMITS, "10000.00");
        market.gateway.fills(ToyGateway.Fills.TAKERS);
        market.book(10000);
        List<ClientMessage> orders = market.run(10 * 60_000);
        double expected = 10 * 6 * 10; // ten traders, 6 a minute, 10 minutes
        assertThat((double) orders.size()).isCloseTo(expected, within(4 * Math.sqrt(expected)));
        long marketOrders = orders.stream().map(ClientMessage.Order.class::cast)
                .filter(order -> order.orderType() == OrderType.MARKET).count();
        assertThat((double) marketOrders / orders.size()).isCloseTo(0.3,
                within(4 * Math.sqrt(0.3 * 0.7 / orders.size())));
        assertThat(orders).map(ClientMessage.Order.class::cast).allSatisfy(order -> {
            assertThat(order.qty()).isBetween(1L, 3L);
            if (order.orderType() == OrderType.LIMIT) {
                assertThat(order.tif()).isEqualTo(TimeInForce.IOC);
                // at the best opposite price
                assertThat(order.price()).isEqualByComparingTo(order.side() == Side.BUY ? "100.05" : "99.95");
            }
        });
        assertThat(orders).map(ClientMessage.Order.class::cast).extracting(ClientMessage.Order::side)
                .contains(Side.BUY, Side.SELL);
        assertThat(market.gateway.breaches()).isEmpty();
    }

    // ----------------------------------------------------------------------------------- the whole crowd

    @Test
    void theCrowdNeverBreaksAnyLimitEvenWhenEveryOrderFills() {
        Crowd crowd = crowd(new Crowd.ValueTraders(20, 0.5, 0.2, 0.1, 0, 1000, 3, 10),
                new Crowd.NoiseTraders(20, 30, 5, 0.5, 5),
                new Crowd.MarketMakers(3, 0.05, 0.2, 10_000, 4, 500, 20), 3);
        Harness market = new Harness(crowd, Map.of("bg_value_", 10L, "bg_noise_", 5L, "bg_mm_", 20L), "10000.00");
        market.gateway.fills(ToyGateway.Fills.ALL);
        SplittableRandom random = new SplittableRandom(11);
        long mid = 10000;
        for (int step = 0; step < 3000; step++) { // five minutes, a jumpy market
            mid = Math.max(100, mid + random.nextLong(-60, 61));
            market.book(mid);
            market.run(100);
        }
        assertThat(market.gateway.breaches()).isEmpty();
        // it was tested: many orders, and agents of each kind at their limits
        assertThat(market.gateway.received()).hasSizeGreaterThan(3000);
        market.settle();
        assertThat(crowd.traderIds()).allSatisfy(id ->
                assertThat(crowd.position(id)).isEqualTo(market.gateway.position(id)));
        assertThat(crowd.traderIds()).filteredOn(id -> Math.abs(crowd.position(id)) == limitOf(id))
                .anyMatch(id -> id.startsWith("bg_value_")).anyMatch(id -> id.startsWith("bg_noise_"));
    }

    private static long limitOf(String traderId) {
        return traderId.startsWith("bg_value_") ? 10 : traderId.startsWith("bg_noise_") ? 5 : 20;
    }

    @Test
    void theSameSeedAndMessagesGiveTheSameFramesAndAnotherSeedOthers() {
        assertThat(frames(5)).isEqualTo(frames(5)).isNotEqualTo(frames(6));
    }

    private static List<String> frames(long seed) {
        Harness market = new Harness(crowd(new Crowd.ValueTraders(10, 0.5, 0.1, 0.1, 1, 1000, 2, 50),
                new Crowd.NoiseTraders(10, 12, 3, 0.3, 50), new Crowd.MarketMakers(2, 0.05, 0.2, 10_000, 5, 500, 100),
                seed), LIMITS, "10000.00");
        market.gateway.fills(ToyGateway.Fills.TAKERS);
        SplittableRandom random = new SplittableRandom(3);
        long mid = 10000;
        for (int step = 0; step < 600; step++) {
            mid += random.nextLong(-10, 11);
            market.book(mid);
            market.run(100);
        }
        assertThat(market.frames).hasSizeGreaterThan(200);
        return market.frames;
    }

    @Test
    void nobodyActsBeforeItsWelcomeALiveFeedOrWhileTradingIsHalted() {
        Crowd crowd = crowd(new Crowd.ValueTraders(3, 0, 0, 0.5, 0, 1000, 2, 50), NO_NOISE, NO_MAKERS, 1);
        for (long t = START; t < START + 1000; t += 100) {
            assertThat(crowd.decide(t)).isEmpty(); // nothing yet
        }
        crowd.welcome(welcome("bg_value_1", "10000.00", 0));
        crowd.welcome(welcome("bg_value_2", "10000.00", 0));
        for (long t = START + 1000; t < START + 2000; t += 100) {
            assertThat(crowd.decide(t)).isEmpty(); // no snapshot: not live
        }
        assertThat(crowd.isLive()).isFalse();
        crowd.feed(snapshot(7, 9495, true));
        assertThat(crowd.isLive()).isTrue();
        assertThat(crowd.lastSeq()).isEqualTo(7);
        for (long t = START + 2000; t < START + 3000; t += 100) {
            assertThat(crowd.decide(t)).isEmpty(); // halted
        }
        assertThat(crowd.feed(new ServerMessage.TradingStatus(8, false, START + 3000)))
                .isEqualTo(MarketView.Outcome.APPLIED);
        List<String> frames = new ArrayList<>();
        for (long t = START + 3000; t < START + 4000; t += 100) {
            frames.addAll(crowd.decide(t));
        }
        assertThat(frames).hasSize(2).allSatisfy(frame -> assertThat(frame).doesNotContain("bg_value_3"));
        assertThatThrownBy(() -> crowd.welcome(welcome("maker_1", "10000.00", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'maker_1' is not a trader of this crowd");
    }

    @Test
    void privateMessagesAreAppliedAtTheNextDecisionInTheirOrder() {
        Crowd crowd = crowd(NO_VALUE, new Crowd.NoiseTraders(1, 6, 3, 0.3, 50), NO_MAKERS, 1);
        crowd.welcome(welcome("bg_noise_1", "10000.00", 0));
        crowd.privateMessage(new ServerMessage.Fill(1, "x", "bg_noise_1", 1, "buy", new BigDecimal("100.00"), 3, 0,
                "maker", START));
        crowd.privateMessage(new ServerMessage.Fill(2, "y", "bg_noise_1", 2, "sell", new BigDecimal("100.00"), 1, 0,
                "maker", START));
        assertThat(crowd.position("bg_noise_1")).isZero();
        crowd.decide(START);
        assertThat(crowd.position("bg_noise_1")).isEqualTo(2);
        // a welcome replaces what the agent knew, and drops what was waiting for it
        crowd.privateMessage(new ServerMessage.Fill(3, "z", "bg_noise_1", 3, "buy", new BigDecimal("100.00"), 5, 0,
                "maker", START));
        crowd.welcome(welcome("bg_noise_1", "10000.00", -4));
        crowd.decide(START + 100);
        assertThat(crowd.position("bg_noise_1")).isEqualTo(-4);
    }

    @Test
    void agentsHaveBackgroundIdsInAFixedOrderAndTheCrowdDecidesAsOftenAsItsFinestAgent() {
        Crowd crowd = crowd(new Crowd.ValueTraders(2, 0, 0, 0.5, 0, 1000, 2, 50),
                new Crowd.NoiseTraders(2, 6, 3, 0.3, 50), new Crowd.MarketMakers(1, 0.1, 0, 10_000, 5, 500, 100), 1);
        assertThat(crowd.traderIds()).containsExactly("bg_mm_1", "bg_value_1", "bg_value_2", "bg_noise_1",
                "bg_noise_2");
        assertThat(crowd.traderIds()).allMatch(Crowd::isBackground);
        assertThat(Crowd.isBackground("maker_1")).isFalse();
        assertThat(Crowd.isBackground(null)).isFalse();
        assertThat(crowd.decisionIntervalMillis()).isEqualTo(100); // the noise traders' arrivals
        assertThat(crowd(new Crowd.ValueTraders(2, 0, 0, 0.5, 0, 1500, 2, 50), NO_NOISE,
                new Crowd.MarketMakers(1, 0.1, 0, 10_000, 5, 600, 100), 1).decisionIntervalMillis()).isEqualTo(300);
        assertThat(crowd(NO_VALUE, NO_NOISE, NO_MAKERS, 1).decisionIntervalMillis()).isEqualTo(1000);
    }

    // ------------------------------------------------------------------------------------------ helpers

    static Crowd crowd(Crowd.ValueTraders value, Crowd.NoiseTraders noise, Crowd.MarketMakers makers, long seed) {
        FundamentalPath flat = Fundamental.path(new Fundamental.Spec(100,
                new Fundamental.RandomWalk(0, 0, Fundamental.Jumps.NONE)), seed, new BigDecimal("100"));
        return new Crowd(new Crowd.Spec(value, noise, makers), seed, flat, START, CENTS);
    }

    static ServerMessage.Welcome welcome(String traderId, String cash, long position) {
        return new ServerMessage.Welcome(traderId, position, new BigDecimal(cash), null, BigDecimal.ZERO,
                BigDecimal.ZERO, new BigDecimal(cash), new BigDecimal("100.00"), false, List.of(), START);
    }

    /** A book of others around {@code mid} ticks: three levels a side, the best 5 ticks away. */
    static ServerMessage.Snapshot snapshot(long seq, long mid, boolean halted) {
        return new ServerMessage.Snapshot(seq, CENTS.decimal(mid - 5), CENTS.decimal(mid + 5), levels(mid, -1),
                levels(mid, 1), CENTS.decimal(mid), null, 0, List.of(), List.of(), halted, START);
    }

    private static List<ServerMessage.Level> levels(long mid, int sign) {
        return List.of(new ServerMessage.Level(CENTS.decimal(mid + sign * 5), 10),
                new ServerMessage.Level(CENTS.decimal(mid + sign * 10), 10),
                new ServerMessage.Level(CENTS.decimal(mid + sign * 15), 10));
    }

    private static ClientMessage.Order order(List<ClientMessage> messages, Side side) {
        return messages.stream().map(ClientMessage.Order.class::cast).filter(order -> order.side() == side)
                .findFirst().orElseThrow();
    }

    /** A crowd, every agent welcomed, trading against a {@link ToyGateway} on a book the test moves. */
    static final class Harness {
        final Crowd crowd;
        final ToyGateway gateway;
        final List<String> frames = new ArrayList<>();
        private long seq;
        private long time = START;

        Harness(Crowd crowd, Map<String, Long> limits, String cash) {
            this(crowd, limits, cash, 0);
        }

        Harness(Crowd crowd, Map<String, Long> limits, String cash, long position) {
            this.crowd = crowd;
            this.gateway = new ToyGateway(limits);
            crowd.traderIds().forEach(id -> crowd.welcome(welcome(id, cash, position)));
            crowd.feed(snapshot(seq, 10000, false));
        }

        /** The others' book moves to {@code mid} ticks (the mark too). */
        void book(long mid) {
            crowd.feed(new ServerMessage.BookUpdate(++seq, CENTS.decimal(mid - 5), CENTS.decimal(mid + 5),
                    levels(mid, -1), levels(mid, 1), CENTS.decimal(mid), time));
            gateway.mark(CENTS.decimal(mid));
        }

        /** The crowd's decisions for {@code millis}: what it sent, each answered at once. */
        List<ClientMessage> run(long millis) {
            int from = gateway.received().size();
            for (long end = time + millis; time < end; time += crowd.decisionIntervalMillis()) {
                for (String frame : crowd.decide(time)) {
                    frames.add(frame);
                    gateway.answer(frame, time).forEach(crowd::privateMessage);
                }
            }
            return List.copyOf(gateway.received().subList(from, gateway.received().size()));
        }

        /** The answers of the last decisions applied (a decision's own frames are dropped). */
        void settle() {
            crowd.decide(time);
        }

        BigDecimal quote(String traderId, Side side) {
            return gateway.resting(traderId).values().stream()
                    .filter(order -> order.side().equals(side.wireName())).findFirst().orElseThrow().price();
        }

        long orderId(String traderId, Side side) {
            return gateway.resting(traderId).values().stream()
                    .filter(order -> order.side().equals(side.wireName())).findFirst().orElseThrow().orderId();
        }
    }
}
