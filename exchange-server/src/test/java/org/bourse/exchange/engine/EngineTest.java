package org.bourse.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.bourse.exchange.engine.EngineHarness.level;
import static org.bourse.exchange.engine.EngineHarness.only;
import static org.bourse.exchange.engine.EngineHarness.orderId;
import static org.bourse.exchange.engine.EngineHarness.single;
import static org.bourse.exchange.engine.EngineHarness.types;

import java.util.List;
import java.util.Map;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.book.OrderBook;
import org.bourse.exchange.book.SelfTradePrevention;
import org.bourse.exchange.engine.EngineEvent.AccountUpdate;
import org.bourse.exchange.engine.EngineEvent.AllOrdersCancelled;
import org.bourse.exchange.engine.EngineEvent.BookUpdate;
import org.bourse.exchange.engine.EngineEvent.CancelRejected;
import org.bourse.exchange.engine.EngineEvent.Fill;
import org.bourse.exchange.engine.EngineEvent.OrderAccepted;
import org.bourse.exchange.engine.EngineEvent.OrderCancelled;
import org.bourse.exchange.engine.EngineEvent.OrderRejected;
import org.bourse.exchange.engine.EngineEvent.OrderReplaced;
import org.bourse.exchange.engine.EngineEvent.ReplaceRejected;
import org.bourse.exchange.engine.EngineEvent.Sequenced;
import org.bourse.exchange.engine.EngineEvent.Trade;
import org.junit.jupiter.api.Test;

/** Order types and the engine's answers, on the default configuration (prices around 10 000 ticks). */
class EngineTest {

    private final EngineHarness h = new EngineHarness();

    @Test
    void gtcLimitThatCannotTradeRests() {
        List<EngineEvent> events = h.at(5_000).sell("maker", 10_010, 5);

        assertThat(events).containsExactly(
                new OrderAccepted(5_000, 1, "maker", "maker-1", Side.SELL, OrderType.LIMIT, 10_010, 5,
                        TimeInForce.GTC, false),
                new BookUpdate(1, 5_000, List.of(), List.of(level(10_010, 5))),
                h.opened(2, 5_000, "maker", 10_000));
        assertThat(h.engine.book().bestAsk()).isEqualTo(10_010);
    }

    @Test
    void aggressiveLimitTradesAtRestingPricesThenRestsAndReportsEveryTouchedTrader() {
        h.sell("m1", 10_010, 2);
        h.sell("m2", 10_020, 3);
        long seqBefore = h.engine.lastSeq();

        List<EngineEvent> events = h.buy("taker", 10_030, 10);

        assertThat(types(events)).containsExactly(OrderAccepted.class, Trade.class, Trade.class, BookUpdate.class,
                AccountUpdate.class, AccountUpdate.class, AccountUpdate.class);
        List<Trade> trades = only(events, Trade.class);
        assertThat(trades).extracting(Trade::price, Trade::quantity)
                .containsExactly(tuple(10_010L, 2L), tuple(10_020L, 3L));
        // the remainder rests at the taker's own limit
        assertThat(single(events, BookUpdate.class).bids()).containsExactly(level(10_030, 5));
        assertThat(single(events, BookUpdate.class).asks()).isEmpty();
        // one update per touched trader, in order of first touch: the taker, whose account this order opened,
        // then the makers as they traded
        assertThat(only(events, AccountUpdate.class)).extracting(AccountUpdate::traderId)
                .containsExactly("taker", "m1", "m2");
        assertThat(events.stream().filter(Sequenced.class::isInstance).map(e -> ((Sequenced) e).seq()))
                .containsExactly(seqBefore + 1, seqBefore + 2, seqBefore + 3, seqBefore + 4, seqBefore + 5,
                        seqBefore + 6);
        assertThat(h.engine.lastSeq()).isEqualTo(seqBefore + 6);
    }

