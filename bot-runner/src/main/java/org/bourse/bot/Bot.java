package org.bourse.bot;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bourse.api.Action;
import org.bourse.api.Cancellation;
import org.bourse.api.Fill;
import org.bourse.api.OrderRequest;
import org.bourse.api.Rejection;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;
import org.bourse.cli.DurationConverter;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trading bot: a strategy, a connection to the order gateway and one to the market-data feed.
 *
 * <p>Everything happens on one loop thread: the socket threads only decode frames into the inbox, and the loop
 * applies them to the {@link MarketData} and the {@link Account}, calls the strategy's hooks as fills, refusals and
 * cancellations come in, and once per decision interval builds a {@link StrategyContext} and sends what
 * {@link Strategy#nextActions} returns. So a strategy is never called from two threads and needs no locks. Nothing
 * is sent, and the strategy is not asked, while either connection is down or the relay says the exchange is
 * unreachable. A strategy that throws is reported and asked again next turn.
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
    /** Client order ids must fit the exchange's 64 characters: {@code <trader>-<n>} with n up to 19 digits. */
    private static final int MAX_ID_PREFIX = 64 - 1 - 19;

    private final BotSettings settings;
    private final Strategy strategy;
    private final String traderId;
    private final LinkedBlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    private final Link gateway;
    private final Link feed;
    private final Account account = new Account();
    private final MarketData market;
    private final StrategyFailures failures;
    private final String clientOrderIdPrefix;
    private final Thread loop;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile String failure;

    // loop thread only
    private long clientOrderIds;
    private boolean stopping;
    private boolean cancelAllAnswered;
    private long cancelledOnExit;
    private long ordersSent;
    private long fills;
    private long rejections;

    public Bot(BotSettings settings, Strategy strategy) {
        this.settings = settings;
        this.strategy = strategy;
        this.traderId = settings.traderId();
        this.gateway = new Link("order gateway", settings.orderGatewayUri(), "welcome", traderId, inbox);
        this.feed = new Link("market-data feed", settings.marketDataUri(), "snapshot", traderId, inbox);
        this.market = new MarketData(traderId, account);
        this.failures = new StrategyFailures(traderId);
        this.clientOrderIdPrefix = (traderId.length() <= MAX_ID_PREFIX ? traderId
                : traderId.substring(0, MAX_ID_PREFIX)) + "-";
        this.loop = new Thread(this::run, "bot-" + traderId);
        loop.setDaemon(true);
    }

    /** Connects and starts trading; returns at once. */
    public void start() {
        LOG.info("{}: trading with {} every {}; market data {}, order gateway {}{}", traderId,
                strategy.getClass().getName(), DurationConverter.format(settings.decisionInterval()),
                settings.marketDataUri(), settings.orderGatewayUri(),
                settings.cancelOnExit() ? "" : "; resting orders stay when the bot stops");
        loop.start();
    }

    /**
     * Stops the bot (cancelling its resting orders if so configured) and waits for it.
     *
     * @return whether it stopped within {@code timeout}
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopRequested = true;
        inbox.add(new Inbound.Wake());
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
            long interval = settings.decisionInterval().toNanos();
            long now = System.nanoTime();
            long nextTurn = now + interval;
            long nextSummary = now + SUMMARY_NANOS;
            List<Inbound> batch = new ArrayList<>();
            while (!stopRequested) {
                long wakeAt = Math.min(Math.min(nextTurn, nextSummary),
                        Math.min(gateway.nextDeadlineNanos(), feed.nextDeadlineNanos()));
                Inbound first = inbox.poll(Math.max(0, wakeAt - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (first != null) {
                    handle(first);
                    inbox.drainTo(batch);
                    batch.forEach(this::handle);
                    batch.clear();
                }
                now = System.nanoTime();
                gateway.onTime(now);
                feed.onTime(now);
                if (now - nextTurn >= 0 && !stopRequested) {
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

    private void handle(Inbound item) {
        if (!(item instanceof Inbound.OnLink event) || !event.link().isCurrent(event)) {
            return; // a wake-up, or news from a connection attempt already given up
        }
        Link link = event.link();
        if (event instanceof Inbound.Opened) {
            link.opened();
            if (link == gateway) {
                try {
                    gateway.send(GatewayFrames.hello(traderId, settings.token()));
                } catch (WebsocketNotConnectedException e) {
                    // closed again at once: its Closed event follows
                }
            }
        } else if (event instanceof Inbound.Closed closed) {
            link.closed(closed.reason());
            if (link == feed) {
                market.disconnected();
            }
        } else if (event instanceof Inbound.Received received) {
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
            account.welcome(welcome);
            market.welcome(welcome);
            resumeClientOrderIds(welcome.openOrders());
            gateway.ready("; position " + account.position() + ", cash " + account.cash().toPlainString() + ", "
                    + count(account.openOrders().size(), "open order"));
            return;
        }
        if (!gateway.isReady()) {
            // Nothing but the hello has been sent on this connection: a refusal is the hello's, and final.
            if (message instanceof ServerMessage.OrderRejected rejected) {
                failure = "the exchange refused the hello: " + rejected.reason()
                        + (detail(rejected.details()) == null ? "" : " (" + detail(rejected.details()) + ")")
                        + ("invalid_token".equals(rejected.reason()) || "not_authenticated".equals(rejected.reason())
                        ? "; check --token" : "");
                LOG.error("{}: {}", traderId, failure);
                stopRequested = true;
            }
            return; // the welcome that follows includes anything that happened before it
        }
        if (message instanceof ServerMessage.OrderAccepted accepted) {
            account.accepted(accepted);
        } else if (message instanceof ServerMessage.Fill wireFill) {
            Fill fill = account.fill(wireFill);
            fills++;
            hook("onFill", context -> strategy.onFill(fill, context));
        } else if (message instanceof ServerMessage.OrderCancelled wireCancel) {
            Cancellation cancellation = account.cancelled(wireCancel);
            hook("onCancelled", context -> strategy.onCancelled(cancellation, context));
        } else if (message instanceof ServerMessage.OrderReplaced replaced) {
            account.replaced(replaced);
        } else if (message instanceof ServerMessage.AllOrdersCancelled all) {
            if (stopping) {
                cancelAllAnswered = true;
                cancelledOnExit = all.count();
            }
        } else if (message instanceof ServerMessage.OrderRejected rejected) {
            rejected(new Rejection(rejected.reason(), detail(rejected.details()), "order", 0,
                    rejected.clientOrderId(), rejected.timestamp()));
        } else if (message instanceof ServerMessage.CancelRejected rejected) {
            rejected(new Rejection(rejected.reason(), detail(rejected.details()), "cancel", rejected.orderId(),
                    rejected.clientOrderId(), rejected.timestamp()));
        } else if (message instanceof ServerMessage.ReplaceRejected rejected) {
            rejected(new Rejection(rejected.reason(), detail(rejected.details()), "replace", rejected.orderId(),
                    rejected.clientOrderId(), rejected.timestamp()));
        }
    }

    private void rejected(Rejection rejection) {
        rejections++;
        account.rejected(rejection);
        LOG.debug("{}: {} rejected: {}{}", traderId, rejection.what(), rejection.reason(),
                rejection.detail() == null ? "" : " (" + rejection.detail() + ")");
        hook("onRejected", context -> strategy.onRejected(rejection, context));
    }

    private void onFeed(ServerMessage message) {
        feed.heard();
        if (market.apply(message) == MarketView.Outcome.GAP) {
            feed.restart();
        } else if (!feed.isReady() && market.isLive()) {
            feed.ready(" (snapshot at seq " + market.lastSeq() + ")");
        }
    }

    /** Once per decision interval, when both connections are up and the exchange is reachable. */
    private void turn() {
        if (!gateway.isReady() || !feed.isReady() || !market.isLive()) {
            return;
        }
        StrategyContext context = context();
        if (market.takeBookChanged()) {
            call("onBookUpdate", () -> strategy.onBookUpdate(context));
        }
        List<Action> actions;
        try {
            actions = strategy.nextActions(context);
        } catch (Throwable t) {
            rethrowIfFatal(t);
            failures.threw("nextActions", t);
            return;
        }
        if (actions == null) {
            return;
        }
        for (Action action : actions) {
            if (action == null) {
                failures.misbehaved("nextActions", "returned a null action; it was skipped");
                continue;
            }
            try {
                gateway.send(frame(action));
            } catch (WebsocketNotConnectedException e) {
                return; // the connection just dropped; its Closed event is on its way
            }
        }
    }

    private String frame(Action action) {
        if (action instanceof OrderRequest order) {
            ordersSent++;
            String clientOrderId = order.clientOrderId() != null ? order.clientOrderId()
                    : clientOrderIdPrefix + ++clientOrderIds;
            return GatewayFrames.order(traderId, order, clientOrderId);
        }
        if (action instanceof Action.Cancel cancel) {
            return GatewayFrames.cancel(traderId, cancel);
        }
        if (action instanceof Action.Replace replace) {
            return GatewayFrames.replace(traderId, replace);
        }
        return GatewayFrames.cancelAll(traderId); // Action.CancelAll, the last kind there is
    }

    /** After a restart of the bot, new client order ids continue after those of the orders still resting. */
    private void resumeClientOrderIds(List<ServerMessage.OpenOrder> openOrders) {
        if (openOrders == null) {
            return;
        }
        for (ServerMessage.OpenOrder order : openOrders) {
            String id = order.clientOrderId();
            if (id != null && id.startsWith(clientOrderIdPrefix)) {
                String number = id.substring(clientOrderIdPrefix.length());
                if (!number.isEmpty() && number.length() < 19 && number.chars().allMatch(Character::isDigit)) {
                    clientOrderIds = Math.max(clientOrderIds, Long.parseLong(number));
                }
            }
        }
    }

    private StrategyContext context() {
        ServerMessage.AccountState marked = market.ownAccount();
        return new StrategyContext(traderId, System.currentTimeMillis(), market.bids(), market.asks(),
                market.recentTrades(), account.position(), account.cash(), marked.avgEntryPrice(),
                marked.realizedPnl(), marked.unrealizedPnl(), marked.totalEquity(), market.markPrice(),
                account.openOrders(), account.lastRejection(), account.lastLiquidationTime(),
                market.tradingHalted());
    }

    /** A hook with a fresh context; none while stopping, when nothing the strategy does can be sent any more. */
    private void hook(String method, Consumer<StrategyContext> body) {
        if (!stopping) {
            StrategyContext context = context();
            call(method, () -> body.accept(context));
        }
    }

    private void call(String method, Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            rethrowIfFatal(t);
            failures.threw(method, t);
        }
    }

    /** A strategy's bug, even a stack overflow, is reported; the JVM running out of memory is not survivable. */
    private static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError fatal && !(t instanceof StackOverflowError)) {
            throw fatal;
        }
    }

    // ------------------------------------------------------------------------------------------- stopping

    private void shutdown() throws InterruptedException {
        stopping = true;
        if (settings.cancelOnExit()) {
            if (gateway.isReady()) {
                try {
                    gateway.send(GatewayFrames.cancelAll(traderId));
                    waitUntil(() -> cancelAllAnswered || !gateway.isReady(), CANCEL_ON_EXIT_WAIT_MILLIS);
                    if (cancelAllAnswered) {
                        LOG.info("{}: cancelled {} on exit", traderId, count(cancelledOnExit, "resting order"));
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
        LOG.info("{}: stopped; {}, {}, {}, {}", traderId, count(ordersSent, "order") + " sent", count(fills, "fill"),
                count(rejections, "rejection"), count(failures.total(), "strategy failure"));
    }

    /** Goes on applying what comes in until {@code done} or the time is up. */
    private void waitUntil(BooleanSupplier done, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Inbound item = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (item != null) {
                handle(item);
            }
        }
    }

    private void summary() {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: position {}, cash {}, equity {}, {}; {} sent, {}, {}, {}", traderId, account.position(),
                    account.cash().toPlainString(), market.ownAccount().totalEquity().toPlainString(),
                    count(account.openOrders().size(), "open order"), count(ordersSent, "order"), count(fills, "fill"),
                    count(rejections, "rejection"), count(failures.total(), "strategy failure"));
        }
    }

    /** {@code 1 fill}, {@code 2 fills}. */
    private static String count(long n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }

    /** The details of a refusal in one line: the {@code error} alone, or {@code key=value} pairs; null if none. */
    static String detail(Map<String, Object> details) {
        if (details == null || details.isEmpty()) {
            return null;
        }
        if (details.size() == 1 && details.get("error") != null) {
            return details.get("error").toString();
        }
        return details.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + (entry.getValue() instanceof BigDecimal decimal
                        ? decimal.toPlainString() : String.valueOf(entry.getValue())))
                .collect(Collectors.joining(", "));
    }
}
