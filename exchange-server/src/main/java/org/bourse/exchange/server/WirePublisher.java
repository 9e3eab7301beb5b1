package org.bourse.exchange.server;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.book.Order;
import org.bourse.exchange.book.OrderBook;
import org.bourse.exchange.csv.CsvExporter;
import org.bourse.exchange.engine.Account;
import org.bourse.exchange.engine.Engine;
import org.bourse.exchange.engine.EngineListener;
import org.bourse.exchange.engine.LiquidationReason;
import org.bourse.exchange.engine.RejectReason;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;

/**
 * Turns the engine's events into wire messages and delivers them, on the engine thread: answers to the connection
 * that sent the command, fills and unsolicited cancels to every connection of the trader concerned, public events
 * (encoded once) to every stream subscriber and to the CSV files.
 */
final class WirePublisher implements EngineListener {

    /** Levels per side in a book_update (the reference asks for at least 10). */
    static final int BOOK_DEPTH = 10;
    /** Trades a snapshot carries. */
    static final int RECENT_TRADES = 100;

    private final TickScale scale;
    private final CsvExporter csv;
    private final Map<String, List<Client>> connectionsByTrader = new HashMap<>();
    private final List<Client> subscribers = new ArrayList<>();
    private final ArrayDeque<ServerMessage.Trade> recentTrades = new ArrayDeque<>();
    /** Clients with frames waiting for {@link #flush}. */
    private final List<Client> unflushed = new ArrayList<>();
    private Engine engine;
    /** The connection whose command the engine is processing: its answers go there. */
    private Client origin;

    WirePublisher(TickScale scale, CsvExporter csv) {
        this.scale = scale;
        this.csv = csv;
    }

    void attach(Engine engine) {
        this.engine = engine;
    }

    void origin(Client client) {
        origin = client;
    }

    void bind(Client client, String traderId) {
        List<Client> clients = connectionsByTrader.computeIfAbsent(traderId, t -> new ArrayList<>(1));
        if (!clients.contains(client)) {
            clients.add(client);
        }
    }

    void closed(Client client) {
        if (client.boundTrader != null) {
            List<Client> clients = connectionsByTrader.get(client.boundTrader);
            if (clients != null) {
                clients.remove(client);
            }
        }
    }

    void answer(Client client, ServerMessage message) {
        send(client, WireJson.encode(message));
    }

    /** Hands every frame of the batch to its connection: one selector wake-up per connection per batch. */
    void flush() {
        for (int i = 0; i < unflushed.size(); i++) {
            unflushed.get(i).flush();
        }
        unflushed.clear();
    }

    /** Sends the snapshot, then registers the subscriber: it will miss nothing and see nothing twice. */
    void subscribe(Client subscriber, long timestamp) {
        send(subscriber, WireJson.encode(snapshot(timestamp)));
        subscribers.add(subscriber);
    }

    void unsubscribe(Client subscriber) {
        subscribers.remove(subscriber);
    }

    // ------------------------------------------------------------------------------ private events

    @Override
    public void orderAccepted(long timestamp, long orderId, String traderId, String clientOrderId, Side side,
                              OrderType type, long price, long quantity, TimeInForce timeInForce,
                              boolean postOnly) {
        toOrigin(new ServerMessage.OrderAccepted(orderId, traderId, clientOrderId, side.wireName(),
                type.wireName(), price == OrderBook.NO_PRICE ? null : scale.decimal(price), quantity,
                timeInForce.wireName(), postOnly, timestamp));
    }

    @Override
    public void orderRejected(long timestamp, String traderId, String clientOrderId, RejectReason reason,
                              long detail0, long detail1, long detail2) {
        toOrigin(new ServerMessage.OrderRejected(reason.wireName(), details(reason, detail0, detail1, detail2),
                traderId, clientOrderId, timestamp));
    }

    @Override
    public void orderCancelled(long timestamp, long orderId, String traderId, String clientOrderId,
                               long quantity, CancelReason reason) {
        ServerMessage message = new ServerMessage.OrderCancelled(orderId, clientOrderId, traderId, quantity,
                reason.wireName(), timestamp);
        if (reason == CancelReason.REQUESTED) {
            toOrigin(message);
        } else {
            toTrader(traderId, message);
        }
    }

