package org.bourse.exchange.wire;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.book.Order;
import org.bourse.exchange.book.OrderBook;
import org.bourse.exchange.engine.Account;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.Engine;
import org.bourse.exchange.engine.EngineListener;
import org.bourse.exchange.engine.Execution;
import org.bourse.exchange.engine.Refusal;
import org.bourse.exchange.engine.RejectReason;
import org.bourse.protocol.AccountStatus;
import org.bourse.protocol.JsonWriter;
import org.bourse.protocol.LiquidationReason;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;

/**
 * The one translation of the engine's events into wire messages, used by the live exchange and by {@code replay}
 * alike (so a replay's events.jsonl equals the stream's by construction): answers and fills for a
 * {@link WireOutput} to route, public events encoded once. The messages of every order (order_accepted, fill,
 * order_cancelled, trade, book_update, position_update) are written straight from the engine's integers with a
 * {@link JsonWriter}, the rest through their {@link ServerMessage} records; both give the same bytes
 * (WireMappingTest). It also answers, from the engine's state,
 * the two messages that describe a moment rather than an event: the {@link #snapshot} for a new subscriber and the
 * {@link #welcome} for a trader saying hello — hence the recent trades it keeps.
 */
public final class WireMapping implements EngineListener {

    private final TickScale scale;
    private final WireOutput output;
    private final ArrayDeque<RecentTrade> recentTrades = new ArrayDeque<>();
    private final JsonWriter json;
    private Engine engine;

    public WireMapping(TickScale scale, WireOutput output) {
        this.scale = scale;
        this.output = output;
        this.json = new JsonWriter(scale);
    }

    /**
     * The engine this listens to: whose mark every book_update carries, and whose state {@link #snapshot} and
     * {@link #welcome} describe. Attach it before it applies a command.
     */
    public void attach(Engine engine) {
        this.engine = engine;
    }

    // ------------------------------------------------------------------------------------ private events

    @Override
    public void orderAccepted(long timestamp, long orderId, Command.PlaceOrder order, long price,
                              TimeInForce timeInForce) {
        if (output.deliversPrivate()) {
            json.begin("order_accepted").field("order_id", orderId).field("trader_id", order.traderId())
                    .field("client_order_id", order.clientOrderId()).field("side", order.side().wireName())
                    .field("order_type", order.type().wireName());
            price("price", price).field("qty", order.quantity()).field("tif", timeInForce.wireName())
                    .field("post_only", order.postOnly()).field("timestamp", timestamp);
            output.replyAndCopy(order.traderId(), json.end());
        }
    }

    @Override
    public void orderRejected(long timestamp, Command.PlaceOrder order, Refusal refusal) {
        if (output.deliversPrivate()) {
            output.reply(WireJson.encodeUtf8(new ServerMessage.OrderRejected(refusal.reason().wireName(),
                    details(refusal), order.traderId(), order.clientOrderId(), timestamp)));
        }
    }

    @Override
    public void orderCancelled(long timestamp, long orderId, String traderId, String clientOrderId,
                               long quantity, CancelReason reason) {
        if (!output.deliversPrivate()) {
            return;
        }
        byte[] message = json.begin("order_cancelled").field("order_id", orderId)
                .field("client_order_id", clientOrderId).field("trader_id", traderId).field("qty", quantity)
                .field("reason", reason.wireName()).field("timestamp", timestamp).end();
        if (reason == CancelReason.REQUESTED) {
            output.replyAndCopy(traderId, message);
        } else {
            output.toTrader(traderId, message);
        }
    }

    @Override
    public void orderReplaced(long timestamp, long orderId, String traderId, String clientOrderId, long price,
                              long quantity) {
        if (output.deliversPrivate()) {
            output.replyAndCopy(traderId, WireJson.encodeUtf8(new ServerMessage.OrderReplaced(orderId, clientOrderId,
                    traderId, scale.decimal(price), quantity, timestamp)));
        }
    }

    @Override
    public void allOrdersCancelled(long timestamp, String traderId, int count) {
        if (output.deliversPrivate()) {
            output.reply(WireJson.encodeUtf8(new ServerMessage.AllOrdersCancelled(traderId, count, timestamp)));
        }
    }

    @Override
    public void cancelRejected(long timestamp, String traderId, long orderId, String clientOrderId,
                               RejectReason reason) {
        if (output.deliversPrivate()) {
            output.reply(WireJson.encodeUtf8(new ServerMessage.CancelRejected(orderId, clientOrderId, traderId, reason.wireName(),
                    Map.of(), timestamp)));
        }
    }