    @Test
    void tradeCarriesBothSidesOfTheExecution() {
        long makerId = orderId(h.order("maker", "mk-7", Side.SELL, OrderType.LIMIT, 10_010, 5,
                TimeInForce.GTC, false));
        List<EngineEvent> events = h.at(9_000).order("taker", "tk-3", Side.BUY, OrderType.LIMIT, 10_010, 2,
                TimeInForce.GTC, false);
        long takerId = orderId(events);

        Trade trade = single(events, Trade.class);
        assertThat(trade).isEqualTo(new Trade(trade.seq(), 9_000, 1, 10_010, 2, Side.BUY,
                new Fill(takerId, "taker", "tk-3", Side.BUY, 0, false),
                new Fill(makerId, "maker", "mk-7", Side.SELL, 3, true)));

        // the other way round: a sell aggressor is the sell fill, the maker the buy fill
        h.order("buyer", "b-1", Side.BUY, OrderType.LIMIT, 10_000, 4, TimeInForce.GTC, false);
        Trade second = single(h.order("seller", "s-1", Side.SELL, OrderType.LIMIT, 10_000, 1, TimeInForce.GTC,
                false), Trade.class);
        assertThat(second.aggressorSide()).isEqualTo(Side.SELL);
        assertThat(second.sell()).extracting(Fill::traderId, Fill::clientOrderId, Fill::maker, Fill::remaining)
                .containsExactly("seller", "s-1", false, 0L);
        assertThat(second.buy()).extracting(Fill::traderId, Fill::clientOrderId, Fill::maker, Fill::remaining)
                .containsExactly("buyer", "b-1", true, 3L);
        assertThat(second.tradeId()).isEqualTo(2);
    }

    @Test
    void iocRemainderIsCancelledAfterTheTradesAndBeforeTheBookUpdate() {
        h.sell("maker", 10_010, 2);
        List<EngineEvent> events = h.limit("taker", Side.BUY, 10_010, 5, TimeInForce.IOC);
        long id = orderId(events);

        assertThat(types(events)).containsExactly(OrderAccepted.class, Trade.class, OrderCancelled.class,
                BookUpdate.class, AccountUpdate.class, AccountUpdate.class);
        assertThat(single(events, OrderCancelled.class))
                .isEqualTo(new OrderCancelled(h.lastTimestamp(), id, "taker", "taker-1", 3,
                        CancelReason.IOC_REMAINDER));
        assertThat(h.levels(Side.BUY)).isEmpty();
    }

    @Test
    void iocThatCannotTradeIsCancelledWholeAndLeavesTheBookAlone() {
        h.sell("maker", 10_010, 2);
        List<EngineEvent> events = h.limit("taker", Side.BUY, 10_000, 5, TimeInForce.IOC);

        // no book update; the update announces the account the order opened
        assertThat(types(events)).containsExactly(OrderAccepted.class, OrderCancelled.class, AccountUpdate.class);
        assertThat(single(events, OrderCancelled.class).quantity()).isEqualTo(5);
    }

    @Test
    void marketOrderTakesWhatThereIsAndReportsTheRemainder() {
        h.sell("maker", 10_010, 2);
        h.sell("maker", 10_050, 1);
        List<EngineEvent> events = h.market("taker", Side.BUY, 5);

        assertThat(types(events)).containsExactly(OrderAccepted.class, Trade.class, Trade.class,
                OrderCancelled.class, BookUpdate.class, AccountUpdate.class, AccountUpdate.class);
        assertThat(single(events, OrderAccepted.class).timeInForce()).isEqualTo(TimeInForce.IOC);
        assertThat(single(events, OrderCancelled.class))
                .extracting(OrderCancelled::quantity, OrderCancelled::reason)
                .containsExactly(2L, CancelReason.MARKET_REMAINDER);
        assertThat(h.account("taker").position()).isEqualTo(3);
    }

    @Test
    void aGtcMarketOrderIsAnIocOneAndDoesNotCountAsAnOpenOrder() {
        EngineHarness h = new EngineHarness(EngineConfig.defaults().withLimits(1_000, 1_000, 1_000, 1));
        h.buy("taker", 9_990, 1); // the one resting order it may have
        h.sell("maker", 10_010, 2);

        List<EngineEvent> events = h.order("taker", "m-1", Side.BUY, OrderType.MARKET, 0, 5, TimeInForce.GTC, false);

        assertThat(single(events, OrderAccepted.class).timeInForce()).isEqualTo(TimeInForce.IOC);
        assertThat(single(events, OrderCancelled.class))
                .extracting(OrderCancelled::quantity, OrderCancelled::reason)
                .containsExactly(3L, CancelReason.MARKET_REMAINDER);
        assertThat(h.levels(Side.BUY)).containsExactly(level(9_990, 1));
        assertThat(h.levels(Side.SELL)).isEmpty();
    }

