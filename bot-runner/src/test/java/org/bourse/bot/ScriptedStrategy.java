package org.bourse.bot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.bourse.api.Action;
import org.bourse.api.Cancellation;
import org.bourse.api.Fill;
import org.bourse.api.OrderRequest;
import org.bourse.api.Rejection;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;

/**
 * A strategy the test drives: each turn it sends what the test queued, and it records everything the bot tells it
 * (hooks with their contexts, the threads that called it), readable from the test thread.
 */
public final class ScriptedStrategy implements Strategy {

    /** A hook call: the method, what it was about, and the context it got. */
    record Call<T>(T what, StrategyContext context) {
    }

    final Queue<Action> toSend = new ConcurrentLinkedQueue<>();
    final List<Call<Fill>> fills = new CopyOnWriteArrayList<>();
    final List<Call<Rejection>> rejections = new CopyOnWriteArrayList<>();
    final List<Call<Cancellation>> cancellations = new CopyOnWriteArrayList<>();
    /** "turn" and "book" in the order they were called. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final AtomicInteger turns = new AtomicInteger();
    /** Turns still to fail with an IllegalStateException before sending anything. */
    final AtomicInteger failingTurns = new AtomicInteger();
    volatile boolean hooksThrow;
    volatile StrategyContext lastContext;

    public ScriptedStrategy(String traderId, RandomGenerator rng, Map<String, String> params) {
    }

    ScriptedStrategy() {
        this("test", null, Map.of());
    }

    void send(Action... actions) {
        toSend.addAll(List.of(actions));
    }

    @Override
    public OrderRequest nextOrder(StrategyContext context) {
        return null;
    }

    @Override
    public List<Action> nextActions(StrategyContext context) {
        seen(context);
        turns.incrementAndGet();
        calls.add("turn");
        if (failingTurns.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("boom");
        }
        List<Action> actions = new ArrayList<>();
        Action action;
        while ((action = toSend.poll()) != null) {
            actions.add(action);
        }
        return actions;
    }

    @Override
    public void onFill(Fill fill, StrategyContext context) {
        seen(context);
        fills.add(new Call<>(fill, context));
        maybeThrow();
    }

    @Override
    public void onRejected(Rejection rejection, StrategyContext context) {
        seen(context);
        rejections.add(new Call<>(rejection, context));
        maybeThrow();
    }

    @Override
    public void onCancelled(Cancellation cancellation, StrategyContext context) {
        seen(context);
        cancellations.add(new Call<>(cancellation, context));
        maybeThrow();
    }

    @Override
    public void onBookUpdate(StrategyContext context) {
        seen(context);
        calls.add("book");
        maybeThrow();
    }

    private void seen(StrategyContext context) {
        threads.add(Thread.currentThread().getName());
        lastContext = context;
    }

    private void maybeThrow() {
        if (hooksThrow) {
            throw new UnsupportedOperationException("hook failed");
        }
    }
}
