package org.bourse.exchange.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bourse.api.Side.BUY;
import static org.bourse.api.Side.SELL;
import static org.bourse.exchange.book.OrderBook.NO_PRICE;

import java.util.ArrayList;
import java.util.List;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.RecordingListener.Cancel;
import org.bourse.exchange.book.RecordingListener.Match;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One behaviour per test, on small hand-built books. Ids are chosen to read as the order of arrival. */
class OrderBookTest {

    private static final int ALICE = 0;
    private static final int BOB = 1;
    private static final int CAROL = 2;

    private final RecordingListener events = new RecordingListener();
    private OrderBook book = new OrderBook(SelfTradePrevention.CANCEL_RESTING, events);

    // ------------------------------------------------------------------------------------------------ helpers

    private long gtc(long id, int owner, Side side, long quantity, long price) {
        return book.enter(id, owner, "c" + id, side, price, quantity, TimeInForce.GTC, false);
    }

    private long ioc(long id, int owner, Side side, long quantity, long price) {
        return book.enter(id, owner, "c" + id, side, price, quantity, TimeInForce.IOC, false);
    }

    private long market(long id, int owner, Side side, long quantity) {
        return book.enter(id, owner, "c" + id, side, NO_PRICE, quantity, TimeInForce.IOC, false);
    }

    /** Fills as "resting>incoming quantity@price". */
    private List<String> fills() {
        return events.matches().stream()
                .map(m -> m.restingId() + ">" + m.incomingId() + " " + m.quantity() + "@" + m.price()).toList();
    }

    /** Cancellations as "id quantity REASON". */
    private List<String> cancels() {
        return events.cancels().stream().map(c -> c.orderId() + " " + c.quantity() + " " + c.reason()).toList();
    }

    /** Every callback in order, in the two formats above. */
    private List<String> callbacks() {
        return events.events.stream().map(e -> e instanceof Match m
                ? m.restingId() + ">" + m.incomingId() + " " + m.quantity() + "@" + m.price()
                : ((Cancel) e).orderId() + " " + ((Cancel) e).quantity() + " " + ((Cancel) e).reason()).toList();
    }

    /** The ids resting at the level {@code rank} places from the best, oldest first. */
    private List<Long> queue(Side side, int rank) {
        List<Long> ids = new ArrayList<>();
        for (Order o = book.levelFirstOrder(side, rank); o != null; o = o.nextInLevel()) {
            ids.add(o.id());
        }
        return ids;
    }

    private long remaining(long id) {
        return book.order(id).remaining();
    }

    // ------------------------------------------------------------------------------------------------- matching

    @Nested
    class Matching {

        @Test
        void oldestOrderAtAPriceFillsFirst() {
            gtc(1, ALICE, SELL, 5, 100);
            gtc(2, BOB, SELL, 5, 100);

            gtc(3, CAROL, BUY, 7, 100);

            assertThat(fills()).containsExactly("1>3 5@100", "2>3 2@100");
            assertThat(queue(SELL, 0)).containsExactly(2L);
            assertThat(remaining(2)).isEqualTo(3);
        }

        @Test
        void betterPriceComesBeforeEarlierArrival() {
            gtc(1, ALICE, SELL, 5, 101);
            gtc(2, BOB, SELL, 5, 100);

            gtc(3, CAROL, BUY, 5, 101);

            assertThat(fills()).containsExactly("2>3 5@100");
        }

        @Test
        void aggressiveBuyGetsTheRestingPrice() {
            gtc(1, ALICE, SELL, 5, 100);

            gtc(2, BOB, BUY, 5, 105);

            assertThat(fills()).containsExactly("1>2 5@100");
        }

        @Test
        void aggressiveSellGetsTheRestingPrice() {
            gtc(1, ALICE, BUY, 5, 102);

            gtc(2, BOB, SELL, 5, 99);

            assertThat(fills()).containsExactly("1>2 5@102");
        }

