package org.bourse.bench;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import exchange.core2.core.orderbook.OrderBookEventsHelper;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * exchange-core's fastest book ({@link OrderBookDirectImpl}), used on its own, without the disruptor pipeline and
 * risk stages around it. One {@link OrderCommand} is reused for every command, as exchange-core's ring buffer
 * reuses its slots. Market orders are IOC orders at an extreme price, which is how exchange-core expresses them.
 */
public final class ExchangeCoreEngine implements EngineUnderTest {
    private final IOrderBook book;
    private final OrderCommand cmd = new OrderCommand();
    private final TradeSink sink;
    private long missedCancels;

    public ExchangeCoreEngine(TradeSink sink) {
        this.sink = sink;
        CoreSymbolSpecification symbol = CoreSymbolSpecification.builder()
                .symbolId(1)
                .type(SymbolType.FUTURES_CONTRACT)
                .baseCurrency(0)
                .quoteCurrency(0)
                .baseScaleK(1)
                .quoteScaleK(1)
                .build();
        // The pool sizes exchange-core's own matching engine router uses.
        Map<Integer, Integer> poolSizes = new HashMap<>();
        poolSizes.put(ObjectsPool.DIRECT_ORDER, 1024 * 1024);
        poolSizes.put(ObjectsPool.DIRECT_BUCKET, 1024 * 64);
        poolSizes.put(ObjectsPool.ART_NODE_4, 1024 * 32);
        poolSizes.put(ObjectsPool.ART_NODE_16, 1024 * 16);
        poolSizes.put(ObjectsPool.ART_NODE_48, 1024 * 8);
        poolSizes.put(ObjectsPool.ART_NODE_256, 1024 * 4);
        book = new OrderBookDirectImpl(symbol, new ObjectsPool(poolSizes),
                OrderBookEventsHelper.NON_POOLED_EVENTS_HELPER, LoggingConfiguration.DEFAULT);
    }

    @Override
    public String name() {
        return "exchange-core";
    }

    /** The underlying book, for checks. */
    public IOrderBook book() {
        return book;
    }

    @Override
    public void run(CommandStream commands) {
        for (int i = 0, n = commands.size(); i < n; i++) {
            apply(commands, i);
        }
    }

    @Override
    public void runTimed(CommandStream commands, Histogram latencies) {
        for (int i = 0, n = commands.size(); i < n; i++) {
            long start = System.nanoTime();
            apply(commands, i);
            latencies.recordValue(Math.min(System.nanoTime() - start, LatencyPass.MAX_RECORDED_NANOS));
        }
    }

    private void apply(CommandStream c, int i) {
        OrderCommand cmd = this.cmd;
        cmd.orderId = c.orderId[i];
        cmd.uid = c.trader[i];
        cmd.action = c.buy[i] ? OrderAction.BID : OrderAction.ASK;
        cmd.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
        cmd.matcherEvent = null;
        switch (c.kind[i]) {
            case CommandStream.LIMIT -> {
                cmd.command = OrderCommandType.PLACE_ORDER;
                cmd.orderType = OrderType.GTC;
                cmd.price = c.price[i];
                cmd.size = c.quantity[i];
            }
            case CommandStream.MARKET -> {
                cmd.command = OrderCommandType.PLACE_ORDER;
                cmd.orderType = OrderType.IOC;
                cmd.price = c.buy[i] ? Long.MAX_VALUE : 0;
                cmd.size = c.quantity[i];
            }
            default -> {
                cmd.command = OrderCommandType.CANCEL_ORDER;
                cmd.price = 0;
                cmd.size = 0;
            }
        }
        CommandResultCode result = IOrderBook.processCommand(book, cmd);
        if (result != CommandResultCode.SUCCESS) {
            missedCancels++;
        }
        for (MatcherTradeEvent event = cmd.matcherEvent; event != null; event = event.nextEvent) {
            if (event.eventType == MatcherEventType.TRADE) {
                sink.trade(event.matchedOrderId, cmd.orderId, event.price, event.size);
            }
        }
    }

    @Override
    public void reset(Workload workload) {
        run(workload.teardown());
        run(workload.preload());
    }

    @Override
    public long missedCancels() {
        return missedCancels;
    }
}
