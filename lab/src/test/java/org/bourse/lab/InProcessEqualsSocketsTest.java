package org.bourse.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.journal.FsyncPolicy;
import org.bourse.exchange.lockstep.Participant;
import org.bourse.exchange.market.Market;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same scripted lockstep battle run over the exchange's real sockets and in one process: the journal, the events
 * and the CSVs are the same bytes. The script decides from what it is told (time, seq) and from what it heard (its
 * fills), so both the way in and the way back are compared.
 */
class InProcessEqualsSocketsTest {
    private static final long START = 1_767_225_600_000L;
    private static final List<Participant> ROSTER = List.of(new Participant("alice", 100, 0),
            new Participant("bob", 250, 30), new Participant("carol", 100, 0));
    private static final Duration LENGTH = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    /** The script: quotes from the time, the seq and the fills heard so far; cancels all now and then. */
    private static List<String> decide(String trader, long t, long seq, long filled) {
        long cents = 9_990 + (t / 100 + seq + filled) % 21;
        String side = (t / 100 + trader.length() + filled) % 2 == 0 ? "buy" : "sell";
        List<String> frames = new ArrayList<>();
        frames.add("{\"type\":\"order\",\"trader_id\":\"" + trader + "\",\"side\":\"" + side + "\",\"order_type\":"
                + "\"limit\",\"price\":" + String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100)
                + ",\"qty\":" + (1 + t % 3) + ",\"client_order_id\":\"" + trader + "-" + t + "\"}");
        if (t % 7 == 0) {
            frames.add("{\"type\":\"cancel_all\",\"trader_id\":\"" + trader + "\"}");
        }
        frames.add("{\"type\":\"done\",\"trader_id\":\"" + trader + "\",\"timestamp\":" + t + "}");
        return frames;
    }

    private static Market.Storage storage(Path folder) throws Exception {
        Files.createDirectories(folder);
        return new Market.Storage(folder.resolve("trades.csv"), folder.resolve("performance.csv"),
                folder.resolve("events.jsonl"), folder.resolve("journal"), FsyncPolicy.NONE, false);
    }

    @Test
    void theSameBattleInOneProcessIsTheSameBytesAsOverSockets() throws Exception {
        Path sockets = dir.resolve("sockets");
        Path oneProcess = dir.resolve("in-process");
        overSockets(sockets);

        Map<String, InProcessBattle.Bot> bots = new TreeMap<>();
        for (Participant p : ROSTER) {
            bots.put(p.traderId(), new InProcessBattle.Bot() {
                long filled;

                @Override
                public void privateMessage(ServerMessage message) {
                    if (message instanceof ServerMessage.Fill fill) {
                        filled += fill.qty();
                    }
                }

                @Override
                public void publicEvent(ServerMessage event) {
                }

                @Override
                public List<String> decide(long time, long seq) {
                    return InProcessEqualsSocketsTest.decide(p.traderId(), time, seq, filled);
                }
            });
        }
        InProcessBattle.Result result = InProcessBattle.run(new InProcessBattle.Settings(TickScale.cents(),
                EngineConfig.defaults(), storage(oneProcess), 42, START, START + LENGTH.toMillis()), ROSTER, bots);

        assertThat(result.trades()).isGreaterThan(5);
        for (String file : List.of("journal", "events.jsonl", "trades.csv", "performance.csv")) {
            assertThat(Files.readAllBytes(oneProcess.resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(sockets.resolve(file)));
        }
    }

    private static void overSockets(Path folder) throws Exception {
        Exchange exchange = Exchange.start(new Exchange.Settings("127.0.0.1", 0, 0, 0, TickScale.cents(),
                EngineConfig.defaults(), storage(folder), null, 0, 64 * 1024, 4L << 20,
                new Exchange.Lockstep(Set.of("alice", "bob", "carol"), 42, START, LENGTH, Duration.ofSeconds(5),
                        Duration.ofSeconds(20)), Exchange.Access.defaults()));
        List<Thread> threads = new ArrayList<>();
        List<TestClient> clients = new ArrayList<>();
        try {
            for (Participant p : ROSTER) {
                TestClient client = TestClient.connect(exchange.gatewayUri());
                clients.add(client);
                client.send("{\"type\":\"hello\",\"trader_id\":\"" + p.traderId() + "\",\"lockstep\":"
                        + "{\"decision_interval_ms\":" + p.decisionIntervalMillis() + ",\"latency_ms\":"
                        + p.latencyMillis() + "}}");
                Thread thread = new Thread(() -> script(client, p.traderId()));
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> WireJson.mapper().readTree(
                    java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(exchange.adminUri() + "/status")).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString()).body())
                    .get("lockstep").get("finished").asBoolean());
        } finally {
            threads.forEach(Thread::interrupt);
            clients.forEach(TestClient::close);
            exchange.close();
        }
    }

    private static void script(TestClient client, String trader) {
        long filled = 0;
        try {
            while (true) {
                String text = client.received.poll(100, TimeUnit.MILLISECONDS);
                if (text == null) {
                    continue;
                }
                JsonNode message = WireJson.mapper().readTree(text);
                switch (message.path("type").asText()) {
                    case "fill" -> filled += message.get("qty").asLong();
                    case "decide" -> {
                        for (String frame : decide(trader, message.get("timestamp").asLong(),
                                message.get("seq").asLong(), filled)) {
                            client.send(frame);
                        }
                    }
                    default -> { }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
