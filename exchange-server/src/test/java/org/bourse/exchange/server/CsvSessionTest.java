package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.exchange.server.Harness.num;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV files after a session played over real WebSocket connections: one row per trade and per position
 * update the stream published, with the same exact decimals, and nothing lost when the exchange is closed right
 * after the last orders.
 */
class CsvSessionTest {

    private static final String MONEY = "-?\\d+\\.\\d{2}";

    @TempDir
    Path dir;

    /** Reads numbers as they are written: 100.10 stays 100.10 (Jackson's tree would make it 100.1). */
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** Sends a frame and waits for the answer of the given type, skipping fills and the like. */
    private static void step(TestClient client, String frame, String answer) throws Exception {
        client.send(frame);
        client.nextJson(answer);
    }

    private static List<CSVRecord> records(Path file) throws Exception {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            return parser.getRecords();
        }
    }

    private static String plain(JsonNode node, String field) {
        return num(node, field).toPlainString();
    }

    @Test
    void theFilesHoldEveryTradeAndPositionUpdateExactlyEvenRightBeforeClose() throws Exception {
        Harness.Config config = Harness.config(dir);
        Exchange exchange = config.start();
        List<TestClient> clients = new ArrayList<>();
        TestClient feed = TestClient.connect(exchange.streamUri());
        try {
            feed.nextJson("snapshot");
            TestClient alice = TestClient.connect(exchange.gatewayUri());
            TestClient bob = TestClient.connect(exchange.gatewayUri());
            TestClient carol = TestClient.connect(exchange.gatewayUri());
            clients.addAll(List.of(alice, bob, carol));

            // phase 1: a scripted session (each step waits for its own answer, skipping fills)
            step(alice, Harness.limit("alice", "sell", "100.05", 2, "a1"), "order_accepted");
            step(alice, Harness.limit("alice", "sell", "100.10", 3, "a2"), "order_accepted");
            step(bob, Harness.limit("bob", "buy", "100.10", 4, "b1"), "order_accepted"); // 2 @ 100.05, 2 @ 100.10
            step(carol, Harness.market("carol,jr", "buy", 1, "c1"), "fill"); // 1 @ 100.10
            step(carol, Harness.limit("carol,jr", "buy", "99.95", 2, "c2"), "order_accepted");
            step(bob, Harness.market("bob", "sell", 3, "b2"), "order_cancelled"); // 2 @ 99.95, 1 cancelled
            step(alice, Harness.limit("alice", "buy", "100.00", 1, "a3"), "order_accepted");
            step(bob, Harness.limit("bob", "sell", "99.99", 1, "b3"), "fill"); // 1 @ 100.00
            long phase1Seq = WireJson.mapper().readTree(Harness.get(exchange.adminUri() + "/status").body())
                    .get("seq").asLong();
            // what the stream published in phase 1
            List<JsonNode> trades = new ArrayList<>();
            List<JsonNode> positions = new ArrayList<>();
            long seq = 0;
            while (seq < phase1Seq) {
                JsonNode event = EXACT.readTree(feed.nextText());
                seq = event.get("seq").asLong();
                switch (event.path("type").asText()) {
                    case "trade" -> trades.add(event);
                    case "position_update" -> positions.add(event);
                    default -> { }
                }
            }
            assertThat(trades).extracting(t -> plain(t, "price"))
                    .containsExactly("100.05", "100.10", "100.10", "99.95", "100.00");
            // alice's account, opened by her first order (which did not trade), then the two traders of each of
            // the four trading orders (bob and carol each opened theirs with an order that traded: one update)
            assertThat(positions).hasSize(9);
            assertThat(positions.get(0).get("trader_id").asText()).isEqualTo("alice");
            assertThat(positions.get(0).get("position").asLong()).isZero();

            // phase 2: a burst, and close() as soon as the last fill is in
            TestClient dora = TestClient.connect(exchange.gatewayUri());
            TestClient eve = TestClient.connect(exchange.gatewayUri());
            clients.addAll(List.of(dora, eve));
            int burst = 40;
            for (int i = 0; i < burst; i++) {
                dora.send(Harness.limit("dora", "sell", "100.20", 1, "d" + i));
            }
            for (int i = 0; i < burst; i++) {
                assertThat(dora.nextJson().path("type").asText()).isEqualTo("order_accepted");
            }
            for (int i = 0; i < burst; i++) {
                eve.send(Harness.market("eve", "buy", 1, "e" + i));
            }
            List<JsonNode> eveFills = new ArrayList<>();
            while (eveFills.size() < burst) {
                eveFills.add(eve.nextJson("fill"));
            }
            exchange.close();
            exchange = null;

            // trades.csv: phase 1 as the stream published it, phase 2 as the fills reported it
            assertThat(Files.readAllLines(config.tradesCsv()).get(0)).isEqualTo("timestamp,price,qty,buy_trader,sell_trader");
            List<CSVRecord> tradeRows = records(config.tradesCsv());
            assertThat(tradeRows).hasSize(5 + burst);
            for (int i = 0; i < trades.size(); i++) {
                JsonNode trade = trades.get(i);
                CSVRecord row = tradeRows.get(i);
                assertThat(row.get("timestamp")).isEqualTo(trade.get("timestamp").asText());
                assertThat(row.get("price")).isEqualTo(plain(trade, "price")).matches(MONEY);
                assertThat(row.get("qty")).isEqualTo(trade.get("qty").asText());
                assertThat(row.get("buy_trader")).isEqualTo(trade.get("buy_trader_id").asText());
                assertThat(row.get("sell_trader")).isEqualTo(trade.get("sell_trader_id").asText());
            }
            assertThat(tradeRows).extracting(row -> row.get("buy_trader")).contains("carol,jr");
            assertThat(Files.readString(config.tradesCsv())).contains(",\"carol,jr\",");
            List<CSVRecord> burstRows = tradeRows.subList(5, tradeRows.size());
            for (int i = 0; i < burst; i++) {
                CSVRecord row = burstRows.get(i);
                assertThat(row.get("timestamp")).isEqualTo(eveFills.get(i).get("timestamp").asText());
                assertThat(row.get("price")).isEqualTo("100.20");
                assertThat(row.get("qty")).isEqualTo("1");
                assertThat(row.get("buy_trader")).isEqualTo("eve");
                assertThat(row.get("sell_trader")).isEqualTo("dora");
            }

            // performance.csv: phase 1 row by row against the position updates
            assertThat(Files.readAllLines(config.performanceCsv()).get(0))
                    .isEqualTo("timestamp,trader_id,position,cash,realized_pnl,total_equity");
            List<CSVRecord> performanceRows = records(config.performanceCsv());
            // and in phase 2 dora's account, opened by her first order, then both traders of every trade; then, as
            // the exchange stopped, the closing valuation: every account at one mark, in the order they opened
            List<String> accounts = List.of("alice", "bob", "carol,jr", "dora", "eve");
            assertThat(performanceRows).hasSize(positions.size() + 1 + 2 * burst + accounts.size());
            List<CSVRecord> closing = performanceRows.subList(performanceRows.size() - accounts.size(),
                    performanceRows.size());
            assertThat(closing).extracting(row -> row.get("trader_id")).containsExactlyElementsOf(accounts);
            assertThat(closing).extracting(row -> row.get("timestamp")).containsOnly(closing.get(0).get("timestamp"));
            assertThat(Long.parseLong(closing.get(0).get("timestamp")))
                    .isGreaterThanOrEqualTo(eveFills.get(burst - 1).get("timestamp").asLong());
            // the book is one-sided (bob's and alice's bids rest): the mark is the last trade, 100.20
            for (CSVRecord row : closing) {
                assertThat(new BigDecimal(row.get("cash")).add(new BigDecimal(row.get("position"))
                        .multiply(new BigDecimal("100.20")))).as("%s", row).isEqualByComparingTo(row.get("total_equity"));
            }
            assertThat(List.of(closing.get(4).get("position"), closing.get(4).get("cash")))
                    .containsExactly("40", "5992.00");
            performanceRows = performanceRows.subList(0, performanceRows.size() - accounts.size());
            for (int i = 0; i < positions.size(); i++) {
                JsonNode update = positions.get(i);
                CSVRecord row = performanceRows.get(i);
                assertThat(row.get("timestamp")).isEqualTo(update.get("timestamp").asText());
                assertThat(row.get("trader_id")).isEqualTo(update.get("trader_id").asText());
                assertThat(row.get("position")).isEqualTo(update.get("position").asText());
                assertThat(row.get("cash")).isEqualTo(plain(update, "cash")).matches(MONEY);
                assertThat(row.get("realized_pnl")).isEqualTo(plain(update, "realized_pnl")).matches(MONEY);
                assertThat(row.get("total_equity")).isEqualTo(plain(update, "total_equity")).matches(MONEY);
                BigDecimal equity = new BigDecimal(row.get("cash"))
                        .add(new BigDecimal(row.get("position")).multiply(num(update, "mark_price")));
                assertThat(new BigDecimal(row.get("total_equity"))).as("row %d: %s", i, row).isEqualByComparingTo(equity);
            }
            // the scripted session, by hand: alice sold 2 @ 100.05 and 3 @ 100.10, bought 1 @ 100.00
            CSVRecord lastAlice = performanceRows.subList(0, positions.size()).stream()
                    .filter(r -> r.get("trader_id").equals("alice")).reduce((a, b) -> b).orElseThrow();
            assertThat(lastAlice.get("position")).isEqualTo("-4");
            assertThat(lastAlice.get("cash")).isEqualTo("10400.40");
            // average cost: short 5 at 100.08, one bought back at 100.00
            assertThat(lastAlice.get("realized_pnl")).isEqualTo("0.08");

            // phase 2, by hand: the k-th trade leaves eve k long and dora k short at 100.20, the mark (one-sided
            // book: the last trade), so that both are worth exactly their 10 000 of starting cash
            List<CSVRecord> burstPerformance = performanceRows.subList(positions.size(), performanceRows.size());
            List<CSVRecord> eveRows = burstPerformance.stream().filter(r -> r.get("trader_id").equals("eve")).toList();
            List<CSVRecord> doraRows = burstPerformance.stream().filter(r -> r.get("trader_id").equals("dora")).toList();
            assertThat(eveRows).hasSize(burst);
            assertThat(doraRows).hasSize(1 + burst);
            CSVRecord doraOpened = doraRows.get(0);
            assertThat(List.of(doraOpened.get("position"), doraOpened.get("cash"), doraOpened.get("total_equity")))
                    .containsExactly("0", "10000.00", "10000.00");
            doraRows = doraRows.subList(1, doraRows.size());
            BigDecimal price = new BigDecimal("100.20");
            for (int k = 1; k <= burst; k++) {
                CSVRecord e = eveRows.get(k - 1);
                CSVRecord d = doraRows.get(k - 1);
                BigDecimal notional = price.multiply(BigDecimal.valueOf(k));
                assertThat(e.get("timestamp")).isEqualTo(eveFills.get(k - 1).get("timestamp").asText());
                assertThat(e.get("position")).isEqualTo(String.valueOf(k));
                assertThat(e.get("cash")).isEqualTo(new BigDecimal("10000.00").subtract(notional).toPlainString());
                assertThat(d.get("position")).isEqualTo(String.valueOf(-k));
                assertThat(d.get("cash")).isEqualTo(new BigDecimal("10000.00").add(notional).toPlainString());
                for (CSVRecord row : List.of(e, d)) {
                    assertThat(row.get("realized_pnl")).isEqualTo("0.00");
                    assertThat(row.get("total_equity")).isEqualTo("10000.00");
                    assertThat(new BigDecimal(row.get("cash")).add(new BigDecimal(row.get("position")).multiply(price)))
                            .isEqualByComparingTo(row.get("total_equity"));
                }
            }
            assertThat(eveRows.get(burst - 1).get("cash")).isEqualTo("5992.00");
        } finally {
            clients.forEach(TestClient::close);
            feed.close();
            if (exchange != null) {
                exchange.close();
            }
        }
    }
}
