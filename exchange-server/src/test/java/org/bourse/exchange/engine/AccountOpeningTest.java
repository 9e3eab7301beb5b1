package org.bourse.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.bourse.exchange.engine.EngineHarness.level;
import static org.bourse.exchange.engine.EngineHarness.only;
import static org.bourse.exchange.engine.EngineHarness.orderId;
import static org.bourse.exchange.engine.EngineHarness.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.engine.EngineEvent.AccountUpdate;
import org.bourse.exchange.engine.EngineEvent.AllOrdersCancelled;
import org.bourse.exchange.engine.EngineEvent.BookUpdate;
import org.bourse.exchange.engine.EngineEvent.CancelRejected;
import org.bourse.exchange.engine.EngineEvent.OrderAccepted;
import org.bourse.exchange.engine.EngineEvent.OrderRejected;
import org.bourse.exchange.engine.EngineEvent.ReplaceRejected;
import org.bourse.exchange.engine.EngineEvent.Sequenced;
import org.bourse.exchange.engine.EngineEvent.Trade;
import org.junit.jupiter.api.Test;

/**
 * An account opens with its trader's first order, accepted or refused, and that command announces it once, after
 * its answer: so every trader who ever sent an order is on the feed, traded or not. A cancel, a cancel-all or a
 * replace from a trader without an account opens none.
 */
class AccountOpeningTest {

    private final EngineHarness h = new EngineHarness();

    @Test
    void anAcceptedFirstOrderOpensTheAccountAndAnnouncesItOnceAfterTheAnswer() {
        List<EngineEvent> first = h.at(5_000).order("t", "t-1", Side.BUY, OrderType.LIMIT, 9_990, 2,
                TimeInForce.GTC, false);

        assertThat(first).containsExactly(
                new OrderAccepted(5_000, 1, "t", "t-1", Side.BUY, OrderType.LIMIT, 9_990, 2, TimeInForce.GTC, false),
                new BookUpdate(1, 5_000, List.of(level(9_990, 2)), List.of()),
                h.opened(2, 5_000, "t", 10_000));
        assertThat(h.engine.accountCount()).isEqualTo(1);
        assertThat(h.engine.findAccount("t")).isSameAs(h.engine.accountAt(0));

        assertThat(types(h.buy("t", 9_980, 1))).as("a later order").containsExactly(OrderAccepted.class,
                BookUpdate.class);
        assertThat(h.engine.accountCount()).isEqualTo(1);
    }

    @Test
    void aRefusedFirstOrderOpensTheAccountAndAnnouncesItOnceAfterTheReject() {
        List<EngineEvent> first = h.at(5_000).order("t", "t-1", Side.BUY, OrderType.LIMIT, 9_990, 0,
                TimeInForce.GTC, false);

        assertThat(first).containsExactly(
                new OrderRejected(5_000, "t", "t-1", RejectReason.INVALID_QUANTITY, Map.of("qty", 0L)),
                h.opened(1, 5_000, "t", 10_000));
        assertThat(h.engine.accountCount()).isEqualTo(1);
        assertThat(h.engine.lastSeq()).isEqualTo(1);

        assertThat(types(h.buy("t", 9_990, 0))).as("a later refused order").containsExactly(OrderRejected.class);
        assertThat(types(h.buy("t", 9_990, 1))).as("a later accepted order").containsExactly(OrderAccepted.class,
                BookUpdate.class);
        assertThat(h.engine.accountCount()).isEqualTo(1);
    }

    @Test
    void anOrderRefusedWhileTradingIsHaltedOpensTheAccountToo() {
        h.halt(true);

        List<EngineEvent> events = h.at(7_000).order("t", "t-1", Side.SELL, OrderType.MARKET, 0, 1,
                TimeInForce.IOC, false);

        assertThat(events).containsExactly(
                new OrderRejected(7_000, "t", "t-1", RejectReason.TRADING_HALTED, Map.of()),
                h.opened(2, 7_000, "t", 10_000));
    }

    @Test
    void aTraderWhoseFirstOrderTradesIsUpdatedOnceWithItsPositionAfterTheTrades() {
        h.sell("m", 10_010, 2);
        h.sell("m", 10_020, 3);
        long seqBefore = h.engine.lastSeq();

        List<EngineEvent> events = h.buy("t", 10_020, 5);

        assertThat(types(events)).containsExactly(OrderAccepted.class, Trade.class, Trade.class, BookUpdate.class,
                AccountUpdate.class, AccountUpdate.class);
        // t opened, then touched by both trades, and m touched twice: one update each, showing the account after
        List<AccountUpdate> updates = only(events, AccountUpdate.class);
        assertThat(updates).extracting(AccountUpdate::traderId, AccountUpdate::position)
                .containsExactly(tuple("t", 5L), tuple("m", -5L));
        assertThat(updates.get(0)).isEqualTo(new AccountUpdate(seqBefore + 4, h.lastTimestamp(), "t", 5,
                1_000_000 - 2 * 10_010 - 3 * 10_020, 2 * 10_010 + 3 * 10_020, 0, 20, 1_000_000 + 20, 10_020));
    }

    @Test
    void afterItsAnnouncementAnAccountIsUpdatedOnlyWhenItTrades() {
        h.sell("m", 10_010, 2);
        h.sell("m", 10_020, 1);
        h.buy("t", 10_010, 1);

        assertThat(only(h.all, AccountUpdate.class)).extracting(AccountUpdate::traderId, AccountUpdate::position)
                .containsExactly(tuple("m", 0L), tuple("t", 1L), tuple("m", -1L));
    }

    @Test
    void cancelsAndReplacesOfATraderWithoutAnAccountOpenNoneAndPublishNothing() {
        long id = orderId(h.buy("owner", 10_000, 1));
        h.sell("owner", 10_010, 1);
        State before = State.of(h);

        assertThat(h.at(2_000).cancel("stranger", id))
                .containsExactly(new CancelRejected(2_000, "stranger", id, null, RejectReason.UNKNOWN_ORDER));
        assertThat(h.at(2_001).cancelByClientId("stranger", "owner-1"))
                .containsExactly(new CancelRejected(2_001, "stranger", 0, "owner-1", RejectReason.UNKNOWN_ORDER));
        assertThat(h.at(2_002).cancelAll("stranger")).containsExactly(new AllOrdersCancelled(2_002, "stranger", 0));
        assertThat(h.at(2_003).replace("stranger", id, 10_005, 2)).containsExactly(
                new ReplaceRejected(2_003, "stranger", id, null, RejectReason.UNKNOWN_ORDER, Map.of()));

        assertThat(h.engine.findAccount("stranger")).isNull();
        assertThat(State.of(h)).isEqualTo(before);
        assertThat(h.all.stream().filter(Sequenced.class::isInstance)).hasSize(3); // the owner's orders only

        // its first order opens it, after all of that
        h.sell("stranger", 10_020, 1);
        assertThat(h.engine.accountCount()).isEqualTo(before.accounts().size() + 1);
        assertThat(h.engine.accountAt(1).traderId()).isEqualTo("stranger");
    }

    /** What a snapshot is made of: the accounts, the book, the last seq. */
    private record State(List<String> accounts, List<EngineEvent.Level> bids, List<EngineEvent.Level> asks,
                         long lastSeq) {
        static State of(EngineHarness h) {
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < h.engine.accountCount(); i++) {
                accounts.add(h.engine.accountAt(i).toString());
            }
            return new State(accounts, h.levels(Side.BUY), h.levels(Side.SELL), h.engine.lastSeq());
        }
    }
}
