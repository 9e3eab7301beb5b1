package org.bourse.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.bourse.api.Strategy;
import org.bourse.bot.Bot;
import org.bourse.bot.BotSettings;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;
import org.bourse.relay.Relay;
import org.bourse.strategies.MarketMaker;
import org.bourse.strategies.MeanReversion;
import org.bourse.strategies.Momentum;
import org.bourse.strategies.RandomTrader;
import org.bourse.strategies.Taker;
import org.bourse.testkit.ProtocolSchema;
import org.bourse.testkit.ProtocolSchema.Channel;
import org.bourse.testkit.RecordingProxy;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small battle of the built-in bots against a real exchange and relay, with every frame on the three ports checked
 * against the protocol's schema, each on its own channel: what the bots send to the gateway and what it answers
 * (through a recording proxy), the exchange's stream (9002) and the relay's feed (9010) as a subscriber sees them.
 */
class ProtocolSchemaBattleTest {

    private static final int TRADES = 25;

    @Test
    void everyFrameOfABattleOnEveryPortFollowsTheSchema(@TempDir Path dir) throws Exception {
        List<Bot> bots = new ArrayList<>();
        try (Exchange exchange = Exchange.start(new Exchange.Settings("127.0.0.1", 0, 0, 0, TickScale.cents(),
                     EngineConfig.defaults(), dir.resolve("trades.csv"), dir.resolve("performance.csv"), null, 0,
                     64 * 1024, 4L << 20));
             TestClient stream = TestClient.connect(exchange.streamUri());
             Relay relay = Relay.start(new Relay.Settings(URI.create(exchange.streamUri()), "127.0.0.1", 0, 10_000,
                     Duration.ofMillis(50), Duration.ofMillis(200), TickScale.cents()));
             TestClient feed = TestClient.connect(relay.uri());
             RecordingProxy gateway = RecordingProxy.start(exchange.gatewayUri())) {
            List<Strategy> strategies = List.of(
                    new MarketMaker("maker_1", new SplittableRandom(1), Map.of()),
                    new MarketMaker("maker_2", new SplittableRandom(2), Map.of()),
                    new Taker("taker_1", new SplittableRandom(3), Map.of()),
                    new RandomTrader("random_1", new SplittableRandom(4), Map.of()),
                    new Momentum("momentum_1", new SplittableRandom(5), Map.of()),
                    new MeanReversion("reversion_1", new SplittableRandom(6), Map.of()));
            String[] ids = {"maker_1", "maker_2", "taker_1", "random_1", "momentum_1", "reversion_1"};
            for (int i = 0; i < ids.length; i++) {
                Bot bot = new Bot(new BotSettings(ids[i], URI.create(relay.uri()), URI.create(gateway.uri()), null,
                        Duration.ofMillis(20), true, false, 0), strategies.get(i));
                bots.add(bot);
                bot.start();
            }

            List<String> streamFrames = new ArrayList<>();
            int trades = 0;
            while (trades < TRADES) {
                String frame = stream.nextText();
                streamFrames.add(frame);
                trades += frame.startsWith("{\"type\":\"trade\"") ? 1 : 0;
            }
            for (Bot bot : bots) {
                assertThat(bot.stop(Duration.ofSeconds(5))).isTrue();
                assertThat(bot.failure()).isNull();
            }
            // a last order of the test's own: its account's opening ends the stream and the feed the test reads
            try (TestClient probe = TestClient.connect(exchange.gatewayUri())) {
                probe.send("{\"type\":\"order\",\"trader_id\":\"probe\",\"side\":\"buy\",\"price\":91.00,"
                        + "\"qty\":1}");
                String frame;
                do {
                    frame = stream.nextText();
                    streamFrames.add(frame);
                } while (!frame.contains("\"trader_id\":\"probe\""));
            }
            List<String> feedFrames = new ArrayList<>(feed.readUpTo(lastSeq(streamFrames)));

            Map<Channel, List<String>> channels = Map.of(Channel.STREAM_SERVER, streamFrames,
                    Channel.FEED_SERVER, feedFrames, Channel.GATEWAY_CLIENT, gateway.clientFrames(),
                    Channel.GATEWAY_SERVER, gateway.serverFrames());
            channels.forEach((channel, frames) -> {
                for (String frame : frames) {
                    ProtocolSchema.get().check(channel, frame);
                }
            });
            assertThat(types(streamFrames)).contains("snapshot", "book_update", "trade", "position_update");
            assertThat(types(feedFrames)).contains("status", "snapshot", "book_update", "trade", "position_update");
            assertThat(types(gateway.clientFrames())).contains("hello", "order", "cancel_all");
            assertThat(types(gateway.serverFrames())).contains("welcome", "order_accepted", "fill", "order_cancelled");
        } finally {
            for (Bot bot : bots) {
                bot.stop(Duration.ofSeconds(5));
            }
        }
    }

    private static long lastSeq(List<String> frames) throws Exception {
        long seq = 0;
        for (String frame : frames) {
            seq = Math.max(seq, WireJson.mapper().readTree(frame).path("seq").asLong(0));
        }
        return seq;
    }

    private static Set<String> types(List<String> frames) throws Exception {
        Set<String> types = new TreeSet<>();
        for (String frame : frames) {
            types.add(WireJson.mapper().readTree(frame).path("type").asText());
        }
        return types;
    }
}
