package org.bourse.monitor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.ServerMessage.AccountState;
import org.bourse.protocol.ServerMessage.Level;

/** Feed messages for tests, built from the protocol's records; prices as the exchange prints them. */
final class Feeds {

    static final long T0 = 1_739_980_000_000L;

    private Feeds() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** Levels from "price", qty pairs: levels("99.95", 3, "99.90", 5). */
    static List<Level> levels(Object... pricesAndQtys) {
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < pricesAndQtys.length; i += 2) {
            levels.add(new Level(d((String) pricesAndQtys[i]), ((Number) pricesAndQtys[i + 1]).longValue()));
        }
        return levels;
    }

    static ServerMessage.Status status(boolean connected, String detail) {
        return new ServerMessage.Status(connected, "ws://127.0.0.1:9002", detail, T0);
    }

    /** A book_update stating the exchange's {@code mark} after the change. */
    static ServerMessage.BookUpdate book(long seq, List<Level> bids, List<Level> asks, String mark) {
        return new ServerMessage.BookUpdate(seq, bids.isEmpty() ? null : bids.get(0).price(),
                asks.isEmpty() ? null : asks.get(0).price(), bids, asks, mark == null ? null : d(mark), T0 + seq);
    }

    static ServerMessage.Trade trade(long seq, String price, long qty, String buyer, String seller) {
        return new ServerMessage.Trade(seq, 100 + seq, d(price), qty, buyer, seller, "buy", 1, 2, T0 + seq);
    }

    static ServerMessage.PositionUpdate position(long seq, String trader, long position, String cash, String avg,
                                                 String realized, String unrealized, String equity, String mark) {
        return new ServerMessage.PositionUpdate(seq, trader, position, d(cash), avg == null ? null : d(avg),
                d(realized), d(unrealized), d(equity), d(mark), T0 + seq);
    }

    static AccountState account(String trader, long position, String cash, String avg, String unrealized,
                                String equity) {
        return new AccountState(trader, position, d(cash), d(avg), d("0.00"), d(unrealized), d(equity), "active");
    }

    /**
     * The book 99.95 x 3, 99.90 x 5 | 100.05 x 2, 100.10 x 4 (mark 100.00) after one trade: taker_1 bought 2 at
     * 100.05 from maker_1.
     */
    static ServerMessage.Snapshot snapshot(long seq) {
        ServerMessage.Trade first = trade(2, "100.05", 2, "taker_1", "maker_1");
        return new ServerMessage.Snapshot(seq, d("99.95"), d("100.05"), levels("99.95", 3, "99.90", 5),
                levels("100.05", 2, "100.10", 4), d("100.00"), d("100.05"), 1, List.of(first),
                List.of(account("maker_1", -2, "10200.10", "100.05", "0.10", "10000.10"),
                        account("taker_1", 2, "9799.90", "100.05", "-0.10", "9999.90")),
                false, T0 + 10);
    }

    /** An exchange with nothing yet: empty book, no trades, no accounts. */
    static ServerMessage.Snapshot emptySnapshot(long seq, String mark) {
        return new ServerMessage.Snapshot(seq, null, null, List.of(), List.of(), d(mark), null, 0, List.of(),
                List.of(), false, T0);
    }
}
