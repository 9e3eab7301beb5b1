package org.bourse.strategies;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.bourse.api.Action;
import org.bourse.api.Cancellation;
import org.bourse.api.Fill;
import org.bourse.api.Level;
import org.bourse.api.OpenOrder;
import org.bourse.api.OrderRequest;
import org.bourse.api.OrderType;
import org.bourse.api.PublicTrade;
import org.bourse.api.Rejection;
import org.bourse.api.Side;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;
import org.bourse.api.TimeInForce;

/**
 * A deliberately small exchange for tests: one price-time book on a 0.01 grid, positions, no latency, and the
 * hooks a bot would call. Anything a strategy sends that a real exchange would refuse as malformed (off-grid or
 * non-positive price, a cancel or replace of an order it does not have) is recorded as a violation.
 */
final class ToyExchange {

    static final BigDecimal TICK = new BigDecimal("0.01");

    private static final class Resting {
        final long id;
        final String trader;
        final String clientOrderId;
        final Side side;
        BigDecimal price;
        long leaves;
        long priority;

        Resting(long id, String trader, String clientOrderId, Side side, BigDecimal price, long leaves, long priority) {
            this.id = id;
            this.trader = trader;
            this.clientOrderId = clientOrderId;
            this.side = side;
            this.price = price;
            this.leaves = leaves;
            this.priority = priority;
        }
    }

    private final Map<String, Strategy> traders = new LinkedHashMap<>();
    private final Map<String, Long> positions = new HashMap<>();
    private final Map<String, Rejection> lastRejections = new HashMap<>();
    private final List<Resting> book = new ArrayList<>();
    private final List<PublicTrade> trades = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final List<Action> sent = new ArrayList<>();
    private long nextOrderId = 1;
    private long nextPriority = 1;
    private long nextTradeId = 1;
    private long now = 1_000_000;
    boolean halted;

    void join(String trader, Strategy strategy) {
        traders.put(trader, strategy);
    }

    void advance(long millis) {
        now += millis;
    }

    /** Asks one trader's strategy for its actions and carries them out. */
    void turn(String trader) {
        Strategy strategy = traders.get(trader);
        for (Action action : strategy.nextActions(context(trader))) {
            log.add(trader + " " + action);
            sent.add(action);
            apply(trader, action);
        }
    }

    /** The context a bot would build for {@code trader} now. */
    StrategyContext context(String trader) {
        List<PublicTrade> recent = trades.subList(Math.max(0, trades.size() - 100), trades.size());
        StrategyContext.Builder builder = StrategyContext.builder(trader).timestamp(now)
                .bids(levels(Side.BUY)).asks(levels(Side.SELL)).recentTrades(recent)
                .position(position(trader)).openOrders(openOrders(trader)).tradingHalted(halted)
                .lastRejection(lastRejections.get(trader));
        StrategyContext withoutMark = builder.build();
        BigDecimal mark = withoutMark.mid() != null ? withoutMark.mid() : withoutMark.lastTradePrice();
        return builder.markPrice(mark).build();
    }

    long position(String trader) {
        return positions.getOrDefault(trader, 0L);
    }

    List<OpenOrder> openOrders(String trader) {
        return book.stream().filter(order -> order.trader.equals(trader)).sorted(Comparator.comparingLong(o -> o.id))
                .map(order -> new OpenOrder(order.id, order.clientOrderId, order.side, order.price, order.leaves))
                .toList();
    }

    int tradeCount() {
        return trades.size();
    }

    List<String> violations() {
        return violations;
    }

    /** Every action every strategy sent, in order, as text: two runs with the same seed must give the same log. */
    List<String> log() {
        return log;
    }

    /** Every action every strategy sent, in order. */
    List<Action> sent() {
        return sent;
    }

    /** Rests an order for {@code trader} without asking its strategy: the rest of the market, in a test. */
    void rest(String trader, Side side, String price, long qty) {
        submit(trader, OrderRequest.limit(side, price, qty));
    }

    void reject(String trader, String reason) {
        refuse(trader, new Rejection(reason, null, "order", 0, null, now));
    }

    private void apply(String trader, Action action) {
        if (action instanceof OrderRequest order) {
            submit(trader, order);
        } else if (action instanceof Action.Cancel cancel) {
            Resting order = find(trader, cancel);
            if (order == null) {
                violations.add(trader + " cancelled an order it does not have: " + cancel);
                refuse(trader, new Rejection("unknown_order", null, "cancel", cancel.orderId(), null, now));
            } else {
                book.remove(order);
                cancelled(order, "requested");
            }
        } else if (action instanceof Action.CancelAll) {
            for (Resting order : List.copyOf(book)) {
                if (order.trader.equals(trader)) {
                    book.remove(order);
                    cancelled(order, "requested");
                }
            }
        } else if (action instanceof Action.Replace replace) {
            replace(trader, replace);
        }
    }