    @Override
    public void orderReplaced(long timestamp, long orderId, String traderId, String clientOrderId, long price,
                              long quantity) {
        toOrigin(new ServerMessage.OrderReplaced(orderId, clientOrderId, traderId, scale.decimal(price), quantity,
                timestamp));
    }

    @Override
    public void allOrdersCancelled(long timestamp, String traderId, int count) {
        toOrigin(new ServerMessage.AllOrdersCancelled(traderId, count, timestamp));
    }

    @Override
    public void cancelRejected(long timestamp, String traderId, long orderId, String clientOrderId,
                               RejectReason reason) {
        toOrigin(new ServerMessage.CancelRejected(orderId, clientOrderId, traderId, reason.wireName(), Map.of(),
                timestamp));
    }

    @Override
    public void replaceRejected(long timestamp, String traderId, long orderId, String clientOrderId,
                                RejectReason reason, long detail0, long detail1, long detail2) {
        toOrigin(new ServerMessage.ReplaceRejected(orderId, clientOrderId, traderId, reason.wireName(),
                details(reason, detail0, detail1, detail2), timestamp));
    }

    // ------------------------------------------------------------------------------- public events

    @Override
    public void trade(long seq, long timestamp, long tradeId, long price, long quantity, Order maker,
                      Account makerAccount, Order taker, Account takerAccount) {
        boolean takerBuys = taker.side() == Side.BUY;
        Account buyer = takerBuys ? takerAccount : makerAccount;
        Account seller = takerBuys ? makerAccount : takerAccount;
        BigDecimal decimalPrice = scale.decimal(price);
        ServerMessage.Trade trade = new ServerMessage.Trade(seq, tradeId, decimalPrice, quantity,
                buyer.traderId(), seller.traderId(), taker.side().wireName(), (takerBuys ? taker : maker).id(),
                (takerBuys ? maker : taker).id(), timestamp);
        broadcast(trade);
        recentTrades.addLast(trade);
        if (recentTrades.size() > RECENT_TRADES) {
            recentTrades.removeFirst();
        }
        csv.trade(timestamp, decimalPrice, quantity, buyer.traderId(), seller.traderId());
        fill(timestamp, tradeId, decimalPrice, quantity, maker, makerAccount, "maker");
        fill(timestamp, tradeId, decimalPrice, quantity, taker, takerAccount, "taker");
    }

    private void fill(long timestamp, long tradeId, BigDecimal price, long quantity, Order order, Account account,
                      String liquidity) {
        List<Client> clients = connectionsByTrader.get(account.traderId());
        if (clients == null || clients.isEmpty()) {
            return;
        }
        send(clients, WireJson.encode(new ServerMessage.Fill(order.id(), order.clientOrderId(), account.traderId(),
                tradeId, order.side().wireName(), price, quantity, order.remaining(), liquidity, timestamp)));
    }

    @Override
    public void bookChanged(long seq, long timestamp, OrderBook book) {
        broadcast(new ServerMessage.BookUpdate(seq, price(book.bestBid()), price(book.bestAsk()),
                levels(book, Side.BUY, BOOK_DEPTH), levels(book, Side.SELL, BOOK_DEPTH), timestamp));
    }

    @Override
    public void accountChanged(long seq, long timestamp, Account account, long markPrice) {
        ServerMessage.AccountState state = accountState(account, markPrice);
        broadcast(new ServerMessage.PositionUpdate(seq, account.traderId(), account.position(), state.cash(),
                state.avgEntryPrice(), state.realizedPnl(), state.unrealizedPnl(), state.totalEquity(),
                scale.decimal(markPrice), timestamp));
        csv.performance(timestamp, account.traderId(), account.position(), state.cash(), state.realizedPnl(),
                state.totalEquity());
    }

    @Override
    public void liquidation(long seq, long timestamp, String traderId, LiquidationReason reason, Side side,
                            long quantity, long orderId) {
        broadcast(new ServerMessage.Liquidation(seq, traderId, reason.wireName(), quantity, side.wireName(), orderId,
                timestamp));
    }

    @Override
    public void tradingStatus(long seq, long timestamp, boolean halted) {
        broadcast(new ServerMessage.TradingStatus(seq, halted, timestamp));
    }

    // ---------------------------------------------------------------------------------- snapshots

