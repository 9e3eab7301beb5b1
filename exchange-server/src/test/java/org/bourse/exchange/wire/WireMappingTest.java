package org.bourse.exchange.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.book.CancelReason;
import org.bourse.exchange.book.Order;
import org.bourse.exchange.book.OrderBook;
import org.bourse.exchange.engine.Account;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.Engine;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.engine.EngineListener;
import org.bourse.exchange.engine.Execution;
import org.bourse.exchange.engine.Refusal;
import org.bourse.exchange.engine.RejectReason;
import org.bourse.exchange.engine.Tee;
import org.bourse.protocol.LiquidationReason;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mapping writes the messages of every order straight from the engine's integers; this checks, on long seeded
 * markets and several tick sizes, that every message it sends is byte for byte what Jackson's data binding writes
 * for the {@link ServerMessage} record a straightforward mapping would build from the same event.
 */
class WireMappingTest {
    private static final String[] TRADERS = {"mm", "taker", "trader-é", "with \"quote\"", "x"};

    /** Each message, tagged with where it went. */
    private record Sent(String to, String json) {
    }

    private static final class Capture implements WireOutput {
        final List<Sent> sent = new ArrayList<>();

        @Override
        public void reply(byte[] message) {
            sent.add(new Sent("reply", new String(message, StandardCharsets.UTF_8)));
        }

        @Override
        public void toTrader(String traderId, byte[] message) {
            sent.add(new Sent(traderId, new String(message, StandardCharsets.UTF_8)));
        }

        @Override
        public boolean wantsEvents() {
            return true;
        }

