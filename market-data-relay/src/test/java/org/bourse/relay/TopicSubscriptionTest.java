package org.bourse.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bourse.relay.Fixtures.limit;
import static org.bourse.relay.Fixtures.market;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bourse.exchange.server.Exchange;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscribers of the feed choose their topics: each then receives the events of those topics only, with the
 * exchange's seq, after a snapshot that holds only those parts; bad requests and storms get one clear answer and
 * change nothing; nothing a subscriber sends reaches the exchange.
 */
class TopicSubscriptionTest {

    @TempDir
    Path dir;

    private final Opened opened = new Opened();
    private Exchange exchange;
    private Relay relay;

    @BeforeEach
    void start() throws Exception {
        exchange = opened.keep(Fixtures.exchange(dir, 0));
        relay = opened.keep(Fixtures.relay(exchange.streamUri(), 10_000));
    }

    @AfterEach
    void stop() throws Exception {
        opened.close();
    }

    private TestClient subscriber() throws Exception {
        TestClient subscriber = opened.keep(TestClient.connect(relay.uri()));
        subscriber.awaitSnapshot();
        return subscriber;
    }

    /** A subscriber that has everything up to the exchange's {@code seq} (the relay may lag behind a little). */
    private TestClient subscriberAt(long seq) throws Exception {
        TestClient subscriber = opened.keep(TestClient.connect(relay.uri()));
        if (subscriber.awaitSnapshot().get("seq").asLong() < seq) {
            subscriber.readUpTo(seq);
        }
        return subscriber;
    }

    /** Sends a request, checks the {@code subscribed} answer names {@code expected}; returns the snapshot after it. */
    private static JsonNode subscribe(TestClient subscriber, String request, String... expected) throws Exception {
        subscriber.send(request);
        JsonNode answer = subscriber.nextJson("subscribed");
        assertThat(answer.get("topics")).extracting(JsonNode::asText).containsExactly(expected);
        JsonNode snapshot = subscriber.nextJson();
        assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
        return snapshot;
    }

    private static JsonNode rejected(TestClient subscriber, String request, String reason) throws Exception {
        subscriber.send(request);
        JsonNode answer = subscriber.nextJson();
        assertThat(answer.get("type").asText()).as("%s", answer).isEqualTo("subscription_rejected");
        assertThat(answer.get("reason").asText()).isEqualTo(reason);
        assertThat(answer.get("details").get("error").asText()).doesNotContain("\n").isNotBlank();
        return answer;
    }

    @Test
    void eachSubscriberReceivesItsTopicsWithTheExchangesSeqAfterASnapshotOfThem() throws Exception {
        // alice's connection stays open: her resting order would be cancelled when it closes
        TestClient trader = opened.keep(TestClient.connect(exchange.gatewayUri()));
        trader.request(limit("alice", "sell", "100.00", 5, null));
        try (TestClient bob = TestClient.connect(exchange.gatewayUri())) {
            assertThat(bob.request(market("bob", "buy", 2)).get("type").asText()).isEqualTo("order_accepted");
        }
        long seq = Fixtures.lastSeq(exchange);
        TestClient everything = subscriberAt(seq);
        TestClient book = subscriberAt(seq);
        TestClient alice = subscriberAt(seq);

        JsonNode bookSnapshot = subscribe(book, "{\"type\":\"subscribe\",\"topics\":[\"book\"]}", "book");
        assertThat(bookSnapshot.get("seq").asLong()).isEqualTo(seq);
        assertThat(bookSnapshot.get("asks").get(0).get(1).asLong()).isEqualTo(3);
        assertThat(bookSnapshot.get("accounts")).isEmpty();
        assertThat(bookSnapshot.get("recent_trades")).isEmpty();
        JsonNode aliceSnapshot = subscribe(alice, "{\"type\":\"subscribe\",\"topics\":[\"trader:alice\",\"trades\"]}",
                "trader:alice", "trades");
        assertThat(aliceSnapshot.get("accounts")).extracting(account -> account.get("trader_id").asText())
                .containsExactly("alice");
        assertThat(aliceSnapshot.get("asks")).isEmpty();
        assertThat(aliceSnapshot.get("recent_trades")).hasSize(1);

        try (TestClient carol = TestClient.connect(exchange.gatewayUri())) {
            carol.request(market("carol", "buy", 1));
        }
        long last = Fixtures.lastSeq(exchange);
        List<String> all = everything.readUpTo(last);
        // the trade, the book, then the accounts of carol and alice (their order is the exchange's)
        assertThat(all).hasSize((int) (last - seq));
        assertThat(book.readUpTo(seq + 2)).singleElement().asString()
                .startsWith("{\"type\":\"book_update\",\"seq\":" + (seq + 2) + ",");
        List<JsonNode> aliceEvents = List.of(alice.nextJson(), alice.nextJson());
        assertThat(aliceEvents).extracting(event -> event.get("type").asText())
                .containsExactly("trade", "position_update");
        assertThat(aliceEvents.get(0).get("seq").asLong()).isEqualTo(seq + 1);
        assertThat(aliceEvents.get(1).get("trader_id").asText()).isEqualTo("alice");

        // unsubscribing from everything leaves the named topics but one
        subscribe(everything, "{\"type\":\"unsubscribe\",\"topics\":[\"accounts\"]}", "book", "liquidations",
                "status", "trades");
    }

