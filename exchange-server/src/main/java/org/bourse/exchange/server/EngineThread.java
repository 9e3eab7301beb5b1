package org.bourse.exchange.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.bourse.exchange.engine.Account;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.Engine;
import org.bourse.exchange.journal.JournalException;
import org.bourse.exchange.market.Market;
import org.bourse.exchange.wire.WireMapping;
import org.bourse.protocol.ClientMessage;
import org.bourse.protocol.ClientMessageDecoder;
import org.bourse.protocol.ServerMessage;
import org.bourse.transport.MinuteRate;
import org.bourse.transport.RefusalLog;
import org.bourse.transport.TimeSlice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's thread and its one input queue: every socket thread hands its work here, and this thread alone
 * touches the engine, the delivery's routing tables and the subscribers, so none of them needs a lock. Work is
 * taken in batches (whatever is queued, up to {@value #BATCH}). Each batch is write-ahead: its commands go to the
 * journal as they are applied, and only once the journal has them (one write per batch, synced per policy) do the
 * batch's answers, fills, events and CSV rows leave the process — so a killed exchange never told anyone about
 * something it forgets. The queue is lock-free; a socket thread wakes the engine only when it sleeps, and the engine
 * asks for short time slices ({@link TimeSlice}) so that, woken on a busy machine, it gets a core soon.
 *
 * <p>If the journal cannot be written, or the engine itself fails, the batch's results are dropped, its commands
 * (and every later one) are refused with {@code trading_halted} and the reason, subscribers hear that trading is
 * halted, and the exchange is told to stop: it never goes on half alive.
 */
final class EngineThread implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineThread.class);
    private static final int BATCH = 512;

    /** The longest the engine sleeps before looking again (a safety net: submitting wakes it). */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Queue<EngineInput> queue = new ConcurrentLinkedQueue<>();
    private final Market market;
    private final Engine engine;
    private final WireMapping mapping;
    private final Delivery delivery;
    private final Consumer<String> onFailure;
    private final ClientRequests requests;
    /** Whether a trader's resting orders are cancelled when its last gateway connection closes. */
    private final boolean cancelOnDisconnect;
    private final Admission admission;
    private final RefusalLog turnedAway = new RefusalLog(LOG, "Turned away a connection: no room for its traders "
            + "(--max-traders)");
    /** The lockstep battle this exchange runs, or null in real time. */
    private final LockstepTurns lockstep;
    private final Thread thread;
    private volatile boolean stopping;
    /** The exchange is going away: its connections close because it does, not because their traders left. */
    private volatile boolean leaving;
    /** Set by the engine thread just before it parks: only then must a submitter unpark it. */
    private volatile boolean sleeping;
    private long lastTimestamp;

    // engine thread only
    /** The commands of the batch being applied, to be refused if the batch cannot be committed. */
    private final List<EngineInput.Execute> batch = new ArrayList<>();
    /** Answers to queries, given once the batch is committed. */
    private final List<Answer<?>> answers = new ArrayList<>();
    /** The seq of the last event released to subscribers. */
    private long committedSeq;
    /** Why the exchange can no longer apply commands, or null. */
    private String failure;
    /** Whether the exchange has been told to stop for {@link #failure}. */
    private boolean failureReported;
    /** Whether the market has had its closing valuation ({@link Command.MarkToMarket}). */
    private boolean closed;
    /** Commands the traders sent (orders, cancels, replaces), applied or refused: for {@code GET /status}. */
    private long traderCommands;
    private final MinuteRate traderCommandRate = new MinuteRate();
    private final MinuteRate eventRate = new MinuteRate();

    /**
     * @param maxTraders         how many traders the exchange serves at once ({@link Admission})
     * @param lockstep           the lockstep battle to run, or null for real time
     * @param cancelOnDisconnect cancel a trader's resting orders when its last gateway connection closes
     * @param onFailure          told, once, why the exchange must stop (from the engine thread)
     */
    EngineThread(Market market, Delivery delivery, ClientRequests requests, int maxTraders,
              LockstepTurns.Settings lockstep, boolean cancelOnDisconnect, Consumer<String> onFailure) {
        this.market = market;
        this.engine = market.engine();
        this.mapping = market.mapping();
        this.delivery = delivery;
        this.requests = requests;
        this.cancelOnDisconnect = cancelOnDisconnect;
        this.admission = new Admission(maxTraders, engine);
        this.onFailure = onFailure;
        this.lockstep = lockstep == null ? null : new LockstepTurns(lockstep, new LockstepMarket());
        this.thread = new Thread(this, "engine");
        // the last net, for what escapes guarded() (an error thrown while failing, say): the exchange must not
        // go on taking orders that nobody answers
        thread.setUncaughtExceptionHandler((engineThread, e) -> {
            LOG.debug("The engine thread died", e);
            onFailure.accept("the engine thread died (" + e + ")");
        });
        this.committedSeq = engine.lastSeq();
    }

    void start() {
        thread.start();
    }

    /** New commands are stamped no earlier than {@code timestamp}: a recovered market's time does not go back. */
    void resumeAfter(long timestamp) {
        lastTimestamp = Math.max(lastTimestamp, timestamp);
    }

    /** Queues work for the engine thread; never blocks. */
    void submit(EngineInput item) {
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
    synchronized void submitStamped(LongFunction<EngineInput> item) {
        queue.add(item.apply(stamp()));
        wake();
    }

    /** The time to stamp a command with now: the virtual clock's in lockstep, else the wall clock's, never going back. */
    private synchronized long stamp() {
        lastTimestamp = lockstep != null ? lockstep.now() : Math.max(lastTimestamp, System.currentTimeMillis());
        return lastTimestamp;
    }

    /** How many items wait for the engine thread (counted one by one: for tests and diagnostics). */
    int queued() {
        return queue.size();
    }

    /** Whether the exchange runs a lockstep battle (its gateway then hands every frame to {@link EngineInput.Frame}). */
    boolean lockstep() {
        return lockstep != null;
    }

    /**
     * The exchange is about to close its connections: from now on a closing connection cancels nothing (its trader
     * did not leave; the exchange did, and a restart on the journal continues the market with its orders).
     */
    void leaving() {
        leaving = true;
    }

    /** Processes everything already queued, gives the market its closing valuation, then ends the thread. */
    void stopAndDrain() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join();
        turnedAway.close();
    }

    @Override
    public void run() {
        TimeSlice.shortenForThisThread();
        int inBatch = 0;
        while (!stopping || !queue.isEmpty()) {
            EngineInput item = queue.poll();
            if (item != null) {
                guarded(item);
                if (++inBatch < BATCH) {
                    continue;
                }
            }
            long wait = advanceLockstep();
            guarded(null);
            heartbeatIfQuiet();
            inBatch = 0;
            if (item == null) {
                sleeping = true;
                if (queue.isEmpty() && !stopping) {
                    LockSupport.parkNanos(this, wait < 0 ? IDLE_NANOS : Math.min(wait, IDLE_NANOS));
                }
                sleeping = false;
            }
        }
        guarded(null);
        if (!closed && failure == null) {
            guarded(new EngineInput.Execute(null, new Command.MarkToMarket(lockstep != null ? lockstep.now() : stamp())));
            guarded(null);
        }
    }

    /** Lets a lockstep battle move on (its arrivals and prompts join the batch); how long it can wait, or -1. */
    private long advanceLockstep() {
        if (lockstep == null || failure != null) {
            return -1;
        }
        try {
            return lockstep.advance();
        } catch (RuntimeException | Error e) {
            LOG.debug("The lockstep clock failed", e);
            fail("the exchange failed (" + e + ")");
            return -1;
        }
    }

    /**
     * Processes an item (or, for null, commits the batch) so that no failure ends this thread: the exchange would
     * then take orders and never answer. A failure instead stops the exchange the orderly way ({@link #fail}).
     */
    private void guarded(EngineInput item) {
        try {
            if (item != null) {
                process(item);
            } else {
                commit();
            }
        } catch (RuntimeException | Error e) {
            // the reason is the user's one line (the exchange logs it as it stops); the journal replays to the same
            // failure, and DEBUG has the command and the stack trace
            LOG.debug("The engine thread failed{}", item instanceof EngineInput.Execute execute
                    ? " on " + execute.command() : "", e);
            if (failure == null) {
                fail("the exchange failed (" + e + ")");
            }
        }
    }

    private void process(EngineInput item) {
        if (item instanceof EngineInput.Execute execute) {
            execute(execute);
        } else if (item instanceof EngineInput.Answer answer) {
            delivery.answer(answer.origin(), answer.message());
        } else if (item instanceof EngineInput.Bind bind) {
            bind(bind);
        } else if (item instanceof EngineInput.Welcome welcome) {
            welcome(welcome);
        } else if (item instanceof EngineInput.Frame frame) {
            if (failure == null && !frame.client().turnedAway) {
                lockstep.frame(frame.client(), frame.frame());
            } else if (frame.frame() instanceof ClientMessageDecoder.Valid valid) {
                refuse(frame.client(), valid.message(), lockstep.now());
            }
        } else if (item instanceof EngineInput.Closed closed) {
            List<String> gone = delivery.closed(closed.client());
            gone.forEach(admission::left);
            if (lockstep != null) {
                lockstep.closed(closed.client());
            }
            cancelOrdersOf(gone, lockstep != null ? lockstep.now() : closed.timestamp());
        } else if (item instanceof EngineInput.Subscribe subscribe) {
            if (failure == null) {
                delivery.subscribe(subscribe.subscriber(), mapping.snapshot(System.currentTimeMillis()));
            }
        } else if (item instanceof EngineInput.Unsubscribe unsubscribe) {
            delivery.unsubscribe(unsubscribe.subscriber());
        } else if (item instanceof EngineInput.Query<?> query) {
            answer(query);
        }
    }

    /**
     * Traders whose last gateway connection closed leave the book: their resting orders are cancelled by a command
     * of the exchange's own, journaled like any other. Not when the exchange itself is going away, nor after a
     * lockstep battle has ended (its market is complete), nor for a trader with nothing resting.
     */
    private void cancelOrdersOf(List<String> traders, long timestamp) {
        if (!cancelOnDisconnect || leaving || failure != null || lockstep != null && lockstep.over()) {
            return;
        }
        for (String trader : traders) {
            Account account = engine.findAccount(trader);
            if (account != null && engine.book().openOrderCount(account.index()) > 0) {
                execute(new EngineInput.Execute(null, new Command.Disconnect(timestamp, trader)));
            }
        }
    }

    /** A connection speaks for these traders from now on, if the exchange has room for them all. */
    private void bind(EngineInput.Bind bind) {
        Client client = bind.client();
        if (admission.admit(bind.traderIds())) {
            bind.traderIds().forEach(trader -> delivery.bind(client, trader));
        } else {
            client.turnedAway = true;
            turnedAway.record("from " + client.socket().getRemoteSocketAddress() + " as " + bind.traderIds().get(0)
                    + (bind.traderIds().size() > 1 ? " and " + (bind.traderIds().size() - 1) + " more" : ""));
        }
    }

    private void welcome(EngineInput.Welcome welcome) {
        if (failure != null || welcome.client().turnedAway) {
            delivery.answer(welcome.client(), ClientRequests.reject("hello", refusal(welcome.client()),
                    refusalDetails(welcome.client()), welcome.traderIds().get(0), null, welcome.timestamp()));
            return;
        }
        for (String trader : welcome.traderIds()) {
            delivery.answer(welcome.client(), mapping.welcome(trader, welcome.timestamp()));
        }
    }

    private void execute(EngineInput.Execute execute) {
        if (execute.origin() != null) {
            traderCommands++;
        }
        if (failure != null || execute.origin() != null && execute.origin().turnedAway) {
            refuse(execute);
            return;
        }
        if (lockstep != null && execute.command() instanceof Command.SetTradingHalted halt) {
            lockstep.operatorActed("the operator " + (halt.halted() ? "halted" : "resumed") + " trading at "
                    + java.time.Instant.ofEpochMilli(lockstep.now()));
        }
        if (execute.command() instanceof Command.MarkToMarket) {
            closed = true;
        }
        batch.add(execute);
        delivery.origin(execute.origin());
        try {
            market.apply(execute.command());
        } catch (JournalException e) {
            fail(e.getMessage());
        } finally {
            delivery.origin(null);
        }
    }

    /** Tells stream subscribers that the exchange is alive when it has had nothing to tell them for a while. */
    private void heartbeatIfQuiet() {
        if (failure == null && delivery.heartbeatIfQuiet(committedSeq)) {
            delivery.flush();
        }
    }

    private <T> void answer(EngineInput.Query<T> query) {
        if (failure != null) {
            new Answer<>(query.answer(), null).withhold(failure);
            return;
        }
        answers.add(new Answer<>(query.answer(), query.question().get()));
    }

    /** A query's answer, held until its batch is committed. */
    private record Answer<T>(CompletableFuture<T> future, T value) {
        void give() {
            future.complete(value);
        }

        void withhold(String reason) {
            future.completeExceptionally(new IllegalStateException(reason));
        }
    }

    /** Releases the batch once the journal has it: frames, CSV rows and events, answers to queries. */
    private void commit() {
        if (failure == null) {
            try {
                market.commit();
                committedSeq = engine.lastSeq();
            } catch (JournalException e) {
                fail(e.getMessage());
            }
        }
        delivery.flush();
        long now = System.currentTimeMillis();
        traderCommandRate.sample(now, traderCommands);
        eventRate.sample(now, committedSeq);
        answers.forEach(Answer::give);
        answers.clear();
        batch.clear();
        if (failure != null && !failureReported) {
            // only now: what was queued with the batch that failed has been refused, with the reason, and sent
            failureReported = true;
            onFailure.accept(failure);
        }
    }

    /**
     * Stops applying commands for good: drops what the batch made, refuses its commands, tells subscribers trading
     * is halted and why; the batch's commit then asks the exchange to stop, once the rest of the batch is refused.
     */
    private void fail(String reason) {
        failure = reason;
        delivery.discard();
        market.discard();
        for (EngineInput.Execute execute : batch) {
            refuse(execute);
        }
        batch.clear();
        answers.forEach(answer -> answer.withhold(reason));
        answers.clear();
        delivery.broadcast(new ServerMessage.TradingStatus(committedSeq + 1, true, reason,
                System.currentTimeMillis()));
        delivery.flush();
    }

    /** Why whatever {@code client} sends is refused: the exchange's failure, or no room for its traders. */
    private String refusal(Client client) {
        return failure != null ? "trading_halted" : Admission.REFUSED;
    }

    private Map<String, Object> refusalDetails(Client client) {
        return failure != null ? Map.of("error", failure) : admission.details();
    }

    /** A message refused for {@link #refusal}. */
    private void refuse(Client client, ClientMessage message, long timestamp) {
        delivery.answer(client, ClientRequests.reject(ClientRequests.typeName(message), refusal(client),
                refusalDetails(client), message.traderId(), ClientRequests.clientOrderId(message), timestamp));
    }

    /** A command refused for {@link #refusal}, answered with the reject of its kind. */
    private void refuse(EngineInput.Execute execute) {
        Command command = execute.command();
        Client origin = execute.origin();
        if (origin == null) {
            return; // the operator's own halt or resume: the admin endpoint reports the failure
        }
        String reason = refusal(origin);
        Map<String, Object> details = refusalDetails(origin);
        if (command instanceof Command.CancelOrder c) {
            delivery.answer(origin, new ServerMessage.CancelRejected(c.orderId(), c.clientOrderId(), c.traderId(),
                    reason, details, c.timestamp()));
        } else if (command instanceof Command.ReplaceOrder r) {
            delivery.answer(origin, new ServerMessage.ReplaceRejected(r.orderId(), r.clientOrderId(), r.traderId(),
                    reason, details, r.timestamp()));
        } else if (command instanceof Command.PlaceOrder o) {
            delivery.answer(origin, new ServerMessage.OrderRejected(reason, details, o.traderId(),
                    o.clientOrderId(), o.timestamp()));
        } else if (command instanceof Command.CancelAllOrders c) {
            delivery.answer(origin, new ServerMessage.OrderRejected(reason, details, c.traderId(), null,
                    c.timestamp()));
        }
    }

    /** What a lockstep battle asks of the market, on this thread. */
    private final class LockstepMarket implements LockstepTurns.Market {
        @Override
        public void arrive(Client client, ClientMessageDecoder.Decoded frame, long time) {
            ClientRequests.Outcome outcome = requests.arrive(frame, time);
            if (outcome instanceof ClientRequests.Execute command) {
                execute(new EngineInput.Execute(client, command.command()));
            } else if (outcome instanceof ClientRequests.Welcome welcome) {
                for (String trader : welcome.traderIds()) {
                    delivery.answer(client, mapping.welcome(trader, time));
                }
            } else {
                delivery.answer(client, ((ClientRequests.Refuse) outcome).reject());
            }
        }

        @Override
        public void answer(Client client, ServerMessage message) {
            delivery.answer(client, message);
        }

        @Override
        public long lastSeq() {
            return engine.lastSeq();
        }

        @Override
        public void endOfStep() {
            commit();
        }

        @Override
        public void failed(String reason) {
            fail(reason);
        }

        @Override
        public void close(long time) {
            execute(new EngineInput.Execute(null, new Command.MarkToMarket(time)));
            commit();
        }
    }

    /** For {@code GET /status}: orders (and cancels, replaces) and events per second over the last minute. */
    Map<String, Object> throughput() {
        long now = System.currentTimeMillis();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("orders_per_s", traderCommandRate.perSecond(now, traderCommands));
        figures.put("events_per_s", eventRate.perSecond(now, committedSeq));
        return figures;
    }

    /** For {@code GET /status}: the lockstep battle's progress, or null in real time (engine thread). */
    Map<String, Object> lockstepStatus() {
        return lockstep == null ? null : lockstep.status();
    }

}
