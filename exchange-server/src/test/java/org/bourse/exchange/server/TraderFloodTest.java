package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.RawWebSocket;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;

/**
 * The made-up-traders attack: a client that invents trader ids by the thousand, each placing an order, once
 * created an account per id until the snapshot outgrew what a subscriber may have waiting, and every subscriber,
 * the relay first, was cut off before it had read it, in a loop. Here 100 000 ids (crowd connections naming 1000
 * background traders each, then connections of one 64-character id each) against the default
 * {@code --max-traders}: the exchange admits that many and refuses the rest, every frame is answered, and the
 * snapshot, larger than the unread limit, still reaches a new subscriber that reads.
 */
class TraderFloodTest extends RunningExchangeTest {
    private static final int MAX_TRADERS = Exchange.Access.DEFAULT_MAX_TRADERS;
    private static final int CROWDS = 98;
    private static final int CROWD_SIZE = 1000;
    private static final int LONE_TRADERS = 2000;
    /** Well below the snapshot the flood leaves (~2.5 MB): only the exemption of the snapshot lets it through. */
    private static final long MAX_UNSENT = 1L << 20;

    @Override
    Harness.Config configure(Harness.Config config) {
        return config.maxUnsentBytes(MAX_UNSENT);
    }

    /** An id of {@code length} characters, the n-th of its kind. */
    private static String madeUp(String prefix, int n, int length) {
        String number = Integer.toString(n);
        return prefix + "x".repeat(length - prefix.length() - number.length()) + number;
    }

    /** A first order the engine refuses (larger than the largest order): it opens the trader's account all the same. */
    private static String oversized(String trader) {
        return Harness.limit(trader, "buy", "99.00", 5_000, null);
    }

    private static JsonNode read(RawWebSocket socket) throws Exception {
        RawWebSocket.Frame frame = socket.readFrame();
        assertThat(frame.opcode()).as("a text frame, not %s", frame.isClose() ? "a close " + frame.closeCode()
                : "opcode " + frame.opcode()).isEqualTo(0x1);
        return WireJson.mapper().readTree(frame.payload());
    }

    @Test
    void aHundredThousandMadeUpTradersNeitherGrowTheMarketBeyondTheLimitNorCutOffTheStream() throws Exception {
        TestClient honest = gateway();
        assertThat(honest.request(Harness.limit("honest", "sell", "101.00", 1, "h1")).path("type").asText())
                .isEqualTo("order_accepted");
        TestClient follower = connect(exchange.streamUri());
        long seq = follower.nextJson("snapshot").get("seq").asLong();

        int crowdsIn = 0;
        int lonesIn = 0;
        int refused = 0;
        int ids = 0;
        for (int c = 0; c < CROWDS; c++) {
            try (RawWebSocket crowd = RawWebSocket.connect(exchange.gatewayUri(), 1 << 20)) {
                StringBuilder hello = new StringBuilder("{\"type\":\"hello\",\"trader_id\":\"crowd" + c
                        + "\",\"crowd\":[");
                for (int m = 0; m < CROWD_SIZE; m++) {
                    hello.append(m == 0 ? "\"" : ",\"").append(madeUp("bg_", c * CROWD_SIZE + m, 60)).append('"');
                }
                crowd.sendText(hello.append("]}").toString());
                ids += CROWD_SIZE + 1;
                JsonNode answer = read(crowd);
                boolean in = answer.path("type").asText().equals("welcome");
                if (in) {
                    crowdsIn++;
                    for (int m = 1; m < CROWD_SIZE; m++) {
                        assertThat(read(crowd).path("type").asText()).isEqualTo("welcome");
                    }
                } else {
                    assertThat(answer.path("reason").asText()).as("%s", answer).isEqualTo("max_traders_exceeded");
                    assertThat(answer.path("details").path("max_traders").asInt()).isEqualTo(MAX_TRADERS);
                    refused += CROWD_SIZE + 1;
                }
                for (int m = 0; m < CROWD_SIZE; m++) {
                    crowd.sendText(oversized(madeUp("bg_", c * CROWD_SIZE + m, 60)));
                }
                for (int m = 0; m < CROWD_SIZE; m++) {
                    JsonNode reply = read(crowd);
                    assertThat(reply.path("reason").asText()).as("%s", reply)
                            .isEqualTo(in ? "max_order_qty_exceeded" : "max_traders_exceeded");
                }
            }
        }
        for (int t = 0; t < LONE_TRADERS; t++) {
            String trader = madeUp("lone_", t, 64);
            try (RawWebSocket lone = RawWebSocket.connect(exchange.gatewayUri(), 64 * 1024)) {
                lone.sendText(Harness.cancelAll(trader));
                lone.sendText(oversized(trader));
                ids++;
                JsonNode cancelled = read(lone);
                JsonNode ordered = read(lone);
                if (cancelled.path("type").asText().equals("all_orders_cancelled")) {
                    assertThat(ordered.path("reason").asText()).isEqualTo("max_order_qty_exceeded");
                    lonesIn++;
                } else {
                    assertThat(cancelled.path("reason").asText()).isEqualTo("max_traders_exceeded");
                    assertThat(ordered.path("reason").asText()).isEqualTo("max_traders_exceeded");
                    refused++;
                }
            }
        }
        // every trader admitted placed an order, so has an account: the honest one, the crowds' (whose own names,
        // which never ordered, left nothing behind when they closed) and the lone ones
        int accounts = 1 + crowdsIn * CROWD_SIZE + lonesIn;
        assertThat(ids).isGreaterThanOrEqualTo(100_000);
        assertThat(accounts).as("accounts").isEqualTo(MAX_TRADERS);
        assertThat(lonesIn).as("lone traders admitted").isPositive().isLessThan(LONE_TRADERS);
        assertThat(refused).as("refused").isGreaterThan(90_000);

        // a new subscriber that reads gets the whole snapshot, larger than the unread limit, and stays on
        TestClient late = connect(exchange.streamUri());
        String text = late.nextText();
        JsonNode snapshot = WireJson.mapper().readTree(text);
        assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
        assertThat((long) text.length()).as("the snapshot's size").isGreaterThan(MAX_UNSENT);
        assertThat(snapshot.get("accounts").size()).isEqualTo(accounts);

        // the follower of the whole flood is still there, and both hear what the honest trader does next
        assertThat(honest.request(Harness.limit("honest", "sell", "101.50", 1, "h2")).path("type").asText())
                .isEqualTo("order_accepted");
        JsonNode last = late.nextJson("book_update");
        assertThat(last.get("seq").asLong()).isEqualTo(snapshot.get("seq").asLong() + 1);
        assertThat(follower.readUpTo(last.get("seq").asLong())).hasSizeGreaterThan(accounts - 1);
        assertThat(follower.closeCode).isEqualTo(-1);
        assertThat(seq).isLessThan(last.get("seq").asLong());
    }
}