    @Test
    void badRequestsAreRefusedAndChangeNothingAndOtherFramesAreIgnored() throws Exception {
        TestClient subscriber = subscriber();
        long seq = Fixtures.lastSeq(exchange);

        assertThat(rejected(subscriber, "{\"type\":\"subscribe\",\"topics\":[\"book\",\"news\"]}", "unknown_topic")
                .get("details").get("error").asText()).contains("'news'", "trader:<id>");
        rejected(subscriber, "{\"type\":\"subscribe\",\"topics\":[\"trader:\"]}", "unknown_topic");
        rejected(subscriber, "{\"type\":\"subscribe\"}", "invalid_message");
        rejected(subscriber, "{\"type\":\"unsubscribe\",\"topics\":\"book\"}", "invalid_message");
        rejected(subscriber, "{\"type\":\"subscribe\",\"topics\":[1]}", "invalid_message");
        // not a request (nor JSON): ignored, and it goes nowhere (the exchange's seq does not move)
        subscriber.send(limit("mallory", "buy", "99.00", 1, null));
        subscriber.send("{\"type\":\"subscribe\",\"topics\":[\"bo");
        subscriber.sendBinary("{\"type\":\"hello\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // the refused requests changed nothing: the first valid one starts from everything
        subscribe(subscriber, "{\"type\":\"subscribe\",\"topics\":[\"status\"]}", "status");
        assertThat(Fixtures.lastSeq(exchange)).isEqualTo(seq);
    }

    @Test
    void aStormOfRequestsIsRateLimitedWithOneAnswerAndServedAgainLater() throws Exception {
        TestClient subscriber = subscriber();
        int storm = 50;
        for (int i = 0; i < storm; i++) {
            subscriber.send("{\"type\":\"subscribe\",\"topics\":[\"book\"]}");
        }
        subscriber.send("{\"type\":\"subscribe\",\"topics\":[\"trades\"]}");
        List<String> answers = new ArrayList<>();
        JsonNode frame;
        do {
            frame = subscriber.nextJson(node -> !node.get("type").asText().equals("snapshot"));
            answers.add(frame.get("type").asText());
        } while (!frame.get("type").asText().equals("subscription_rejected"));
        assertThat(answers).hasSizeBetween(Subscriber.REQUEST_BURST + 1, storm);
        assertThat(frame.get("reason").asText()).isEqualTo("rate_limited");
        // served again once the allowance refills (the storm's later requests got no answer of their own)
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            subscriber.send("{\"type\":\"subscribe\",\"topics\":[\"accounts\"]}");
            for (JsonNode answer : subscriber.receivedWithin(Duration.ofMillis(200))) {
                if (answer.get("type").asText().equals("subscribed")
                        && answer.get("topics").toString().contains("accounts")) {
                    return true;
                }
            }
            return false;
        });
    }
}
