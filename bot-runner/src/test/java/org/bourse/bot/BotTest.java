package org.bourse.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.bourse.api.Action;
import org.bourse.api.Cancellation;
import org.bourse.api.Fill;
import org.bourse.api.OpenOrder;
import org.bourse.api.OrderRequest;
import org.bourse.api.Rejection;
import org.bourse.api.Side;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.ClientMessage;
import org.bourse.protocol.ClientMessageDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bot against a real exchange in this JVM, its connections passing through proxies that record what it sends and
 * can break its connections; the exchange's own event stream serves as the market-data feed.
 */
class BotTest {
    private static final String ME = "bot_1";

    @TempDir
    Path dir;

    private Exchange exchange;
    private WsProxy gatewayProxy;
    private WsProxy feedProxy;
    private final List<Bot> bots = new ArrayList<>();
    private final List<Peer> peers = new ArrayList<>();

    @BeforeEach
    void startExchange() throws Exception {
        exchange = Exchanges.start(dir);
        gatewayProxy = new WsProxy(exchange.gatewayPort());
        feedProxy = new WsProxy(exchange.streamPort());
    }

    /** For a test of what a bot finds after its connection dropped: the exchange's cancel on disconnect is off. */
    private void restartKeepingOrdersOnDisconnect() throws Exception {
        gatewayProxy.close();
        feedProxy.close();
        exchange.close();
        exchange = Exchanges.startKeepingOrders(Files.createDirectory(dir.resolve("keeping")));
        gatewayProxy = new WsProxy(exchange.gatewayPort());
        feedProxy = new WsProxy(exchange.streamPort());
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Bot bot : bots) {
            bot.stop(Duration.ofSeconds(5));
        }
        peers.forEach(Peer::close);
        gatewayProxy.close();
        feedProxy.close();
        exchange.close();
    }

    // ------------------------------------------------------------------------------------------ trading

    @Test
    void fillsAndCancellationsReachTheStrategyWhichSeesItsOpenOrders() throws Exception {
        ScriptedStrategy strategy = tradingBot();

        strategy.send(OrderRequest.limit(Side.BUY, "99.00", 2));
        OpenOrder bid = awaitOpenOrders(strategy, 1).get(0);
        assertThat(bid.clientOrderId()).isEqualTo("bot_1-1");
        assertThat(bid.side()).isEqualTo(Side.BUY);
        assertThat(bid.price()).isEqualByComparingTo("99.00");
        assertThat(bid.leavesQty()).isEqualTo(2);

        trader("seller").send(Peer.limit("seller", "sell", "99.00", 1));
        eventually().until(() -> strategy.fills.size() == 1);
        Fill fill = strategy.fills.get(0).what();
        assertThat(fill.orderId()).isEqualTo(bid.orderId());
        assertThat(fill.clientOrderId()).isEqualTo("bot_1-1");
        assertThat(fill.side()).isEqualTo(Side.BUY);
        assertThat(fill.price()).isEqualByComparingTo("99.00");
        assertThat(fill.qty()).isEqualTo(1);
        assertThat(fill.leavesQty()).isEqualTo(1);
        assertThat(fill.maker()).isTrue();
        // the context that comes with the fill already includes it
        var withFill = strategy.fills.get(0).context();
        assertThat(withFill.position()).isEqualTo(1);
        assertThat(withFill.cash()).isEqualByComparingTo("9901.00");
        assertThat(withFill.openOrders()).singleElement().extracting(OpenOrder::leavesQty).isEqualTo(1L);

        strategy.send(Action.cancel(bid.orderId()));
        eventually().until(() -> strategy.cancellations.size() == 1);
        Cancellation cancellation = strategy.cancellations.get(0).what();
        assertThat(cancellation.orderId()).isEqualTo(bid.orderId());
        assertThat(cancellation.qty()).isEqualTo(1);
        assertThat(cancellation.reason()).isEqualTo("requested");
        assertThat(strategy.cancellations.get(0).context().openOrders()).isEmpty();
        assertThat(strategy.rejections).isEmpty();
    }

    @Test
    void replacesAndCancelsReachTheExchange() throws Exception {
        ScriptedStrategy strategy = tradingBot();
        Peer stream = peer(exchange.streamUri());
        stream.next("snapshot");

        strategy.send(OrderRequest.limit(Side.BUY, "98.00", 3));
        OpenOrder bid = awaitOpenOrders(strategy, 1).get(0);
        strategy.send(Action.replace(bid.orderId(), new BigDecimal("98.50"), 2));
        stream.next(frame -> isBook(frame, "bids", "98.50x2"));
        eventually().until(() -> strategy.lastContext.openOrders(),
                orders -> orders.size() == 1 && orders.get(0).price().compareTo(new BigDecimal("98.50")) == 0
                        && orders.get(0).leavesQty() == 2);

        strategy.send(OrderRequest.limit(Side.BUY, "97.00", 1).withClientOrderId("mine-7"));
        awaitOpenOrders(strategy, 2);
        strategy.send(Action.cancelByClientOrderId("mine-7"));
        eventually().until(() -> strategy.cancellations.size() == 1);
        assertThat(strategy.cancellations.get(0).what().clientOrderId()).isEqualTo("mine-7");
        stream.next(frame -> isBook(frame, "bids", "98.50x2"));

        strategy.send(OrderRequest.limit(Side.BUY, "97.50", 1), Action.cancelAll());
        stream.next(frame -> isBook(frame, "bids"));
        eventually().until(() -> strategy.cancellations.size() == 3);
        assertThat(strategy.cancellations).extracting(call -> call.what().reason()).containsOnly("requested");
        eventually().until(() -> strategy.lastContext.openOrders().isEmpty());
    }

    @Test
    void refusalsOfOrdersCancelsAndReplacesReachOnRejected() {
        ScriptedStrategy strategy = tradingBot();

        strategy.send(OrderRequest.limit(Side.BUY, "99.005", 1));
        eventually().until(() -> strategy.rejections.size() == 1);
        Rejection offGrid = strategy.rejections.get(0).what();
        assertThat(offGrid.reason()).isEqualTo("invalid_message");
        assertThat(offGrid.what()).isEqualTo("order");
        assertThat(offGrid.detail()).isEqualTo("price: 99.005 is not a multiple of the tick size 0.01");
        assertThat(offGrid.clientOrderId()).isEqualTo("bot_1-1");
        eventually().until(() -> offGrid.equals(strategy.lastContext.lastRejection()));

        strategy.send(Action.cancel(999_999));
        eventually().until(() -> strategy.rejections.size() == 2);
        Rejection unknownCancel = strategy.rejections.get(1).what();
        assertThat(unknownCancel.reason()).isEqualTo("unknown_order");
        assertThat(unknownCancel.what()).isEqualTo("cancel");
        assertThat(unknownCancel.orderId()).isEqualTo(999_999);

        strategy.send(Action.replace(999_998, new BigDecimal("99.00"), 0));
        eventually().until(() -> strategy.rejections.size() == 3);
        Rejection unknownReplace = strategy.rejections.get(2).what();
        assertThat(unknownReplace.reason()).isEqualTo("unknown_order");
        assertThat(unknownReplace.what()).isEqualTo("replace");
        assertThat(unknownReplace.orderId()).isEqualTo(999_998);
        assertThat(strategy.rejections.get(2).context().lastRejection()).isEqualTo(unknownReplace);
    }

    @Test
    void everyFrameTheBotSendsDecodesAsAValidClientMessage() {
        ScriptedStrategy strategy = tradingBot();

        // nothing offered yet: the market order and the IOC find nothing, the FOK is refused
        strategy.send(OrderRequest.market(Side.BUY, 1), OrderRequest.limit(Side.BUY, "99.50", 1).ioc(),
                OrderRequest.limit(Side.BUY, "99.50", 1).fok(), OrderRequest.limit(Side.BUY, "99.00", 2),
                OrderRequest.limit(Side.SELL, "101.00", 1).asPostOnly().withClientOrderId("post-1"));
        awaitOpenOrders(strategy, 2);
        long bid = strategy.lastContext.openOrders(Side.BUY).get(0).orderId();
        strategy.send(Action.replace(bid, new BigDecimal("99.10"), 0), Action.replace(bid, null, 1),
                Action.cancelByClientOrderId("post-1"), Action.cancel(bid), Action.cancelAll());
        eventually().until(() -> strategy.lastContext.openOrders().isEmpty() && gatewayProxy.clientFrames().size() == 11);

        List<String> frames = gatewayProxy.clientFrames();
        ClientMessageDecoder decoder = new ClientMessageDecoder();
        List<ClientMessage> messages = new ArrayList<>();
        for (String frame : frames) {
            ClientMessageDecoder.Decoded decoded = decoder.decode(frame);
            assertThat(decoded).as(frame).isInstanceOf(ClientMessageDecoder.Valid.class);
            messages.add(((ClientMessageDecoder.Valid) decoded).message());
        }
        assertThat(messages.get(0)).isEqualTo(new ClientMessage.Hello(ME, null));
        assertThat(messages).extracting(message -> message.getClass().getSimpleName())
                .containsExactly("Hello", "Order", "Order", "Order", "Order", "Order", "Replace", "Replace", "Cancel",
                        "Cancel", "CancelAll");
        assertThat(messages).extracting(ClientMessage::traderId).containsOnly(ME);
        assertThat(frames.get(4)).isEqualTo("{\"type\":\"order\",\"trader_id\":\"bot_1\",\"side\":\"buy\","
                + "\"order_type\":\"limit\",\"price\":99.00,\"qty\":2,\"client_order_id\":\"bot_1-4\",\"tif\":\"gtc\","
                + "\"post_only\":false}");
    }

    // ------------------------------------------------------------------------------------ a faulty strategy

    @Test
    void aStrategyThatThrowsIsReportedAndTheBotCarriesOn() throws Exception {
        try (LogCapture log = LogCapture.of(StrategyFailures.class)) {
            ScriptedStrategy strategy = new ScriptedStrategy();
            strategy.failingTurns.set(30);
            strategy.hooksThrow = true;
            startBot(strategy, gatewayProxy.uri(), feedProxy.uri(), null);
            eventually().until(() -> strategy.turns.get() > 30);

            strategy.send(OrderRequest.limit(Side.BUY, "99.00", 1));
            awaitOpenOrders(strategy, 1);
            trader("seller").send(Peer.limit("seller", "sell", "99.00", 1));
            eventually().until(() -> strategy.fills.size() == 1);
            strategy.send(OrderRequest.limit(Side.BUY, "98.00", 1));
            eventually().until(() -> strategy.lastContext.openOrders(),
                    orders -> orders.size() == 1 && orders.get(0).price().compareTo(new BigDecimal("98.00")) == 0);

            List<String> lines = log.lines();
            assertThat(lines).contains("bot_1: nextActions threw IllegalStateException: boom",
                    "bot_1: onBookUpdate threw UnsupportedOperationException: hook failed",
                    "bot_1: onFill threw UnsupportedOperationException: hook failed");
            // 30 failures of nextActions, reported at most once every 10 s
            assertThat(lines.stream().filter(line -> line.contains("nextActions")).count()).isLessThan(5);
        }
    }

    @Test
    void theStrategyIsCalledOnOneThreadAndHearsOfBookChangesAtMostOncePerTurn() throws Exception {
        ScriptedStrategy strategy = tradingBot();
        Peer seller = trader("seller");
        for (int i = 0; i < 40; i++) {
            seller.send(Peer.limit("seller", "sell", new BigDecimal("101.00").add(new BigDecimal(i).movePointLeft(2))
                    .toPlainString(), 1));
        }
        eventually().until(() -> strategy.lastContext.asks().size() >= 10
                && strategy.lastContext.bestAsk().compareTo(new BigDecimal("101.00")) == 0);
        strategy.send(OrderRequest.limit(Side.BUY, "99.00", 1));
        awaitOpenOrders(strategy, 1);

        assertThat(strategy.threads).hasSize(1);
        List<String> calls = List.copyOf(strategy.calls);
        assertThat(calls).contains("book");
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i - 1) + " " + calls.get(i)).as("call %d", i).isNotEqualTo("book book");
        }
    }

    // ------------------------------------------------------------------------------------- connections

    @Test
    void afterLosingTheGatewayTheBotStopsTradingAndResumesFromTheWelcome() throws Exception {
        restartKeepingOrdersOnDisconnect();
        ScriptedStrategy strategy = tradingBot();
        strategy.send(OrderRequest.limit(Side.BUY, "99.00", 3));
        OpenOrder bid = awaitOpenOrders(strategy, 1).get(0);

        gatewayProxy.refuse(true);
        int attempts = gatewayProxy.connections();
        gatewayProxy.cut();
        eventually().until(() -> gatewayProxy.connections() > attempts);
        // the bot has seen the loss (it is trying again): it no longer asks the strategy
        int turns = strategy.turns.get();
        // the bot's bid trades while the bot cannot hear of it
        trader("seller").send(Peer.limit("seller", "sell", "99.00", 2));
        eventually().until(() -> gatewayProxy.connections() > attempts + 1);
        assertThat(strategy.turns.get()).isEqualTo(turns);

        gatewayProxy.refuse(false);
        eventually().until(() -> strategy.turns.get() > turns);
        // resumed from the welcome: the fill it missed is in its position and its order's open quantity
        assertThat(strategy.lastContext.position()).isEqualTo(2);
        assertThat(strategy.lastContext.cash()).isEqualByComparingTo("9802.00");
        assertThat(strategy.lastContext.openOrders()).containsExactly(
                new OpenOrder(bid.orderId(), "bot_1-1", Side.BUY, new BigDecimal("99.00"), 1));
        assertThat(strategy.fills).isEmpty();

        strategy.send(OrderRequest.limit(Side.BUY, "98.00", 1));
        eventually().until(() -> strategy.lastContext.openOrders().size() == 2);
        // numbering goes on after the orders the welcome listed
        assertThat(strategy.lastContext.openOrders().get(1).clientOrderId()).isEqualTo("bot_1-2");
    }

    @Test
    void theFeedIsReopenedAfterAGapOrADropAndTheBotWaitsForIt() throws Exception {
        ScriptedStrategy strategy = tradingBot();
        Peer seller = trader("seller");
        assertThat(feedProxy.connections()).isEqualTo(1);

        // a book_update lost on the way: the next event shows the gap, and the bot starts again from a snapshot
        feedProxy.dropNextFromServer(frame -> frame.contains("\"book_update\""));
        seller.request(Peer.limit("seller", "sell", "101.00", 1), "order_accepted");
        seller.request(Peer.limit("seller", "sell", "102.00", 1), "order_accepted");
        eventually().until(() -> feedProxy.connections() == 2);
        eventually().until(() -> strategy.lastContext.asks().size() == 2);

        feedProxy.refuse(true);
        feedProxy.cut();
        eventually().until(() -> feedProxy.connections() > 2);
        int turns = strategy.turns.get();
        eventually().until(() -> feedProxy.connections() > 3);
        assertThat(strategy.turns.get()).as("turns while the feed is down").isEqualTo(turns);

        seller.request(Peer.limit("seller", "sell", "103.00", 1), "order_accepted");
        feedProxy.refuse(false);
        eventually().until(() -> strategy.turns.get() > turns && strategy.lastContext.asks().size() == 3);
    }

    @Test
    void theBotReconnectsWhenTheExchangeIsRestartedOnTheSamePorts() throws Exception {
        ScriptedStrategy strategy = new ScriptedStrategy();
        startBot(strategy, exchange.gatewayUri(), exchange.streamUri(), null);
        eventually().until(() -> strategy.turns.get() > 0);
        strategy.send(OrderRequest.limit(Side.BUY, "99.00", 1));
        awaitOpenOrders(strategy, 1);

        int gatewayPort = exchange.gatewayPort();
        int streamPort = exchange.streamPort();
        exchange.close();
        Path second = Files.createDirectory(dir.resolve("second"));
        exchange = Exchanges.start(second, gatewayPort, streamPort, null);

        // a new exchange knows no orders: the welcome says so
        eventually().until(() -> strategy.lastContext.openOrders().isEmpty());
        strategy.send(OrderRequest.limit(Side.BUY, "98.00", 2));
        Peer stream = peer(exchange.streamUri());
        stream.next(frame -> isBook(frame, "bids", "98x2") || frame.path("type").asText().equals("snapshot")
                && frame.path("bids").size() == 1);
        awaitOpenOrders(strategy, 1);
    }

    @Test
    void aTokenIsSentInTheHelloAndAWrongOneStopsTheBotWithTheReason() throws Exception {
        Path credentials = Files.writeString(dir.resolve("credentials"), ME + "=s3cret\n@stream=feed\n");
        try (Exchange guarded = Exchanges.start(Files.createDirectory(dir.resolve("guarded")), 0, 0, credentials)) {
            ScriptedStrategy strategy = new ScriptedStrategy();
            // market data from the open exchange: the guarded one's stream is for its relay (the @stream token)
            startBot(strategy, guarded.gatewayUri(), exchange.streamUri(), "s3cret");
            eventually().until(() -> strategy.turns.get() > 0);
            strategy.send(OrderRequest.limit(Side.BUY, "99.00", 1));
            awaitOpenOrders(strategy, 1);

            Bot refused = startBot(new ScriptedStrategy(), guarded.gatewayUri(), exchange.streamUri(), "wrong");
            assertThat(refused.awaitTermination(Duration.ofSeconds(10))).isTrue();
            assertThat(refused.failure()).isEqualTo("the exchange refused the hello: invalid_token; check --token");
        }
    }

    @Test
    void aLockstepBotAtARealTimeExchangeStopsWithOneClearLine() throws Exception {
        Bot bot = new Bot(new BotSettings(ME, URI.create(exchange.streamUri()), URI.create(exchange.gatewayUri()),
                null, Duration.ofMillis(20), true, true, 0), new ScriptedStrategy());
        bots.add(bot);
        bot.start();
        assertThat(bot.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(bot.failure()).startsWith("the exchange refused the hello: not_lockstep (")
                .endsWith("; start the exchange with --lockstep, or run the bot without it");
    }

    @Test
    void staleMarketDataStopsTheStrategyAndCancelsItsOrdersUntilFreshDataComes() throws Exception {
        try (LogCapture log = LogCapture.atInfo(Bot.class)) {
            ScriptedStrategy strategy = new ScriptedStrategy();
            startBot(strategy, new BotSettings(ME, URI.create(feedProxy.uri()), URI.create(gatewayProxy.uri()), null,
                    Duration.ofMillis(20), true, false, 0, Duration.ofMillis(2_500), true));
            eventually().until(() -> strategy.turns.get() > 0);
            strategy.send(OrderRequest.limit(Side.BUY, "99.00", 2));
            awaitOpenOrders(strategy, 1);

            // the feed freezes (its connection stays open): neither events nor heartbeats come
            feedProxy.muteServer(true);
            eventually().until(() -> strategy.cancellations.size() == 1);
            assertThat(strategy.cancellations.get(0).what().reason()).isEqualTo("requested");
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith(
                    "bot_1: market data is stale: nothing from the market-data feed for 2.5 s, not even a heartbeat; "
                            + "not trading, resting orders cancelled, until it is fresh"));
            assertThat(gatewayProxy.clientFrames()).contains("{\"type\":\"cancel_all\",\"trader_id\":\"bot_1\"}");
            // not asked while stale: the cancellation's own callback is the strategy's last call until data comes
            int turnsWhileStale = strategy.turns.get();
            assertThat(strategy.lastContext.openOrders()).isEmpty();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> strategy.turns.get() == turnsWhileStale); // 25 turns, were it asked

            // the stream's next heartbeat is fresh data: the strategy is asked again
            feedProxy.muteServer(false);
            eventually().until(() -> strategy.turns.get() > turnsWhileStale);
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .isEqualTo("bot_1: market data is fresh again (a Heartbeat from the market-data feed); trading "
                            + "resumes"));
        }
    }

    @Test
    void aBotToldNotToCancelOnStaleDataKeepsItsOrders() throws Exception {
        try (LogCapture log = LogCapture.of(Bot.class)) {
            ScriptedStrategy strategy = new ScriptedStrategy();
            startBot(strategy, new BotSettings(ME, URI.create(feedProxy.uri()), URI.create(gatewayProxy.uri()), null,
                    Duration.ofMillis(20), true, false, 0, Duration.ofMillis(1_500), false));
            eventually().until(() -> strategy.turns.get() > 0);
            strategy.send(OrderRequest.limit(Side.BUY, "99.00", 2));
            awaitOpenOrders(strategy, 1);

            feedProxy.muteServer(true);
            eventually().until(() -> log.lines().stream().anyMatch(line -> line.contains("market data is stale")));
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).endsWith("; not trading until it is fresh"));
            feedProxy.muteServer(false);
            // the order is still there once trading resumes
            int turns = strategy.turns.get();
            eventually().until(() -> strategy.turns.get() > turns);
            assertThat(strategy.lastContext.openOrders()).hasSize(1);
            assertThat(gatewayProxy.clientFrames()).noneMatch(frame -> frame.contains("cancel_all"));
        }
    }

    @Test
    void stoppingCancelsTheRestingOrdersUnlessToldNotTo() throws Exception {
        restartKeepingOrdersOnDisconnect(); // else the exchange cancels what the bot leaves
        Peer stream = peer(exchange.streamUri());
        stream.next("snapshot");
        ScriptedStrategy strategy = tradingBot();
        strategy.send(OrderRequest.limit(Side.BUY, "99.00", 1), OrderRequest.limit(Side.SELL, "101.00", 1));
        awaitOpenOrders(strategy, 2);
        Bot bot = bots.remove(0);
        assertThat(bot.stop(Duration.ofSeconds(5))).isTrue();
        assertThat(bot.failure()).isNull();
        stream.next(frame -> isBook(frame, "bids") && isBook(frame, "asks"));

        ScriptedStrategy keeper = new ScriptedStrategy();
        Bot keeping = new Bot(new BotSettings("keeper", URI.create(feedProxy.uri()), URI.create(gatewayProxy.uri()),
                null, Duration.ofMillis(20), false, false, 0), keeper);
        keeping.start();
        try {
            eventually().until(() -> keeper.turns.get() > 0);
            keeper.send(OrderRequest.limit(Side.BUY, "98.00", 1));
            awaitOpenOrders(keeper, 1);
        } finally {
            assertThat(keeping.stop(Duration.ofSeconds(5))).isTrue();
        }
        Peer again = peer(exchange.streamUri());
        JsonNode snapshot = again.next("snapshot");
        assertThat(snapshot.path("bids")).hasSize(1);
    }

    @Test
    void aServerThatNeverSaysWhatTheBotWaitsForIsReportedAsTheWrongAddress() throws Exception {
        try (LogCapture log = LogCapture.of(Link.class)) {
            ScriptedStrategy strategy = new ScriptedStrategy();
            // the event stream where the order gateway should be: a snapshot comes, never a welcome
            startBot(strategy, exchange.streamUri(), feedProxy.uri(), null);
            eventually().until(log::lines, lines -> lines.contains("bot_1: the order gateway at "
                    + exchange.streamUri() + " has sent no welcome within 5 s of connecting: is that the right "
                    + "address?"));
            assertThat(strategy.turns.get()).isZero();
        }
    }

    // ---------------------------------------------------------------------------------------- helpers

    /** A bot trading as {@link #ME} through both proxies, once it has been asked for its first actions. */
    private ScriptedStrategy tradingBot() {
        ScriptedStrategy strategy = new ScriptedStrategy();
        startBot(strategy, gatewayProxy.uri(), feedProxy.uri(), null);
        eventually().until(() -> strategy.turns.get() > 0);
        return strategy;
    }

    private Bot startBot(ScriptedStrategy strategy, String gatewayUri, String feedUri, String token) {
        return startBot(strategy, new BotSettings(ME, URI.create(feedUri), URI.create(gatewayUri), token,
                Duration.ofMillis(20), true, false, 0));
    }

    private Bot startBot(ScriptedStrategy strategy, BotSettings settings) {
        Bot bot = new Bot(settings, strategy);
        bots.add(bot);
        bot.start();
        return bot;
    }

    private Peer peer(String uri) throws InterruptedException {
        Peer peer = Peer.connect(uri);
        peers.add(peer);
        return peer;
    }

    /** Another trader on the exchange's gateway, welcomed. */
    private Peer trader(String id) throws InterruptedException {
        Peer trader = peer(exchange.gatewayUri());
        trader.request("{\"type\":\"hello\",\"trader_id\":\"" + id + "\"}", "welcome");
        return trader;
    }

    private static List<OpenOrder> awaitOpenOrders(ScriptedStrategy strategy, int count) {
        return eventually().until(() -> strategy.lastContext.openOrders(), orders -> orders.size() == count);
    }

    /** A book_update whose {@code side} is exactly these levels, written like {@code 98.50x2}. */
    private static boolean isBook(JsonNode frame, String side, String... levels) {
        if (!frame.path("type").asText().equals("book_update") || frame.path(side).size() != levels.length) {
            return false;
        }
        for (int i = 0; i < levels.length; i++) {
            JsonNode level = frame.path(side).get(i);
            String[] expected = levels[i].split("x");
            if (level.get(0).decimalValue().compareTo(new BigDecimal(expected[0])) != 0
                    || level.get(1).asLong() != Long.parseLong(expected[1])) {
                return false;
            }
        }
        return true;
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10));
    }
}
