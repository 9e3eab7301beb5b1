package org.bourse.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.strategies.Fixtures.T0;
import static org.bourse.strategies.Fixtures.book;
import static org.bourse.strategies.Fixtures.d;
import static org.bourse.strategies.Fixtures.orders;
import static org.bourse.strategies.Fixtures.params;
import static org.bourse.strategies.Fixtures.rng;

import java.math.BigDecimal;
import java.util.List;

import org.bourse.api.Action;
import org.bourse.api.OpenOrder;
import org.bourse.api.OrderRequest;
import org.bourse.api.Rejection;
import org.bourse.api.Side;
import org.bourse.api.StrategyContext;
import org.junit.jupiter.api.Test;

class MeanReversionTest {

    private MeanReversion strategy = new MeanReversion("me", rng(1), params("window", "4", "entry_z", "1.5"));

    /** A book 0.10 wide around {@code mid}. */
    private static StrategyContext.Builder around(String mid) {
        BigDecimal centre = d(mid);
        return book(centre.subtract(d("0.05")).toPlainString(), centre.add(d("0.05")).toPlainString());
    }

    private List<Action> feed(String... mids) {
        List<Action> last = List.of();
        for (String mid : mids) {
            last = strategy.nextActions(around(mid).build());
        }
        return last;
    }

    @Test
    void waitsForAFullWindow() {
        assertThat(feed("100")).isEmpty();
        assertThat(feed("100")).isEmpty();
        assertThat(feed("105")).as("3 of 4 samples, however far").isEmpty();
    }

    @Test
    void offersPassivelyOneTickInsideTheSpreadWhenTheMidIsHigh() {
        List<Action> actions = feed("100", "100", "100", "101"); // z = √3 ≈ 1.73

        assertThat(orders(actions)).singleElement().satisfies(order -> {
            assertThat(order.side()).isEqualTo(Side.SELL);
            assertThat(order.price()).isEqualTo(d("101.04"));
            assertThat(order.qty()).isEqualTo(1);
            assertThat(order.postOnly()).isTrue();
        });
    }

    @Test
    void bidsPassivelyWhenTheMidIsLow() {
        assertThat(orders(feed("100", "100", "100", "99"))).singleElement()
                .isEqualTo(OrderRequest.limit(Side.BUY, "98.96", 1).asPostOnly().withClientOrderId("mr-1"));
    }

    @Test
    void doesNotFadeASmallMove() {
        assertThat(feed("100", "100.5", "99.5", "100.5")).isEmpty(); // z ≈ 0.9
    }

    @Test
    void joinsTheBestPriceWhenTheSpreadIsOneTick() {
        feed("101", "101", "101");

        List<Action> actions = strategy.nextActions(book("101.99", "102.00").build());

        assertThat(orders(actions)).singleElement().extracting(OrderRequest::price).isEqualTo(d("102.00"));
    }

    @Test
    void keepsOneOrderPerSideAndCancelsItWhenTheSignalReverses() {
        OrderRequest sell = orders(feed("100", "100", "100", "101")).get(0);
        OpenOrder resting = new OpenOrder(9, sell.clientOrderId(), Side.SELL, sell.price(), 1);

        List<Action> stillHigh = strategy.nextActions(around("101").openOrders(List.of(resting)).timestamp(T0 + 1)
                .build()); // window 100, 100, 101, 101: z ≈ 1
        List<Action> reversed = strategy.nextActions(around("99.5").openOrders(List.of(resting)).timestamp(T0 + 2)
                .build()); // window 100, 101, 101, 99.5: z ≈ −1.35

        assertThat(stillHigh).isEmpty();
        assertThat(reversed).containsExactly(Action.cancel(9));
    }

    @Test
    void closesAPositionWhileTheMidIsOnTheFarSideOfTheAverage() {
        strategy = new MeanReversion("me", rng(1), params("window", "4", "qty", "3"));

        List<Action> actions = List.of();
        for (String mid : new String[] {"100", "100.5", "99.5", "100.5"}) { // last z ≈ 0.9: no new short
            actions = strategy.nextActions(around(mid).position(2).build());
        }

        assertThat(orders(actions)).singleElement().satisfies(order -> {
            assertThat(order.side()).isEqualTo(Side.SELL);
            assertThat(order.qty()).as("only what closes the long").isEqualTo(2);
        });
    }

    @Test
    void staysWithinItsPositionLimitCountingWhatItHasResting() {
        strategy = new MeanReversion("me", rng(1), params("window", "4", "qty", "3", "max_position", "10"));
        for (String mid : new String[] {"100", "100", "100"}) {
            strategy.nextActions(around(mid).position(-8).build());
        }

        List<Action> actions = strategy.nextActions(around("101").position(-8).build());
        OrderRequest sent = orders(actions).get(0);
        strategy.onRejected(new Rejection("post_only_would_take", null, "order", 0, sent.clientOrderId(), T0),
                around("101").build());
        List<Action> atLimit = strategy.nextActions(around("103").position(-10).timestamp(T0 + 1).build());

        assertThat(orders(actions)).singleElement().extracting(OrderRequest::qty).isEqualTo(2L);
        assertThat(orders(atLimit)).isEmpty();
    }

    @Test
    void doesNothingOnAOneSidedBookAndDoesNotSampleIt() {
        feed("100", "100", "100");

        assertThat(strategy.nextActions(book("101", null).build())).isEmpty();
        assertThat(strategy.nextActions(book(null, null).build())).isEmpty();
        assertThat(orders(feed("101"))).as("the window is still 100, 100, 100, 101").hasSize(1);
    }

    @Test
    void doesNothingWhileTradingIsHalted() {
        feed("100", "100", "100");

        assertThat(strategy.nextActions(around("101").tradingHalted(true).build())).isEmpty();
    }
}