        @Test
        void partialFillLeavesTheRestOfTheRestingOrderInPlace() {
            gtc(1, ALICE, SELL, 10, 100);

            long resting = gtc(2, BOB, BUY, 4, 100);

            assertThat(resting).isZero();
            Match match = events.matches().get(0);
            assertThat(match.restingRemaining()).isEqualTo(6);
            assertThat(match.incomingRemaining()).isZero();
            assertThat(remaining(1)).isEqualTo(6);
            assertThat(book.levelQuantity(SELL, 0)).isEqualTo(6);
            assertThat(book.order(2)).isNull();
        }

        @Test
        void walksSeveralLevelsUpToItsLimit() {
            gtc(1, ALICE, SELL, 2, 100);
            gtc(2, ALICE, SELL, 3, 101);
            gtc(3, ALICE, SELL, 4, 102);
            gtc(4, ALICE, SELL, 4, 103);

            gtc(5, BOB, BUY, 8, 102);

            assertThat(fills()).containsExactly("1>5 2@100", "2>5 3@101", "3>5 3@102");
            assertThat(book.levelCount(SELL)).isEqualTo(2);
            assertThat(book.bestAsk()).isEqualTo(102);
            assertThat(book.levelQuantity(SELL, 0)).isEqualTo(1);
        }

        @Test
        void gtcRemainderRestsAtItsLimit() {
            gtc(1, ALICE, SELL, 2, 100);
            gtc(2, ALICE, SELL, 3, 101);

            long resting = gtc(3, BOB, BUY, 10, 100);

            assertThat(resting).isEqualTo(8);
            assertThat(fills()).containsExactly("1>3 2@100");
            assertThat(cancels()).isEmpty();
            assertThat(book.bestBid()).isEqualTo(100);
            assertThat(book.bestAsk()).isEqualTo(101);
            assertThat(book.order(3).remaining()).isEqualTo(8);
            assertThat(book.order(3).clientOrderId()).isEqualTo("c3");
        }

        @Test
        void iocRemainderIsCancelled() {
            gtc(1, ALICE, SELL, 2, 100);

            long resting = ioc(2, BOB, BUY, 5, 100);

            assertThat(resting).isZero();
            assertThat(callbacks()).containsExactly("1>2 2@100", "2 3 IOC_REMAINDER");
            assertThat(book.order(2)).isNull();
            assertThat(book.bestBid()).isEqualTo(NO_PRICE);
        }

        @Test
        void iocWithNothingToTradeIsCancelledWhole() {
            gtc(1, ALICE, SELL, 2, 101);

            ioc(2, BOB, BUY, 5, 100);

            assertThat(callbacks()).containsExactly("2 5 IOC_REMAINDER");
            assertThat(book.orderCount()).isEqualTo(1);
        }

        @Test
        void marketOrderTakesEveryLevelAndReportsWhatIsLeft() {
            gtc(1, ALICE, SELL, 2, 100);
            gtc(2, ALICE, SELL, 3, 105);

            long resting = market(3, BOB, BUY, 10);

            assertThat(resting).isZero();
            assertThat(callbacks()).containsExactly("1>3 2@100", "2>3 3@105", "3 5 MARKET_REMAINDER");
            assertThat(book.orderCount()).isZero();
        }

        @Test
        void marketOrderNeverRestsWhateverItsTimeInForce() {
            gtc(1, ALICE, BUY, 2, 100);

            book.enter(2, BOB, null, SELL, NO_PRICE, 5, TimeInForce.GTC, false);

            assertThat(callbacks()).containsExactly("1>2 2@100", "2 3 MARKET_REMAINDER");
            assertThat(book.orderCount()).isZero();
        }

        @Test
        void marketOrderOnAnEmptySideHasNothingToTake() {
            gtc(1, ALICE, BUY, 2, 100);

            // What the engine asks first, and rejects on:
            assertThat(book.fillableQuantity(BOB, BUY, NO_PRICE, 5)).isZero();
            assertThat(book.wouldTake(BUY, NO_PRICE)).isFalse();

            // Entered regardless, it is reported cancelled, never dropped silently.
            market(2, BOB, BUY, 5);
            assertThat(callbacks()).containsExactly("2 5 MARKET_REMAINDER");
            assertThat(book.orderCount()).isEqualTo(1);
        }

