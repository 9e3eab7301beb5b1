package org.bourse.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.bourse.api.Action;
import org.bourse.api.Fill;
import org.bourse.api.OrderRequest;
import org.bourse.api.Side;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;
import org.bourse.protocol.ServerMessage;
import org.junit.jupiter.api.Test;

/** The trader's mind without sockets: what a lockstep turn sees, and what it sends. */
class TraderTest {
    private static final long T = 1_767_225_600_500L;

    /** Records what it was told and when; buys one lot a turn; throws when told to. */
    private static final class Recording implements Strategy {
        final List<String> heard = new ArrayList<>();
        boolean fail;

        @Override
        public OrderRequest nextOrder(StrategyContext context) {
            heard.add("turn at " + context.timestamp() + " position " + context.position());
            if (fail) {
                throw new IllegalStateException("broken");
            }
            return OrderRequest.limit(Side.BUY, "100.00", 1);
        }

        @Override
        public void onFill(Fill fill, StrategyContext context) {
            heard.add("fill of " + fill.qty() + " at " + context.timestamp() + " position " + context.position());
        }
    }

    private static ServerMessage.Welcome welcome() {
        return new ServerMessage.Welcome("me", 0, new BigDecimal("10000.00"), null, BigDecimal.ZERO,
                BigDecimal.ZERO, new BigDecimal("10000.00"), new BigDecimal("100.00"), false, List.of(), 1);
    }

    private static ServerMessage.Snapshot snapshot() {
        return new ServerMessage.Snapshot(0, null, null, List.of(), List.of(), new BigDecimal("100.00"), null, 0,
                List.of(), List.of(), false, 1);
    }

    private static ServerMessage.Fill fill() {
        return new ServerMessage.Fill(1, "me-1", "me", 1, "buy", new BigDecimal("100.00"), 1, 0, "taker", 7);
    }

    @Test
    void inLockstepWhatCameInIsHeardAtTheTurnWithTheTurnsTime() {
        Recording strategy = new Recording();
        Trader trader = new Trader("me", strategy, true);
        trader.welcome(welcome());
        trader.feed(snapshot());

        List<String> frames = trader.decide(T);
        trader.privateMessage(fill());
        assertThat(strategy.heard).as("nothing heard between turns").containsExactly("turn at " + T + " position 0");
        assertThat(trader.position()).as("nor applied").isZero();

        trader.decide(T + 100);
        assertThat(strategy.heard).containsExactly("turn at " + T + " position 0",
                "fill of 1 at " + (T + 100) + " position 1", "turn at " + (T + 100) + " position 1");
        assertThat(frames).containsExactly("{\"type\":\"order\",\"trader_id\":\"me\",\"side\":\"buy\","
                + "\"order_type\":\"limit\",\"price\":100.00,\"qty\":1,\"client_order_id\":\"me-1\",\"tif\":\"gtc\","
                + "\"post_only\":false}");
    }

    @Test
    void inRealTimeAFillIsHeardAtOnce() {
        Recording strategy = new Recording();
        Trader trader = new Trader("me", strategy, false);
        trader.welcome(welcome());
        trader.privateMessage(fill());
        assertThat(strategy.heard).singleElement().asString().startsWith("fill of 1 at ").endsWith("position 1");
    }

    @Test
    void aStrategyThatThrowsDecidesToDoNothingAndIsCounted() {
        Recording strategy = new Recording();
        strategy.fail = true;
        Trader trader = new Trader("me", strategy, true);
        trader.welcome(welcome());
        trader.feed(snapshot());
        assertThat(trader.decide(T)).isEmpty();
        assertThat(trader.strategyFailures()).isEqualTo(1);
        assertThat(trader.ordersSent()).isZero();
    }

    @Test
    void aNullActionIsSkippedAndTheRestSent() {
        Strategy strategy = new Strategy() {
            @Override
            public OrderRequest nextOrder(StrategyContext context) {
                return null;
            }

            @Override
            public List<Action> nextActions(StrategyContext context) {
                List<Action> actions = new ArrayList<>();
                actions.add(null);
                actions.add(Action.cancelAll());
                return actions;
            }
        };
        Trader trader = new Trader("me", strategy, true);
        trader.welcome(welcome());
        assertThat(trader.decide(T)).containsExactly("{\"type\":\"cancel_all\",\"trader_id\":\"me\"}");
        assertThat(trader.strategyFailures()).isEqualTo(1);
    }

    private static ServerMessage.OrderRejected rejected(String reason) {
        return new ServerMessage.OrderRejected(reason, java.util.Map.of("error", "why"), "me", "me-1", T);
    }

    @Test
    void rejectionsAreLoggedVerbatimFirstThenCountedByReasonEvery10sOfTheTradersTime() {
        try (LogCapture log = LogCapture.atInfo(RejectionLog.class)) {
            Trader trader = new Trader("me", new Recording(), true);
            trader.welcome(welcome());
            for (int i = 0; i < RejectionLog.VERBATIM + 2; i++) {
                trader.privateMessage(rejected("invalid_price"));
            }
            trader.privateMessage(rejected("insufficient_funds"));
            trader.decide(T);
            assertThat(log.lines()).hasSize(RejectionLog.VERBATIM).first().isEqualTo(
                    "me: order rejected: invalid_price (why)");
            assertThat(log.lines().get(RejectionLog.VERBATIM - 1)).endsWith("one line every 10 s");

            trader.decide(T + RejectionLog.SUMMARY_MILLIS - 1);
            assertThat(log.lines()).as("not before 10 s of the turns' time").hasSize(RejectionLog.VERBATIM);
            trader.decide(T + RejectionLog.SUMMARY_MILLIS);
            assertThat(log.lines()).hasSize(RejectionLog.VERBATIM + 1).last()
                    .isEqualTo("me: 3 more rejections: insufficient_funds 1, invalid_price 2");

            trader.privateMessage(rejected("invalid_price"));
            trader.decide(T + RejectionLog.SUMMARY_MILLIS + 1);
            trader.quiet();
            assertThat(log.lines()).as("the rest when the bot stops").hasSize(RejectionLog.VERBATIM + 2).last()
                    .isEqualTo("me: 1 more rejection: invalid_price 1");
        }
    }

    @Test
    void aStrategyOfNextOrderAloneIsReportedByThatNameAndFailsWhenItThrowsOnEveryTurn() {
        try (LogCapture log = LogCapture.of(StrategyFailures.class)) {
            Recording strategy = new Recording();
            strategy.fail = true;
            Trader trader = new Trader("me", strategy, true);
            trader.welcome(welcome());
            trader.feed(snapshot());
            assertThat(trader.failure()).as("no turn yet").isNull();
            trader.decide(T);
            trader.decide(T + 100);
            assertThat(log.lines()).containsExactly("me: nextOrder threw IllegalStateException: broken");
            assertThat(trader.failure()).isEqualTo("the strategy's nextOrder threw on every turn (2)");

            strategy.fail = false;
            trader.decide(T + 200);
            assertThat(trader.failure()).as("one good turn").isNull();
        }
    }
}
