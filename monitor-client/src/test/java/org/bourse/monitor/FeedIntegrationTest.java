package org.bourse.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bourse.monitor.Feeds.book;
import static org.bourse.monitor.Feeds.levels;
import static org.bourse.monitor.Feeds.position;
import static org.bourse.monitor.Feeds.snapshot;
import static org.bourse.monitor.Feeds.status;
import static org.bourse.monitor.Feeds.trade;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.nio.file.Path;
import org.bourse.cli.Backoff;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.TickScale;
import org.bourse.relay.Relay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor in plain mode against a real WebSocket server playing the relay: it follows the market, tells a
 * lost relay from a lost exchange, resyncs after a gap, comes back with the relay, and never sends a frame. And
 * behind a real relay: heartbeats keep a quiet market CONNECTED; an exchange that is killed is EXCHANGE DOWN (the
 * relay says so, and its heartbeats stop); one that freezes with its connection open makes the relay's heartbeats
 * stop too, and the monitor turns STALE.
 */
class FeedIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Duration STALE_AFTER = Duration.ofMillis(1_500);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private FakeRelay relay;
    private FakeRelay restarted;
    private FeedConnection feed;
    private PlainMonitor monitor;
    private Exchange exchange;
    private FakeRelay frozenExchange;
    private Relay realRelay;

    @AfterEach
    void stop() throws InterruptedException {
        if (monitor != null) {
            monitor.close();
        }
        if (feed != null) {
            feed.close();
        }
        if (relay != null) {
            relay.shutdown();
        }
        if (restarted != null) {
            restarted.shutdown();
        }
        if (realRelay != null) {
            realRelay.close();
        }
        if (exchange != null) {
            exchange.close();
        }
        if (frozenExchange != null) {
            frozenExchange.shutdown();
        }
    }

    @Test
    void followsTheFeedThroughOutagesAndNeverSendsAFrame() throws Exception {
        relay = FakeRelay.start(0, List.of(status(true, null), snapshot(5)));
        int port = relay.getPort();
        String feedUri = relay.uri();
        startMonitor(feedUri);

        // attached mid-session: the snapshot gives the whole picture
        awaitBlock(block -> assertThat(block).contains(
                "STATUS: CONNECTED feed=" + feedUri + " seq=5",
                "BOOK bid 99.95 x 3 | ask 100.05 x 2 | spread 0.10 | mid 100.00",
                "TRADES count=1 last=100.05 x 2 buyer=taker_1 seller=maker_1 at 15:46:40.002",
                "TRADER maker_1 position=-2 cash=10200.10 realized=0.00 unrealized=0.10 total_pnl=0.10 "
                        + "equity=10000.10 status=active"));

        // events follow the snapshot
        relay.broadcast(trade(6, "100.05", 2, "taker_2", "maker_1"),
                book(7, levels("99.95", 3, "99.90", 5), levels("100.10", 4), "100.02"),
                position(8, "maker_1", -4, "10400.20", "100.05", "0.00", "0.12", "10000.12", "100.02"),
                position(9, "taker_2", 2, "9799.90", "100.05", "0.00", "-0.06", "9999.94", "100.02"));
        awaitBlock(block -> assertThat(block).contains(
                "STATUS: CONNECTED feed=" + feedUri + " seq=9",
                "BOOK bid 99.95 x 3 | ask 100.10 x 4 | spread 0.15 | mid 100.025",
                "TRADES count=2 last=100.05 x 2 buyer=taker_2 seller=maker_1 at 15:46:40.006",
                "TRADER maker_1 position=-4 cash=10400.20 realized=0.00 unrealized=0.12 total_pnl=0.12 "
                        + "equity=10000.12 status=active",
                "TRADER taker_2 position=2 cash=9799.90 realized=0.00 unrealized=-0.06 total_pnl=-0.06 "
                        + "equity=9999.94 status=active"));

        // the relay is up but has lost the exchange
        relay.broadcast(status(false, "connection refused; retrying in 2 s"));
        awaitBlock(block -> assertThat(block)
                .startsWith("STATUS: EXCHANGE DOWN feed=" + feedUri + " seq=9 detail=connection refused; retrying in 2 s"));

        // the exchange is back (restarted: its seq starts again), with a fresh snapshot
        relay.broadcast(status(true, null), Feeds.emptySnapshot(3, "100.00"));
        awaitBlock(block -> assertThat(block).contains("STATUS: CONNECTED feed=" + feedUri + " seq=3",
                "TRADES count=0 last=-"));

        // a missed event: the monitor reconnects for a new snapshot and says so
        relay.greet(List.of(status(true, null), snapshot(12)));
        relay.broadcast(trade(5, "100.05", 1, "a", "b"));
        awaitBlock(block -> assertThat(block).contains("STATUS: CONNECTED feed=" + feedUri + " seq=12")
                .anyMatch(line -> line.matches("EVENTS applied=4 rate=\\d+/s resyncs=1"))
                .anyMatch(line -> line.matches("GAP at .* expected=4 got=5")));
        assertThat(relay.connections).hasValue(2);

        // the relay goes away: DISCONNECTED, with the retry
        relay.shutdown();
        assertThat(relay.received).isEmpty();
        relay = null;
        awaitBlock(block -> assertThat(block.get(0))
                .matches("STATUS: DISCONNECTED feed=" + feedUri + " seq=12 retry_in=\\d+ms detail=.+"));

        // and comes back on the same port: CONNECTED again, with the new relay's snapshot
        restarted = FakeRelay.start(port, List.of(status(true, null), snapshot(40)));
        awaitBlock(block -> assertThat(block).contains("STATUS: CONNECTED feed=" + feedUri + " seq=40"));
        assertThat(restarted.received).isEmpty();
    }

    @Test
    void nothingListeningIsDisconnected() throws Exception {
        relay = FakeRelay.start(0, List.of(status(true, null), snapshot(5)));
        String feedUri = relay.uri();
        relay.shutdown();
        relay = null;

        startMonitor(feedUri);

        awaitBlock(block -> assertThat(block.get(0)).startsWith("STATUS: DISCONNECTED feed=" + feedUri + " seq=-")
                .contains("detail=cannot connect"));
    }

    @Test
    void aQuietMarketStaysConnectedAndAKilledExchangeIsDown() throws Exception {
        exchange = Exchange.start(new Exchange.Settings("127.0.0.1", 0, 0, 0, TickScale.cents(),
                EngineConfig.defaults(), dir.resolve("trades.csv"), dir.resolve("performance.csv"), null, 0,
                64 * 1024, 4L << 20));
        realRelay = relayOf(exchange.streamUri());
        startMonitor(realRelay.uri(), STALE_AFTER);
        awaitBlock(block -> assertThat(block.get(0)).startsWith("STATUS: CONNECTED feed=" + realRelay.uri() + " seq=0"));
        // nothing happens on the market for twice --stale-after: the heartbeats are what keeps it CONNECTED
        await().during(STALE_AFTER.multipliedBy(2)).atMost(PATIENCE)
                .untilAsserted(() -> assertThat(latestBlock().get(0)).startsWith("STATUS: CONNECTED"));

        exchange.close();
        exchange = null;
        awaitBlock(block -> assertThat(block.get(0)).startsWith("STATUS: EXCHANGE DOWN"));
    }

    @Test
    void anExchangeThatFreezesMakesTheRelaysHeartbeatsStopAndTheMonitorStale() throws Exception {
        // sends its snapshot, then nothing, its connection open: a hung exchange
        frozenExchange = FakeRelay.start(0, List.of(snapshot(5)));
        realRelay = relayOf(frozenExchange.uri());
        startMonitor(realRelay.uri(), STALE_AFTER);
        awaitBlock(block -> assertThat(block.get(0)).startsWith("STATUS: CONNECTED feed=" + realRelay.uri() + " seq=5"));

        awaitBlock(block -> assertThat(block.get(0)).startsWith("STATUS: STALE feed=" + realRelay.uri() + " seq=5 ")
                .contains("detail=nothing from the feed for ", "not even a heartbeat"));
        assertThat(frozenExchange.received).as("nothing reaches the exchange").isEmpty();

        // the exchange speaks again: live again
        frozenExchange.broadcast(status(true, null));
        awaitBlock(block -> assertThat(block.get(0)).startsWith("STATUS: CONNECTED"));
    }

    private static Relay relayOf(String upstream) throws Exception {
        return Relay.start(new Relay.Settings(URI.create(upstream), "127.0.0.1", 0, 10_000, Duration.ofMillis(50),
                Duration.ofMillis(200), TickScale.cents()));
    }

    private void startMonitor(String feedUri) {
        startMonitor(feedUri, MarketModel.DEFAULT_STALE_AFTER);
    }

    private void startMonitor(String feedUri, Duration staleAfter) {
        MarketModel model = new MarketModel(feedUri, System::currentTimeMillis);
        model.staleAfter(staleAfter);
        feed = new FeedConnection(URI.create(feedUri), model, Backoff.standard(), System::currentTimeMillis);
        feed.start();
        monitor = new PlainMonitor(model, new PrintStream(output, true, StandardCharsets.UTF_8),
                new PlainRenderer(ZoneOffset.UTC, 3), 3, System::currentTimeMillis);
        monitor.start(Duration.ofMillis(50));
    }

    private void awaitBlock(java.util.function.Consumer<List<String>> expectation) {
        await().atMost(PATIENCE).untilAsserted(() -> expectation.accept(latestBlock()));
    }

    /** The lines of the last complete block printed. */
    private List<String> latestBlock() {
        String all = output.toString(StandardCharsets.UTF_8);
        int end = all.lastIndexOf("\n\n");
        if (end < 0) {
            return List.of();
        }
        int start = all.lastIndexOf("\n\n", end - 1);
        return List.of(all.substring(start < 0 ? 0 : start + 2, end).split("\n"));
    }
}
