package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Exchange#close()} tells every connected client that it is going away, and really lets go of them. */
class ShutdownTest {

    @TempDir
    Path dir;

    @Test
    void closeIsIdempotentAndFreesEverythingForTheNextExchange() throws Exception {
        Exchange first = Harness.config(dir).start();
        TestClient client = TestClient.connect(first.gatewayUri());
        client.request(Harness.hello("alice"));
        first.close();
        first.close();
        try (Exchange second = Harness.config(dir).start()) {
            TestClient again = TestClient.connect(second.gatewayUri());
            try {
                assertThat(again.request(Harness.limit("alice", "buy", "99.00", 1, null)).path("type").asText())
                        .isEqualTo("order_accepted");
            } finally {
                again.close();
            }
        } finally {
            client.close();
        }
    }

    @Test
    void everyConnectedClientIsToldGoingAwayByClose() throws Exception {
        for (int round = 0; round < 50; round++) {
            Exchange exchange = Harness.config(dir).start();
            List<TestClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    TestClient client = TestClient.connect(exchange.gatewayUri());
                    client.request(Harness.hello("t" + i));
                    clients.add(client);
                }
                TestClient feed = TestClient.connect(exchange.streamUri());
                feed.nextJson("snapshot");
                clients.add(feed);

                exchange.close();

                for (TestClient client : clients) {
                    await("round " + round).atMost(Duration.ofSeconds(2)).pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(5)).until(() -> client.closeCode != -1);
                    assertThat(client.closeCode).isEqualTo(1001);
                }
            } finally {
                clients.forEach(TestClient::close);
                exchange.close();
            }
        }
    }
}