        @Override
        public void publish(byte[] event) {
            sent.add(new Sent("public", new String(event, StandardCharsets.UTF_8)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.01", "0.05", "1", "0.0001"})
    void everyMessageIsWhatDataBindingWritesForItsRecord(String tick) {
        TickScale scale = new TickScale(new BigDecimal(tick));
        Capture actual = new Capture();
        List<Sent> expected = new ArrayList<>();
        WireMapping mapping = new WireMapping(scale, actual);
        RecordOracle oracle = new RecordOracle(scale, expected);
        Engine engine = new Engine(EngineConfig.defaults().withLimits(0, 0, 0, 0), Tee.of(mapping, oracle));
        mapping.attach(engine);
        oracle.engine = engine;
        SplittableRandom random = new SplittableRandom(tick.hashCode());
        long clock = 1_739_980_000_000L;
        for (int i = 0; i < 20_000; i++) {
            engine.apply(command(random, clock += random.nextInt(3), i));
        }

        assertThat(actual.sent).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.sent.get(i)).as("message %d", i).isEqualTo(expected.get(i));
        }
        assertThat(expected.stream().filter(s -> s.json.startsWith("{\"type\":\"fill\"")).count())
                .as("fills checked").isGreaterThan(1_000);
        assertThat(expected.stream().filter(s -> s.json.contains("\"avg_entry_price\":") && !s.json.contains(
                "\"avg_entry_price\":null")).count()).as("average prices checked").isGreaterThan(1_000);
        assertThat(expected.stream().filter(s -> s.json.contains("\"position\":0,") && !s.json.contains(
                "\"avg_entry_price\":null")).toList()).as("flat accounts without an average price").isEmpty();
    }

    /** A busy market near 100: limit orders of every kind, market orders, cancels, replaces. */
    private static Command command(SplittableRandom random, long clock, int i) {
        String trader = TRADERS[random.nextInt(TRADERS.length)];
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        long price = 10_000 + random.nextInt(-30, 31);
        return switch (random.nextInt(10)) {
            case 0 -> Command.PlaceOrder.market(clock, trader, "m" + i, side, 1 + random.nextInt(6));
            case 1 -> new Command.CancelOrder(clock, trader, 1 + random.nextInt(i + 1), null);
            case 2 -> new Command.ReplaceOrder(clock, trader, 1 + random.nextInt(i + 1), null, price,
                    random.nextInt(4));
            case 3 -> new Command.PlaceOrder(clock, trader, random.nextBoolean() ? null : "c" + i, side,
                    OrderType.LIMIT, price, 1 + random.nextInt(5), TimeInForce.values()[random.nextInt(3)],
                    random.nextInt(4) == 0);
            default -> Command.PlaceOrder.limit(clock, trader, "l" + i, side, price, 1 + random.nextInt(5));
        };
    }

    /** The obvious mapping: build the record, let Jackson write it. */
    private static final class RecordOracle implements EngineListener {
        private final TickScale scale;
        private final List<Sent> sent;
        /** Whose mark a book_update states. */
        Engine engine;

        RecordOracle(TickScale scale, List<Sent> sent) {
            this.scale = scale;
            this.sent = sent;
        }

        private void add(String to, ServerMessage message) {
            sent.add(new Sent(to, WireJson.encode(message)));
        }

        private BigDecimal price(long ticks) {
            return ticks == OrderBook.NO_PRICE ? null : scale.decimal(ticks);
        }

        @Override
        public void orderAccepted(long timestamp, long orderId, Command.PlaceOrder order, long price,
                                  TimeInForce timeInForce) {
            add("reply", new ServerMessage.OrderAccepted(orderId, order.traderId(), order.clientOrderId(),
                    order.side().wireName(), order.type().wireName(), price(price), order.quantity(),
                    timeInForce.wireName(), order.postOnly(), timestamp));
        }

        @Override
        public void orderRejected(long timestamp, Command.PlaceOrder order, Refusal refusal) {
            add("reply", new ServerMessage.OrderRejected(refusal.reason().wireName(), refusal.details(
                    (unit, value) -> switch (unit) {
                        case MONEY, PRICE -> scale.decimal(value);
                        case QUANTITY, COUNT, TIME -> value;
                    }), order.traderId(), order.clientOrderId(), timestamp));
        }

        @Override
        public void orderCancelled(long timestamp, long orderId, String traderId, String clientOrderId,
                                   long quantity, CancelReason reason) {
            add(reason == CancelReason.REQUESTED ? "reply" : traderId, new ServerMessage.OrderCancelled(orderId,
                    clientOrderId, traderId, quantity, reason.wireName(), timestamp));
        }

        @Override
        public void orderReplaced(long timestamp, long orderId, String traderId, String clientOrderId, long price,
                                  long quantity) {
            add("reply", new ServerMessage.OrderReplaced(orderId, clientOrderId, traderId, scale.decimal(price),
                    quantity, timestamp));
        }

        @Override
        public void allOrdersCancelled(long timestamp, String traderId, int count) {
            add("reply", new ServerMessage.AllOrdersCancelled(traderId, count, timestamp));
        }

        @Override
        public void cancelRejected(long timestamp, String traderId, long orderId, String clientOrderId,
                                   RejectReason reason) {
            add("reply", new ServerMessage.CancelRejected(orderId, clientOrderId, traderId, reason.wireName(),
                    Map.of(), timestamp));
        }

        @Override
        public void replaceRejected(long timestamp, Command.ReplaceOrder replace, Refusal refusal) {
            add("reply", new ServerMessage.ReplaceRejected(replace.orderId(), replace.clientOrderId(),
                    replace.traderId(), refusal.reason().wireName(), refusal.details((unit, value) -> switch (unit) {
                        case MONEY, PRICE -> scale.decimal(value);
                        case QUANTITY, COUNT, TIME -> value;
                    }), timestamp));
        }

        @Override
        public void trade(long seq, long timestamp, Execution execution) {
            long tradeId = execution.tradeId();
            long price = execution.price();
            long quantity = execution.quantity();
            Order maker = execution.maker();
            Order taker = execution.taker();
            Account makerAccount = execution.makerAccount();
            Account takerAccount = execution.takerAccount();
            boolean takerBuys = taker.side() == Side.BUY;
            add("public", new ServerMessage.Trade(seq, tradeId, scale.decimal(price), quantity,
                    (takerBuys ? takerAccount : makerAccount).traderId(),
                    (takerBuys ? makerAccount : takerAccount).traderId(), taker.side().wireName(),
                    (takerBuys ? taker : maker).id(), (takerBuys ? maker : taker).id(), timestamp));
            for (Order order : new Order[] {maker, taker}) {
                Account account = order == maker ? makerAccount : takerAccount;
                add(account.traderId(), new ServerMessage.Fill(order.id(), order.clientOrderId(),
                        account.traderId(), tradeId, order.side().wireName(), scale.decimal(price), quantity,
                        order.remaining(), order == maker ? "maker" : "taker", timestamp));
            }
        }

        @Override
        public void bookChanged(long seq, long timestamp, OrderBook book) {
            add("public", new ServerMessage.BookUpdate(seq, price(book.bestBid()), price(book.bestAsk()),
                    levels(book, Side.BUY), levels(book, Side.SELL), scale.decimal(engine.mark()), timestamp));
        }

        private List<ServerMessage.Level> levels(OrderBook book, Side side) {
            List<ServerMessage.Level> levels = new ArrayList<>();
            for (int rank = 0; rank < Math.min(10, book.levelCount(side)); rank++) {
                levels.add(new ServerMessage.Level(scale.decimal(book.levelPrice(side, rank)),
                        book.levelQuantity(side, rank)));
            }
            return levels;
        }

        @Override
        public void accountChanged(long seq, long timestamp, Account account, long markPrice) {
            add("public", new ServerMessage.PositionUpdate(seq, account.traderId(), account.position(),
                    scale.decimal(account.cash()), account.position() == 0 ? null
                    : scale.ratio(account.costBasis(), account.position()), scale.decimal(account.realizedPnl()),
                    scale.decimal(account.unrealizedPnl(markPrice)), scale.decimal(account.equity(markPrice)),
                    scale.decimal(markPrice), timestamp));
        }

        @Override
        public void liquidation(long seq, long timestamp, String traderId, LiquidationReason reason, Side side,
                                long quantity, long orderId) {
            add("public", new ServerMessage.Liquidation(seq, traderId, reason.wireName(), quantity, side.wireName(),
                    orderId, timestamp));
        }

        @Override
        public void tradingStatus(long seq, long timestamp, boolean halted) {
            add("public", new ServerMessage.TradingStatus(seq, halted, timestamp));
        }
    }
}
