package org.bourse.exchange.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.OrderBook;

/**
 * Drives one {@link Engine} with short, spec-like calls. Each call returns the events of that command only;
 * {@link #all} keeps everything. The clock advances by one millisecond per command unless {@link #at} sets it.
 */
final class EngineHarness {

    final List<EngineEvent> all = new ArrayList<>();
    final Engine engine;
    private long clock = 1_000;
    private final Map<String, Integer> ordersSent = new HashMap<>();

    EngineHarness(EngineConfig config) {
        this.engine = new Engine(config, EventRecorder.into(all));
    }

    EngineHarness() {
        this(EngineConfig.defaults());
    }

    /** Sets the timestamp of the next command. */
    EngineHarness at(long timestamp) {
        clock = timestamp;
        return this;
    }

    /** The timestamp the next command will carry. */
    long now() {
        return clock;
    }

    /** The timestamp of the last command. */
    long lastTimestamp() {
        return clock - 1;
    }

    List<EngineEvent> apply(Command command) {
        int from = all.size();
        engine.apply(command);
        clock = command.timestamp() + 1;
        return List.copyOf(all.subList(from, all.size()));
    }

    // ------------------------------------------------------------------------------------------- orders

    List<EngineEvent> order(String trader, String clientOrderId, Side side, OrderType type, long price, long qty,
                            TimeInForce tif, boolean postOnly) {
        return apply(new Command.PlaceOrder(clock, trader, clientOrderId, side, type, price, qty, tif, postOnly));
    }

    /** A GTC limit buy with a generated client order id: "trader-n" for the trader's n-th order. */
    List<EngineEvent> buy(String trader, long price, long qty) {
        return limit(trader, Side.BUY, price, qty, TimeInForce.GTC);
    }

    List<EngineEvent> sell(String trader, long price, long qty) {
        return limit(trader, Side.SELL, price, qty, TimeInForce.GTC);
    }

    List<EngineEvent> limit(String trader, Side side, long price, long qty, TimeInForce tif) {
        return order(trader, clientId(trader), side, OrderType.LIMIT, price, qty, tif, false);
    }

    List<EngineEvent> postOnly(String trader, Side side, long price, long qty) {
        return order(trader, clientId(trader), side, OrderType.LIMIT, price, qty, TimeInForce.GTC, true);
    }

    List<EngineEvent> market(String trader, Side side, long qty) {
        return order(trader, clientId(trader), side, OrderType.MARKET, 0, qty, TimeInForce.IOC, false);
    }

    List<EngineEvent> cancel(String trader, long orderId) {
        return apply(new Command.CancelOrder(clock, trader, orderId, null));
    }

    List<EngineEvent> cancelByClientId(String trader, String clientOrderId) {
        return apply(new Command.CancelOrder(clock, trader, 0, clientOrderId));
    }

    List<EngineEvent> cancelAll(String trader) {
        return apply(new Command.CancelAllOrders(clock, trader));
    }

    /** {@code price} / {@code qty} 0 leave that one unchanged. */
    List<EngineEvent> replace(String trader, long orderId, long price, long qty) {
        return apply(new Command.ReplaceOrder(clock, trader, orderId, null, price, qty));
    }

    List<EngineEvent> halt(boolean halted) {
        return apply(new Command.SetTradingHalted(clock, halted));
    }

    /** The client order id the next order of {@code trader} placed through this harness will carry. */
    String nextClientId(String trader) {
        return trader + "-" + (ordersSent.getOrDefault(trader, 0) + 1);
    }

    private String clientId(String trader) {
        return trader + "-" + ordersSent.merge(trader, 1, Integer::sum);
    }

    // ----------------------------------------------------------------------------------------- reading

    Account account(String trader) {
        Account account = engine.findAccount(trader);
        if (account == null) {
            throw new AssertionError("no account for " + trader);
        }
        return account;
    }

    long mark() {
        return engine.mark();
    }

    /** The update that announces {@code trader}'s account, opened by its first order: flat, the starting cash. */
    EngineEvent.AccountUpdate opened(long seq, long timestamp, String trader, long mark) {
        long cash = engine.config().startingCash();
        return new EngineEvent.AccountUpdate(seq, timestamp, trader, 0, cash, 0, 0, 0, cash, mark);
    }

    List<EngineEvent.Level> levels(Side side) {
        OrderBook book = engine.book();
        List<EngineEvent.Level> levels = new ArrayList<>();
        for (int rank = 0; rank < book.levelCount(side); rank++) {
            levels.add(new EngineEvent.Level(book.levelPrice(side, rank), book.levelQuantity(side, rank)));
        }
        return levels;
    }

    // ------------------------------------------------------------------------------------ event helpers

    static <T extends EngineEvent> List<T> only(List<EngineEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends EngineEvent> T single(List<EngineEvent> events, Class<T> type) {
        List<T> found = only(events, type);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + type.getSimpleName() + " in " + events);
        }
        return found.get(0);
    }

    /** The event classes, in order: to assert the shape of a command's answer. */
    static List<Class<?>> types(List<EngineEvent> events) {
        return events.stream().<Class<?>>map(Object::getClass).toList();
    }

    /**
     * The reject of a trader's first order: the reject, then the update announcing the account the order opened
     * (a refused order opens it too), and nothing else.
     */
    static EngineEvent.OrderRejected firstOrderRejected(List<EngineEvent> events) {
        if (events.size() != 2 || !(events.get(0) instanceof EngineEvent.OrderRejected rejected)
                || !(events.get(1) instanceof EngineEvent.AccountUpdate update)
                || !update.traderId().equals(rejected.traderId()) || update.position() != 0) {
            throw new AssertionError("expected a reject and its trader's new account in " + events);
        }
        return rejected;
    }

    /** The id of the order the command placed (its OrderAccepted). */
    static long orderId(List<EngineEvent> events) {
        return single(events, EngineEvent.OrderAccepted.class).orderId();
    }

    static EngineEvent.Level level(long price, long qty) {
        return new EngineEvent.Level(price, qty);
    }
}
