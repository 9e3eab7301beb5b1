package org.bourse.exchange.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.book.Order;
import org.bourse.exchange.book.OrderBook;
import org.bourse.protocol.LiquidationReason;

/** Turns every listener call into an {@link EngineEvent} value and hands it to a consumer. */
public final class EventRecorder implements EngineListener {

    private final int bookDepth;
    private final Consumer<EngineEvent> sink;

    /**
     * @param bookDepth how many levels per side a {@link EngineEvent.BookUpdate} copies
     * @param sink      receives the events in order
     */
    public EventRecorder(int bookDepth, Consumer<EngineEvent> sink) {
        this.bookDepth = bookDepth;
        this.sink = sink;
    }

    /** Records into a list, copying the whole book on each book update. */
    public static EventRecorder into(List<EngineEvent> events) {
        return new EventRecorder(Integer.MAX_VALUE, events::add);
    }

    @Override
    public void orderAccepted(long timestamp, long orderId, Command.PlaceOrder order, long price,
                              TimeInForce timeInForce) {
        sink.accept(new EngineEvent.OrderAccepted(timestamp, orderId, order.traderId(), order.clientOrderId(),
                order.side(), order.type(), price, order.quantity(), timeInForce, order.postOnly()));
    }

    @Override
    public void orderRejected(long timestamp, Command.PlaceOrder order, Refusal refusal) {
        sink.accept(new EngineEvent.OrderRejected(timestamp, order.traderId(), order.clientOrderId(),
                refusal.reason(), refusal.details((unit, value) -> value)));
    }

    @Override
    public void orderCancelled(long timestamp, long orderId, String traderId, String clientOrderId,
                               long quantity, CancelReason reason) {
        sink.accept(new EngineEvent.OrderCancelled(timestamp, orderId, traderId, clientOrderId, quantity, reason));
    }

    @Override
    public void orderReplaced(long timestamp, long orderId, String traderId, String clientOrderId, long price,
                              long quantity) {
        sink.accept(new EngineEvent.OrderReplaced(timestamp, orderId, traderId, clientOrderId, price, quantity));
    }

    @Override
    public void allOrdersCancelled(long timestamp, String traderId, int count) {
        sink.accept(new EngineEvent.AllOrdersCancelled(timestamp, traderId, count));
    }

    @Override
    public void cancelRejected(long timestamp, String traderId, long orderId, String clientOrderId,
                               RejectReason reason) {
        sink.accept(new EngineEvent.CancelRejected(timestamp, traderId, orderId, clientOrderId, reason));
    }

    @Override
    public void replaceRejected(long timestamp, Command.ReplaceOrder replace, Refusal refusal) {
        sink.accept(new EngineEvent.ReplaceRejected(timestamp, replace.traderId(), replace.orderId(),
                replace.clientOrderId(), refusal.reason(), refusal.details((unit, value) -> value)));
    }

    @Override
    public void trade(long seq, long timestamp, Execution execution) {
        Order taker = execution.taker();
        EngineEvent.Fill makerFill = fill(execution.maker(), execution.makerAccount(), true);
        EngineEvent.Fill takerFill = fill(taker, execution.takerAccount(), false);
        boolean takerBuys = taker.side() == Side.BUY;
        sink.accept(new EngineEvent.Trade(seq, timestamp, execution.tradeId(), execution.price(),
                execution.quantity(), taker.side(), takerBuys ? takerFill : makerFill,
                takerBuys ? makerFill : takerFill));
    }

    @Override
    public void bookChanged(long seq, long timestamp, OrderBook book) {
        sink.accept(new EngineEvent.BookUpdate(seq, timestamp, levels(book, Side.BUY), levels(book, Side.SELL)));
    }

    @Override
    public void accountChanged(long seq, long timestamp, Account account, long markPrice) {
        sink.accept(new EngineEvent.AccountUpdate(seq, timestamp, account.traderId(), account.position(),
                account.cash(), account.costBasis(), account.realizedPnl(), account.unrealizedPnl(markPrice),
                account.equity(markPrice), markPrice));
    }

    @Override
    public void liquidation(long seq, long timestamp, String traderId, LiquidationReason reason, Side side,
                            long quantity, long orderId) {
        sink.accept(new EngineEvent.Liquidation(seq, timestamp, traderId, reason, side, quantity, orderId));
    }

    @Override
    public void tradingStatus(long seq, long timestamp, boolean halted) {
        sink.accept(new EngineEvent.TradingStatus(seq, timestamp, halted));
    }

    private static EngineEvent.Fill fill(Order order, Account account, boolean maker) {
        return new EngineEvent.Fill(order.id(), account.traderId(), order.clientOrderId(), order.side(),
                order.remaining(), maker);
    }

    private List<EngineEvent.Level> levels(OrderBook book, Side side) {
        int n = Math.min(bookDepth, book.levelCount(side));
        List<EngineEvent.Level> levels = new ArrayList<>(n);
        for (int rank = 0; rank < n; rank++) {
            levels.add(new EngineEvent.Level(book.levelPrice(side, rank), book.levelQuantity(side, rank)));
        }
        return Collections.unmodifiableList(levels);
    }
}
