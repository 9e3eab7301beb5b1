package org.bourse.exchange.server;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.bourse.exchange.engine.Engine;
import org.bourse.transport.TimeSlice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's thread and its one input queue: every socket thread hands its work here, and this thread alone
 * touches the engine, the publisher's routing tables and the subscribers, so none of them needs a lock. Work is
 * taken in batches (whatever is queued, up to {@value #BATCH}), and what a batch sends goes out at its end, so a
 * burst costs one wake-up each way. The queue is lock-free; a socket thread wakes the engine only when it sleeps,
 * and the engine asks for short time slices ({@link TimeSlice}) so that, woken on a busy machine, it gets a core soon.
 */
final class Sequencer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
    private static final int BATCH = 512;

    /** The longest the engine sleeps before looking again (a safety net: submitting wakes it). */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Queue<Inbound> queue = new ConcurrentLinkedQueue<>();
    private final Engine engine;
    private final WirePublisher publisher;
    private final Thread thread;
    private volatile boolean stopping;
    /** Set by the engine thread just before it parks: only then must a submitter unpark it. */
    private volatile boolean sleeping;
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
        wake();
    }

    /**
     * The engine announces {@code sleeping} before it looks at the queue a last time, a submitter adds to the queue
     * before it looks at {@code sleeping} (both volatile): one of them sees the other, so no item is left asleep.
     */
    private void wake() {
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Queues work stamped with the current time (epoch ms). Stamping and queueing happen under one lock, so
     * timestamps never go backwards in queue order although commands arrive on many socket threads.
     */
    synchronized void submitStamped(LongFunction<Inbound> item) {
        lastTimestamp = Math.max(lastTimestamp, System.currentTimeMillis());
        queue.add(item.apply(lastTimestamp));
        wake();
    }

    /** Processes everything already queued, then ends the thread. */
    void stopAndDrain() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join();
    }

    @Override
    public void run() {
        TimeSlice.shortenForThisThread();
        try {
            int inBatch = 0;
            while (!stopping || !queue.isEmpty()) {
                Inbound item = queue.poll();
                if (item != null) {
                    process(item);
                    if (++inBatch < BATCH) {
                        continue;
                    }
                }
                publisher.flush();
                inBatch = 0;
                if (item == null) {
                    sleeping = true;
                    if (queue.isEmpty() && !stopping) {
                        LockSupport.parkNanos(this, IDLE_NANOS);
                    }
                    sleeping = false;
                }
            }
            publisher.flush();
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