    @Test
    void aFokMarketOrderFillsWhollyOrNotAtAll() {
        h.sell("m1", 10_010, 2);
        h.sell("m2", 10_050, 1);

        assertThat(h.order("taker", "f-1", Side.BUY, OrderType.MARKET, 0, 4, TimeInForce.FOK, false))
                .containsExactly(new OrderRejected(h.lastTimestamp(), "taker", "f-1", RejectReason.FOK_NOT_FILLABLE,
                        Map.of("qty", 4L, "fillable_qty", 3L)), h.opened(5, h.lastTimestamp(), "taker", 10_000));
        assertThat(h.levels(Side.SELL)).containsExactly(level(10_010, 2), level(10_050, 1));

        List<EngineEvent> events = h.order("taker", "f-2", Side.BUY, OrderType.MARKET, 0, 3, TimeInForce.FOK, false);

        assertThat(types(events)).containsExactly(OrderAccepted.class, Trade.class, Trade.class, BookUpdate.class,
                AccountUpdate.class, AccountUpdate.class, AccountUpdate.class);
        assertThat(single(events, OrderAccepted.class).timeInForce()).isEqualTo(TimeInForce.FOK);
        assertThat(h.account("taker").position()).isEqualTo(3);
    }

    @Test
    void marketOrderWithNothingToTradeIsRejected() {
        assertThat(h.market("taker", Side.BUY, 5)).containsExactly(
                new OrderRejected(h.lastTimestamp(), "taker", "taker-1", RejectReason.NO_LIQUIDITY, Map.of()),
                h.opened(1, h.lastTimestamp(), "taker", 10_000));

        // the trader's own resting order is not liquidity (self-trade prevention), and it stays untouched
        h.sell("taker", 10_010, 1);
        assertThat(single(h.market("taker", Side.BUY, 1), OrderRejected.class).reason())
                .isEqualTo(RejectReason.NO_LIQUIDITY);
        assertThat(h.levels(Side.SELL)).containsExactly(level(10_010, 1));
    }

    @Test
    void fokThatCannotFillWhollyIsRejectedWithWhatWasFillable() {
        h.sell("m1", 10_010, 2);
        h.sell("m2", 10_020, 2);

        List<EngineEvent> tooBig = h.limit("taker", Side.BUY, 10_020, 5, TimeInForce.FOK);
        List<EngineEvent> tooLow = h.limit("taker", Side.BUY, 10_010, 3, TimeInForce.FOK);

        assertThat(tooBig).containsExactly(new OrderRejected(h.lastTimestamp() - 1, "taker", "taker-1",
                RejectReason.FOK_NOT_FILLABLE, Map.of("qty", 5L, "fillable_qty", 4L)),
                h.opened(5, h.lastTimestamp() - 1, "taker", 10_000));
        // the account is announced once, with the first order
        assertThat(types(tooLow)).containsExactly(OrderRejected.class);
        assertThat(single(tooLow, OrderRejected.class).details()).isEqualTo(Map.of("qty", 3L, "fillable_qty", 2L));
        assertThat(h.levels(Side.SELL)).containsExactly(level(10_010, 2), level(10_020, 2));
    }

    @Test
    void fokThatCanFillFills() {
        h.sell("m1", 10_010, 2);
        h.sell("m2", 10_020, 2);

        List<EngineEvent> events = h.limit("taker", Side.BUY, 10_020, 4, TimeInForce.FOK);

        assertThat(types(events)).containsExactly(OrderAccepted.class, Trade.class, Trade.class, BookUpdate.class,
                AccountUpdate.class, AccountUpdate.class, AccountUpdate.class);
        assertThat(h.account("taker").position()).isEqualTo(4);
        assertThat(h.levels(Side.SELL)).isEmpty();
    }

