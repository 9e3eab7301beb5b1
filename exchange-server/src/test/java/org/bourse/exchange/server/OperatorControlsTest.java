package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kill switch on the admin endpoint, trader credentials and the per-connection rate limit. */
class OperatorControlsTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private Exchange exchange;
    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        if (exchange != null) {
            exchange.close();
        }
    }

    private TestClient gateway() throws InterruptedException {
        TestClient client = TestClient.connect(exchange.gatewayUri());
        clients.add(client);
        return client;
    }

    private static String type(JsonNode node) {
        return node.path("type").asText();
    }

    @Test
    void theKillSwitchRefusesNewOrdersButNotCancelsAndIsAnnouncedOnTheStream() throws Exception {
        exchange = Harness.config(dir).start();
        TestClient feed = TestClient.connect(exchange.streamUri());
        clients.add(feed);
        feed.nextJson("snapshot");
        TestClient trader = gateway();
        JsonNode resting = trader.request(Harness.limit("alice", "buy", "99.00", 2, "a1"));
        long restingId = resting.get("order_id").asLong();
        trader.request(Harness.limit("alice", "buy", "98.00", 2, "a2"));
        feed.nextJson("book_update");
        feed.nextJson("position_update"); // her first order opened her account
        feed.nextJson("book_update");

        assertThat(Harness.get(exchange.adminUri() + "/halt").statusCode()).isEqualTo(405);
        HttpResponse<String> halt = Harness.post(exchange, "/halt");
        assertThat(halt.statusCode()).isEqualTo(200);
        assertThat(WireJson.mapper().readTree(halt.body()).get("trading_halted").asBoolean()).isTrue();
        JsonNode status = feed.nextJson();
        assertThat(type(status)).isEqualTo("trading_status");
        assertThat(status.get("halted").asBoolean()).isTrue();
        assertThat(status.get("seq").asLong()).isEqualTo(4);

        JsonNode refused = trader.request(Harness.limit("alice", "buy", "99.00", 1, "a3"));
        assertThat(type(refused)).isEqualTo("order_rejected");
        assertThat(refused.get("reason").asText()).isEqualTo("trading_halted");
        assertThat(refused.get("client_order_id").asText()).isEqualTo("a3");
        JsonNode replace = trader.request(Harness.replace("alice", restingId, "99.10", null));
        assertThat(type(replace)).isEqualTo("replace_rejected");
        assertThat(replace.get("reason").asText()).isEqualTo("trading_halted");
        JsonNode cancelled = trader.request(Harness.cancel("alice", restingId));
        assertThat(type(cancelled)).isEqualTo("order_cancelled");
        assertThat(cancelled.get("reason").asText()).isEqualTo("requested");
        trader.send(Harness.cancelAll("alice"));
        assertThat(type(trader.nextJson())).isEqualTo("order_cancelled");
        assertThat(trader.nextJson().get("count").asLong()).isEqualTo(1);
        JsonNode welcome = trader.request(Harness.hello("alice"));
        assertThat(welcome.get("trading_halted").asBoolean()).isTrue();
        JsonNode statusBody = WireJson.mapper().readTree(Harness.get(exchange.adminUri() + "/status").body());
        assertThat(statusBody.get("trading_halted").asBoolean()).isTrue();
        assertThat(statusBody.get("resting_orders").asLong()).isZero();

        HttpResponse<String> resume = Harness.post(exchange, "/resume");
        assertThat(resume.statusCode()).isEqualTo(200);
        assertThat(WireJson.mapper().readTree(resume.body()).get("trading_halted").asBoolean()).isFalse();
        JsonNode resumed = feed.nextJson("trading_status");
        assertThat(resumed.get("halted").asBoolean()).isFalse();
        JsonNode accepted = trader.request(Harness.limit("alice", "buy", "99.00", 1, "a4"));
        assertThat(type(accepted)).isEqualTo("order_accepted");
        trader.expectSilence(QUIET);
    }

    @Test
    void withCredentialsOnlyAHelloWithTheRightTokenOpensTheConnection() throws Exception {
        Path credentials = dir.resolve("credentials.properties");
        Files.writeString(credentials, "alice=s3cret\nbob=other\n@stream=feed\n");
        exchange = Harness.config(dir).credentials(credentials).start();
        TestClient client = gateway();

        JsonNode early = client.request(Harness.limit("alice", "buy", "99.00", 1, "a1"));
        assertThat(type(early)).isEqualTo("order_rejected");
        assertThat(early.get("reason").asText()).isEqualTo("not_authenticated");
        assertThat(early.get("client_order_id").asText()).isEqualTo("a1");
        assertThat(early.path("details").path("error").asText()).contains("hello");
        JsonNode cancel = client.request(Harness.cancel("alice", 1));
        assertThat(type(cancel)).isEqualTo("cancel_rejected");
        assertThat(cancel.get("reason").asText()).isEqualTo("not_authenticated");

        for (String wrong : List.of(Harness.hello("alice", "guess"), Harness.hello("alice"),
                Harness.hello("bob", "s3cret"), Harness.hello("mallory", "s3cret"))) {
            JsonNode refused = client.request(wrong);
            assertThat(type(refused)).as(wrong).isEqualTo("order_rejected");
            assertThat(refused.get("reason").asText()).as(wrong).isEqualTo("invalid_token");
        }

        JsonNode welcome = client.request(Harness.hello("alice", "s3cret"));
        assertThat(type(welcome)).isEqualTo("welcome");
        assertThat(welcome.get("trader_id").asText()).isEqualTo("alice");
        assertThat(type(client.request(Harness.limit("alice", "buy", "99.00", 1, "a2")))).isEqualTo("order_accepted");
        JsonNode other = client.request(Harness.limit("bob", "buy", "99.00", 1, "b1"));
        assertThat(other.get("reason").asText()).isEqualTo("trader_mismatch");

        // authentication belongs to the connection, not to the trader
        TestClient second = gateway();
        JsonNode unauthenticated = second.request(Harness.limit("alice", "sell", "101.00", 1, "a3"));
        assertThat(unauthenticated.get("reason").asText()).isEqualTo("not_authenticated");
        client.expectSilence(QUIET);
        second.expectSilence(Duration.ZERO);
    }

    @Test
    void aBurstOverTheRateLimitIsPartlyRefusedAndEveryFrameAnsweredOnce() throws Exception {
        exchange = Harness.config(dir).messagesPerSecond(5).start();
        TestClient client = gateway();
        int frames = 50;

        for (int i = 0; i < frames; i++) {
            client.send(Harness.limit("alice", "buy", "99.00", 1, "r-" + i));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> client.received.size() >= frames);
        List<JsonNode> replies = client.drain(QUIET);
        assertThat(replies).hasSize(frames);
        List<JsonNode> limited = replies.stream().filter(r -> "rate_limited".equals(r.path("reason").asText())).toList();
        List<JsonNode> accepted = replies.stream().filter(r -> type(r).equals("order_accepted")).toList();
        assertThat(limited.size() + accepted.size()).isEqualTo(frames);
        assertThat(accepted.size()).isBetween(1, 10);
        assertThat(limited.size()).isGreaterThanOrEqualTo(40);
        assertThat(limited).allSatisfy(r -> {
            assertThat(type(r)).isEqualTo("order_rejected");
            assertThat(r.path("details").path("limit_per_second").asInt()).isEqualTo(5);
        });
        // in order: the accepted ones are the first of the burst, and keep their order
        List<Integer> acceptedIndexes = accepted.stream()
                .map(r -> Integer.parseInt(r.get("client_order_id").asText().substring(2))).toList();
        assertThat(acceptedIndexes).isSorted();
        assertThat(acceptedIndexes.get(0)).isZero();

        // the bucket refills
        Thread.sleep(1_100);
        assertThat(type(client.request(Harness.limit("alice", "buy", "99.00", 1, "later")))).isEqualTo("order_accepted");
    }

    @Test
    void aRateLimitedRejectEchoesTheClientOrderId() throws Exception {
        exchange = Harness.config(dir).messagesPerSecond(1).start();
        TestClient client = gateway();
        client.send(Harness.limit("alice", "buy", "99.00", 1, "first"));
        client.send(Harness.limit("alice", "buy", "99.00", 1, "second"));

        assertThat(type(client.nextJson())).isEqualTo("order_accepted");
        JsonNode limited = client.nextJson();
        assertThat(limited.get("reason").asText()).isEqualTo("rate_limited");
        assertThat(limited.get("trader_id").asText()).isEqualTo("alice");
        assertThat(limited.get("client_order_id").isNull()).as("client_order_id of %s", limited).isFalse();
        assertThat(limited.get("client_order_id").asText()).isEqualTo("second");
    }

    @Test
    void binaryGarbageCountsAgainstTheRateLimit() throws Exception {
        exchange = Harness.config(dir).messagesPerSecond(5).start();
        TestClient client = gateway();
        int frames = 50;
        for (int i = 0; i < frames; i++) {
            client.sendBinary(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) i});
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> client.received.size() >= frames);
        List<JsonNode> replies = client.drain(QUIET);
        assertThat(replies).hasSize(frames);
        assertThat(replies).filteredOn(r -> "rate_limited".equals(r.path("reason").asText())).hasSizeGreaterThan(40);
    }
}
