package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exchange without a credentials file, over real sockets: the first hello with a token claims its trader, and
 * from then on nothing but that token speaks for it (how a stand-alone battle protects its bots); traders nobody
 * claimed stay open to clients that send no hello, as the reference protocol's clients do.
 */
class ClaimedTradersTest {
    @TempDir
    Path dir;

    private Exchange exchange;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        exchange = Harness.config(dir).start();
    }

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        exchange.close();
    }

    private TestClient gateway() throws InterruptedException {
        TestClient client = TestClient.connect(exchange.gatewayUri());
        clients.add(client);
        return client;
    }

    @Test
    void aClaimedTraderAnswersOnlyToItsToken() throws Exception {
        TestClient bot = gateway();
        assertThat(bot.request(Harness.hello("alice", "bots-token")).get("type").asText()).isEqualTo("welcome");
        JsonNode resting = bot.request(Harness.limit("alice", "buy", "99.00", 1, "a-1"));
        assertThat(resting.get("type").asText()).isEqualTo("order_accepted");

        assertThat(gateway().request(Harness.hello("alice", "another")).get("reason").asText())
                .isEqualTo("invalid_token");
        assertThat(gateway().request(Harness.hello("alice")).get("reason").asText()).isEqualTo("invalid_token");
        TestClient intruder = gateway();
        JsonNode refused = intruder.request(Harness.cancelAll("alice"));
        assertThat(refused.get("reason").asText()).isEqualTo("not_authenticated");

        // nothing of alice's was touched, and her own token still works on a second connection
        TestClient second = gateway();
        JsonNode welcome = second.request(Harness.hello("alice", "bots-token"));
        assertThat(welcome.get("type").asText()).isEqualTo("welcome");
        assertThat(welcome.get("open_orders")).hasSize(1);
    }

    @Test
    void unclaimedTradersNeedNoHello() throws Exception {
        TestClient plain = gateway();
        assertThat(plain.request(Harness.limit("bob", "sell", "101.00", 1, "b-1")).get("type").asText())
                .isEqualTo("order_accepted");
        // a tokenless hello claims nothing: the next plain client is served too
        assertThat(gateway().request(Harness.hello("carol")).get("type").asText()).isEqualTo("welcome");
        assertThat(gateway().request(Harness.limit("carol", "sell", "101.00", 1, "c-1")).get("type").asText())
                .isEqualTo("order_accepted");
    }
}
