package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.bourse.exchange.replay.Replay;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real exchange process with a journal, killed with SIGKILL at random points of a seeded stream of commands and
 * restarted on the same journal, and one whose disk fills up: nothing any client was told is lost, ids and seq
 * continue, and the files never contradict the accounts.
 */
class JournalCrashTest {
    private static final String[] TRADERS = {"alice", "bob", "carol"};

    @TempDir
    Path dir;

    private ExchangeProcess start(String shellPrefix) throws Exception {
        return ExchangeProcess.start(dir, shellPrefix, "--journal", "journal", "--events", "events.jsonl",
                "--fsync", "none", "--max-messages-per-second", "0");
    }

    /** What the clients were told before a crash. */
    private static final class Told {
        final List<String> events = new ArrayList<>();
        final Map<Long, String> acceptedOrders = new HashMap<>();
        long maxOrderId;
    }

    /**
     * Sends the seeded commands closed loop (each waits for its answer) from three traders while a subscriber
     * records the stream; after {@code count} commands sends a burst without waiting and kills the exchange in the
     * middle of it.
     */
    private static Told tradeThenKill(ExchangeProcess exchange, SplittableRandom random, int count) throws Exception {
        Told told = new Told();
        TestClient feed = TestClient.connect(exchange.streamUri);
        feed.nextJson("snapshot");
        List<TestClient> clients = new ArrayList<>();
        try {
            for (String trader : TRADERS) {
                TestClient client = TestClient.connect(exchange.gatewayUri);
                client.request(Harness.hello(trader));
                clients.add(client);
            }
            for (int i = 0; i < count + 200; i++) {
                int who = random.nextInt(TRADERS.length);
                String frame = frame(random, TRADERS[who], i);
                clients.get(who).send(frame);
                if (i < count) {
                    JsonNode answer = clients.get(who).nextJson(node -> TestClient.ANSWER_TYPES.contains(
                            node.path("type").asText()) && !node.path("reason").asText().endsWith("_remainder")
                            && !"self_trade".equals(node.path("reason").asText()));
                    if ("order_accepted".equals(answer.path("type").asText())) {
                        told.acceptedOrders.put(answer.get("order_id").asLong(), TRADERS[who]);
                        told.maxOrderId = Math.max(told.maxOrderId, answer.get("order_id").asLong());
                    }
                }
            }
            exchange.kill();
            // everything the subscriber received before the kill
            for (String text; (text = feed.received.poll()) != null; ) {
                told.events.add(text);
            }
            for (TestClient client : clients) {
                for (String text; (text = client.received.poll()) != null; ) {
                    JsonNode node = WireJson.mapper().readTree(text);
                    if ("order_accepted".equals(node.path("type").asText())) {
                        told.maxOrderId = Math.max(told.maxOrderId, node.get("order_id").asLong());
                    }
                }
            }
        } finally {
            clients.forEach(TestClient::close);
            feed.close();
        }
        return told;
    }