    @Test
    void postOnlyThatWouldTakeIsRejectedWithTheBestOppositePrice() {
        h.sell("maker", 10_010, 2);

        assertThat(single(h.postOnly("taker", Side.BUY, 10_020, 1), OrderRejected.class))
                .extracting(OrderRejected::reason, OrderRejected::details)
                .containsExactly(RejectReason.POST_ONLY_WOULD_TAKE, Map.of("best_opposite_price", 10_010L));
        assertThat(types(h.postOnly("taker", Side.BUY, 10_000, 1)))
                .containsExactly(OrderAccepted.class, BookUpdate.class);
        assertThat(h.levels(Side.SELL)).containsExactly(level(10_010, 2));
    }

    @Test
    void cancelByOrderIdAndByClientOrderId() {
        long first = orderId(h.buy("t", 10_000, 3));
        String secondClientId = h.nextClientId("t");
        long second = orderId(h.buy("t", 9_990, 4));

        List<EngineEvent> byId = h.cancel("t", first);
        assertThat(byId).containsExactly(
                new OrderCancelled(h.lastTimestamp(), first, "t", "t-1", 3, CancelReason.REQUESTED),
                new BookUpdate(h.engine.lastSeq(), h.lastTimestamp(), List.of(level(9_990, 4)), List.of()));

        List<EngineEvent> byClientId = h.cancelByClientId("t", secondClientId);
        assertThat(single(byClientId, OrderCancelled.class))
                .isEqualTo(new OrderCancelled(h.lastTimestamp(), second, "t", secondClientId, 4,
                        CancelReason.REQUESTED));
        assertThat(h.engine.book().orderCount()).isZero();
    }

    @Test
    void cancelOfAnotherTradersOrderIsAnsweredExactlyLikeAnUnknownOrder() {
        EngineHarness withOrder = new EngineHarness();
        long id = orderId(withOrder.at(100).order("owner", "secret", Side.BUY, OrderType.LIMIT, 10_000, 1,
                TimeInForce.GTC, false));
        EngineHarness empty = new EngineHarness();

        assertThat(withOrder.at(200).cancel("intruder", id)).isEqualTo(empty.at(200).cancel("intruder", id))
                .containsExactly(new CancelRejected(200, "intruder", id, null, RejectReason.UNKNOWN_ORDER));
        assertThat(withOrder.at(300).cancelByClientId("intruder", "secret"))
                .isEqualTo(empty.at(300).cancelByClientId("intruder", "secret"));
        assertThat(withOrder.at(400).replace("intruder", id, 10_010, 5))
                .isEqualTo(empty.at(400).replace("intruder", id, 10_010, 5))
                .containsExactly(new ReplaceRejected(400, "intruder", id, null, RejectReason.UNKNOWN_ORDER,
                        Map.of()));
        assertThat(withOrder.levels(Side.BUY)).containsExactly(level(10_000, 1));
    }

    @Test
    void cancelOfAnOrderThatIsGoneIsRejected() {
        long id = orderId(h.buy("t", 10_000, 1));
        h.sell("other", 10_000, 1);

        assertThat(single(h.cancel("t", id), CancelRejected.class).reason()).isEqualTo(RejectReason.UNKNOWN_ORDER);
        assertThat(single(h.cancel("t", 999), CancelRejected.class).reason()).isEqualTo(RejectReason.UNKNOWN_ORDER);
    }

    @Test
    void cancelAllCancelsOnlyTheTradersOwnOrdersWithOneBookUpdate() {
        h.buy("t", 10_000, 1);
        h.buy("t", 9_990, 2);
        h.sell("t", 10_050, 3);
        h.buy("other", 9_995, 4);

        List<EngineEvent> events = h.cancelAll("t");

        assertThat(types(events)).containsExactly(OrderCancelled.class, OrderCancelled.class, OrderCancelled.class,
                AllOrdersCancelled.class, BookUpdate.class);
        assertThat(single(events, AllOrdersCancelled.class).count()).isEqualTo(3);
        assertThat(only(events, OrderCancelled.class)).allSatisfy(c -> {
            assertThat(c.traderId()).isEqualTo("t");
            assertThat(c.reason()).isEqualTo(CancelReason.REQUESTED);
        }).extracting(OrderCancelled::quantity).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(h.levels(Side.BUY)).containsExactly(level(9_995, 4));
        assertThat(h.levels(Side.SELL)).isEmpty();
        // Nothing left to cancel still gets an answer, and the book is untouched.
        assertThat(h.cancelAll("t")).containsExactly(new AllOrdersCancelled(h.lastTimestamp(), "t", 0));
    }