    ServerMessage.Snapshot snapshot(long timestamp) {
        OrderBook book = engine.book();
        long mark = engine.mark();
        List<ServerMessage.AccountState> accounts = new ArrayList<>(engine.accountCount());
        for (int i = 0; i < engine.accountCount(); i++) {
            accounts.add(accountState(engine.accountAt(i), mark));
        }
        long last = engine.lastTradePrice();
        return new ServerMessage.Snapshot(engine.lastSeq(), price(book.bestBid()), price(book.bestAsk()),
                levels(book, Side.BUY, Integer.MAX_VALUE), levels(book, Side.SELL, Integer.MAX_VALUE),
                scale.decimal(mark), price(last), engine.tradeCount(), List.copyOf(recentTrades), accounts,
                engine.tradingHalted(), timestamp);
    }

    ServerMessage.Welcome welcome(String traderId, long timestamp) {
        Account account = engine.findAccount(traderId);
        long mark = engine.mark();
        List<ServerMessage.OpenOrder> open = new ArrayList<>();
        if (account == null) {
            BigDecimal cash = scale.decimal(engine.config().startingCash());
            return new ServerMessage.Welcome(traderId, 0, cash, scale.decimal(0), scale.decimal(0), scale.decimal(0), cash,
                    scale.decimal(mark), engine.tradingHalted(), open, timestamp);
        }
        for (Order o = engine.book().firstOf(account.index()); o != null; o = o.nextOfOwner()) {
            open.add(new ServerMessage.OpenOrder(o.id(), o.clientOrderId(), o.side().wireName(),
                    scale.decimal(o.price()), o.remaining()));
        }
        ServerMessage.AccountState state = accountState(account, mark);
        return new ServerMessage.Welcome(traderId, account.position(), state.cash(), state.avgEntryPrice(),
                state.realizedPnl(), state.unrealizedPnl(), state.totalEquity(), scale.decimal(mark),
                engine.tradingHalted(), open, timestamp);
    }

    private ServerMessage.AccountState accountState(Account account, long mark) {
        String status = account.bankrupt() ? "bankrupt" : "active";
        return new ServerMessage.AccountState(account.traderId(), account.position(), scale.decimal(account.cash()),
                // 0 when flat, as the reference sends: its clients read the field as a number
                account.position() == 0 ? scale.decimal(0) : scale.ratio(account.costBasis(), account.position()),
                scale.decimal(account.realizedPnl()), scale.decimal(account.unrealizedPnl(mark)),
                scale.decimal(account.equity(mark)), status);
    }

    // ------------------------------------------------------------------------------------ delivery

    private void toOrigin(ServerMessage message) {
        if (origin != null) {
            send(origin, WireJson.encode(message));
        }
    }

    private void toTrader(String traderId, ServerMessage message) {
        List<Client> clients = connectionsByTrader.get(traderId);
        if (clients != null && !clients.isEmpty()) {
            send(clients, WireJson.encode(message));
        }
    }

    private void broadcast(ServerMessage.Event event) {
        if (!subscribers.isEmpty()) {
            send(subscribers, WireJson.encode(event));
        }
    }

    private void send(List<Client> clients, String text) {
        for (int i = 0; i < clients.size(); i++) {
            send(clients.get(i), text);
        }
    }

    private void send(Client client, String text) {
        if (client.send(text)) {
            unflushed.add(client);
        }
    }

    private BigDecimal price(long ticks) {
        return price(scale, ticks);
    }

    /** A price for the wire, or null for {@link OrderBook#NO_PRICE} (an empty side, a market order). */
    static BigDecimal price(TickScale scale, long ticks) {
        return ticks == OrderBook.NO_PRICE ? null : scale.decimal(ticks);
    }

    private List<ServerMessage.Level> levels(OrderBook book, Side side, int depth) {
        int n = Math.min(depth, book.levelCount(side));
        List<ServerMessage.Level> levels = new ArrayList<>(n);
        for (int rank = 0; rank < n; rank++) {
            levels.add(new ServerMessage.Level(scale.decimal(book.levelPrice(side, rank)),
                    book.levelQuantity(side, rank)));
        }
        return levels;
    }

    private Map<String, Object> details(RejectReason reason, long detail0, long detail1, long detail2) {
        return reason.details(detail0, detail1, detail2, (unit, value) -> switch (unit) {
            case MONEY, PRICE -> scale.decimal(value);
            case QUANTITY, COUNT, TIME -> value;
        });
    }
}
