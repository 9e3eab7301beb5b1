package org.bourse.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bourse.api.Side;
import org.junit.jupiter.api.Test;

/** An execution names its buyer and seller, whichever side took liquidity. */
class ExecutionTest {

    /** What a listener reads off each execution, during the call (the engine reuses it). */
    private record Seen(String buyer, String seller, long buyOrder, long sellOrder, long makerOrder,
                        long takerOrder, String makerTrader, String takerTrader, long price, long quantity) {
    }

    private final List<Seen> seen = new ArrayList<>();
    private final Engine engine = new Engine(EngineConfig.defaults(), new EngineListener() {
        @Override
        public void trade(long seq, long timestamp, Execution e) {
            seen.add(new Seen(e.buyer().traderId(), e.seller().traderId(), e.buyOrder().id(), e.sellOrder().id(),
                    e.maker().id(), e.taker().id(), e.makerAccount().traderId(), e.takerAccount().traderId(),
                    e.price(), e.quantity()));
        }
    });

    @Test
    void aBuyerTakingTheOfferIsTheBuyerAndTheTaker() {
        engine.apply(Command.PlaceOrder.limit(1, "maker", null, Side.SELL, 10_010, 3)); // order 1
        engine.apply(Command.PlaceOrder.market(2, "taker", null, Side.BUY, 2));          // order 2

        assertThat(seen).containsExactly(new Seen("taker", "maker", 2, 1, 1, 2, "maker", "taker", 10_010, 2));
    }

    @Test
    void aSellerHittingTheBidIsTheSellerAndTheTaker() {
        engine.apply(Command.PlaceOrder.limit(1, "maker", null, Side.BUY, 9_990, 3));
        engine.apply(Command.PlaceOrder.market(2, "taker", null, Side.SELL, 1));

        assertThat(seen).containsExactly(new Seen("maker", "taker", 1, 2, 1, 2, "maker", "taker", 9_990, 1));
    }
}