    @Override
    public void replaceRejected(long timestamp, Command.ReplaceOrder replace, Refusal refusal) {
        if (output.deliversPrivate()) {
            output.reply(WireJson.encodeUtf8(new ServerMessage.ReplaceRejected(replace.orderId(),
                    replace.clientOrderId(), replace.traderId(), refusal.reason().wireName(), details(refusal),
                    timestamp)));
        }
    }

    // ------------------------------------------------------------------------------------- public events

    @Override
    public void trade(long seq, long timestamp, Execution execution) {
        long tradeId = execution.tradeId();
        long price = execution.price();
        long quantity = execution.quantity();
        RecentTrade trade = new RecentTrade(seq, tradeId, price, quantity, execution.buyer().traderId(),
                execution.seller().traderId(), execution.taker().side(), execution.buyOrder().id(),
                execution.sellOrder().id(), timestamp);
        recentTrades.addLast(trade);
        if (recentTrades.size() > ServerMessage.Snapshot.RECENT_TRADES) {
            recentTrades.removeFirst();
        }
        if (output.wantsEvents()) {
            json.begin("trade").field("seq", seq).field("trade_id", tradeId).price("price", price)
                    .field("qty", quantity).field("buy_trader_id", trade.buyer).field("sell_trader_id", trade.seller)
                    .field("aggressor_side", trade.aggressor.wireName()).field("buy_order_id", trade.buyOrderId)
                    .field("sell_order_id", trade.sellOrderId).field("timestamp", timestamp);
            output.publish(json.end());
        }
        if (output.deliversPrivate()) {
            fill(timestamp, tradeId, price, quantity, execution.maker(), execution.makerAccount(), "maker");
            fill(timestamp, tradeId, price, quantity, execution.taker(), execution.takerAccount(), "taker");
        }
    }

    private void fill(long timestamp, long tradeId, long price, long quantity, Order order, Account account,
                      String liquidity) {
        output.toTrader(account.traderId(), json.begin("fill").field("order_id", order.id())
                .field("client_order_id", order.clientOrderId()).field("trader_id", account.traderId())
                .field("trade_id", tradeId).field("side", order.side().wireName()).price("price", price)
                .field("qty", quantity).field("leaves_qty", order.remaining()).field("liquidity", liquidity)
                .field("timestamp", timestamp).end());
    }

    @Override
    public void bookChanged(long seq, long timestamp, OrderBook book) {
        if (output.wantsEvents()) {
            json.begin("book_update").field("seq", seq);
            price("best_bid", book.bestBid());
            price("best_ask", book.bestAsk());
            levels("bids", book, Side.BUY);
            levels("asks", book, Side.SELL);
            json.price("mark_price", engine.mark());
            output.publish(json.field("timestamp", timestamp).end());
        }
    }

    @Override
    public void accountChanged(long seq, long timestamp, Account account, long markPrice) {
        if (output.wantsEvents()) {
            json.begin("position_update").field("seq", seq).field("trader_id", account.traderId())
                    .field("position", account.position()).decimal("cash", account.cash());
            avgEntryPrice(account).decimal("realized_pnl", account.realizedPnl())
                    .decimal("unrealized_pnl", account.unrealizedPnl(markPrice))
                    .decimal("total_equity", account.equity(markPrice)).price("mark_price", markPrice)
                    .field("timestamp", timestamp);
            output.publish(json.end());
        }
    }

    @Override
    public void liquidation(long seq, long timestamp, String traderId, LiquidationReason reason, Side side,
                            long quantity, long orderId) {
        if (output.wantsEvents()) {
            output.publish(WireJson.encodeUtf8(new ServerMessage.Liquidation(seq, traderId, reason.wireName(), quantity,
                    side.wireName(), orderId, timestamp)));
        }
    }

    @Override
    public void tradingStatus(long seq, long timestamp, boolean halted) {
        if (output.wantsEvents()) {
            output.publish(WireJson.encodeUtf8(new ServerMessage.TradingStatus(seq, halted, timestamp)));
        }
    }

    private JsonWriter price(String name, long ticks) {
        return ticks == OrderBook.NO_PRICE ? json.nullField(name) : json.price(name, ticks);
    }

