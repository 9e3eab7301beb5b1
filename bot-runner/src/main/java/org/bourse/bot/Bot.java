package org.bourse.bot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bourse.api.Strategy;
import org.bourse.cli.DurationConverter;
import org.bourse.protocol.ClientFrames;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trading bot: a {@link Trader} (the strategy and what it knows), a connection to the order gateway and one to
 * the market-data feed.
 *
 * <p>Everything happens on one loop thread: the socket threads only decode frames into the inbox, and the loop
 * hands them to the trader and sends what the trader decides. So a strategy is never called from two threads and
 * needs no locks. In real time the trader decides once per decision interval of the wall clock; in a lockstep
 * battle it decides when the exchange says {@code decide}, once its market has reached the {@code seq} the exchange
 * names, and then says {@code done}. Nothing is sent, and the strategy is not asked, while either connection is
 * down or the relay says the exchange is unreachable, nor, in real time, while the market data is stale
 * ({@link StaleGuard}: the resting orders are then cancelled too, unless told not to).
 *
 * <p>{@link #stop} cancels the trader's resting orders (unless told not to), waits briefly for the answer and
 * closes both connections, all within about a second.
 */
public final class Bot {
    private static final Logger LOG = LoggerFactory.getLogger(Bot.class);

    /** How long the stop waits for the answer to its {@code cancel_all}. */
    static final long CANCEL_ON_EXIT_WAIT_MILLIS = 500;
    /** How long the stop waits for both connections to close. */
    static final long CLOSE_WAIT_MILLIS = 300;
    private static final long SUMMARY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final BotSettings settings;
    private final Agent agent;
    private final String traderId;
    private final LinkedBlockingQueue<LoopInput> inbox = new LinkedBlockingQueue<>();
    private final Link gateway;
    private final Link feed;
    private final Thread loop;
    /** The stale-data guard; null in lockstep, where time is virtual and the exchange waits for the bot. */
    private final StaleGuard staleGuard;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile String failure;

    // loop thread only
    /** In lockstep: the turn the exchange announced and the bot has not yet taken (its market lags behind). */
    private ServerMessage.Decide turnDue;
    private boolean stopping;
    private int cancelAllAnswers;
    private long cancelledOnExit;

    public Bot(BotSettings settings, Strategy strategy) {
        this(settings, new Trader(settings.traderId(), strategy, settings.lockstep()));
    }

    /** A bot for any agent: one trader's strategy, or a background crowd. */
    public Bot(BotSettings settings, Agent agent) {
        this.settings = settings;
        this.traderId = settings.traderId();
        this.agent = agent;
        this.gateway = new Link("order gateway", settings.orderGatewayUri(), "welcome", traderId, inbox);
        this.feed = new Link("market-data feed", settings.marketDataUri(), "snapshot", traderId, inbox);
        this.staleGuard = settings.lockstep() ? null : new StaleGuard(settings.staleTimeout());
        this.loop = new Thread(this::run, "bot-" + traderId);
        loop.setDaemon(true);
    }

    /** Connects and starts trading; returns at once. */
    public void start() {
        LOG.info("{}: trading with {} {}{}{}; market data {}, order gateway {}{}", traderId,
                agent instanceof Trader trader ? trader.strategy().getClass().getName() : agent.getClass().getName(),
                settings.lockstep() ? "in a lockstep battle, deciding every "
                        : "every ", DurationConverter.format(settings.decisionInterval()),
                settings.latencyMillis() == 0 ? "" : " of virtual time with " + settings.latencyMillis()
                        + " ms of latency",
                settings.marketDataUri(), settings.orderGatewayUri(),
                settings.cancelOnExit() ? "" : "; resting orders stay when the bot stops");
        loop.start();
    }

    /**
     * Runs the bot as a process's main job: until it stops by itself, or Ctrl+C / SIGTERM stop it (within
     * {@code stopTimeout}), then {@code afterStop}. A signal is how a user stops a bot: the process then exits 0, not
     * with the JVM's 130 / 143; with 1 if its strategy failed on every turn ({@link Agent#failure}).
     *
     * @return the exit code of a bot that stopped by itself: 0, or 1 when it or its strategy failed
     */
    public int runUntilSignalled(Duration stopTimeout, Runnable afterStop) throws InterruptedException {
        Thread hook = new Thread(() -> {
            try {
                stop(stopTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            afterStop.run();
            Runtime.getRuntime().halt(agent.failure() == null ? 0 : 1);
        }, "bot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        start();
        while (!awaitTermination(Duration.ofDays(1))) {
            // runs until stopped
        }
        // Only a bot that stopped by itself gets here: a signal ends the process in the hook.
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook decides the exit code
        }
        afterStop.run();
        return failure() == null && agent.failure() == null ? 0 : 1;
    }

    /**
     * Stops the bot (cancelling its resting orders if so configured) and waits for it.
     *
     * @return whether it stopped within {@code timeout}
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopRequested = true;
        inbox.add(new LoopInput.Wake());
        return awaitTermination(timeout);
    }

    /** Waits until the bot has stopped, because it was asked to or because it failed (see {@link #failure}). */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the bot stopped by itself (e.g. the exchange refused its hello), or null. */
    public String failure() {
        return failure;
    }

    // ------------------------------------------------------------------------------------------- the loop

    private void run() {
        try {
            gateway.open();
            feed.open();
            // in lockstep the exchange's decide is the bot's clock: no timed turns
            long interval = settings.lockstep() ? Long.MAX_VALUE : settings.decisionInterval().toNanos();
            long now = System.nanoTime();
            long nextTurn = settings.lockstep() ? Long.MAX_VALUE : now + interval;
            long nextSummary = now + SUMMARY_NANOS;
            List<LoopInput> batch = new ArrayList<>();
            while (!stopRequested) {
                long wakeAt = Math.min(Math.min(Math.min(nextTurn, nextSummary), staleDeadlineNanos()),
                        Math.min(gateway.nextDeadlineNanos(), feed.nextDeadlineNanos()));
                LoopInput first = inbox.poll(Math.max(0, wakeAt - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (first != null) {
                    handle(first);
                    inbox.drainTo(batch);
                    batch.forEach(this::handle);
                    batch.clear();
                }
                now = System.nanoTime();
                gateway.onTime(now);
                feed.onTime(now);
                guardAgainstStaleData(now);
                if (turnDue != null && !stopRequested) {
                    lockstepTurn();
                } else if (now - nextTurn >= 0 && !stopRequested) {
                    turn();
                    // a turn that overran skips the turns it missed rather than running them back to back
                    nextTurn = Math.max(nextTurn + interval, System.nanoTime());
                }
                if (now - nextSummary >= 0) {
                    summary();
                    nextSummary = now + SUMMARY_NANOS;
                }
            }
            shutdown();
        } catch (InterruptedException e) {
            LOG.warn("{}: interrupted; stopping", traderId);
        } catch (RuntimeException | Error e) {
            failure = "the bot failed: " + e;
            LOG.error("{}: {}", traderId, failure);
            LOG.debug("{}: where it failed", traderId, e);
        } finally {
            gateway.close();
            feed.close();
            terminated.countDown();
        }
    }

    private void handle(LoopInput item) {
        if (!(item instanceof LoopInput.OnLink event) || !event.link().isCurrent(event)) {
            return; // a wake-up, or news from a connection attempt already given up
        }
        Link link = event.link();
        if (event instanceof LoopInput.Opened) {
            link.opened();
            if (link == gateway) {
                try {
                    gateway.send(agent.hello(settings.token(), settings.lockstep()
                            ? settings.decisionInterval().toMillis() : 0, settings.latencyMillis()));
                } catch (WebsocketNotConnectedException e) {
                    // closed again at once: its Closed event follows
                }
            }
        } else if (event instanceof LoopInput.Closed closed) {
            link.closed(closed.reason());
            if (link == feed) {
                agent.feedDisconnected();
            }
        } else if (event instanceof LoopInput.Received received) {
            try {
                if (link == gateway) {
                    onGateway(received.message());
                } else {
                    onFeed(received.message());
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: ignoring a message from the {} the bot cannot apply ({}): {}", traderId, link.name(),
                        e, received.message());
            }
        }
    }

    private void onGateway(ServerMessage message) {
        if (message instanceof ServerMessage.Welcome welcome) {
            agent.welcome(welcome);
            if (!gateway.isReady()) {
                gateway.ready("; " + agent.standing());
            }
            feedReadyIfLive(); // an agent may need its welcome to read the feed (a crowd does)
            return;
        }
        if (!gateway.isReady()) {
            // Nothing but the hello has been sent on this connection: a refusal is the hello's, and final.
            if (message instanceof ServerMessage.OrderRejected rejected) {
                failure = "the exchange refused the hello: " + rejected.reason()
                        + (Trader.detail(rejected.details()) == null ? "" : " (" + Trader.detail(rejected.details())
                        + ")") + switch (rejected.reason()) {
                            case "invalid_token", "not_authenticated" -> "; check --token";
                            case "not_lockstep" -> "; start the exchange with --lockstep, or run the bot without it";
                            default -> "";
                        };
                LOG.error("{}: {}", traderId, failure);
                stopRequested = true;
            }
            return; // the welcome that follows includes anything that happened before it
        }
        if (message instanceof ServerMessage.Decide decide) {
            turnDue = decide;
        } else if (message instanceof ServerMessage.AllOrdersCancelled all && stopping) {
            cancelAllAnswers++;
            cancelledOnExit += all.count();
        } else {
            agent.privateMessage(message);
        }
    }

    private void onFeed(ServerMessage message) {
        feed.heard();
        if (staleGuard != null && staleGuard.heard(System.nanoTime())) {
            LOG.info("{}: market data is fresh again (a {} from the {}); trading resumes", traderId,
                    message.getClass().getSimpleName(), feed.name());
        }
        if (agent.feed(message) == MarketView.Outcome.GAP) {
            feed.restart();
        } else {
            feedReadyIfLive();
        }
    }

    private void feedReadyIfLive() {
        if (!feed.isReady() && agent.isLive()) {
            feed.ready(" (snapshot at seq " + agent.lastSeq() + ")");
        }
    }

    private long staleDeadlineNanos() {
        return staleGuard == null ? Long.MAX_VALUE : staleGuard.deadlineNanos();
    }

    /**
     * Stops trading on market data that has grown older than {@code --stale-timeout} while the gateway is up: the
     * strategy is not asked until fresh data comes, and the resting orders are cancelled (unless told not to).
     */
    private void guardAgainstStaleData(long now) {
        if (staleGuard == null || !staleGuard.turnedStale(now)) {
            return;
        }
        boolean cancel = settings.staleCancel() && gateway.isReady();
        LOG.warn("{}: market data is stale: nothing from the {} for {}, not even a heartbeat; not trading{} until "
                + "it is fresh", traderId, feed.name(), DurationConverter.format(settings.staleTimeout()),
                cancel ? ", resting orders cancelled," : "");
        if (cancel) {
            send(agent.traders().stream().map(ClientFrames::cancelAll).toList());
        }
    }

    /** Once per decision interval, when both connections are up, the exchange is reachable and the data fresh. */
    private void turn() {
        if (gateway.isReady() && feed.isReady() && agent.isLive() && (staleGuard == null || !staleGuard.isStale())) {
            send(agent.decide(System.currentTimeMillis()));
        }
    }

    /**
     * The turn the exchange announced, once the market has caught up with it: the market the strategy sees is
     * then the one at the turn's {@code seq}, the same in every run. Until then the exchange waits (up to its
     * decision timeout).
     */
    private void lockstepTurn() {
        if (!feed.isReady() || !agent.isLive() || agent.lastSeq() < turnDue.seq()) {
            return;
        }
        long time = turnDue.timestamp();
        turnDue = null;
        send(agent.decide(time));
        send(List.of(ClientFrames.done(traderId, time)));
    }

    private void send(List<String> frames) {
        for (String frame : frames) {
            try {
                gateway.send(frame);
            } catch (WebsocketNotConnectedException e) {
                return; // the connection just dropped; its Closed event is on its way
            }
        }
    }

    // ------------------------------------------------------------------------------------------- stopping

    private void shutdown() throws InterruptedException {
        stopping = true;
        agent.quiet();
        if (settings.cancelOnExit()) {
            if (gateway.isReady()) {
                try {
                    List<String> traders = agent.traders();
                    send(traders.stream().map(ClientFrames::cancelAll).toList());
                    waitUntil(() -> cancelAllAnswers == traders.size() || !gateway.isReady(),
                            CANCEL_ON_EXIT_WAIT_MILLIS);
                    if (cancelAllAnswers == traders.size()) {
                        LOG.info("{}: cancelled {} on exit", traderId, Trader.count(cancelledOnExit, "resting order"));
                    } else {
                        LOG.warn("{}: no answer to cancel_all within {} ms; resting orders may remain", traderId,
                                CANCEL_ON_EXIT_WAIT_MILLIS);
                    }
                } catch (WebsocketNotConnectedException e) {
                    LOG.warn("{}: the order gateway went away before cancel_all; resting orders remain", traderId);
                }
            } else if (failure == null) {
                LOG.warn("{}: not connected to the order gateway: resting orders, if any, remain", traderId);
            }
        }
        gateway.close();
        feed.close();
        waitUntil(() -> gateway.isClosed() && feed.isClosed(), CLOSE_WAIT_MILLIS);
        LOG.info("{}: stopped; {}", traderId, agent.figures());
        if (agent.failure() != null) {
            LOG.error("{}: {}", traderId, agent.failure());
        }
    }

    /** Goes on applying what comes in until {@code done} or the time is up. */
    private void waitUntil(BooleanSupplier done, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LoopInput item = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (item != null) {
                handle(item);
            }
        }
    }

    private void summary() {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: {}; {}", traderId, agent.standing(), agent.figures());
        }
    }
}