    @Test
    void aDisconnectCancelsOnlyThatTradersRestingOrdersWithOneBookUpdate() {
        h.buy("t", 10_000, 1);
        h.sell("t", 10_050, 3);
        h.buy("other", 9_995, 4);

        long later = h.now() + 5_000;
        List<EngineEvent> events = h.apply(new Command.Disconnect(later, "t"));

        assertThat(types(events)).containsExactly(OrderCancelled.class, OrderCancelled.class, BookUpdate.class);
        assertThat(only(events, OrderCancelled.class)).allSatisfy(c -> {
            assertThat(c.timestamp()).isEqualTo(later); // the disconnect's own time
            assertThat(c.traderId()).isEqualTo("t");
            assertThat(c.reason()).isEqualTo(CancelReason.DISCONNECT);
        }).extracting(OrderCancelled::quantity).containsExactlyInAnyOrder(1L, 3L);
        assertThat(h.levels(Side.BUY)).containsExactly(level(9_995, 4));
        assertThat(h.levels(Side.SELL)).isEmpty();
        // no answer to anyone, and nothing for a trader with nothing resting, or without an account
        assertThat(h.apply(new Command.Disconnect(h.now(), "t"))).isEmpty();
        assertThat(h.apply(new Command.Disconnect(h.now(), "stranger"))).isEmpty();
        assertThat(h.engine.findAccount("stranger")).isNull();
    }

    @Test
    void theClosingValuationStatesEveryAccountAtOneMarkAndChangesNothing() {
        h.sell("maker", 10_010, 5);
        h.buy("taker", 10_010, 2);
        h.buy("idle", 9_000, 0); // refused, but it opened an account
        h.buy("maker", 9_990, 1);
        long mark = h.mark();
        long seq = h.engine.lastSeq();

        List<EngineEvent> events = h.apply(new Command.MarkToMarket(h.now()));

        long t = h.lastTimestamp();
        assertThat(mark).isEqualTo(10_000); // the mid of 99.90 and 100.10
        assertThat(events).containsExactly(
                new AccountUpdate(seq + 1, t, "maker", -2, 1_020_020, -20_020, 0, 20_020 - 2 * mark,
                        1_020_020 - 2 * mark, mark),
                new AccountUpdate(seq + 2, t, "taker", 2, 979_980, 20_020, 0, 2 * mark - 20_020, 979_980 + 2 * mark,
                        mark),
                h.opened(seq + 3, t, "idle", mark));
        assertThat(h.levels(Side.BUY)).containsExactly(level(9_990, 1));
        assertThat(h.levels(Side.SELL)).containsExactly(level(10_010, 3));
        assertThat(h.engine.accountCount()).isEqualTo(3);
    }

    @Test
    void replaceDecreasingQuantityKeepsTimePriority() {
        long first = orderId(h.sell("a", 10_010, 5));
        h.sell("b", 10_010, 5);

        assertThat(h.replace("a", first, 0, 3)).containsExactly(
                new OrderReplaced(h.lastTimestamp(), first, "a", "a-1", 10_010, 3),
                new BookUpdate(h.engine.lastSeq(), h.lastTimestamp(), List.of(), List.of(level(10_010, 8))));

        Trade trade = single(h.buy("c", 10_010, 1), Trade.class);
        assertThat(trade.sell().orderId()).isEqualTo(first);
    }

    @Test
    void replaceChangingPriceLosesTimePriority() {
        long first = orderId(h.sell("a", 10_010, 5));
        long second = orderId(h.sell("b", 10_010, 5));

        h.replace("a", first, 10_020, 0);
        h.replace("a", first, 10_010, 0);

        assertThat(single(h.buy("c", 10_010, 1), Trade.class).sell().orderId()).isEqualTo(second);
    }

