package org.bourse.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.bourse.protocol.WireJson;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ClientHandshake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code load run} and {@code load compare} against real servers on loopback, through the command line. */
class LoadRunTest {

    private static TrivialServer server;

    @BeforeAll
    static void startServer() throws InterruptedException {
        server = new TrivialServer("127.0.0.1", 0).open(5_000);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static JsonNode json(Cli cli) throws Exception {
        assertThat(cli.out.lines().count()).as(cli.toString()).isEqualTo(1);
        return WireJson.mapper().readTree(cli.out);
    }

    /** Acks flowed, nothing went wrong, and the latency percentiles are there and ordered. */
    private static void assertHealthy(Cli cli, JsonNode report) {
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(report.get("ok").asBoolean()).as(cli.toString()).isTrue();
        assertThat(report.get("errors").asLong()).isZero();
        assertThat(report.get("unacked").asLong()).isZero();
        assertThat(report.get("acked").asLong()).isPositive();
        assertThat(report.get("acked_per_s").asDouble()).isPositive();
        assertThat(report.get("acked").asLong()).isEqualTo(report.get("orders_sent").asLong());
        // every connection made progress: none stalled waiting for a reply
        assertThat(report.get("acked_per_connection").get("min").asLong()).isPositive();
        assertThat(report.get("acked_per_connection").get("max").asLong())
                .isGreaterThanOrEqualTo(report.get("acked_per_connection").get("min").asLong())
                .isLessThanOrEqualTo(report.get("acked").asLong());
        JsonNode latency = report.get("latency_us");
        assertThat(latency.get("count").asLong()).isEqualTo(report.get("acked").asLong());
        double p50 = latency.get("p50").asDouble();
        assertThat(p50).isPositive();
        assertThat(latency.get("p90").asDouble()).isGreaterThanOrEqualTo(p50);
        assertThat(latency.get("p99").asDouble()).isGreaterThanOrEqualTo(latency.get("p90").asDouble());
        assertThat(latency.get("p99_9").asDouble()).isGreaterThanOrEqualTo(latency.get("p99").asDouble());
        assertThat(latency.get("max").asDouble()).isGreaterThanOrEqualTo(latency.get("p99_9").asDouble());
        // a reply stuck in a send queue would show as a second-long wait (or as unacked orders)
        assertThat(latency.get("max").asDouble()).as("slowest ack, µs").isLessThan(2_000_000);
    }

    @Test
    void closedLoopAgainstTheTrivialServer() throws Exception {
        long repliesBefore = server.replies();
        Cli cli = Cli.run("run", "--uri", server.uri(), "--connections", "4", "--duration", "1s",
                "--warmup", "200ms", "--json");
        JsonNode report = json(cli);
        assertHealthy(cli, report);
        assertThat(report.get("mode").asText()).isEqualTo("closed_loop");
        assertThat(report.get("in_flight").asInt()).isEqualTo(1);
        assertThat(report.get("connections").asInt()).isEqualTo(4);
        assertThat(report.get("rejected").asLong()).isZero();
        // a closed loop of 4 connections on loopback does far more than 100 round trips a second
        assertThat(report.get("acked").asLong()).isGreaterThan(100);
        assertThat(server.replies() - repliesBefore).isGreaterThanOrEqualTo(report.get("acked").asLong());
        assertThat(cli.err).contains("bourse load: connecting: " + server.uri() + ": 4 connections, closed loop");
    }

    @Test
    void pipelinedAgainstTheTrivialServer() throws Exception {
        Cli cli = Cli.run("run", "--uri", server.uri(), "--connections", "2", "--in-flight", "8", "--duration", "1s",
                "--warmup", "200ms", "--json", "--quiet");
        JsonNode report = json(cli);
        assertHealthy(cli, report);
        assertThat(report.get("mode").asText()).isEqualTo("pipelined");
        assertThat(report.get("in_flight").asInt()).isEqualTo(8);
        assertThat(cli.err).isEmpty();
    }

    @Test
    void pacedSendsOnScheduleAndMeasuresFromTheIntendedTime() throws Exception {
        Cli cli = Cli.run("run", "--uri", server.uri(), "--connections", "3", "--rate", "400", "--duration", "1s",
                "--warmup", "250ms", "--json", "--quiet");
        JsonNode report = json(cli);
        assertHealthy(cli, report);
        assertThat(report.get("mode").asText()).isEqualTo("paced");
        assertThat(report.get("rate").asDouble()).isEqualTo(400);
        // 400 orders/s for 1 s: exactly the 400 orders due in the window, whatever the acks did
        assertThat(report.get("schedule").get("scheduled").asLong()).isEqualTo(400);
        assertThat(report.get("schedule").get("unsent").asLong()).isZero();
        assertThat(report.get("orders_sent").asLong()).isEqualTo(400);
        assertThat(report.get("acked_per_s").asDouble()).isEqualTo(400);
    }

    @Test
    void theTextReportHasEveryFigure() {
        Cli cli = Cli.run("run", "--uri", server.uri(), "--connections", "2", "--duration", "300ms",
                "--warmup", "100ms", "--quiet");
        assertThat(cli.exitCode).as(cli.toString()).isZero();
        assertThat(cli.out).contains("mode         closed loop", "connections  2 (traders load-",
                "acked orders/s", "0 rejected", "ack latency  p50 ", " p90 ", " p99 ", " p99.9 ", " max ",
                "unacked      0", "errors       0");
    }

    @Test
    void anUnreachableUriIsOneLineAndExitCode1() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort(); // free once closed: nothing listens there
        }
        Cli cli = Cli.run("run", "--uri", "ws://127.0.0.1:" + port, "--duration", "1s", "--quiet");
        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(1);
        assertThat(cli.err.lines()).as(cli.toString()).hasSize(1);
        assertThat(cli.err).startsWith("bourse load: cannot connect to the gateway at ws://127.0.0.1:" + port + ": ")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(cli.out).isEmpty();
    }

    @Test
    void badOptionsAreOneLineAndExitCode2() {
        Cli both = Cli.run("run", "--uri", server.uri(), "--rate", "100", "--in-flight", "4");
        assertThat(both.exitCode).isEqualTo(2);
        assertThat(both.err.strip()).isEqualTo("bourse load run: give either --in-flight (closed loop / pipelined) "
                + "or --rate (paced), not both (see 'bourse load run --help')");
        Cli duration = Cli.run("run", "--uri", server.uri(), "--duration", "soon");
        assertThat(duration.exitCode).isEqualTo(2);
        assertThat(duration.err.lines()).hasSize(1);
        assertThat(duration.err).contains("'soon' is not a duration");
        Cli scheme = Cli.run("run", "--uri", "http://127.0.0.1:9001");
        assertThat(scheme.exitCode).isEqualTo(2);
        assertThat(scheme.err).contains("'--uri': 'http://127.0.0.1:9001' is not a WebSocket address");
        Cli subscribers = Cli.run("run", "--uri", server.uri(), "--subscribers", "2");
        assertThat(subscribers.exitCode).isEqualTo(2);
        assertThat(subscribers.err).contains("--subscribers needs --feed-uri");
    }

    /**
     * Against a stand-in exchange that sends a fill before each ack (not an ack), rejects every third order with a
     * reason, and publishes sequenced events with one hole in the sequence: rejects are counted by reason, fills
     * ignored, feed events counted with their lag, and the hole reported by every subscriber.
     */
    @Test
    void rejectsByReasonFeedLagAndSeqGaps() throws Exception {
        FakeExchange exchange = FakeExchange.open();
        try {
            Cli cli = Cli.run("run", "--uri", exchange.uri(), "--connections", "2", "--duration", "700ms",
                    "--warmup", "100ms", "--feed-uri", exchange.uri() + "/feed", "--subscribers", "2", "--json",
                    "--quiet");
            assertThat(cli.exitCode).as(cli.toString()).isZero();
            JsonNode report = json(cli);
            long acked = report.get("acked").asLong();
            long rejected = report.get("rejected").asLong();
            assertThat(acked).isGreaterThan(10);
            assertThat(report.get("orders_sent").asLong()).isEqualTo(acked);
            assertThat(rejected).isEqualTo(report.get("rejected_by_reason").get("initial_margin_insufficient").asLong());
            assertThat(rejected).isBetween(acked / 3 - 2, acked / 3 + 2);
            assertThat(report.get("accepted").asLong()).isEqualTo(acked - rejected);

            JsonNode feed = report.get("feed");
            assertThat(feed.get("subscribers").asInt()).isEqualTo(2);
            assertThat(feed.get("events").asLong()).isGreaterThan(10);
            assertThat(feed.get("events_per_s").asDouble()).isPositive();
            assertThat(feed.get("lag_ms").get("count").asLong()).isEqualTo(feed.get("events").asLong());
            assertThat(feed.get("lag_ms").get("p99").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(feed.get("seq_gaps").asLong()).isEqualTo(2);
            assertThat(feed.get("missing_events").asLong()).isEqualTo(2 * FakeExchange.HOLE_SIZE);
            assertThat(feed.get("out_of_order").asLong()).isZero();
        } finally {
            exchange.close();
        }
        FakeExchange again = FakeExchange.open();
        try {
            Cli text = Cli.run("run", "--uri", again.uri(), "--connections", "1", "--duration", "400ms",
                    "--warmup", "0s", "--feed-uri", again.uri() + "/feed", "--quiet");
            assertThat(text.exitCode).as(text.toString()).isZero();
            assertThat(text.out).as(text.toString()).contains("rejected (initial_margin_insufficient ",
                    "events/s each", "feed lag     p50 ", "feed seq     1 gap (" + FakeExchange.HOLE_SIZE
                            + " events missing), 0 out of order");
        } finally {
            again.close();
        }
    }

    @Test
    void compareRunsTheBaselineThenTheExchangeAndPrintsTheRatio() throws Exception {
        TrivialServer other = new TrivialServer("127.0.0.1", 0).open(5_000);
        try {
            Cli cli = Cli.run("compare", "--exchange-uri", other.uri(), "--baseline-uri", server.uri(),
                    "--connections", "2", "--duration", "500ms", "--warmup", "100ms", "--priming", "200ms", "--json",
                    "--quiet");
            JsonNode report = json(cli);
            assertHealthy(cli, report.get("baseline"));
            assertHealthy(cli, report.get("exchange"));
            assertThat(report.get("baseline").get("target").asText()).isEqualTo(server.uri());
            assertThat(report.get("exchange").get("target").asText()).isEqualTo(other.uri());
            double ratio = report.get("ratio").get("acked_per_s").asDouble();
            assertThat(ratio).isCloseTo(report.get("exchange").get("acked_per_s").asDouble()
                    / report.get("baseline").get("acked_per_s").asDouble(), org.assertj.core.data.Offset.offset(0.001));
            assertThat(report.get("ratio").get("latency_p99").asDouble()).isPositive();
            assertThat(other.replies()).isPositive();
        } finally {
            other.close();
        }
    }

    /**
     * Answers orders like an exchange would (a fill, then the accept or reject) and streams sequenced trades to
     * the connections on /feed, each starting with a snapshot. Once orders flow, the stream skips a few seq once.
     */
    static final class FakeExchange extends SelectorThreadServer {
        static final int HOLE_SIZE = 3;
        final AtomicLong orders = new AtomicLong();
        private final Object feedLock = new Object();
        private final List<WebSocket> feed = new CopyOnWriteArrayList<>();
        private long seq = 100; // guarded by feedLock
        private final Thread publisher = new Thread(this::publish, "fake-exchange-feed");

        private FakeExchange() {
            super("127.0.0.1", 0, 1 << 16, false);
        }

        static FakeExchange open() throws InterruptedException {
            FakeExchange exchange = new FakeExchange();
            exchange.listen(5_000);
            exchange.publisher.setDaemon(true);
            exchange.publisher.start();
            return exchange;
        }

        private void publish() {
            long afterOrders = 0;
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (feedLock) {
                    seq++;
                    if (orders.get() > 0 && ++afterOrders == 50) {
                        seq += HOLE_SIZE;
                    }
                    String event = "{\"type\":\"trade\",\"seq\":" + seq + ",\"trade_id\":" + seq
                            + ",\"price\":100.0,\"qty\":1,\"timestamp\":" + System.currentTimeMillis() + "}";
                    for (WebSocket conn : feed) {
                        if (conn.isOpen()) {
                            try {
                                conn.send(event);
                            } catch (WebsocketNotConnectedException closedMeanwhile) {
                                feed.remove(conn);
                            }
                        }
                    }
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            publisher.interrupt();
            super.close();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            if ("/feed".equals(handshake.getResourceDescriptor())) {
                synchronized (feedLock) {
                    conn.send("{\"type\":\"snapshot\",\"seq\":" + seq + ",\"bids\":[[99.9,1]],\"asks\":[],"
                            + "\"recent_trades\":[{\"seq\":1}],\"timestamp\":1}");
                    feed.add(conn);
                }
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            FrameFields f = new FrameFields();
            if (!f.parse(message) || !"order".equals(f.type)) {
                return;
            }
            long n = orders.incrementAndGet();
            String ids = "\"trader_id\":\"" + f.traderId + "\",\"client_order_id\":\"" + f.clientOrderId + "\"";
            conn.send("{\"type\":\"fill\",\"order_id\":" + n + "," + ids + ",\"qty\":1,\"timestamp\":1}");
            if (n % 3 == 0) {
                conn.send("{\"type\":\"order_rejected\",\"reason\":\"initial_margin_insufficient\","
                        + "\"details\":{\"equity\":1.0,\"required_margin\":2.0}," + ids + ",\"timestamp\":1}");
            } else {
                conn.send("{\"type\":\"order_accepted\",\"order_id\":" + n + "," + ids + ",\"timestamp\":1}");
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            feed.remove(conn);
        }
    }
}
