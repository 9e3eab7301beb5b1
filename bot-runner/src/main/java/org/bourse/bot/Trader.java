package org.bourse.bot;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bourse.api.Action;
import org.bourse.api.Cancellation;
import org.bourse.api.Fill;
import org.bourse.api.OrderRequest;
import org.bourse.api.Rejection;
import org.bourse.api.Strategy;
import org.bourse.api.StrategyContext;
import org.bourse.protocol.ClientFrames;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage;

/**
 * A trader's mind without its sockets: the strategy, the account as the gateway tells it, the market as the feed
 * tells it, and the frames its decisions become. The {@link Bot} feeds it from its two connections; the in-process
 * lockstep runner feeds it by direct calls. Whatever feeds it, the same messages in the same order give the same
 * frames: nothing here reads a clock but a real-time trader's own timestamps.
 *
 * <p>In real time, a message on the trader's own connection is applied at once and its hook ({@code onFill},
 * {@code onCancelled}, {@code onRejected}) runs with the wall-clock time. In lockstep, it is kept until the
 * trader's next turn, where it is applied and its hook runs with the turn's virtual time and the market as of the
 * turn's {@code seq}: the strategy then sees the same market in every run, whenever the message arrived.
 *
 * <p>A strategy that throws or returns a null action is reported ({@link StrategyFailures}) and the turn goes on
 * without what failed: an exception is a decision to do nothing. Not thread-safe: one thread at a time.
 */
public final class Trader implements Agent {
    /** Client order ids must fit the exchange's 64 characters: {@code <trader>-<n>} with n up to 19 digits. */
    private static final int MAX_ID_PREFIX = 64 - 1 - 19;

    private final String traderId;
    private final Strategy strategy;
    private final boolean lockstep;
    private final OwnAccount account = new OwnAccount();
    private final MarketData market;
    private final StrategyFailures failures;
    private final RejectionLog rejectionLog;
    /** The strategy's method that decides a turn, as reports name it: nextOrder behind the default nextActions. */
    private final String decisionMethod;
    private final String clientOrderIdPrefix;
    /** In lockstep: the private messages since the last turn, applied at the next. */
    private final ArrayDeque<ServerMessage> pending = new ArrayDeque<>();
    /** The time hooks and decisions see: the turn's in lockstep, the wall clock's in real time. */
    private long now;
    private boolean quiet;
    private long clientOrderIds;
    private long ordersSent;
    private long fills;
    private long rejections;
    private long turns;
    private long failedTurns;

    /** @param lockstep whether its private messages wait for its turns (see the class comment) */
    public Trader(String traderId, Strategy strategy, boolean lockstep) {
        this.traderId = traderId;
        this.strategy = strategy;
        this.lockstep = lockstep;
        this.market = new MarketData(traderId, account);
        this.failures = new StrategyFailures(traderId);
        this.rejectionLog = new RejectionLog(traderId);
        this.decisionMethod = decisionMethod(strategy);
        this.clientOrderIdPrefix = (traderId.length() <= MAX_ID_PREFIX ? traderId
                : traderId.substring(0, MAX_ID_PREFIX)) + "-";
    }

    @Override
    public String traderId() {
        return traderId;
    }

    @Override
    public String hello(String token, long decisionIntervalMillis, long latencyMillis) {
        return ClientFrames.hello(traderId, token, decisionIntervalMillis, latencyMillis);
    }

    @Override
    public List<String> traders() {
        return List.of(traderId);
    }

    public Strategy strategy() {
        return strategy;
    }

    // ---------------------------------------------------------------------------------------- what comes in

    /** Where the trader stands after a (re)connection to the gateway: replaces all the bot knew of its account. */
    @Override
    public void welcome(ServerMessage.Welcome welcome) {
        pending.clear();
        account.welcome(welcome);
        market.welcome(welcome);
        resumeClientOrderIds(welcome.openOrders());
    }

    /** A message on the trader's own connection, after its welcome: an answer, a fill, a cancel. */
    @Override
    public void privateMessage(ServerMessage message) {
        if (lockstep) {
            pending.add(message);
        } else {
            now = System.currentTimeMillis();
            apply(message);
        }
    }

    /** A message of the public feed; a {@link MarketView.Outcome#GAP} means: resubscribe for a snapshot. */
    @Override
    public MarketView.Outcome feed(ServerMessage message) {
        return market.apply(message);
    }

    /** The feed's connection is gone: nothing of the next one applies before its snapshot. */
    @Override
    public void feedDisconnected() {
        market.disconnected();
    }

    /** A snapshot has arrived on the feed's connection, no event was missed since, and the exchange is reachable. */
    @Override
    public boolean isLive() {
        return market.isLive();
    }