    @Test
    void replaceIncreasingQuantityLosesTimePriority() {
        long first = orderId(h.sell("a", 10_010, 5));
        long second = orderId(h.sell("b", 10_010, 5));

        h.replace("a", first, 0, 6);

        assertThat(h.levels(Side.SELL)).containsExactly(level(10_010, 11));
        assertThat(single(h.buy("c", 10_010, 1), Trade.class).sell().orderId()).isEqualTo(second);
    }

    @Test
    void replaceToACrossingPriceTradesLikeANewOrder() {
        long bid = orderId(h.buy("a", 10_000, 3));
        h.sell("b", 10_010, 2);

        List<EngineEvent> events = h.replace("a", bid, 10_010, 0);

        assertThat(types(events)).containsExactly(OrderReplaced.class, Trade.class, BookUpdate.class,
                AccountUpdate.class, AccountUpdate.class);
        Trade trade = single(events, Trade.class);
        assertThat(trade.price()).isEqualTo(10_010);
        assertThat(trade.aggressorSide()).isEqualTo(Side.BUY);
        assertThat(trade.buy()).isEqualTo(new Fill(bid, "a", "a-1", Side.BUY, 1, false));
        assertThat(h.levels(Side.BUY)).containsExactly(level(10_010, 1));
        assertThat(h.levels(Side.SELL)).isEmpty();
    }

    @Test
    void replaceOfAnUnknownOrderIsRejected() {
        assertThat(h.replace("a", 42, 10_000, 1)).containsExactly(
                new ReplaceRejected(h.lastTimestamp(), "a", 42, null, RejectReason.UNKNOWN_ORDER, Map.of()));
    }

    @Test
    void selfTradePreventionCancelsTheOwnRestingOrderAndTradesWithOthers() {
        long own = orderId(h.sell("a", 10_010, 2));
        h.sell("b", 10_010, 2);

        List<EngineEvent> events = h.buy("a", 10_010, 3);

        assertThat(types(events)).containsExactly(OrderAccepted.class, OrderCancelled.class, Trade.class,
                BookUpdate.class, AccountUpdate.class, AccountUpdate.class);
        assertThat(single(events, OrderCancelled.class))
                .isEqualTo(new OrderCancelled(h.lastTimestamp(), own, "a", "a-1", 2, CancelReason.SELF_TRADE));
        assertThat(single(events, Trade.class).sell().traderId()).isEqualTo("b");
        assertThat(h.levels(Side.BUY)).containsExactly(level(10_010, 1));
        assertThat(h.levels(Side.SELL)).isEmpty();
        assertThat(h.account("a").position()).isEqualTo(2);
    }

