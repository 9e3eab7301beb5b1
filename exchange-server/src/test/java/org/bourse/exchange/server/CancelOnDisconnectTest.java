package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.journal.Journal;
import org.bourse.exchange.journal.JournalException;
import org.bourse.exchange.journal.JournalReader;
import org.bourse.exchange.replay.Replay;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over real sockets: when a trader's last gateway connection closes, its resting orders leave the book (reason
 * {@code disconnect}), by a command of the exchange's own that is journaled and replayed like any other; a
 * trader with another connection keeps them, and so does everyone when the exchange itself stops, or runs with
 * {@code --keep-orders-on-disconnect}.
 */
class CancelOnDisconnectTest {
    @TempDir
    Path dir;

    private static JsonNode rest(TestClient client, String trader, String side, String price, String id)
            throws Exception {
        JsonNode accepted = client.request(Harness.limit(trader, side, price, 1, id));
        assertThat(accepted.get("type").asText()).as(accepted.toString()).isEqualTo("order_accepted");
        return accepted;
    }

    private static TestClient hello(Exchange exchange, String trader) throws Exception {
        TestClient client = TestClient.connect(exchange.gatewayUri());
        assertThat(client.request(Harness.hello(trader)).get("type").asText()).isEqualTo("welcome");
        return client;
    }

    @Test
    void theLastConnectionOfATraderTakesItsRestingOrdersWithItJournaledAndReplayed() throws Exception {
        Harness.Config config = Harness.config(dir).journaled();
        try (Exchange exchange = config.start();
             TestClient feed = TestClient.connect(exchange.streamUri())) {
            feed.nextJson("snapshot");
            TestClient first = hello(exchange, "alice");
            TestClient second = hello(exchange, "alice");
            rest(first, "alice", "buy", "99.00", "a1");
            rest(first, "alice", "sell", "101.00", "a2");
            TestClient bob = hello(exchange, "bob");
            rest(bob, "bob", "buy", "98.00", "b1"); // bob stays connected to the end

            first.closeBlocking(); // alice is still connected: her orders stay
            second.send(Harness.hello("alice")); // (it has also heard of the orders its sibling placed)
            JsonNode stillThere = second.nextJson("welcome");
            assertThat(stillThere.get("open_orders")).hasSize(2);

            second.closeBlocking(); // her last connection: they go, bob's stays
            JsonNode book = feed.nextJson(node -> "book_update".equals(node.path("type").asText())
                    && node.get("asks").isEmpty() && Harness.levels(node.get("bids")).equals(List.of("98x1")));
            assertThat(book.get("seq").asLong()).isGreaterThan(0);
            assertThat(welcome(exchange, "alice").get("open_orders")).isEmpty();
        }
        // the exchange made one command for it, journaled; a replay gives the live files byte for byte
        assertThat(commands(config.journal)).filteredOn(Command.Disconnect.class::isInstance)
                .extracting(command -> ((Command.Disconnect) command).traderId()).contains("alice")
                .doesNotContain("bob"); // bob's last connection closed when the exchange stopped: that cancels nothing
        Replay.run(config.journal, dir.resolve("replay"), Replay.Until.END);
        for (String file : List.of("events.jsonl", "trades.csv", "performance.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("replay").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve(file)));
        }
    }

    @Test
    void aCrowdConnectionThatDropsTakesTheOrdersOfEveryTraderItSpokeFor() throws Exception {
        try (Exchange exchange = Harness.config(dir).start();
             TestClient feed = TestClient.connect(exchange.streamUri())) {
            feed.nextJson("snapshot");
            TestClient crowd = TestClient.connect(exchange.gatewayUri());
            crowd.send("{\"type\":\"hello\",\"trader_id\":\"crowd\",\"crowd\":[\"bg_value_1\",\"bg_mm_1\"]}");
            crowd.nextJson("welcome");
            crowd.nextJson("welcome");
            rest(crowd, "bg_value_1", "buy", "99.00", "v1");
            rest(crowd, "bg_mm_1", "sell", "101.00", "m1");
            crowd.closeBlocking();

            JsonNode book = feed.nextJson(node -> "book_update".equals(node.path("type").asText())
                    && node.get("bids").isEmpty() && node.get("asks").isEmpty());
            assertThat(book).isNotNull();
        }
    }

    @Test
    void withKeepOrdersOnDisconnectTheyStayAndAReconnectingTraderFindsThem() throws Exception {
        try (Exchange exchange = Harness.config(dir).keepOrdersOnDisconnect().start()) {
            TestClient alice = hello(exchange, "alice");
            rest(alice, "alice", "buy", "99.00", "a1");
            alice.closeBlocking();

            assertThat(welcome(exchange, "alice").get("open_orders")).hasSize(1);
        }
    }

    @Test
    void theExchangesOwnStopCancelsNothingARestartOnTheJournalFindsTheOrders() throws Exception {
        Harness.Config config = Harness.config(dir).journaled();
        try (Exchange exchange = config.start()) {
            TestClient alice = hello(exchange, "alice");
            rest(alice, "alice", "buy", "99.00", "a1");
        } // alice is still connected: the exchange goes, she did not leave

        try (Exchange again = config.start()) {
            assertThat(welcome(again, "alice").get("open_orders")).hasSize(1);
        }
    }

    /** The welcome a new connection of {@code trader} gets (the connection closes again). */
    private static JsonNode welcome(Exchange exchange, String trader) throws Exception {
        try (TestClient client = TestClient.connect(exchange.gatewayUri())) {
            return client.request(Harness.hello(trader));
        }
    }

    private static List<Command> commands(Path journal) throws JournalException {
        List<Command> commands = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journal)) {
            Journal.replay(reader, new Journal.Replayer() {
                @Override
                public void apply(Command command) {
                    commands.add(command);
                }

                @Override
                public void endOfBatch() {
                }
            });
        }
        return commands;
    }
}