    /** The last public event the trader's market has applied. */
    @Override
    public long lastSeq() {
        return market.lastSeq();
    }

    // ---------------------------------------------------------------------------------------------- a turn

    /**
     * A turn at {@code time}: what came in since the last (in lockstep), then {@code onBookUpdate} if the book
     * changed, then {@code nextActions}, whose actions are returned as gateway frames, in their order.
     */
    @Override
    public List<String> decide(long time) {
        now = time;
        for (ServerMessage message; (message = pending.poll()) != null; ) {
            apply(message);
        }
        rejectionLog.summarizeIfDue(now);
        turns++;
        StrategyContext context = context();
        if (market.takeBookChanged()) {
            call("onBookUpdate", () -> strategy.onBookUpdate(context));
        }
        List<Action> actions;
        try {
            actions = strategy.nextActions(context);
        } catch (Throwable t) {
            rethrowIfFatal(t);
            failures.threw(decisionMethod, t);
            failedTurns++;
            return List.of();
        }
        if (actions == null || actions.isEmpty()) {
            return List.of();
        }
        List<String> frames = new ArrayList<>(actions.size());
        for (Action action : actions) {
            if (action == null) {
                failures.misbehaved("nextActions", "returned a null action; it was skipped");
            } else {
                frames.add(frame(action));
            }
        }
        return frames;
    }

    /** From now on no hook runs: the bot is stopping and nothing a strategy does can be sent any more. */
    @Override
    public void quiet() {
        quiet = true;
        rejectionLog.summarize();
    }

    /** A strategy that failed on every turn it had has not traded: the bot's run counts as failed. */
    @Override
    public String failure() {
        return turns > 0 && failedTurns == turns
                ? "the strategy's " + decisionMethod + " threw on every turn (" + turns + ")" : null;
    }

    // ------------------------------------------------------------------------------------------- figures

    @Override
    public String standing() {
        return "position " + position() + ", cash " + cash().toPlainString() + ", "
                + count(openOrderCount(), "open order");
    }

    @Override
    public String figures() {
        return count(ordersSent, "order") + " sent, " + count(fills, "fill") + ", " + count(rejections, "rejection")
                + ", " + count(strategyFailures(), "strategy failure");
    }

    /** {@code 1 fill}, {@code 2 fills}. */
    static String count(long n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }

    public long position() {
        return account.position();
    }

    public BigDecimal cash() {
        return account.cash();
    }

    public int openOrderCount() {
        return account.openOrders().size();
    }

    /** The account valued at the current mark (as the feed states it once it has named the trader). */
    public BigDecimal totalEquity() {
        return market.ownAccount().totalEquity();
    }

    public long ordersSent() {
        return ordersSent;
    }

    public long fills() {
        return fills;
    }

    public long rejections() {
        return rejections;
    }

    public long strategyFailures() {
        return failures.total();
    }

    // ----------------------------------------------------------------------------------------- internals

    private void apply(ServerMessage message) {
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
        rejectionLog.rejected(rejection, now);
        hook("onRejected", context -> strategy.onRejected(rejection, context));
    }

    private String frame(Action action) {
        if (action instanceof OrderRequest order) {
            ordersSent++;
            String clientOrderId = order.clientOrderId() != null ? order.clientOrderId()
                    : clientOrderIdPrefix + ++clientOrderIds;
            return ClientFrames.order(traderId, order, clientOrderId);
        }
        if (action instanceof Action.Cancel cancel) {
            return ClientFrames.cancel(traderId, cancel);
        }
        if (action instanceof Action.Replace replace) {
            return ClientFrames.replace(traderId, replace);
        }
        return ClientFrames.cancelAll(traderId); // Action.CancelAll, the last kind there is
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
        return new StrategyContext(traderId, now, market.bids(), market.asks(),
                market.recentTrades(), account.position(), account.cash(), marked.avgEntryPrice(),
                marked.realizedPnl(), marked.unrealizedPnl(), marked.totalEquity(), market.markPrice(),
                account.openOrders(), account.lastRejection(), account.lastLiquidationTime(),
                market.tradingHalted());
    }

    /** A hook with a fresh context; none once quiet. */
    private void hook(String method, Consumer<StrategyContext> body) {
        if (!quiet) {
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

    private static String decisionMethod(Strategy strategy) {
        try {
            return strategy.getClass().getMethod("nextActions", StrategyContext.class).getDeclaringClass()
                    == Strategy.class ? "nextOrder" : "nextActions";
        } catch (NoSuchMethodException e) {
            throw new AssertionError("every Strategy has nextActions", e);
        }
    }

    /** A strategy's bug, even a stack overflow, is reported; the JVM running out of memory is not survivable. */
    private static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError fatal && !(t instanceof StackOverflowError)) {
            throw fatal;
        }
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