        @Test
        void fillOrKillEntersOnlyWhenFillableCoversItAndThenFillsCompletely() {
            gtc(1, ALICE, SELL, 3, 100);
            gtc(2, ALICE, SELL, 3, 101);

            assertThat(book.fillableQuantity(BOB, BUY, 100, 5)).as("limit stops at 100").isEqualTo(3);
            assertThat(book.fillableQuantity(BOB, BUY, 101, 5)).isEqualTo(5);
            assertThat(book.fillableQuantity(BOB, BUY, 101, 50)).isEqualTo(6);
            assertThat(events.events).as("asking changes nothing").isEmpty();

            book.enter(3, BOB, null, BUY, 101, 5, TimeInForce.FOK, false);

            assertThat(callbacks()).containsExactly("1>3 3@100", "2>3 2@101");
        }

        @Test
        void fillOrKillThatCannotFillIsTreatedAsImmediateOrCancel() {
            // The book leaves the all-or-nothing check to the caller; a FOK entered anyway behaves as IOC.
            gtc(1, ALICE, SELL, 3, 100);

            book.enter(2, BOB, null, BUY, 100, 5, TimeInForce.FOK, false);

            assertThat(callbacks()).containsExactly("1>2 3@100", "2 2 IOC_REMAINDER");
        }

        @Test
        void postOnlyCheckAsksWhetherTheOrderWouldTake() {
            assertThat(book.wouldTake(BUY, 100)).as("empty book").isFalse();
            gtc(1, ALICE, SELL, 3, 100);
            gtc(2, ALICE, BUY, 3, 98);

            assertThat(book.wouldTake(BUY, 99)).isFalse();
            assertThat(book.wouldTake(BUY, 100)).as("touching the ask").isTrue();
            assertThat(book.wouldTake(BUY, 120)).isTrue();
            assertThat(book.wouldTake(SELL, 99)).isFalse();
            assertThat(book.wouldTake(SELL, 98)).isTrue();
            assertThat(book.wouldTake(SELL, NO_PRICE)).as("market").isTrue();
            assertThat(book.wouldTake(BUY, NO_PRICE)).as("market").isTrue();
        }

        @Test
        void postOnlyOrderThatDoesNotTakeRestsAndIsMarked() {
            gtc(1, ALICE, SELL, 3, 100);

            long resting = book.enter(2, BOB, null, BUY, 99, 4, TimeInForce.GTC, true);

            assertThat(resting).isEqualTo(4);
            assertThat(book.order(2).postOnly()).isTrue();
            assertThat(book.order(1).postOnly()).isFalse();
        }

        @Test
        void emptyBookHasNoPrices() {
            assertThat(book.bestBid()).isEqualTo(NO_PRICE);
            assertThat(book.bestAsk()).isEqualTo(NO_PRICE);
            assertThat(book.levelCount(BUY)).isZero();
            assertThat(book.orderCount()).isZero();
        }

