package org.bourse.exchange.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.bourse.exchange.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's thread and its one input queue: every socket thread hands its work here, and this thread alone
 * touches the engine, the publisher's routing tables and the subscribers, so none of them needs a lock. Work is
 * taken in batches, and what a batch sends goes out at its end, so a burst costs one wake-up each way.
 */
final class Sequencer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
    private static final int BATCH = 512;

    private final BlockingQueue<Inbound> queue = new LinkedBlockingQueue<>();
    private final Engine engine;
    private final WirePublisher publisher;
    private final Thread thread;
    private volatile boolean stopping;
    private long lastTimestamp;

    Sequencer(Engine engine, WirePublisher publisher) {
        this.engine = engine;
        this.publisher = publisher;
        this.thread = new Thread(this, "engine");
    }

    void start() {
        thread.start();
    }

    /** Queues work for the engine thread; never blocks. */
    void submit(Inbound item) {
        queue.add(item);
    }

    /**
     * Queues work stamped with the current time (epoch ms). Stamping and queueing happen under one lock, so
     * timestamps never go backwards in queue order although commands arrive on many socket threads.
     */
    synchronized void submitStamped(LongFunction<Inbound> item) {
        lastTimestamp = Math.max(lastTimestamp, System.currentTimeMillis());
        queue.add(item.apply(lastTimestamp));
    }

    /** Processes everything already queued, then ends the thread. */
    void stopAndDrain() throws InterruptedException {
        stopping = true;
        thread.join();
    }

    @Override
    public void run() {
        List<Inbound> batch = new ArrayList<>(BATCH);
        try {
            while (!stopping || !queue.isEmpty()) {
                Inbound first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                for (int i = 0; i < batch.size(); i++) {
                    process(batch.get(i));
                }
                batch.clear();
                publisher.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug in the engine must not pass silently: say so loudly; the exchange then shuts down.
            LOG.error("The engine thread failed; no further orders can be processed", e);
            throw e;
        }
    }

    private void process(Inbound item) {
        try {
            if (item instanceof Inbound.Execute execute) {
                publisher.origin(execute.origin());
                engine.apply(execute.command());
            } else if (item instanceof Inbound.Answer answer) {
                publisher.answer(answer.origin(), answer.message());
            } else if (item instanceof Inbound.Bind bind) {
                publisher.bind(bind.client(), bind.traderId());
            } else if (item instanceof Inbound.Welcome welcome) {
                publisher.answer(welcome.client(), publisher.welcome(welcome.traderId(), welcome.timestamp()));
            } else if (item instanceof Inbound.Closed closed) {
                publisher.closed(closed.client());
            } else if (item instanceof Inbound.Subscribe subscribe) {
                publisher.subscribe(subscribe.subscriber(), System.currentTimeMillis());
            } else if (item instanceof Inbound.Unsubscribe unsubscribe) {
                publisher.unsubscribe(unsubscribe.subscriber());
            } else if (item instanceof Inbound.Task task) {
                task.work().run();
            }
        } finally {
            publisher.origin(null);
        }
    }
}
