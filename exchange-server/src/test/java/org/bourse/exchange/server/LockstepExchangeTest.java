package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange's virtual clock over real sockets, with scripted participants: who is told to decide when, what
 * reaches the book in which order, that the same script gives the same bytes, and what happens to clients that do
 * not play along.
 */
class LockstepExchangeTest {
    private static final long START = 1_767_225_600_000L;

    @TempDir
    Path dir;

    private Harness.Config lockstep(Path folder, Duration duration, Duration decisionTimeout, String... roster)
            throws Exception {
        Files.createDirectories(folder);
        Harness.Config config = Harness.config(folder).journaled();
        config.lockstep = new Exchange.Lockstep(Set.of(roster), 42, START, duration, decisionTimeout,
                Duration.ofSeconds(20));
        return config;
    }

    /**
     * A participant whose decisions are a function of what it is told: at each decide it quotes around a price
     * taken from the time and the seq, crosses now and then, then says done. It answers until told to stop.
     */
    private static final class Scripted extends Thread {
        final TestClient client;
        final String trader;
        final boolean silent;
        final List<Long> decided = new ArrayList<>();
        volatile boolean stop;

        Scripted(String uri, String trader, long interval, long latency, boolean silent) throws Exception {
            this.client = TestClient.connect(uri);
            this.trader = trader;
            this.silent = silent;
            client.send("{\"type\":\"hello\",\"trader_id\":\"" + trader + "\",\"lockstep\":{\"decision_interval_ms\":"
                    + interval + ",\"latency_ms\":" + latency + "}}");
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    String text = client.received.poll(100, TimeUnit.MILLISECONDS);
                    if (text == null) {
                        continue;
                    }
                    JsonNode message = WireJson.mapper().readTree(text);
                    if (!"decide".equals(message.path("type").asText())) {
                        continue;
                    }
                    long t = message.get("timestamp").asLong();
                    long seq = message.get("seq").asLong();
                    decided.add(t);
                    if (silent) {
                        continue;
                    }
                    long cents = 9_990 + (t / 100 + seq) % 21;
                    String side = (t / 100 + trader.length()) % 2 == 0 ? "buy" : "sell";
                    client.send(Harness.limit(trader, side, cents / 100 + "." + String.format("%02d", cents % 100),
                            1 + t % 3, trader + "-" + t));
                    if (t % 7 == 0) {
                        client.send(Harness.cancelAll(trader));
                    }
                    client.send("{\"type\":\"done\",\"trader_id\":\"" + trader + "\",\"timestamp\":" + t + "}");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonNode lockstepStatus(Exchange exchange) throws Exception {
        return WireJson.mapper().readTree(Harness.get(exchange.adminUri() + "/status").body()).get("lockstep");
    }

    /** Runs the scripted battle to its end; the folder's journal, events and CSVs are then complete. */
    private JsonNode battle(Path folder) throws Exception {
        Harness.Config config = lockstep(folder, Duration.ofSeconds(3), Duration.ofSeconds(5), "alice", "bob",
                "carol");
        List<Scripted> bots = new ArrayList<>();
        JsonNode status;
        try (Exchange exchange = config.start()) {
            bots.add(new Scripted(exchange.gatewayUri(), "alice", 100, 0, false));
            bots.add(new Scripted(exchange.gatewayUri(), "bob", 250, 30, false));
            bots.add(new Scripted(exchange.gatewayUri(), "carol", 100, 0, false));
            bots.forEach(Thread::start);
            await().atMost(Duration.ofSeconds(60)).until(() -> lockstepStatus(exchange).get("finished").asBoolean());
            status = lockstepStatus(exchange);
        } finally {
            for (Scripted bot : bots) {
                bot.stop = true;
                bot.client.close();
            }
        }
        return status;
    }

    @Test
    void theSameScriptGivesTheSameBytesAndEveryTimestampIsVirtual() throws Exception {
        JsonNode first = battle(dir.resolve("one"));
        JsonNode second = battle(dir.resolve("two"));

        assertThat(first.get("reproducible").asBoolean()).as(first.toString()).isTrue();
        assertThat(first.get("rounds").asLong()).isGreaterThan(30);
        // everything the clock did is the same; only the wall time it took is not
        ((ObjectNode) first).remove("wall_millis");
        ((ObjectNode) second).remove("wall_millis");
        assertThat(first).isEqualTo(second);
        for (String file : List.of("journal", "events.jsonl", "trades.csv", "performance.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("two").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("one").resolve(file)));
        }
        List<String> events = Files.readAllLines(dir.resolve("one").resolve("events.jsonl"));
        assertThat(events).hasSizeGreaterThan(50);
        for (String event : events) {
            long timestamp = WireJson.mapper().readTree(event).get("timestamp").asLong();
            assertThat(timestamp).isBetween(START, START + 3_000 + 30);
        }
        assertThat(Files.readAllLines(dir.resolve("one").resolve("trades.csv"))).hasSizeGreaterThan(5);
    }

    @Test
    void theRunEndsWithTheClosingValuationOfEveryAccountAtTheVirtualEndTime() throws Exception {
        battle(dir.resolve("one"));
        List<String> events = Files.readAllLines(dir.resolve("one").resolve("events.jsonl"));
        List<JsonNode> closing = new ArrayList<>();
        for (String event : events.subList(events.size() - 3, events.size())) {
            closing.add(WireJson.mapper().readTree(event));
        }
        assertThat(closing).allSatisfy(update -> {
            assertThat(update.get("type").asText()).isEqualTo("position_update");
            assertThat(update.get("timestamp").asLong()).isEqualTo(START + 3_000);
            assertThat(update.get("mark_price")).isEqualTo(closing.get(0).get("mark_price"));
        });
        assertThat(closing).extracting(update -> update.get("trader_id").asText())
                .containsExactlyInAnyOrder("alice", "bob", "carol");
        List<String> rows = Files.readAllLines(dir.resolve("one").resolve("performance.csv"));
        assertThat(rows.subList(rows.size() - 3, rows.size())).allSatisfy(row ->
                assertThat(row).startsWith(START + 3_000 + ","));
    }

    @Test
    void aParticipantThatLeavesIsCancelledAtTheVirtualTimeItLeft() throws Exception {
        Harness.Config config = lockstep(dir, Duration.ofSeconds(2), Duration.ofSeconds(5), "alice", "leaver");
        long leftAt;
        try (Exchange exchange = config.start()) {
            Scripted alice = new Scripted(exchange.gatewayUri(), "alice", 100, 0, false);
            alice.start();
            TestClient leaver = TestClient.connect(exchange.gatewayUri());
            leaver.send("{\"type\":\"hello\",\"trader_id\":\"leaver\",\"lockstep\":{\"decision_interval_ms\":300}}");
            long first = leaver.nextJson("decide").get("timestamp").asLong();
            leaver.send(Harness.limit("leaver", "buy", "95.00", 1, "resting"));
            leaver.send("{\"type\":\"done\",\"trader_id\":\"leaver\",\"timestamp\":" + first + "}");
            leftAt = leaver.nextJson("decide").get("timestamp").asLong();
            leaver.closeBlocking(); // in the middle of its second turn
            await().atMost(Duration.ofSeconds(30)).until(() -> lockstepStatus(exchange).get("finished").asBoolean());
            assertThat(lockstepStatus(exchange).get("problems").toString()).contains("leaver left at");
            alice.stop = true;
            alice.client.close();
        }
        // its bid rested from its first turn until the turn it left in, and no longer
        JsonNode lastWithIt = null;
        JsonNode firstWithout = null;
        for (String line : Files.readAllLines(dir.resolve("events.jsonl"))) {
            JsonNode event = WireJson.mapper().readTree(line);
            if (!"book_update".equals(event.get("type").asText())) {
                continue;
            }
            boolean withIt = Harness.levels(event.get("bids")).contains("95x1");
            if (withIt) {
                lastWithIt = event;
            } else if (lastWithIt != null && firstWithout == null) {
                firstWithout = event;
            }
        }
        assertThat(lastWithIt).isNotNull();
        assertThat(firstWithout).isNotNull();
        assertThat(firstWithout.get("timestamp").asLong()).isEqualTo(leftAt);
    }

    @Test
    void othersAreToldItIsALockstepBattleAndAParticipantOutOfTurnToo() throws Exception {
        // alice decides every millisecond, and the battle lasts one: one turn, at the start
        Harness.Config config = lockstep(dir, Duration.ofMillis(1), Duration.ofSeconds(5), "alice");
        try (Exchange exchange = config.start()) {
            TestClient outsider = TestClient.connect(exchange.gatewayUri());
            JsonNode refused = outsider.request(Harness.limit("mallory", "buy", "99.00", 1, "m1"));
            assertThat(refused.get("type").asText()).isEqualTo("order_rejected");
            assertThat(refused.get("reason").asText()).isEqualTo("lockstep_only");
            assertThat(refused.get("timestamp").asLong()).isEqualTo(START);
            assertThat(outsider.request(Harness.hello("mallory")).get("type").asText()).isEqualTo("welcome");
            JsonNode wrongHello = outsider.request("{\"type\":\"hello\",\"trader_id\":\"mallory\",\"lockstep\":"
                    + "{\"decision_interval_ms\":100}}");
            assertThat(wrongHello.path("reason").asText()).as(wrongHello.toString()).isEqualTo("lockstep_only");

            Scripted alice = new Scripted(exchange.gatewayUri(), "alice", 1, 0, true);
            assertThat(alice.client.nextJson("welcome").get("trader_id").asText()).isEqualTo("alice");
            JsonNode decide = alice.client.nextJson("decide");
            assertThat(decide.get("timestamp").asLong()).isEqualTo(START);
            alice.client.send("{\"type\":\"done\",\"trader_id\":\"alice\",\"timestamp\":"
                    + decide.get("timestamp").asLong() + "}");
            await().atMost(Duration.ofSeconds(10)).until(() -> lockstepStatus(exchange).get("finished").asBoolean());
            JsonNode late = alice.client.request(Harness.limit("alice", "buy", "99.00", 1, "late"));
            assertThat(late.path("reason").asText()).as(late.toString()).isEqualTo("out_of_turn");
            assertThat(late.get("details").get("error").asText()).isEqualTo("the lockstep run is over");
            alice.client.close();
        }
    }

    @Test
    void aBotThatDoesNotAnswerIsSkippedAndTheRunIsMarkedNotReproducible() throws Exception {
        Harness.Config config = lockstep(dir, Duration.ofMillis(600), Duration.ofMillis(300), "alice", "mute");
        try (Exchange exchange = config.start()) {
            Scripted alice = new Scripted(exchange.gatewayUri(), "alice", 100, 0, false);
            Scripted mute = new Scripted(exchange.gatewayUri(), "mute", 200, 0, true);
            alice.start();
            mute.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> lockstepStatus(exchange).get("finished").asBoolean());
            JsonNode status = lockstepStatus(exchange);
            assertThat(status.get("reproducible").asBoolean()).isFalse();
            assertThat(status.get("problems").toString()).contains("mute did not answer within 300 ms");
            assertThat(alice.decided).hasSizeGreaterThanOrEqualTo(5);
            alice.stop = true;
            mute.stop = true;
            alice.client.close();
            mute.client.close();
        }
    }

    @Test
    void aRosterThatNeverAssemblesStopsTheExchangeWithOneLine() throws Exception {
        Harness.Config config = lockstep(dir, null, Duration.ofSeconds(1), "alice", "ghost");
        config.lockstep = new Exchange.Lockstep(Set.of("alice", "ghost"), 1, START, null, Duration.ofSeconds(1),
                Duration.ofMillis(500));
        try (Exchange exchange = config.start()) {
            Scripted alice = new Scripted(exchange.gatewayUri(), "alice", 100, 0, false);
            String reason = exchange.failure().get(10, TimeUnit.SECONDS);
            assertThat(reason).isEqualTo("lockstep: ghost did not join within 500 ms; the run cannot start");
            alice.client.close();
        }
    }
}