        @Test
        void rejectsMalformedOrders() {
            assertThatThrownBy(() -> gtc(0, ALICE, BUY, 1, 100)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> gtc(1, -1, BUY, 1, 100)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> gtc(1, ALICE, BUY, 0, 100)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> gtc(1, ALICE, BUY, 1, -5)).isInstanceOf(IllegalArgumentException.class);
            assertThat(book.orderCount()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------------- cancel

    @Nested
    class Cancelling {

        @Test
        void cancelRemovesTheOrderAndReportsItsOpenQuantity() {
            gtc(1, ALICE, SELL, 10, 100);
            gtc(2, BOB, BUY, 4, 100);
            events.clear();

            assertThat(book.cancel(1, CancelReason.REQUESTED)).isTrue();

            assertThat(callbacks()).containsExactly("1 6 REQUESTED");
            assertThat(book.order(1)).isNull();
            assertThat(book.levelCount(SELL)).isZero();
            assertThat(book.orderCount()).isZero();
        }

        @Test
        void cancelReportsTheGivenReason() {
            gtc(1, ALICE, SELL, 10, 100);

            book.cancel(1, CancelReason.LIQUIDATION);

            assertThat(callbacks()).containsExactly("1 10 LIQUIDATION");
        }

        @Test
        void cancelOfAnUnknownOrAlreadyCancelledIdIsRefusedQuietly() {
            gtc(1, ALICE, SELL, 10, 100);
            book.cancel(1, CancelReason.REQUESTED);
            events.clear();

            assertThat(book.cancel(1, CancelReason.REQUESTED)).isFalse();
            assertThat(book.cancel(99, CancelReason.REQUESTED)).isFalse();
            assertThat(events.events).isEmpty();
        }

        @Test
        void cancelKeepsTheQueueOfTheOthers() {
            gtc(1, ALICE, SELL, 1, 100);
            gtc(2, BOB, SELL, 1, 100);
            gtc(3, CAROL, SELL, 1, 100);

            book.cancel(2, CancelReason.REQUESTED);

            assertThat(queue(SELL, 0)).containsExactly(1L, 3L);
            assertThat(book.levelQuantity(SELL, 0)).isEqualTo(2);
        }

        @Test
        void cancelAllTouchesOnlyThatOwnersOrders() {
            gtc(1, ALICE, SELL, 1, 100);
            gtc(2, BOB, SELL, 2, 100);
            gtc(3, ALICE, BUY, 3, 90);
            gtc(4, ALICE, SELL, 4, 110);
            gtc(5, CAROL, BUY, 5, 90);

            int cancelled = book.cancelAll(ALICE, CancelReason.DISCONNECT);

            assertThat(cancelled).isEqualTo(3);
            assertThat(cancels()).containsExactlyInAnyOrder("1 1 DISCONNECT", "3 3 DISCONNECT", "4 4 DISCONNECT");
            assertThat(book.firstOf(ALICE)).isNull();
            assertThat(book.openOrderCount(ALICE)).isZero();
            assertThat(queue(SELL, 0)).containsExactly(2L);
            assertThat(queue(BUY, 0)).containsExactly(5L);
            assertThat(book.orderCount()).isEqualTo(2);
        }

        @Test
        void cancelAllOfAnOwnerWithNothingRestingDoesNothing() {
            gtc(1, ALICE, SELL, 1, 100);

            assertThat(book.cancelAll(BOB, CancelReason.REQUESTED)).isZero();
            assertThat(book.cancelAll(999, CancelReason.REQUESTED)).as("never seen").isZero();
            assertThat(events.events).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------------ replace

    @Nested
    class Replacing {

        @Test
        void quantityDecreaseKeepsTimePriority() {
            gtc(1, ALICE, SELL, 5, 100);
            gtc(2, BOB, SELL, 5, 100);

            assertThat(book.replace(1, 100, 3)).isTrue();

            assertThat(events.events).isEmpty();
            assertThat(queue(SELL, 0)).containsExactly(1L, 2L);
            assertThat(book.levelQuantity(SELL, 0)).isEqualTo(8);
            assertThat(book.openQuantity(ALICE, SELL)).isEqualTo(3);
            gtc(3, CAROL, BUY, 4, 100);
            assertThat(fills()).containsExactly("1>3 3@100", "2>3 1@100");
        }

        @Test
        void sameQuantityAndPriceChangesNothing() {
            gtc(1, ALICE, SELL, 5, 100);
            gtc(2, BOB, SELL, 5, 100);
            long changes = book.changeCount();

            assertThat(book.replace(1, 100, 5)).isTrue();

            assertThat(queue(SELL, 0)).containsExactly(1L, 2L);
            assertThat(book.changeCount()).isEqualTo(changes);
        }

        @Test
        void quantityIncreaseLosesTimePriority() {
            gtc(1, ALICE, SELL, 5, 100);
            gtc(2, BOB, SELL, 5, 100);

            book.replace(1, 100, 8);

            assertThat(queue(SELL, 0)).containsExactly(2L, 1L);
            assertThat(remaining(1)).isEqualTo(8);
            assertThat(book.levelQuantity(SELL, 0)).isEqualTo(13);
            assertThat(book.openQuantity(ALICE, SELL)).isEqualTo(8);
        }

        @Test
        void priceChangeLosesTimePriorityEvenWhenChangedBack() {
            gtc(1, ALICE, SELL, 5, 100);
            gtc(2, BOB, SELL, 5, 100);

            book.replace(1, 101, 5);
            assertThat(queue(SELL, 0)).containsExactly(2L);
            assertThat(queue(SELL, 1)).containsExactly(1L);

            book.replace(1, 100, 5);
            assertThat(queue(SELL, 0)).containsExactly(2L, 1L);
            assertThat(book.levelCount(SELL)).isEqualTo(1);
            assertThat(events.events).isEmpty();
        }

        @Test
        void replaceThatCrossesTradesAtTheRestingPriceAndRestsTheRest() {
            gtc(1, ALICE, BUY, 5, 99);
            gtc(2, BOB, SELL, 3, 101);

            book.replace(1, 102, 5);

            assertThat(callbacks()).containsExactly("2>1 3@101");
            assertThat(book.bestBid()).isEqualTo(102);
            assertThat(remaining(1)).isEqualTo(2);
            assertThat(book.order(1).clientOrderId()).isEqualTo("c1");
            assertThat(book.levelCount(SELL)).isZero();
        }

        @Test
        void replaceThatCrossesCompletelyLeavesTheBook() {
            gtc(1, ALICE, BUY, 2, 99);
            gtc(2, BOB, SELL, 3, 101);

            book.replace(1, 101, 2);

            assertThat(callbacks()).containsExactly("2>1 2@101");
            assertThat(book.order(1)).isNull();
            assertThat(book.openOrderCount(ALICE)).isZero();
            assertThat(remaining(2)).isEqualTo(1);
        }

        @Test
        void replaceOfAnUnknownOrGoneOrderIsRefused() {
            gtc(1, ALICE, SELL, 5, 100);
            gtc(2, BOB, BUY, 5, 100);
            events.clear();

            assertThat(book.replace(1, 100, 3)).as("filled").isFalse();
            assertThat(book.replace(42, 100, 3)).as("never seen").isFalse();
            assertThat(events.events).isEmpty();
            assertThat(book.orderCount()).isZero();
        }

        @Test
        void replaceRejectsMalformedValues() {
            gtc(1, ALICE, SELL, 5, 100);

            assertThatThrownBy(() -> book.replace(1, 0, 5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> book.replace(1, 100, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThat(remaining(1)).isEqualTo(5);
        }
    }

    // ------------------------------------------------------------------------------------- self-trade prevention

    @Nested
    class SelfTrades {

        @Test
        void cancelRestingRemovesTheOwnOrderAndKeepsMatching() {
            gtc(1, ALICE, SELL, 5, 100);
            gtc(2, BOB, SELL, 5, 100);

            long resting = gtc(3, ALICE, BUY, 7, 100);

            assertThat(callbacks()).containsExactly("1 5 SELF_TRADE", "2>3 5@100");
            assertThat(resting).isEqualTo(2);
            assertThat(book.bestBid()).isEqualTo(100);
            assertThat(book.levelCount(SELL)).isZero();
        }

        @Test
        void cancelIncomingStopsAtTheOwnOrderAndDropsTheRemainder() {
            book = new OrderBook(SelfTradePrevention.CANCEL_INCOMING, events);
            gtc(1, BOB, SELL, 3, 100);
            gtc(2, ALICE, SELL, 5, 100);
            gtc(3, BOB, SELL, 5, 100);

            long resting = gtc(4, ALICE, BUY, 10, 100);

            assertThat(callbacks()).containsExactly("1>4 3@100", "4 7 SELF_TRADE");
            assertThat(resting).as("a GTC remainder does not rest either").isZero();
            assertThat(queue(SELL, 0)).containsExactly(2L, 3L);
            assertThat(book.bestBid()).isEqualTo(NO_PRICE);
        }

        @Test
        void cancelIncomingAppliesToAReplaceToo() {
            book = new OrderBook(SelfTradePrevention.CANCEL_INCOMING, events);
            gtc(1, ALICE, SELL, 3, 100);
            gtc(2, ALICE, BUY, 5, 99);

            book.replace(2, 100, 5);

            assertThat(callbacks()).containsExactly("2 5 SELF_TRADE");
            assertThat(book.order(2)).isNull();
            assertThat(queue(SELL, 0)).containsExactly(1L);
        }

        @Test
        void allowLetsAnOwnerTradeWithItself() {
            book = new OrderBook(SelfTradePrevention.ALLOW, events);
            gtc(1, ALICE, SELL, 5, 100);

            gtc(2, ALICE, BUY, 5, 100);

            assertThat(callbacks()).containsExactly("1>2 5@100");
        }

        @Test
        void ordersOfDifferentOwnersAreNeverSelfTrades() {
            book = new OrderBook(SelfTradePrevention.CANCEL_INCOMING, events);
            gtc(1, BOB, SELL, 5, 100);

            gtc(2, ALICE, BUY, 5, 100);

            assertThat(callbacks()).containsExactly("1>2 5@100");
        }

        @ParameterizedTest
        @CsvSource({"CANCEL_RESTING, 8", "CANCEL_INCOMING, 3", "ALLOW, 13"})
        void fillableQuantityHonoursTheMode(SelfTradePrevention mode, long expected) {
            book = new OrderBook(mode, events);
            gtc(1, BOB, SELL, 3, 100);
            gtc(2, ALICE, SELL, 5, 100);
            gtc(3, BOB, SELL, 5, 101);

            assertThat(book.fillableQuantity(ALICE, BUY, 101, 20)).isEqualTo(expected);
            assertThat(book.fillableQuantity(CAROL, BUY, 101, 20)).as("someone else").isEqualTo(13);
        }
    }

    // ------------------------------------------------------------------------------------------------ queries

    @Nested
    class Queries {

        @Test
        void depthCopiesLevelsBestFirst() {
            gtc(1, ALICE, BUY, 1, 98);
            gtc(2, BOB, BUY, 2, 99);
            gtc(3, CAROL, BUY, 3, 99);
            gtc(4, ALICE, SELL, 4, 101);

            long[] prices = new long[5];
            long[] quantities = new long[5];
            assertThat(book.depth(BUY, prices, quantities)).isEqualTo(2);
            assertThat(prices).startsWith(99, 98);
            assertThat(quantities).startsWith(5, 1);

            assertThat(book.depth(SELL, prices, quantities)).isEqualTo(1);
            assertThat(prices[0]).isEqualTo(101);
            assertThat(quantities[0]).isEqualTo(4);
        }

        @Test
        void depthStopsAtTheArraysLength() {
            for (int i = 0; i < 5; i++) {
                gtc(i + 1, ALICE, SELL, i + 1, 100 + i);
            }

            long[] prices = new long[3];
            long[] quantities = new long[3];

            assertThat(book.depth(SELL, prices, quantities)).isEqualTo(3);
            assertThat(prices).containsExactly(100, 101, 102);
            assertThat(quantities).containsExactly(1, 2, 3);
        }

        @Test
        void openOrdersAndQuantityPerOwnerAndSide() {
            gtc(1, ALICE, BUY, 5, 99);
            gtc(2, ALICE, BUY, 4, 98);
            gtc(3, ALICE, SELL, 7, 105);
            gtc(4, BOB, SELL, 6, 104);

            assertThat(book.openOrderCount(ALICE)).isEqualTo(3);
            assertThat(book.openQuantity(ALICE, BUY)).isEqualTo(9);
            assertThat(book.openQuantity(ALICE, SELL)).isEqualTo(7);
            assertThat(book.openOrderCount(CAROL)).isZero();
            assertThat(book.openQuantity(500, BUY)).as("never seen").isZero();

            gtc(5, CAROL, SELL, 2, 99); // partly fills order 1
            book.replace(2, 98, 1);
            book.cancel(3, CancelReason.REQUESTED);

            assertThat(book.openOrderCount(ALICE)).isEqualTo(2);
            assertThat(book.openQuantity(ALICE, BUY)).isEqualTo(3 + 1);
            assertThat(book.openQuantity(ALICE, SELL)).isZero();
            assertThat(book.openQuantity(BOB, SELL)).isEqualTo(6);
        }

        @Test
        void firstOfListsEveryRestingOrderOfTheOwner() {
            gtc(1, ALICE, BUY, 5, 99);
            gtc(2, BOB, BUY, 4, 98);
            gtc(3, ALICE, SELL, 7, 105);

            List<Long> ids = new ArrayList<>();
            for (Order o = book.firstOf(ALICE); o != null; o = o.nextOfOwner()) {
                ids.add(o.id());
            }

            assertThat(ids).containsExactlyInAnyOrder(1L, 3L);
        }

        @Test
        void anOwnerWithNothingRestingHasNothingWhateverItsNumber() {
            gtc(1, 3, BUY, 5, 99);
            gtc(2, 20, SELL, 4, 105);

            for (int owner = 0; owner <= 100; owner++) {
                if (owner == 3 || owner == 20) {
                    continue;
                }
                assertThat(book.firstOf(owner)).as("owner %d", owner).isNull();
                assertThat(book.openOrderCount(owner)).as("owner %d", owner).isZero();
                assertThat(book.openQuantity(owner, BUY) + book.openQuantity(owner, SELL)).as("owner %d", owner)
                        .isZero();
                assertThat(book.cancelAll(owner, CancelReason.REQUESTED)).as("owner %d", owner).isZero();
            }
            assertThat(book.firstOf(3).id()).isEqualTo(1);
            assertThat(book.firstOf(20).id()).isEqualTo(2);
            assertThat(events.events).isEmpty();
        }

        @Test
        void changeCountMovesWithTheBookAndOnlyThen() {
            long start = book.changeCount();
            gtc(1, ALICE, BUY, 5, 99);
            long afterRest = book.changeCount();
            assertThat(afterRest).isGreaterThan(start);

            book.cancel(42, CancelReason.REQUESTED);
            book.wouldTake(SELL, 99);
            book.fillableQuantity(BOB, SELL, 99, 3);
            assertThat(book.changeCount()).isEqualTo(afterRest);

            book.replace(1, 99, 4);
            assertThat(book.changeCount()).isGreaterThan(afterRest);
        }
    }

    // ----------------------------------------------------------------------------------- pooling and growth

    @Nested
    class PooledOrders {

        @Test
        void cancelledIdIsNotFoundEvenAfterItsObjectIsReused() {
            gtc(1, ALICE, BUY, 5, 99);
            Order first = book.order(1);
            book.cancel(1, CancelReason.REQUESTED);

            gtc(2, BOB, SELL, 3, 101);

            assertThat(book.order(1)).isNull();
            assertThat(book.order(2)).as("the pool hands the object out again").isSameAs(first);
            assertThat(book.order(2).clientOrderId()).isEqualTo("c2");
            assertThat(book.order(2).owner()).isEqualTo(BOB);
        }

        @Test
        void aFilledRestingOrdersObjectIsReused() {
            gtc(1, ALICE, BUY, 5, 99);
            Order first = book.order(1);
            gtc(2, BOB, SELL, 5, 99);

            gtc(3, CAROL, SELL, 1, 105);
            gtc(4, CAROL, SELL, 1, 106);

            assertThat(List.of(book.order(3), book.order(4))).contains(first);
        }

        @Test
        void theObjectOfAnOrderThatNeverRestedIsReused() {
            List<Order> incoming = new ArrayList<>();
            book = new OrderBook(SelfTradePrevention.CANCEL_RESTING, new BookListener() {
                @Override
                public void match(Order resting, Order order, long price, long quantity) {
                    incoming.add(order);
                }

                @Override
                public void cancelled(Order order, long quantity, CancelReason reason) {
                    incoming.add(order);
                }
            });
            gtc(1, ALICE, SELL, 5, 101);
            gtc(2, BOB, BUY, 2, 101); // filled on entry
            gtc(3, CAROL, BUY, 1, 100);
            assertThat(book.order(3)).as("after a fill on entry").isSameAs(incoming.get(0));

            ioc(4, BOB, BUY, 9, 101); // 3 filled, 6 cancelled
            gtc(5, CAROL, BUY, 1, 99);
            assertThat(book.order(5)).as("after an IOC remainder").isSameAs(incoming.get(2));
        }

        @Test
        void anOrderDescribesItselfForFailures() {
            gtc(1, ALICE, SELL, 5, 101);
            assertThat(book.order(1)).hasToString("Order{id=1, owner=0, SELL 5@101}");
            assertThat(book.selfTradePrevention()).isEqualTo(SelfTradePrevention.CANCEL_RESTING);
        }

        @Test
        void filledIdIsNotFound() {
            gtc(1, ALICE, BUY, 5, 99);

            gtc(2, BOB, SELL, 5, 99);

            assertThat(book.order(1)).isNull();
            assertThat(book.order(2)).isNull();
            assertThat(book.orderCount()).isZero();
        }

        @Test
        void idOfAGoneOrderMayBeUsedAgain() {
            gtc(1, ALICE, BUY, 5, 99);
            book.cancel(1, CancelReason.REQUESTED);

            gtc(1, BOB, SELL, 2, 105);

            assertThat(book.order(1).owner()).isEqualTo(BOB);
            assertThat(book.order(1).side()).isEqualTo(SELL);
            assertThat(book.levelCount(BUY)).isZero();
            assertThat(book.openOrderCount(ALICE)).isZero();
            assertThat(book.openOrderCount(BOB)).isEqualTo(1);
        }

        @Test
        void aFilledRestingOrderHasLeftTheBookWhenTheListenerHearsOfIt() {
            List<String> seen = new ArrayList<>();
            book = new OrderBook(SelfTradePrevention.CANCEL_RESTING, new BookListener() {
                @Override
                public void match(Order resting, Order incoming, long price, long quantity) {
                    seen.add(resting.remaining() + " " + (book.order(resting.id()) == null) + " "
                            + resting.clientOrderId());
                }

                @Override
                public void cancelled(Order order, long quantity, CancelReason reason) {
                }
            });
            gtc(1, ALICE, SELL, 2, 100);
            gtc(2, ALICE, SELL, 5, 100);

            gtc(3, BOB, BUY, 4, 100);

            assertThat(seen).containsExactly("0 true c1", "3 false c2");
        }

        @Test
        void thousandsOfOrdersOnHundredsOfLevelsStayFindable() {
            int n = 5_000;
            for (int i = 1; i <= n; i++) {
                long price = i % 2 == 0 ? 1_000 - i % 300 : 1_001 + i % 300;
                gtc(i * 7919L, i % 7, i % 2 == 0 ? BUY : SELL, 1 + i % 5, price);
            }

            assertThat(book.orderCount()).isEqualTo(n);
            assertThat(book.levelCount(BUY)).isEqualTo(150);
            assertThat(book.levelCount(SELL)).isEqualTo(150);
            for (int i = 1; i <= n; i++) {
                assertThat(book.order(i * 7919L).id()).isEqualTo(i * 7919L);
            }
            for (int rank = 1; rank < book.levelCount(BUY); rank++) {
                assertThat(book.levelPrice(BUY, rank)).isLessThan(book.levelPrice(BUY, rank - 1));
                assertThat(book.levelPrice(SELL, rank)).isGreaterThan(book.levelPrice(SELL, rank - 1));
            }

            for (int i = 1; i <= n; i += 2) {
                book.cancel(i * 7919L, CancelReason.REQUESTED);
            }
            for (int i = 1; i <= n; i++) {
                Order order = book.order(i * 7919L);
                assertThat(order == null).as("order %d gone", i).isEqualTo(i % 2 == 1);
            }
            for (int owner = 0; owner < 7; owner++) {
                book.cancelAll(owner, CancelReason.REQUESTED);
            }
            assertThat(book.orderCount()).isZero();
            assertThat(book.levelCount(BUY)).isZero();
            assertThat(book.levelCount(SELL)).isZero();
        }
    }
}
