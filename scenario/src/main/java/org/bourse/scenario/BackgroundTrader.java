package org.bourse.scenario;

import java.util.List;
import org.bourse.api.Side;

/**
 * One background trader of the crowd: its own account and random draws, the time it is next due, and what it does
 * when due. It sees the public market through the crowd's shared {@link Quotes} only.
 */
abstract class BackgroundTrader {
    final String traderId;
    /** Its place in the crowd's fixed order. */
    final int index;
    final AgentAccount account;
    final Draws draws;
    final Crowd.Limits limits;
    long nextDue;

    BackgroundTrader(String traderId, int index, AgentAccount account, Draws draws, Crowd.Limits limits) {
        this.traderId = traderId;
        this.index = index;
        this.account = account;
        this.draws = draws;
        this.limits = limits;
    }

    /** What it does at {@code time}, due then: its frames added to {@code frames}. */
    abstract void act(long time, Quotes quotes, List<String> frames);

    /** After {@code time} (whether it acted then or not): when it is next due. */
    abstract void advance(long time);

    /**
     * Keeps one order on {@code side}: at {@code price} ticks for {@code qty} lots, or as many as its limits leave
     * room for; none when there is no room. The order it has there is replaced (or left alone if it is already
     * right), any other on that side cancelled.
     */
    void quote(Side side, long price, long qty, long ownLimit, Quotes quotes, List<String> frames) {
        AgentAccount.Order kept = null;
        for (AgentAccount.Order order : account.settledOrders()) {
            if (order.side != side) {
                continue;
            }
            if (kept == null) {
                kept = order;
            } else {
                frames.add(account.cancel(order));
            }
        }
        long lots = Math.min(qty, account.room(side, price, quotes.mark(), ownLimit, kept));
        if (lots <= 0) {
            if (kept != null) {
                frames.add(account.cancel(kept));
            }
        } else if (kept != null) {
            if (kept.price != price || kept.leaves != lots) {
                frames.add(account.replace(kept, price, lots));
            }
        } else if (account.liveOrders() < limits.maxOpenOrders()) {
            frames.add(account.limit(side, price, lots));
        }
    }

    /** Cancels its orders on {@code side}. */
    void withdraw(Side side, List<String> frames) {
        for (AgentAccount.Order order : account.settledOrders()) {
            if (order.side == side) {
                frames.add(account.cancel(order));
            }
        }
    }

    /** An agent that acts every {@code interval} ms, from a seeded phase within the first interval. */
    abstract static class Periodic extends BackgroundTrader {
        private final long interval;

        /** @param tick the crowd's decision interval: phases are multiples of it */
        Periodic(String traderId, int index, AgentAccount account, Draws draws, Crowd.Limits limits, long interval,
                 long startTime, long tick) {
            super(traderId, index, account, draws, limits);
            this.interval = interval;
            this.nextDue = startTime + draws.below(interval / tick) * tick;
        }

        @Override
        void advance(long time) {
            if (nextDue <= time) {
                nextDue += ((time - nextDue) / interval + 1) * interval;
            }
        }
    }

    static long floor(double ticks) {
        return (long) StrictMath.floor(ticks);
    }

    static long ceil(double ticks) {
        return (long) StrictMath.ceil(ticks);
    }
}
