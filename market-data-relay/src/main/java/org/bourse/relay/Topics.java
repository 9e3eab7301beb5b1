package org.bourse.relay;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TraderIds;

/**
 * What one subscriber of the feed receives. A subscriber that never subscribed receives everything (the reference
 * clients never do); one that did receives the events of its topics: {@code book} (book_update), {@code trades}
 * (trade), {@code accounts} (every position_update), {@code liquidations} (liquidation), {@code status}
 * (trading_status, the kill switch) and {@code trader:<id>} (that trader's position_update and liquidation). The
 * relay's own frames (status, heartbeat, snapshot, the answers to subscribing) reach every subscriber. Immutable.
 *
 * @param everything whether the subscriber never subscribed: it also receives event types this relay does not know
 * @param names      the topics, sorted (the five named ones when {@code everything})
 */
record Topics(boolean everything, Set<String> names) {

    static final String BOOK = "book";
    static final String TRADES = "trades";
    static final String ACCOUNTS = "accounts";
    static final String LIQUIDATIONS = "liquidations";
    static final String STATUS = "status";
    static final String TRADER_PREFIX = "trader:";
    /** The named topics, sorted; with {@code trader:<id>}, every topic there is. */
    static final List<String> NAMED = List.of(ACCOUNTS, BOOK, LIQUIDATIONS, STATUS, TRADES);

    /** A subscriber that never subscribed. */
    static final Topics ALL = new Topics(true, Set.copyOf(NAMED));

    Topics {
        names = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(names));
    }

    /** These topics as well; subscribing narrows "everything" down to what is named. */
    Topics subscribe(Collection<String> topics) {
        TreeSet<String> next = new TreeSet<>(everything ? Set.of() : names);
        next.addAll(topics);
        return new Topics(false, next);
    }

    /** These topics no longer. */
    Topics unsubscribe(Collection<String> topics) {
        TreeSet<String> next = new TreeSet<>(names);
        next.removeAll(topics);
        return new Topics(false, next);
    }

    /** Why {@code topic} is not one, or null if it is. */
    static String problem(String topic) {
        if (NAMED.contains(topic)) {
            return null;
        }
        if (topic.startsWith(TRADER_PREFIX) && topic.length() > TRADER_PREFIX.length()) {
            String idProblem = TraderIds.problem(topic.substring(TRADER_PREFIX.length()));
            return idProblem == null ? null : "topic '" + topic + "': the trader id " + idProblem;
        }
        return "unknown topic '" + topic + "' (topics: " + String.join(", ", NAMED) + ", trader:<id>)";
    }

    boolean receives(Routing routing) {
        return everything || routing.topic() != null && (names.contains(routing.topic())
                || routing.traderTopic() != null && names.contains(routing.traderTopic()));
    }

    /** The snapshot as this subscriber may see it: the parts of its topics; the mark and the kill switch always. */
    ServerMessage.Snapshot filter(ServerMessage.Snapshot full) {
        if (everything) {
            return full;
        }
        boolean book = names.contains(BOOK);
        boolean trades = names.contains(TRADES);
        boolean accounts = names.contains(ACCOUNTS);
        List<ServerMessage.AccountState> named = full.accounts().stream()
                .filter(account -> accounts || names.contains(TRADER_PREFIX + account.traderId())).toList();
        return new ServerMessage.Snapshot(full.seq(), book ? full.bestBid() : null, book ? full.bestAsk() : null,
                book ? full.bids() : List.of(), book ? full.asks() : List.of(), full.markPrice(),
                trades ? full.lastTradePrice() : null, trades ? full.tradeCount() : 0,
                trades ? full.recentTrades() : List.of(), named, full.tradingHalted(), full.timestamp());
    }

    /**
     * The topics an event belongs to, worked out once per event for every subscriber.
     *
     * @param topic       its named topic, or null for an event type the relay does not know
     * @param traderTopic {@code trader:<id>} for an event about one trader's account, else null
     */
    record Routing(String topic, String traderTopic) {
        static final Routing UNKNOWN = new Routing(null, null);

        static Routing of(ServerMessage.Event event) {
            if (event instanceof ServerMessage.BookUpdate) {
                return new Routing(BOOK, null);
            } else if (event instanceof ServerMessage.Trade) {
                return new Routing(TRADES, null);
            } else if (event instanceof ServerMessage.PositionUpdate update) {
                return new Routing(ACCOUNTS, TRADER_PREFIX + update.traderId());
            } else if (event instanceof ServerMessage.Liquidation liquidation) {
                return new Routing(LIQUIDATIONS, TRADER_PREFIX + liquidation.traderId());
            } else if (event instanceof ServerMessage.TradingStatus) {
                return new Routing(STATUS, null);
            }
            return UNKNOWN;
        }
    }
}