    private static String frame(SplittableRandom random, String trader, int i) {
        String side = random.nextBoolean() ? "buy" : "sell";
        String price = String.format(Locale.ROOT, "%.2f", 99.80 + random.nextInt(40) / 100.0);
        return switch (random.nextInt(10)) {
            case 0 -> Harness.market(trader, side, 1 + random.nextInt(3), "m" + i);
            case 1 -> Harness.cancelAll(trader);
            case 2 -> Harness.replaceByClientId(trader, "l" + (i - 1 - random.nextInt(20)), price, null);
            default -> Harness.limit(trader, side, price, 1 + random.nextInt(4), "l" + i);
        };
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void killedAtRandomPointsAndRestartedTheMarketLosesNothingAnyoneWasTold(long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> allTold = new ArrayList<>();
        long maxOrderIdTold = 0;
        for (int crash = 0; crash < 3; crash++) {
            ExchangeProcess exchange = start(null);
            if (crash > 0) {
                assertThat(exchange.output()).containsPattern("recovered \\d+ commands in \\d+ ms; continuing market: "
                        + "3 traders, seq \\d+, \\d+ trades \\(--fresh starts a new one\\)");
            }
            Told told = tradeThenKill(exchange, random, 30 + random.nextInt(150));
            allTold.addAll(told.events);
            maxOrderIdTold = Math.max(maxOrderIdTold, told.maxOrderId);
        }

        try (ExchangeProcess exchange = start(null)) {
            // every event any subscriber saw is in events.jsonl, at its seq, byte for byte
            List<String> events = Files.readAllLines(dir.resolve("events.jsonl"), StandardCharsets.UTF_8);
            assertThat(allTold).hasSizeGreaterThan(100);
            for (String event : allTold) {
                long seq = WireJson.mapper().readTree(event).get("seq").asLong();
                assertThat(events.get((int) seq - 1)).isEqualTo(event);
            }
            // ids and seq continue where the journal stopped
            TestClient feed = TestClient.connect(exchange.streamUri);
            JsonNode snapshot = feed.nextJson("snapshot");
            assertThat(snapshot.get("seq").asLong()).isEqualTo(events.size());
            TestClient alice = TestClient.connect(exchange.gatewayUri);
            alice.request(Harness.hello("alice"));
            JsonNode accepted = alice.request(Harness.limit("alice", "buy", "99.00", 1, "after"));
            assertThat(accepted.get("order_id").asLong()).isGreaterThan(maxOrderIdTold);
            // the files say what the accounts say
            Map<String, CSVRecord> lastRows = new LinkedHashMap<>();
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(Files.newBufferedReader(dir.resolve("performance.csv")))) {
                lastRows.put(row.get("trader_id"), row);
            }
            assertThat(lastRows).isNotEmpty();
            for (JsonNode account : snapshot.get("accounts")) {
                CSVRecord row = lastRows.get(account.get("trader_id").asText());
                if (row != null) {
                    assertThat(row.get("position")).isEqualTo(account.get("position").asText());
                    assertThat(new java.math.BigDecimal(row.get("cash")))
                            .isEqualByComparingTo(account.get("cash").decimalValue());
                }
            }
            long tradeEvents = events.stream().filter(line -> line.startsWith("{\"type\":\"trade\"")).count();
            assertThat(Files.readAllLines(dir.resolve("trades.csv"))).hasSize((int) tradeEvents + 1);
            alice.close();
            feed.close();
        }
        Replay.Result replay = Replay.run(dir.resolve("journal"), dir.resolve("replay"), Replay.Until.END);
        assertThat(Files.readAllBytes(dir.resolve("replay/events.jsonl")))
                .isEqualTo(Files.readAllBytes(dir.resolve("events.jsonl")));
        assertThat(replay.tail()).as("the last clean stop cut any torn tail").isNull();
    }

    @Test
    void aFullDiskHaltsTradingLosesNothingAcknowledgedAndExitsNonZero() throws Exception {
        // the file size limit makes the journal's write fail the way a full disk does (EFBIG rather than ENOSPC)
        String[] args = {"--journal", "journal", "--max-open-orders", "0", "--max-position", "0", "--initial-margin", "0",
            "--max-messages-per-second", "0"};
        ExchangeProcess exchange = ExchangeProcess.start(dir, "ulimit -f 100;", args);
        TestClient feed = TestClient.connect(exchange.streamUri);
        feed.nextJson("snapshot");
        TestClient client = TestClient.connect(exchange.gatewayUri);
        List<Long> acknowledged = new ArrayList<>();
        JsonNode refusal = null;
        for (int i = 0; i < 100_000 && refusal == null; i++) {
            String side = i % 2 == 0 ? "buy" : "sell";
            String price = i % 2 == 0 ? "95.00" : "105.00"; // never crosses: every order rests
            JsonNode answer = client.request(Harness.limit("t", side, price, 1, "c" + i));
            if ("order_accepted".equals(answer.get("type").asText())) {
                acknowledged.add(answer.get("order_id").asLong());
            } else {
                refusal = answer;
            }
        }
        assertThat(refusal).isNotNull();
        assertThat(refusal.get("reason").asText()).isEqualTo("trading_halted");
        assertThat(refusal.get("details").get("error").asText()).contains("cannot write the journal")
                .contains("File too large");
        JsonNode halt = feed.nextJson("trading_status");
        assertThat(halt.get("halted").asBoolean()).isTrue();
        assertThat(halt.get("reason").asText()).contains("File too large");
        assertThat(exchange.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
        assertThat(exchange.output()).containsPattern("ERROR .*Stopping: cannot write the journal .*journal at byte "
                + "\\d+: File too large").doesNotContain("Exception");
        client.close();
        feed.close();

        // restarted without the limit: every acknowledged order is there, resting
        try (ExchangeProcess again = ExchangeProcess.start(dir, null, args)) {
            assertThat(again.output()).containsPattern("recovered " + acknowledged.size() + " commands");
            TestClient feedAgain = TestClient.connect(again.streamUri);
            JsonNode snapshot = feedAgain.nextJson("snapshot");
            long resting = 0;
            for (JsonNode level : snapshot.get("bids")) {
                resting += level.get(1).asLong();
            }
            for (JsonNode level : snapshot.get("asks")) {
                resting += level.get(1).asLong();
            }
            assertThat(resting).isEqualTo(acknowledged.size());
            assertThat(snapshot.get("trading_halted").asBoolean()).as("the halt was never journaled").isFalse();
            feedAgain.close();
        }
    }
}
