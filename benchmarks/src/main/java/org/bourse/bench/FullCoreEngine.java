package org.bourse.bench;

import java.util.IdentityHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.book.OrderBook;
import org.bourse.exchange.book.SelfTradePrevention;
import org.bourse.exchange.engine.Account;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.Engine;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.engine.EngineListener;
import org.bourse.exchange.engine.Execution;
import org.bourse.exchange.engine.Refusal;
import org.bourse.exchange.engine.RejectReason;
import org.bourse.protocol.LiquidationReason;

/**
 * The whole Bourse core — book, accounts, risk checks, margin, liquidation checks and events — fed the same
 * stream as the pure books, as {@link Command} values like the gateway will build them (built before measuring,
 * as the gateway builds them on its own threads).
 *
 * <p>The listener does what an event publisher must do on the engine thread: it copies the top ten levels on each
 * book change and every field of each account update, so that the cost of reading the events is measured too.
 * Accounts are funded so that nothing in the workload is rejected and self-trades are allowed, so the trades must
 * equal the pure books'; a rejected order would also shift the engine's order ids and fail the correctness check.
 */
public final class FullCoreEngine implements EngineUnderTest, EngineListener {

    private static final int DEPTH = 10;
    static final EngineConfig CONFIG = EngineConfig.defaults()
            .withStartingCash(1_000_000_000_000L)
            .withLimits(0, 0, 0, 0)
            .withSelfTradePrevention(SelfTradePrevention.ALLOW);

    private final TradeSink sink;
    private final long[] bidPrices = new long[DEPTH];
    private final long[] bidQuantities = new long[DEPTH];
    private final long[] askPrices = new long[DEPTH];
    private final long[] askQuantities = new long[DEPTH];
    private final Map<CommandStream, Command[]> built = new IdentityHashMap<>();
    private Engine engine;
    private long published;
    private long missedCancels;
    private long rejects;

    public FullCoreEngine(TradeSink sink) {
        this.sink = sink;
        this.engine = new Engine(CONFIG, this);
    }

    @Override
    public String name() {
        return "bourse-core";
    }

    @Override
    public void run(CommandStream commands) {
        Command[] built = commandsFor(commands);
        for (Command command : built) {
            engine.apply(command);
        }
    }

    @Override
    public void runTimed(CommandStream commands, Histogram latencies) {
        Command[] built = commandsFor(commands);
        for (Command command : built) {
            long start = System.nanoTime();
            engine.apply(command);
            latencies.recordValue(Math.min(System.nanoTime() - start, LatencyPass.MAX_RECORDED_NANOS));
        }
    }

    /**
     * A fresh engine with every trader's account already open, then the preload. An account opens with its
     * trader's first order; an order of quantity 0 opens it and is refused, so it takes no order id: the engine
     * numbers orders itself, and starting from 1 again keeps its ids equal to the workload's.
     */
    @Override
    public void reset(Workload workload) {
        engine = new Engine(CONFIG, this);
        long rejectsBefore = rejects;
        for (CommandStream commands : new CommandStream[] {workload.preload(), workload.stream()}) {
            for (int i = 0; i < commands.size(); i++) {
                String trader = traderId(commands.trader(i));
                if (engine.findAccount(trader) == null) {
                    engine.apply(new Command.PlaceOrder(0, trader, null, Side.BUY, OrderType.LIMIT, 1, 0,
                            TimeInForce.GTC, false));
                }
            }
        }
        rejects = rejectsBefore; // those refusals opened the accounts: not a divergence from the pure books
        run(workload.preload());
    }

    @Override
    public long missedCancels() {
        return missedCancels + rejects;
    }

    /** A checksum of everything published, so that the JIT cannot drop the listener's work. */
    public long published() {
        return published;
    }

    /** The stream as commands, built once per stream (the gateway builds them on its own threads). */
    private Command[] commandsFor(CommandStream commands) {
        return built.computeIfAbsent(commands, FullCoreEngine::build);
    }

    private static Command[] build(CommandStream c) {
        Command[] out = new Command[c.size()];
        for (int i = 0; i < c.size(); i++) {
            String trader = traderId(c.trader(i));
            Side side = c.buy(i) ? Side.BUY : Side.SELL;
            out[i] = switch (c.kind(i)) {
                case CommandStream.LIMIT -> new Command.PlaceOrder(i, trader, null, side, OrderType.LIMIT,
                        c.price(i), c.quantity(i), TimeInForce.GTC, false);
                case CommandStream.MARKET -> Command.PlaceOrder.market(i, trader, null, side, c.quantity(i));
                default -> new Command.CancelOrder(i, trader, c.orderId(i), null);
            };
        }
        return out;
    }

    /** Interned, as a gateway keeps one id string per connection. */
    private static String traderId(int trader) {
        return ("trader-" + trader).intern();
    }

    // ------------------------------------------------------------------------------------------- listener

    @Override
    public void trade(long seq, long timestamp, Execution execution) {
        sink.trade(execution.maker().id(), execution.taker().id(), execution.price(), execution.quantity());
        published += seq + execution.maker().remaining() + execution.taker().remaining();
    }

    @Override
    public void bookChanged(long seq, long timestamp, OrderBook book) {
        int bids = book.depth(Side.BUY, bidPrices, bidQuantities);
        int asks = book.depth(Side.SELL, askPrices, askQuantities);
        published += seq + bids + asks + bidPrices[0] + askPrices[0];
    }

    @Override
    public void accountChanged(long seq, long timestamp, Account account, long markPrice) {
        published += seq + account.position() + account.cash() + account.realizedPnl()
                + account.unrealizedPnl(markPrice) + account.equity(markPrice);
    }

    @Override
    public void orderAccepted(long timestamp, long orderId, Command.PlaceOrder order, long price,
                              TimeInForce timeInForce) {
        published += orderId;
    }

    @Override
    public void orderRejected(long timestamp, Command.PlaceOrder order, Refusal refusal) {
        rejects++;
    }

    @Override
    public void orderCancelled(long timestamp, long orderId, String traderId, String clientOrderId, long quantity,
                               CancelReason reason) {
        published += orderId + quantity;
    }

    @Override
    public void orderReplaced(long timestamp, long orderId, String traderId, String clientOrderId, long price,
                              long quantity) {
        published += orderId;
    }

    @Override
    public void allOrdersCancelled(long timestamp, String traderId, int count) {
        published += count;
    }

    @Override
    public void cancelRejected(long timestamp, String traderId, long orderId, String clientOrderId,
                               RejectReason reason) {
        missedCancels++;
    }

    @Override
    public void replaceRejected(long timestamp, Command.ReplaceOrder replace, Refusal refusal) {
        rejects++;
    }

    @Override
    public void liquidation(long seq, long timestamp, String traderId, LiquidationReason reason, Side side,
                            long quantity, long orderId) {
        rejects++; // the workload is funded so that this never happens; count it as a divergence
    }

    @Override
    public void tradingStatus(long seq, long timestamp, boolean halted) {
        published += seq;
    }
}
