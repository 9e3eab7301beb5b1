package org.bourse.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.bourse.cli.CredentialsFile;
import org.bourse.exchange.replay.Replay;
import org.bourse.protocol.SessionHash;
import org.bourse.protocol.WireJson;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user does: runs a session (the real exchange, relay, bots and monitor as separate JVMs, started from
 * their jars the way {@code ./bourse session} starts them, on free ports), and afterwards checks what a user
 * would: every process's log, the monitor's screen (plain text: the output is not a terminal), both CSV files
 * against what the feed published, the leaderboard, a clean exit and no process left behind.
 */
class SessionEndToEndTest {
    private static final Path HOME = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().getParent();
    private static final Pattern EXCHANGE_LINE = Pattern.compile(
            "exchange\\s+(ws://127\\.0\\.0\\.1:\\d+) \\(orders\\), (ws://127\\.0\\.0\\.1:\\d+) \\(events\\)");
    private static final Pattern FEED_LINE = Pattern.compile("relay\\s+(ws://127\\.0\\.0\\.1:\\d+)");
    private static final List<String> TRADERS = List.of("maker_1", "maker_2", "taker_1", "random_1", "my_bot");
    private static final Path EXAMPLE_JAR = HOME.resolve("examples/my-strategy/target/my-strategy.jar");

    @TempDir
    Path dir;