    private void submit(String trader, OrderRequest order) {
        if (order.type() == OrderType.LIMIT && !validPrice(order.price())) {
            violations.add(trader + " sent an invalid price: " + order);
            refuse(trader, new Rejection("invalid_message", "price", "order", 0, order.clientOrderId(), now));
            return;
        }
        if (halted) {
            refuse(trader, new Rejection("trading_halted", null, "order", 0, order.clientOrderId(), now));
            return;
        }
        Predicate<Resting> crosses = resting -> resting.side != order.side() && (order.type() == OrderType.MARKET
                || (order.side() == Side.BUY ? resting.price.compareTo(order.price()) <= 0
                : resting.price.compareTo(order.price()) >= 0));
        long crossable = book.stream().filter(crosses).filter(r -> !r.trader.equals(trader)).mapToLong(r -> r.leaves)
                .sum();
        String reason = order.postOnly() && book.stream().anyMatch(crosses) ? "post_only_would_take"
                : order.type() == OrderType.MARKET && crossable == 0 ? "no_liquidity"
                : order.tif() == TimeInForce.FOK && crossable < order.qty() ? "fok_not_fillable" : null;
        if (reason != null) {
            refuse(trader, new Rejection(reason, null, "order", 0, order.clientOrderId(), now));
            return;
        }
        Resting incoming = new Resting(nextOrderId++, trader, order.clientOrderId(), order.side(), order.price(),
                order.qty(), nextPriority++);
        match(incoming, crosses);
        if (incoming.leaves > 0) {
            if (order.type() == OrderType.LIMIT && order.tif() == TimeInForce.GTC) {
                book.add(incoming);
            } else {
                cancelled(incoming, order.type() == OrderType.MARKET ? "market_remainder" : "ioc_remainder");
            }
        }
    }

    private void match(Resting incoming, Predicate<Resting> crosses) {
        Comparator<Resting> bestFirst = Comparator.comparing((Resting r) -> r.price);
        if (incoming.side == Side.SELL) {
            bestFirst = bestFirst.reversed();
        }
        List<Resting> opposite = book.stream().filter(crosses).sorted(bestFirst.thenComparingLong(r -> r.priority))
                .toList();
        for (Resting resting : opposite) {
            if (incoming.leaves == 0) {
                return;
            }
            book.remove(resting);
            if (resting.trader.equals(incoming.trader)) { // self-trade prevention: the resting order goes
                cancelled(resting, "self_trade");
                continue;
            }
            long qty = Math.min(incoming.leaves, resting.leaves);
            incoming.leaves -= qty;
            resting.leaves -= qty;
            if (resting.leaves > 0) {
                book.add(resting);
            }
            long tradeId = nextTradeId++;
            trades.add(new PublicTrade(resting.price, qty, incoming.side, now));
            filled(resting, tradeId, resting.price, qty, true);
            filled(incoming, tradeId, resting.price, qty, false);
        }
    }

    private void replace(String trader, Action.Replace replace) {
        Resting order = find(trader, new Action.Cancel(replace.orderId(), null));
        if (order == null) {
            violations.add(trader + " replaced an order it does not have: " + replace);
            refuse(trader, new Rejection("unknown_order", null, "replace", replace.orderId(), null, now));
            return;
        }
        if (replace.price() != null && !validPrice(replace.price()) || replace.qty() < 0
                || replace.price() == null && replace.qty() == 0) {
            violations.add(trader + " sent an invalid replace: " + replace);
            refuse(trader, new Rejection("invalid_message", null, "replace", replace.orderId(), null, now));
            return;
        }
        book.remove(order);
        BigDecimal price = replace.price() == null ? order.price : replace.price();
        long qty = replace.qty() == 0 ? order.leaves : replace.qty();
        // like a new order that keeps its ids: it may trade, and it goes to the back of its level
        Resting moved = new Resting(order.id, trader, order.clientOrderId, order.side, price, qty, nextPriority++);
        match(moved, resting -> resting.side != moved.side && (moved.side == Side.BUY
                ? resting.price.compareTo(moved.price) <= 0 : resting.price.compareTo(moved.price) >= 0));
        if (moved.leaves > 0) {
            book.add(moved);
        }
    }

    private Resting find(String trader, Action.Cancel cancel) {
        return book.stream().filter(order -> order.trader.equals(trader) && (cancel.clientOrderId() == null
                ? order.id == cancel.orderId() : cancel.clientOrderId().equals(order.clientOrderId)))
                .findFirst().orElse(null);
    }

    private List<Level> levels(Side side) {
        Comparator<BigDecimal> bestFirst = side == Side.BUY ? Comparator.reverseOrder() : Comparator.naturalOrder();
        TreeMap<BigDecimal, Long> byPrice = new TreeMap<>(bestFirst);
        book.stream().filter(order -> order.side == side)
                .forEach(order -> byPrice.merge(order.price, order.leaves, Long::sum));
        return byPrice.entrySet().stream().map(level -> new Level(level.getKey(), level.getValue())).toList();
    }

    private void filled(Resting order, long tradeId, BigDecimal price, long qty, boolean maker) {
        positions.merge(order.trader, order.side.sign() * qty, Long::sum);
        Strategy strategy = traders.get(order.trader);
        if (strategy != null) {
            strategy.onFill(new Fill(order.id, order.clientOrderId, tradeId, order.side, price, qty, order.leaves,
                    maker, now), context(order.trader));
        }
    }

    private void cancelled(Resting order, String reason) {
        Strategy strategy = traders.get(order.trader);
        if (strategy != null) {
            strategy.onCancelled(new Cancellation(order.id, order.clientOrderId, order.leaves, reason, now),
                    context(order.trader));
        }
    }

    private void refuse(String trader, Rejection rejection) {
        lastRejections.put(trader, rejection);
        Strategy strategy = traders.get(trader);
        if (strategy != null) {
            strategy.onRejected(rejection, context(trader));
        }
    }

    private static boolean validPrice(BigDecimal price) {
        return price != null && price.signum() > 0 && price.remainder(TICK).signum() == 0;
    }
}
