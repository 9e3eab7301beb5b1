package org.bourse.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.strategies.Fixtures.T0;
import static org.bourse.strategies.Fixtures.book;
import static org.bourse.strategies.Fixtures.d;
import static org.bourse.strategies.Fixtures.decimals;
import static org.bourse.strategies.Fixtures.orders;
import static org.bourse.strategies.Fixtures.params;
import static org.bourse.strategies.Fixtures.prices;
import static org.bourse.strategies.Fixtures.rng;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bourse.api.Action;
import org.bourse.api.Fill;
import org.bourse.api.OpenOrder;
import org.bourse.api.OrderRequest;
import org.bourse.api.Rejection;
import org.bourse.api.Side;
import org.bourse.api.StrategyContext;
import org.bourse.api.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarketMakerTest {

    private MarketMaker maker = maker(Map.of());
    private final OwnBook own = new OwnBook();

    private static MarketMaker maker(Map<String, String> params) {
        return new MarketMaker("me", rng(1), params);
    }

    /** One turn: the maker sees {@code market} plus its own resting orders, and its actions are carried out. */
    private List<Action> turn(StrategyContext.Builder market) {
        List<Action> actions = maker.nextActions(market.openOrders(own.open).build());
        own.apply(actions);
        return actions;
    }

    @Test
    void quotesALadderOfPostOnlyOrdersAroundTheMid() {
        List<Action> actions = turn(book("99.95", "100.05"));

        assertThat(prices(actions, Side.BUY)).isEqualTo(decimals("99.95", "99.90", "99.85"));
        assertThat(prices(actions, Side.SELL)).isEqualTo(decimals("100.05", "100.10", "100.15"));
        assertThat(orders(actions)).allSatisfy(order -> {
            assertThat(order.postOnly()).isTrue();
            assertThat(order.tif()).isEqualTo(TimeInForce.GTC);
            assertThat(order.qty()).isEqualTo(1);
        });
        assertThat(orders(actions)).extracting(OrderRequest::clientOrderId).doesNotHaveDuplicates().doesNotContainNull();
    }

    @Test
    void roundsBidsDownAndAsksUpOntoTheTick() {
        maker = maker(params("spread", "0.05", "step", "0.015"));

        List<Action> actions = turn(book("99.90", "100.11")); // mid 100.005

        assertThat(prices(actions, Side.BUY)).isEqualTo(decimals("99.98", "99.96", "99.95"));
        assertThat(prices(actions, Side.SELL)).isEqualTo(decimals("100.03", "100.05", "100.06"));
    }

    @Test
    void quotesAroundTheReferenceWhenTheMarketHasNoPriceYet() {
        maker = maker(params("reference", "50"));

        List<Action> actions = turn(book(null, null));

        assertThat(prices(actions, Side.BUY)).isEqualTo(decimals("49.95", "49.90", "49.85"));
        assertThat(prices(actions, Side.SELL)).isEqualTo(decimals("50.05", "50.10", "50.15"));
    }

    @Test
    void fallsBackToTheLastTradeThenTheMark() {
        List<Action> fromTrade = turn(book(null, null).recentTrades(Fixtures.trades("101", "102")));
        maker = maker(Map.of());
        own.open.clear();
        List<Action> fromMark = turn(book(null, null).markPrice(d("103")));

        assertThat(prices(fromTrade, Side.BUY).get(0)).isEqualTo(d("101.95"));
        assertThat(prices(fromMark, Side.BUY).get(0)).isEqualTo(d("102.95"));
    }

    @Test
    void widensItsQuotesWhenTradesMoveThePriceAround() {
        // trade-to-trade moves of 1.00: at least 2 × 1.00 each side of the mid
        List<Action> jumpy = turn(book("99.95", "100.05").recentTrades(Fixtures.trades("100", "101", "100", "101",
                "100")));
        assertThat(prices(jumpy, Side.BUY)).isEqualTo(decimals("98.00", "97.95", "97.90"));
        assertThat(prices(jumpy, Side.SELL)).isEqualTo(decimals("102.00", "102.05", "102.10"));

        maker = maker(params("vol_widening", "0"));
        own.open.clear();
        assertThat(prices(turn(book("99.95", "100.05").recentTrades(Fixtures.trades("100", "101", "100", "101",
                "100"))), Side.BUY)).as("0 never widens").isEqualTo(decimals("99.95", "99.90", "99.85"));

        maker = maker(Map.of());
        own.open.clear();
        assertThat(prices(turn(book("99.95", "100.05").recentTrades(Fixtures.trades("100", "100.01", "100",
                "100.01"))), Side.BUY)).as("calm: the spread as set").isEqualTo(decimals("99.95", "99.90", "99.85"));
    }

    @Test
    void skewsItsQuotesAgainstItsInventoryWithoutCrossingTheBook() {
        List<Action> actions = turn(book("99.95", "100.05").position(10)); // centre 100.00 − 10 × 0.01

        assertThat(prices(actions, Side.BUY)).isEqualTo(decimals("99.85", "99.80", "99.75"));
        assertThat(prices(actions, Side.SELL)).as("never at or below the best bid")
                .isEqualTo(decimals("99.96", "100.01", "100.06"));
    }

    @Test
    void quotesOnlyWhatCanFillWithinItsPositionLimit() {
        assertThat(prices(turn(book("99.95", "100.05").position(19)), Side.BUY)).hasSize(1);
        own.open.clear();
        assertThat(prices(turn(book("99.95", "100.05").position(20)), Side.BUY)).isEmpty();
        own.open.clear();
        maker = maker(params("qty", "2"));
        List<Action> actions = turn(book("99.95", "100.05").position(-17));

        assertThat(prices(actions, Side.SELL)).as("(20 − 17) / 2 lots").hasSize(1);
        assertThat(prices(actions, Side.BUY)).hasSize(3);
    }

    @Test
    void leavesGoodQuotesAlone() {
        turn(book("99.95", "100.05"));

        assertThat(turn(book("99.95", "100.05").timestamp(T0 + 500))).isEmpty();
        assertThat(turn(book("99.96", "100.06").timestamp(T0 + 1000))).as("a move within the threshold").isEmpty();
    }

    @Test
    void movesItsQuotesWhenTheFairValueMovesBeyondTheThreshold() {
        turn(book("99.95", "100.05"));
        List<Long> ids = own.open.stream().map(OpenOrder::orderId).toList();

        List<Action> actions = turn(book("100.45", "100.55").timestamp(T0 + 500));

        assertThat(actions).hasSize(6).allMatch(Action.Replace.class::isInstance);
        assertThat(own.open).extracting(OpenOrder::orderId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(own.prices(Side.BUY)).containsExactlyInAnyOrderElementsOf(decimals("100.45", "100.40", "100.35"));
        assertThat(own.prices(Side.SELL)).containsExactlyInAnyOrderElementsOf(decimals("100.55", "100.60", "100.65"));
        assertThat(turn(book("100.45", "100.55").timestamp(T0 + 1000))).isEmpty();
    }

    @Test
    void requotesOldQuotesThatDriftedButNotOnesStillInPlace() {
        maker = maker(params("max_quote_age_ms", "1000"));
        turn(book("99.95", "100.05"));

        assertThat(turn(book("99.95", "100.05").timestamp(T0 + 1500))).as("old, but exactly where wanted").isEmpty();
        assertThat(turn(book("99.97", "100.07").timestamp(T0 + 2000))).as("young, small drift").isEmpty();
        List<Action> actions = turn(book("99.97", "100.07").timestamp(T0 + 2600));

        assertThat(actions).hasSize(6).allMatch(Action.Replace.class::isInstance);
        assertThat(own.prices(Side.BUY)).containsExactlyInAnyOrderElementsOf(decimals("99.97", "99.92", "99.87"));
    }

    @Test
    void requotesWhenItsInventoryMovesTheCentre() {
        turn(book("99.95", "100.05"));

        List<Action> actions = turn(book("99.95", "100.05").position(10).timestamp(T0 + 500));

        assertThat(actions).isNotEmpty();
        assertThat(own.prices(Side.BUY)).containsExactlyInAnyOrderElementsOf(decimals("99.85", "99.80", "99.75"));
    }

    @Test
    void cancelsTheQuotesClosestToTheMarketWhenItsPositionNearsTheLimit() {
        maker = maker(params("skew", "0"));
        turn(book("99.95", "100.05"));

        List<Action> actions = turn(book("99.95", "100.05").position(19).timestamp(T0 + 500));

        assertThat(actions).hasSize(2).allMatch(Action.Cancel.class::isInstance);
        assertThat(own.prices(Side.BUY)).containsExactly(d("99.85"));
        assertThat(own.prices(Side.SELL)).hasSize(3);
    }

    @Test
    void replacesAQuoteThatFilledOnceTheExchangeSaysItIsGone() {
        turn(book("99.95", "100.05"));
        OpenOrder filled = own.open.stream().filter(order -> order.price().equals(d("99.95"))).findFirst().get();
        own.open.remove(filled);
        maker.onFill(new Fill(filled.orderId(), filled.clientOrderId(), 1, Side.BUY, filled.price(), 1, 0, true, T0),
                book("99.90", "100.05").position(1).build());

        List<Action> actions = turn(book("99.90", "100.05").position(1).timestamp(T0 + 500));

        assertThat(orders(actions)).singleElement().extracting(OrderRequest::price).isEqualTo(d("99.91"));
        assertThat(own.open(Side.BUY)).hasSize(3);
    }

    @Test
    void countsOrdersOnTheirWaySoItNeverSendsThemTwice() {
        List<Action> first = maker.nextActions(book("99.95", "100.05").build());

        List<Action> whileInFlight = maker.nextActions(book("99.95", "100.05").timestamp(T0 + 100).build());

        assertThat(first).hasSize(6);
        assertThat(whileInFlight).isEmpty();
    }

    @Test
    void resendsAQuoteTheExchangeRefused() {
        List<Action> first = turn(book("99.95", "100.05"));
        OrderRequest refused = orders(first).get(0);
        own.open.removeIf(order -> order.clientOrderId().equals(refused.clientOrderId()));
        maker.onRejected(new Rejection("post_only_would_take", null, "order", 0, refused.clientOrderId(), T0),
                book("99.95", "100.05").build());

        List<Action> actions = turn(book("99.95", "100.05").timestamp(T0 + 100));

        assertThat(orders(actions)).singleElement().extracting(OrderRequest::price).isEqualTo(refused.price());
    }

    @Test
    void neverHasMoreThanTwiceLevelsOrdersWhateverTheMarketDoes() {
        maker = maker(params("levels", "2", "max_quote_age_ms", "300"));
        var random = rng(7);
        long mid = 10_000; // in ticks
        long position = 0;
        for (int step = 1; step <= 2_000; step++) {
            mid += random.nextInt(-8, 9);
            position = Math.max(-20, Math.min(20, position + random.nextInt(-2, 3)));
            if (random.nextInt(4) == 0 && !own.open.isEmpty()) {
                own.open.remove(random.nextInt(own.open.size())); // filled or cancelled by the exchange
            }
            String bid = d(String.valueOf(mid - 3)).movePointLeft(2).toPlainString();
            String ask = d(String.valueOf(mid + 3)).movePointLeft(2).toPlainString();
            List<Action> actions = turn(book(bid, ask).position(position).timestamp(T0 + step * 100L));

            assertThat(own.open).hasSizeLessThanOrEqualTo(4);
            assertThat(own.open(Side.BUY)).hasSizeLessThanOrEqualTo(2);
            assertThat(orders(actions)).allSatisfy(order -> assertThat(Fixtures.onGrid(order.price())).isTrue());
            long bidExposure = own.open(Side.BUY).stream().mapToLong(OpenOrder::leavesQty).sum();
            long askExposure = own.open(Side.SELL).stream().mapToLong(OpenOrder::leavesQty).sum();
            assertThat(position + bidExposure).isLessThanOrEqualTo(Math.max(20, position));
            assertThat(position - askExposure).isGreaterThanOrEqualTo(Math.min(-20, position));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"initial_margin_insufficient", "account_frozen"})
    void pausesAfterAMarginOrFrozenRefusal(String reason) {
        maker = maker(params("pause_ms", "2000"));
        maker.onRejected(new Rejection(reason, null, "order", 0, "mm-1", T0), book("99.95", "100.05").build());

        assertThat(turn(book("99.95", "100.05").timestamp(T0 + 1999))).isEmpty();
        assertThat(turn(book("99.95", "100.05").timestamp(T0 + 2000))).hasSize(6);
    }

    @Test
    void otherRefusalsDoNotPause() {
        maker.onRejected(new Rejection("price_out_of_band", null, "order", 0, "mm-1", T0),
                book("99.95", "100.05").build());

        assertThat(turn(book("99.95", "100.05").timestamp(T0 + 1))).hasSize(6);
    }

    @Test
    void doesNothingWhileTradingIsHalted() {
        turn(book("99.95", "100.05"));

        assertThat(turn(book("101.95", "102.05").tradingHalted(true).timestamp(T0 + 500))).isEmpty();
        assertThat(turn(book(null, null).tradingHalted(true).timestamp(T0 + 600))).isEmpty();
    }

    @Test
    void takesOverOrdersItDidNotSend() {
        maker = maker(params("levels", "1"));
        own.open.add(new OpenOrder(1, null, Side.BUY, d("90.00"), 4));
        own.open.add(new OpenOrder(2, "old-7", Side.BUY, d("91.00"), 1));

        List<Action> actions = turn(book("99.95", "100.05"));

        assertThat(actions).hasSize(3); // one moved to the ladder, one cancelled, one new ask
        assertThat(own.prices(Side.BUY)).containsExactly(d("99.95"));
        assertThat(own.open(Side.BUY).get(0).leavesQty()).isEqualTo(1);
        assertThat(own.prices(Side.SELL)).containsExactly(d("100.05"));
    }

    @Test
    void usesNoRandomness() {
        MarketMaker other = new MarketMaker("me", rng(99), Map.of());

        assertThat(other.nextActions(book("99.95", "100.05").build()))
                .isEqualTo(maker.nextActions(book("99.95", "100.05").build()));
    }

    /** The maker's resting orders as an exchange would hold them, without matching. */
    private static final class OwnBook {
        private long nextOrderId = 100;
        final List<OpenOrder> open = new ArrayList<>();

        void apply(List<Action> actions) {
            for (Action action : actions) {
                if (action instanceof OrderRequest order) {
                    open.add(new OpenOrder(nextOrderId++, order.clientOrderId(), order.side(), order.price(),
                            order.qty()));
                } else if (action instanceof Action.Cancel cancel) {
                    assertThat(open.removeIf(order -> order.orderId() == cancel.orderId()))
                            .as("cancels an order it has: %s", cancel).isTrue();
                } else if (action instanceof Action.Replace replace) {
                    OpenOrder old = open.stream().filter(order -> order.orderId() == replace.orderId()).findFirst()
                            .orElseThrow(() -> new AssertionError("replaces an order it does not have: " + replace));
                    open.set(open.indexOf(old), new OpenOrder(old.orderId(), old.clientOrderId(), old.side(),
                            replace.price(), replace.qty()));
                }
            }
        }

        List<OpenOrder> open(Side side) {
            return open.stream().filter(order -> order.side() == side).toList();
        }

        List<java.math.BigDecimal> prices(Side side) {
            return open(side).stream().map(OpenOrder::price).toList();
        }
    }
}
