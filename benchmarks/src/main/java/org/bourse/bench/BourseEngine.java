package org.bourse.bench;

import org.HdrHistogram.Histogram;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.BookListener;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.book.Order;
import org.bourse.exchange.book.OrderBook;
import org.bourse.exchange.book.SelfTradePrevention;

/**
 * Bourse's pure order book. Self-trade prevention is off (ALLOW) because the other engines have none; with it on,
 * an order meeting its owner's resting order would diverge from them.
 */
public final class BourseEngine implements EngineUnderTest, BookListener {
    private final OrderBook book = new OrderBook(SelfTradePrevention.ALLOW, this);
    private final TradeSink sink;
    private long missedCancels;

    public BourseEngine(TradeSink sink) {
        this.sink = sink;
    }

    @Override
    public String name() {
        return "bourse";
    }

    /** The underlying book, for checks. */
    public OrderBook book() {
        return book;
    }

    @Override
    public void run(CommandStream commands) {
        for (int i = 0, n = commands.size(); i < n; i++) {
            apply(commands, i);
        }
    }

    @Override
    public void runTimed(CommandStream commands, Histogram latencies) {
        for (int i = 0, n = commands.size(); i < n; i++) {
            long start = System.nanoTime();
            apply(commands, i);
            latencies.recordValue(Math.min(System.nanoTime() - start, LatencyPass.MAX_RECORDED_NANOS));
        }
    }

    private void apply(CommandStream c, int i) {
        switch (c.kind[i]) {
            case CommandStream.LIMIT -> book.enter(c.orderId[i], c.trader[i], null, c.buy[i] ? Side.BUY : Side.SELL,
                    c.price[i], c.quantity[i], TimeInForce.GTC, false);
            case CommandStream.MARKET -> book.enter(c.orderId[i], c.trader[i], null, c.buy[i] ? Side.BUY : Side.SELL,
                    OrderBook.NO_PRICE, c.quantity[i], TimeInForce.IOC, false);
            default -> {
                if (!book.cancel(c.orderId[i], CancelReason.REQUESTED)) {
                    missedCancels++;
                }
            }
        }
    }

    @Override
    public void reset(Workload workload) {
        run(workload.teardown());
        run(workload.preload());
    }

    @Override
    public long missedCancels() {
        return missedCancels;
    }

    @Override
    public void match(Order resting, Order incoming, long price, long quantity) {
        sink.trade(resting.id(), incoming.id(), price, quantity);
    }

    @Override
    public void cancelled(Order order, long quantity, CancelReason reason) {
        // Nothing to report: the comparison is on trades, and the other engines' cancel reports differ in shape.
    }
}
