package org.bourse.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.TestClient;
import org.bourse.transport.ListenException;
import org.bourse.transport.WebSocketListener;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Against a scripted stand-in for the exchange's stream: frames are relayed exactly as written (layout, unknown
 * types and all), and a jump in seq is never passed on silently: the relay tells subscribers, subscribes again and
 * starts over from the new snapshot.
 */
class StreamIntegrityTest {

    /** Odd but valid JSON: whatever the layout, subscribers get these bytes. */
    private static final String BOOK_6 = "{ \"type\" : \"book_update\", \"seq\": 6, \"best_bid\": 99.5, "
            + "\"best_ask\": null, \"bids\": [[99.5, 2]], \"asks\": [], \"timestamp\": 1739980000001 }";
    private static final String AUCTION_7 = "{\"type\":\"auction_result\",\"seq\":7,\"price\":99.5}";
    /** A type this relay does not know, without a seq. */
    private static final String NEWS = "{\"type\":\"news\"}";
    private static final String TRADE_9 = "{\"type\":\"trade\",\"seq\":9,\"trade_id\":1,\"price\":99.5,\"qty\":1,"
            + "\"buy_trader_id\":\"a\",\"sell_trader_id\":\"b\",\"aggressor_side\":\"buy\",\"buy_order_id\":1,"
            + "\"sell_order_id\":2,\"timestamp\":1739980000002}";
    private static final String BOOK_21 = "{\"type\":\"book_update\",\"seq\":21,\"best_bid\":null,\"best_ask\":null,"
            + "\"bids\":[],\"asks\":[],\"timestamp\":1739980000003}";

    private FakeStream stream;
    private Relay relay;
    private TestClient subscriber;

    @AfterEach
    void stop() throws Exception {
        if (subscriber != null) {
            subscriber.close();
        }
        if (relay != null) {
            relay.close();
        }
        stream.stop(1_000);
    }

    static String snapshot(long seq) {
        return WireJson.encode(new ServerMessage.Snapshot(seq, null, null, List.of(), List.of(),
                new BigDecimal("100.00"), null, 0, List.of(), List.of(), false, 1739980000000L));
    }

    @Test
    void framesAreRelayedExactlyAndASeqJumpMakesTheRelayStartOverFromANewSnapshot() throws Exception {
        // the first subscription: a snapshot, then (when played) events with a jump from 7 to 9
        // the second: a new snapshot and the event after it
        stream = FakeStream.start(List.of(List.of(snapshot(5)), List.of(snapshot(20), BOOK_21)),
                List.of(BOOK_6, AUCTION_7, NEWS, TRADE_9));
        relay = Fixtures.relay("ws://127.0.0.1:" + stream.getPort(), 10_000);
        subscriber = TestClient.connectWithoutSchemaCheck(relay.uri());
        assertThat(subscriber.awaitSnapshot().get("seq").asLong()).isEqualTo(5);

        stream.play();
        assertThat(subscriber.nextText()).isEqualTo(BOOK_6);
        assertThat(subscriber.nextText()).isEqualTo(AUCTION_7);
        assertThat(subscriber.nextText()).isEqualTo(NEWS);
        JsonNode status = subscriber.nextJson();
        assertThat(status.get("type").asText()).isEqualTo("status");
        assertThat(status.get("exchange_connected").asBoolean()).isFalse();
        assertThat(status.get("detail").asText()).startsWith("seq jumped from 7 to 9; reconnecting in ");

        JsonNode fresh = subscriber.awaitSnapshot();
        assertThat(fresh.get("seq").asLong()).isEqualTo(20);
        assertThat(fresh.get("bids")).isEmpty();
        assertThat(subscriber.nextText()).isEqualTo(BOOK_21);
        assertThat(stream.subscriptions.get()).isEqualTo(2);
    }

    @Test
    void aSubscriberJoiningAfterAnEventGetsTheStateItLeft() throws Exception {
        stream = FakeStream.start(List.of(List.of(snapshot(5))), List.of(BOOK_6, AUCTION_7));
        relay = Fixtures.relay("ws://127.0.0.1:" + stream.getPort(), 10_000);
        subscriber = TestClient.connectWithoutSchemaCheck(relay.uri());
        subscriber.awaitSnapshot();
        stream.play();
        assertThat(subscriber.nextText()).isEqualTo(BOOK_6);
        assertThat(subscriber.nextText()).isEqualTo(AUCTION_7);

        try (TestClient late = TestClient.connectWithoutSchemaCheck(relay.uri())) {
            JsonNode snapshot = late.awaitSnapshot();
            assertThat(snapshot.get("seq").asLong()).isEqualTo(7);
            assertThat(snapshot.get("bids").toString()).isEqualTo("[[99.5,2]]");
            assertThat(snapshot.get("best_bid").decimalValue()).isEqualByComparingTo("99.5");
            assertThat(snapshot.get("asks")).isEmpty();
        }
    }

    /**
     * Plays the exchange's stream from scripts: connection n gets {@code openings.get(n)} at once, and the first
     * connection gets {@code played} when the test calls {@link #play()}. It sends from other threads than the
     * selector, so it sweeps for the writes Java-WebSocket leaves stalled, with the relay's own sweep.
     */
    static final class FakeStream extends WebSocketListener {
        final AtomicInteger subscriptions = new AtomicInteger();
        private final List<List<String>> openings;
        private final List<String> played;
        private volatile WebSocket first;

        private FakeStream(List<List<String>> openings, List<String> played) {
            super("fake exchange stream", new InetSocketAddress("127.0.0.1", 0), 64 * 1024);
            this.openings = openings;
            this.played = played;
        }

        static FakeStream start(List<List<String>> openings, List<String> played) throws ListenException {
            FakeStream stream = new FakeStream(openings, played);
            stream.startAndWait();
            return stream;
        }

        @Override
        protected String portOption() {
            return "none";
        }

        void play() {
            played.forEach(first::send);
        }


        @Override
        public void onOpen(WebSocket socket, ClientHandshake handshake) {
            int n = subscriptions.getAndIncrement();
            if (n == 0) {
                first = socket;
            }
            if (n < openings.size()) {
                openings.get(n).forEach(socket::send);
            }
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
        }
    }
}