    /**
     * Runs until every trader has traded, then stops the session as Ctrl+C would (SIGTERM takes the same path):
     * a fixed duration would make the test depend on how fast the machine starts seven JVMs.
     */
    @Test
    void aBattleFromStartToLeaderboard() throws Exception {
        Path config = dir.resolve("battle.json");
        Files.writeString(config, """
                {
                  "market_data_uri": "ws://127.0.0.1:9010",
                  "order_gateway_uri": "ws://127.0.0.1:9001",
                  "bots": [
                    {"trader_id": "maker_1", "strategy": "maker", "seed": 1, "decision_interval": 0.2},
                    {"trader_id": "maker_2", "strategy": "maker", "seed": 2, "decision_interval": 0.3},
                    {"trader_id": "taker_1", "strategy": "taker", "seed": 3, "decision_interval": 0.2,
                     "strategy_params": {"aggression": 1.0}},
                    {"trader_id": "random_1", "strategy": "random", "seed": 4, "decision_interval": 0.2},
                    {"trader_id": "my_bot", "strategy": "com.acme.MyStrategy", "strategy_jar": "%s",
                     "decision_interval": 0.2, "strategy_params": {"qty": 2}}
                  ]
                }
                """.formatted(EXAMPLE_JAR.toString().replace("\\", "/")));
        Path run = dir.resolve("run");
        Path output = dir.resolve("session.out");
        Process session = new ProcessBuilder(List.of(javaCommand(), "-cp", System.getProperty("java.class.path"),
                SessionMain.class.getName(), "--config", config.toString(), "--duration", "150s",
                "--run-dir", run.toString(), "--gateway-port", "0", "--stream-port", "0", "--feed-port", "0",
                "--admin-port", "0", "--http-port", "0"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).directory(dir.toFile()).start();
        session.getOutputStream().close();
        try {
            // a subscriber of our own, to compare what the feed published with what the files say
            String feedUri = await().atMost(Duration.ofSeconds(60)).until(() -> feedUri(output), uri -> uri != null);
            Feed feed = new Feed(URI.create(feedUri));
            feed.connectBlocking(10, TimeUnit.SECONDS);

            Set<ProcessHandle> processes = new HashSet<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                session.descendants().forEach(processes::add);
                return processes.size() >= 3 + 1 + TRADERS.size(); // exchange, relay, battle, monitor, bots
            });
            strangersAreKeptOut(run, Files.readString(output));
            // every trader traded, and the monitor showed each of them; then Ctrl+C
            await().atMost(Duration.ofSeconds(90)).until(() -> feed.tradersSeen().containsAll(TRADERS));
            // (the monitor lists the battle's bots from the start, "no orders yet": wait for their accounts)
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                String shown = Files.readString(output);
                return TRADERS.stream().allMatch(trader -> accountShown(shown, trader))
                        && Pattern.compile("(?m)^TRADES count=[1-9]\\d* last=").matcher(shown).find();
            });
            session.destroy();
            assertThat(session.waitFor(60, TimeUnit.SECONDS)).as("the session stops on SIGTERM").isTrue();
            String out = Files.readString(output);
            assertThat(session.exitValue()).as(out).isZero();
            feed.close();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(processes).as("no process left behind").noneMatch(ProcessHandle::isAlive));

            // the monitor showed the market (plain text, as the output is not a terminal)
            assertThat(out).contains("STATUS: CONNECTED").containsPattern("(?m)^BOOK bid ")
                    .containsPattern("(?m)^TRADES count=[1-9]\\d* last=");
            for (String trader : TRADERS) {
                assertThat(accountShown(out, trader)).as(trader).isTrue();
            }
            // the session stopped everything in order and told where the results are
            assertThat(out).contains("battle: stopped", "relay: stopped", "exchange: stopped")
                    .contains("Leaderboard (").contains(run.resolve("trades.csv").toAbsolutePath().toString())
                    .contains("Report:       " + run.resolve("report.html").toAbsolutePath());
            assertThat(out.indexOf("battle: stopped")).isLessThan(out.indexOf("relay: stopped"));
            assertThat(out.indexOf("relay: stopped")).isLessThan(out.indexOf("exchange: stopped"));

            // each process logged what the walkthrough says it logs
            assertThat(Files.readString(run.resolve("exchange.log"))).contains("ws://127.0.0.1:")
                    .contains("trades.csv").contains("performance.csv");
            assertThat(Files.readString(run.resolve("relay.log"))).contains(feedUri);
            String battleLog = Files.readString(run.resolve("battle.log"));
            for (String trader : TRADERS) {
                assertThat(battleLog).contains("[" + trader);
            }
            // the user's own strategy, loaded from its jar, took part
            assertThat(battleLog).contains("my_bot: trading with com.acme.MyStrategy")
                    .containsPattern("my_bot: stopped; [1-9]\\d* orders? sent");

            // the files: exact headers, every published trade and account update in them, equity exact
            List<String> tradeLines = Files.readAllLines(run.resolve("trades.csv"));
            assertThat(tradeLines.get(0)).isEqualTo("timestamp,price,qty,buy_trader,sell_trader");
            List<String> performanceLines = Files.readAllLines(run.resolve("performance.csv"));
            assertThat(performanceLines.get(0))
                    .isEqualTo("timestamp,trader_id,position,cash,realized_pnl,total_equity");
            Set<String> tradeRows = rows(run.resolve("trades.csv"));
            Set<String> performanceRows = rows(run.resolve("performance.csv"));
            assertThat(feed.trades).as("the feed published trades while we watched").isNotEmpty();
            for (JsonNode trade : feed.trades) {
                assertThat(tradeRows).contains(String.join(",", trade.get("timestamp").asText(),
                        plain(trade.get("price")), trade.get("qty").asText(), trade.get("buy_trader_id").asText(),
                        trade.get("sell_trader_id").asText()));
            }
            for (JsonNode update : feed.positions) {
                BigDecimal cash = update.get("cash").decimalValue();
                BigDecimal equity = update.get("total_equity").decimalValue();
                BigDecimal mark = update.get("mark_price").decimalValue();
                long position = update.get("position").asLong();
                assertThat(equity).isEqualByComparingTo(cash.add(mark.multiply(BigDecimal.valueOf(position))));
                assertThat(performanceRows).contains(String.join(",", update.get("timestamp").asText(),
                        update.get("trader_id").asText(), Long.toString(position), plain(update.get("cash")),
                        plain(update.get("realized_pnl")), plain(update.get("total_equity"))));
            }
            assertThat(out).contains("(" + (tradeLines.size() - 1) + " trades)");

            // the leaderboard ranks on the closing valuation: each trader's last row, all at one moment and one mark
            List<CSVRecord> closing = closingRows(run.resolve("performance.csv"));
            assertThat(closing).extracting(row -> row.get("trader_id")).containsAll(TRADERS);
            assertThat(closing).extracting(row -> row.get("timestamp")).as("one moment").hasSize(closing.size())
                    .containsOnly(closing.get(0).get("timestamp"));
            Set<BigDecimal> marks = new HashSet<>();
            for (CSVRecord row : closing) {
                long position = Long.parseLong(row.get("position"));
                if (position != 0) {
                    marks.add(new BigDecimal(row.get("total_equity")).subtract(new BigDecimal(row.get("cash")))
                            .divide(BigDecimal.valueOf(position)).stripTrailingZeros());
                }
                assertThat(out).containsPattern("(?m)^\\s*\\d+\\s+" + row.get("trader_id") + "\\s+.*\\s"
                        + Pattern.quote(row.get("total_equity")) + "$");
            }
            assertThat(marks).as("one mark").hasSizeLessThanOrEqualTo(1);

            // the journal replays to the same files, byte for byte, and the same session hash
            String hash = SessionHash.ofFile(run.resolve("events.jsonl"));
            assertThat(out).contains("session hash: " + hash);
            assertThat(Files.readString(run.resolve("exchange.log"))).contains("session hash: " + hash);
            Path replayed = dir.resolve("replayed");
            Replay.Result replay = Replay.run(run.resolve("journal"), replayed, Replay.Until.END);
            assertThat(replay.sessionHash()).isEqualTo(hash);
            for (String file : List.of("trades.csv", "performance.csv", "events.jsonl")) {
                assertThat(Files.readAllBytes(replayed.resolve(file))).as(file)
                        .isEqualTo(Files.readAllBytes(run.resolve(file)));
            }
        } finally {
            session.destroyForcibly();
            session.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * With no configuration at all, the session's bots have tokens that only the user can read: another program
     * can neither trade as one of them nor read the exchange's stream.
     */
    private static void strangersAreKeptOut(Path run, String output) throws Exception {
        Path credentials = run.resolve(SessionMain.CREDENTIALS);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        assertThat(CredentialsFile.read(credentials)).containsKeys(TRADERS.toArray(String[]::new))
                .containsKey(CredentialsFile.STREAM);
        Matcher exchange = EXCHANGE_LINE.matcher(output);
        assertThat(exchange.find()).as(output).isTrue();
        CompletableFuture<String> answer = new CompletableFuture<>();
        WebSocket gateway = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(exchange.group(1)), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence text, boolean last) {
                        answer.complete(text.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        gateway.sendText("{\"type\":\"cancel_all\",\"trader_id\":\"maker_1\"}", true);
        assertThat(answer.get(10, TimeUnit.SECONDS)).contains("\"reason\":\"not_authenticated\"");
        gateway.abort();
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(exchange.group(2)), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS))
                .as("the stream without its token").isInstanceOf(ExecutionException.class);
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String feedUri(Path output) throws IOException {
        if (!Files.exists(output)) {
            return null;
        }
        Matcher m = FEED_LINE.matcher(Files.readString(output, StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }

    private static String plain(JsonNode number) {
        return number.decimalValue().toPlainString();
    }

    /** Each trader's last row of performance.csv. */
    private static List<CSVRecord> closingRows(Path csv) throws IOException {
        java.util.Map<String, CSVRecord> last = new java.util.TreeMap<>();
        try (Reader reader = Files.newBufferedReader(csv)) {
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader)) {
                last.put(record.get("trader_id"), record);
            }
        }
        return List.copyOf(last.values());
    }

    private static Set<String> rows(Path csv) throws IOException {
        Set<String> rows = new HashSet<>();
        try (Reader reader = Files.newBufferedReader(csv)) {
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader)) {
                List<String> values = new ArrayList<>();
                record.forEach(values::add);
                rows.add(String.join(",", values));
            }
        }
        return rows;
    }

    /** Collects the live trades and account updates the feed publishes (after its snapshot). */
    private static final class Feed extends WebSocketClient {
        /** Prices as the exact decimals they are on the wire (100.10 stays 100.10, as in the CSV). */
        private static final ObjectMapper EXACT = WireJson.mapper().copy()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

        final ConcurrentLinkedQueue<JsonNode> trades = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<JsonNode> positions = new ConcurrentLinkedQueue<>();

        Set<String> tradersSeen() {
            Set<String> traders = new HashSet<>();
            positions.forEach(update -> traders.add(update.get("trader_id").asText()));
            return traders;
        }

        Feed(URI uri) {
            super(uri);
        }

        @Override
        public void onMessage(String message) {
            try {
                JsonNode node = EXACT.readTree(message);
                switch (node.path("type").asText()) {
                    case "trade" -> trades.add(node);
                    case "position_update" -> positions.add(node);
                    default -> { }
                }
            } catch (IOException e) {
                throw new IllegalStateException("the feed sent something that is not JSON: " + message, e);
            }
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception e) {
        }
    }

    /** Whether the monitor printed a line with the trader's account (not its "no orders yet" placeholder). */
    private static boolean accountShown(String output, String trader) {
        return Pattern.compile("(?m)^TRADER " + Pattern.quote(trader) + " .* status=(active|bankrupt)$")
                .matcher(output).find();
    }
}
