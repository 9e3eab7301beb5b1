package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh exchange for each test, on ephemeral ports with its CSV files in a temporary folder, and the clients the
 * test opens: all closed after the test.
 */
abstract class RunningExchangeTest {

    @TempDir
    Path dir;

    Exchange exchange;
    /** Closed after the test; add any client opened by other means. */
    final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void startExchange() throws Exception {
        exchange = configure(Harness.config(dir)).start();
    }

    /** The exchange's settings for this class's tests: the defaults unless a subclass changes them. */
    Harness.Config configure(Harness.Config config) {
        return config;
    }

    @AfterEach
    void stopExchange() {
        clients.forEach(TestClient::close);
        if (exchange != null) {
            exchange.close();
        }
    }

    TestClient connect(String uri) throws InterruptedException {
        TestClient client = TestClient.connect(uri);
        clients.add(client);
        return client;
    }

    TestClient gateway() throws InterruptedException {
        return connect(exchange.gatewayUri());
    }

    /** A stream subscriber that has read its snapshot. */
    TestClient feed() throws Exception {
        TestClient client = connect(exchange.streamUri());
        assertThat(client.nextJson().path("type").asText()).isEqualTo("snapshot");
        return client;
    }
}
