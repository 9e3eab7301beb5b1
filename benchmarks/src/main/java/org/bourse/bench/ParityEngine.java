package org.bourse.bench;

import com.paritytrading.parity.match.OrderBook;
import com.paritytrading.parity.match.OrderBookListener;
import com.paritytrading.parity.match.Side;
import org.HdrHistogram.Histogram;

/**
 * Parity's order book. It has only limit orders, so a market order is entered at a price that crosses everything
 * and whatever is left of it, if it came to rest, is cancelled straight away: the same trades as a market order.
 */
public final class ParityEngine implements EngineUnderTest, OrderBookListener {
    private OrderBook book = new OrderBook(this);
    private final TradeSink sink;
    private long lastAddedId;
    private boolean cancelSeen;
    private long missedCancels;

    public ParityEngine(TradeSink sink) {
        this.sink = sink;
    }

    @Override
    public String name() {
        return "parity";
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
        long id = c.orderId[i];
        switch (c.kind[i]) {
            case CommandStream.LIMIT -> book.enter(id, c.buy[i] ? Side.BUY : Side.SELL, c.price[i], c.quantity[i]);
            case CommandStream.MARKET -> {
                boolean buy = c.buy[i];
                book.enter(id, buy ? Side.BUY : Side.SELL, buy ? Long.MAX_VALUE : 0, c.quantity[i]);
                if (lastAddedId == id) {
                    book.cancel(id, 0);
                }
            }
            default -> {
                cancelSeen = false;
                book.cancel(id, 0);
                if (!cancelSeen) {
                    missedCancels++;
                }
            }
        }
    }

    /**
     * Parity never forgets an order id, even once the order has filled, and ignores an order whose id it has seen:
     * the preload's ids could not be entered again. So after checking the teardown's cancels it starts over with a
     * new book. Parity pools nothing, so nothing warm is lost.
     */
    @Override
    public void reset(Workload workload) {
        run(workload.teardown());
        book = new OrderBook(this);
        run(workload.preload());
    }

    @Override
    public long missedCancels() {
        return missedCancels;
    }

    @Override
    public void match(long restingOrderId, long incomingOrderId, Side incomingSide, long price,
                      long executedQuantity, long remainingQuantity) {
        sink.trade(restingOrderId, incomingOrderId, price, executedQuantity);
    }

    @Override
    public void add(long orderId, Side side, long price, long size) {
        lastAddedId = orderId;
    }

    @Override
    public void cancel(long orderId, long canceledQuantity, long remainingQuantity) {
        cancelSeen = true;
    }
}