    @Test
    void publicEventsAreNumberedConsecutivelyAcrossCommands() {
        h.sell("m", 10_010, 2);
        h.buy("t", 10_010, 1);
        h.halt(true);
        h.halt(false);
        h.cancelAll("m");
        h.market("t", Side.SELL, 1); // rejected: nothing to trade; a reject has no seq

        List<Long> seqs = h.all.stream().filter(Sequenced.class::isInstance).map(e -> ((Sequenced) e).seq())
                .toList();
        assertThat(seqs).isNotEmpty();
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(i + 1L);
        }
        assertThat(h.engine.lastSeq()).isEqualTo(seqs.size());
    }

    @Test
    void replaceFindsTheOrderByClientOrderIdToo() {
        long id = orderId(h.order("t", "quote-1", Side.BUY, OrderType.LIMIT, 10_000, 3, TimeInForce.GTC, false));

        List<EngineEvent> events = h.apply(new Command.ReplaceOrder(h.now(), "t", 0, "quote-1", 9_990, 0));

        assertThat(events.get(0)).isEqualTo(new OrderReplaced(h.lastTimestamp(), id, "t", "quote-1", 9_990, 3));
        assertThat(h.levels(Side.BUY)).containsExactly(level(9_990, 3));
    }

    @Test
    void selfTradePreventionCanCancelTheIncomingOrderInstead() {
        EngineHarness h = new EngineHarness(EngineConfig.defaults()
                .withSelfTradePrevention(SelfTradePrevention.CANCEL_INCOMING));
        h.sell("a", 10_010, 2);

        List<EngineEvent> events = h.buy("a", 10_010, 3);

        assertThat(types(events)).containsExactly(OrderAccepted.class, OrderCancelled.class);
        assertThat(single(events, OrderCancelled.class))
                .extracting(OrderCancelled::orderId, OrderCancelled::quantity, OrderCancelled::reason)
                .containsExactly(orderId(events), 3L, CancelReason.SELF_TRADE);
        assertThat(h.levels(Side.SELL)).containsExactly(level(10_010, 2));
    }

    @Test
    void selfTradesCanBeAllowed() {
        EngineHarness h = new EngineHarness(EngineConfig.defaults()
                .withSelfTradePrevention(SelfTradePrevention.ALLOW));
        h.sell("a", 10_010, 2);

        Trade trade = single(h.market("a", Side.BUY, 2), Trade.class);

        assertThat(trade.buy().traderId()).isEqualTo("a").isEqualTo(trade.sell().traderId());
        assertThat(h.account("a").position()).isZero();
        assertThat(h.account("a").cash()).isEqualTo(EngineConfig.defaults().startingCash());
    }

    @Test
    void theEngineCountsTradesAndKeepsTheLastTradePrice() {
        assertThat(h.engine.tradeCount()).isZero();
        assertThat(h.engine.lastTradePrice()).isEqualTo(OrderBook.NO_PRICE);

        h.sell("m", 10_010, 1);
        h.sell("m", 10_020, 1);
        h.market("t", Side.BUY, 2);

        assertThat(h.engine.tradeCount()).isEqualTo(2);
        assertThat(h.engine.lastTradePrice()).isEqualTo(10_020);
    }

    @Test
    void theShorthandCommandsAreAGtcLimitAndAnIocMarketOrder() {
        assertThat(Command.PlaceOrder.limit(7, "t", "c", Side.SELL, 10_010, 3)).isEqualTo(new Command.PlaceOrder(7,
                "t", "c", Side.SELL, OrderType.LIMIT, 10_010, 3, TimeInForce.GTC, false));
        assertThat(Command.PlaceOrder.market(8, "t", null, Side.BUY, 4)).isEqualTo(new Command.PlaceOrder(8, "t",
                null, Side.BUY, OrderType.MARKET, 0, 4, TimeInForce.IOC, false));
    }

    @Test
    void anAccountDescribesItselfForLogsAndFailures() {
        h.sell("m", 10_010, 2);
        h.buy("t", 10_010, 2);

        assertThat(h.account("t")).hasToString("Account{t position=2 cash=979980 costBasis=20020 realized=0}");
        assertThat(h.account("m").toString()).startsWith("Account{m position=-2 ").doesNotContain("bankrupt");
    }

    @Test
    void anAccountIsOpenedByATradersFirstOrderAndNumberedInThatOrder() {
        assertThat(h.engine.accountCount()).isZero();

        h.buy("b", 10_000, 1);
        h.cancelAll("a");
        h.sell("b", 10_010, 1);
        h.cancel("c", 42);
        h.market("c", Side.BUY, 1_000_000); // refused, and still the order that opens c's account
        h.sell("a", 10_020, 1);

        assertThat(h.engine.accountCount()).isEqualTo(3);
        assertThat(List.of(h.engine.accountAt(0), h.engine.accountAt(1), h.engine.accountAt(2)))
                .extracting(Account::traderId, Account::index)
                .containsExactly(tuple("b", 0), tuple("c", 1), tuple("a", 2));
        assertThat(h.engine.findAccount("a")).isSameAs(h.engine.accountAt(2));
        assertThatThrownBy(() -> h.engine.accountAt(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aSweepThroughManyMakersReportsEveryOneOfThem() {
        h.buy("taker", 9_990, 1); // opens the taker's account before the makers'
        // more traders than the engine's initial account arrays hold
        for (int i = 0; i < 40; i++) {
            h.sell("maker" + i, 10_000 + i, 1);
        }

        List<EngineEvent> events = h.buy("taker", 10_039, 40);

        assertThat(only(events, Trade.class)).hasSize(40);
        List<String> updated = only(events, AccountUpdate.class).stream().map(AccountUpdate::traderId).toList();
        assertThat(updated).hasSize(41).startsWith("maker0", "taker", "maker1").endsWith("maker39");
        assertThat(h.account("taker").position()).isEqualTo(40);
    }
}