    /** Up to {@link ServerMessage.BookUpdate#DEPTH} levels of one side, best first. */
    private void levels(String name, OrderBook book, Side side) {
        json.beginLevels(name);
        int n = Math.min(ServerMessage.BookUpdate.DEPTH, book.levelCount(side));
        for (int rank = 0; rank < n; rank++) {
            json.level(book.levelPrice(side, rank), book.levelQuantity(side, rank));
        }
        json.endLevels();
    }

    /** Null when flat: there is no position to have an average price. */
    private JsonWriter avgEntryPrice(Account account) {
        return account.position() == 0 ? json.nullField("avg_entry_price")
                : json.ratio("avg_entry_price", account.costBasis(), account.position());
    }

    /** A trade as the snapshot's recent trades show it. */
    private record RecentTrade(long seq, long tradeId, long price, long quantity, String buyer, String seller,
                               Side aggressor, long buyOrderId, long sellOrderId, long timestamp) {
    }

    // ------------------------------------------------------------------------------------------ moments

    /**
     * Everything a new subscriber needs, as of now: every later event follows it. The book as deep as a
     * book_update shows it and the accounts by trader id, so that a follower of the feed can state the same.
     */
    public ServerMessage.Snapshot snapshot(long timestamp) {
        OrderBook book = engine.book();
        long mark = engine.mark();
        List<ServerMessage.AccountState> accounts = new ArrayList<>(engine.accountCount());
        for (int i = 0; i < engine.accountCount(); i++) {
            accounts.add(accountState(engine.accountAt(i), mark));
        }
        accounts.sort(Comparator.comparing(ServerMessage.AccountState::traderId));
        return new ServerMessage.Snapshot(engine.lastSeq(), price(book.bestBid()), price(book.bestAsk()),
                levels(book, Side.BUY), levels(book, Side.SELL),
                scale.decimal(mark), price(engine.lastTradePrice()), engine.tradeCount(), recentTrades(), accounts,
                engine.tradingHalted(), timestamp);
    }

    private List<ServerMessage.Trade> recentTrades() {
        List<ServerMessage.Trade> trades = new ArrayList<>(recentTrades.size());
        for (RecentTrade t : recentTrades) {
            trades.add(new ServerMessage.Trade(t.seq, t.tradeId, scale.decimal(t.price), t.quantity, t.buyer,
                    t.seller, t.aggressor.wireName(), t.buyOrderId, t.sellOrderId, t.timestamp));
        }
        return trades;
    }

    /** Where {@code traderId} stands: position, money and resting orders (a trader never seen starts afresh). */
    public ServerMessage.Welcome welcome(String traderId, long timestamp) {
        Account account = engine.findAccount(traderId);
        long mark = engine.mark();
        List<ServerMessage.OpenOrder> open = new ArrayList<>();
        if (account == null) {
            BigDecimal cash = scale.decimal(engine.config().startingCash());
            return new ServerMessage.Welcome(traderId, 0, cash, null, scale.decimal(0), scale.decimal(0),
                    cash, scale.decimal(mark), engine.tradingHalted(), open, timestamp);
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
        String status = (account.bankrupt() ? AccountStatus.BANKRUPT : AccountStatus.ACTIVE).wireName();
        return new ServerMessage.AccountState(account.traderId(), account.position(), scale.decimal(account.cash()),
                account.position() == 0 ? null : scale.ratio(account.costBasis(), account.position()),
                scale.decimal(account.realizedPnl()), scale.decimal(account.unrealizedPnl(mark)),
                scale.decimal(account.equity(mark)), status);
    }

    // ---------------------------------------------------------------------------------------- values

    private BigDecimal price(long ticks) {
        return price(scale, ticks);
    }

    /** A price for the wire, or null for {@link OrderBook#NO_PRICE} (an empty side, a market order). */
    public static BigDecimal price(TickScale scale, long ticks) {
        return ticks == OrderBook.NO_PRICE ? null : scale.decimal(ticks);
    }

    private List<ServerMessage.Level> levels(OrderBook book, Side side) {
        int n = Math.min(ServerMessage.BookUpdate.DEPTH, book.levelCount(side));
        List<ServerMessage.Level> levels = new ArrayList<>(n);
        for (int rank = 0; rank < n; rank++) {
            levels.add(new ServerMessage.Level(scale.decimal(book.levelPrice(side, rank)),
                    book.levelQuantity(side, rank)));
        }
        return levels;
    }

    private Map<String, Object> details(Refusal refusal) {
        return refusal.details((unit, value) -> switch (unit) {
            case MONEY, PRICE -> scale.decimal(value);
            case QUANTITY, COUNT, TIME -> value;
        });
    }
}
