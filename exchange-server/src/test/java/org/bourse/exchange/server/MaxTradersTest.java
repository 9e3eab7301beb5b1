package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;

/**
 * {@code --max-traders} over the wire: who counts (accounts, and connected traders without one), what a connection
 * with no room is answered, and that a trader without an account frees its place when it leaves.
 */
class MaxTradersTest extends RunningExchangeTest {

    @Override
    Harness.Config configure(Harness.Config config) {
        return config.maxTraders(3);
    }

    private static void assertTurnedAway(JsonNode reply, String type) {
        assertThat(reply.path("type").asText()).as("%s", reply).isEqualTo(type);
        assertThat(reply.path("reason").asText()).isEqualTo("max_traders_exceeded");
        assertThat(reply.path("details").path("max_traders").asInt()).isEqualTo(3);
    }

    @Test
    void aConnectionBeyondTheLimitIsAnsweredMaxTradersExceededForEverythingItSends() throws Exception {
        TestClient alice = gateway();
        assertThat(alice.request(Harness.limit("alice", "buy", "99.00", 1, "a1")).path("type").asText())
                .isEqualTo("order_accepted");
        assertThat(gateway().request(Harness.hello("bob")).path("type").asText()).isEqualTo("welcome");
        TestClient carol = gateway();
        assertThat(carol.request(Harness.hello("carol")).path("type").asText()).isEqualTo("welcome");

        TestClient dave = gateway();
        assertTurnedAway(dave.request(Harness.hello("dave")), "order_rejected");
        assertTurnedAway(dave.request(Harness.limit("dave", "buy", "99.00", 1, "d1")), "order_rejected");
        assertTurnedAway(dave.request(Harness.cancel("dave", 1)), "cancel_rejected");
        assertTurnedAway(dave.request(Harness.replace("dave", 1, "99.50", null)), "replace_rejected");
        assertTurnedAway(dave.request(Harness.cancelAll("dave")), "order_rejected");
        // a trader already served has its place, on any connection
        assertThat(gateway().request(Harness.limit("alice", "buy", "98.00", 1, "a2")).path("type").asText())
                .isEqualTo("order_accepted");

        // carol never ordered: when she leaves, her place is free; alice's account keeps hers
        carol.close();
        alice.close();
        // carol's close reaches the engine on its own time
        await().atMost(Duration.ofSeconds(5)).until(
                () -> gateway().request(Harness.hello("erin")).path("type").asText().equals("welcome"));
        assertTurnedAway(gateway().request(Harness.hello("frank")), "order_rejected");
        assertThat(gateway().request(Harness.limit("alice", "sell", "101.00", 1, "a3")).path("type").asText())
                .isEqualTo("order_accepted");
    }

    @Test
    void aCrowdCountsItsOwnIdAndEachTraderItNamesAndIsAdmittedWholeOrNotAtAll() throws Exception {
        assertThat(gateway().request(Harness.hello("alice")).path("type").asText()).isEqualTo("welcome");
        TestClient crowd = gateway();
        // three more than alice would make four
        crowd.send("{\"type\":\"hello\",\"trader_id\":\"crowd\",\"crowd\":[\"bg_1\",\"bg_2\"]}");
        assertTurnedAway(crowd.nextJson(), "order_rejected");
        assertTurnedAway(crowd.request(Harness.limit("bg_1", "buy", "99.00", 1, null)), "order_rejected");

        TestClient smaller = gateway();
        smaller.send("{\"type\":\"hello\",\"trader_id\":\"crowd2\",\"crowd\":[\"bg_1\"]}");
        assertThat(smaller.nextJson().path("trader_id").asText()).isEqualTo("bg_1");
        assertThat(smaller.request(Harness.limit("bg_1", "buy", "99.00", 1, null)).path("type").asText())
                .isEqualTo("order_accepted");
    }
}
