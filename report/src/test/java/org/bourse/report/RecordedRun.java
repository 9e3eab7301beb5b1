package org.bourse.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.journal.FsyncPolicy;
import org.bourse.exchange.market.Market;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.TestClient;

/**
 * A run folder as a session leaves it, made by a real exchange: trades.csv, performance.csv, events.jsonl and the
 * journal, all written by the exchange. The trading is scripted: a maker quoting around a mid that moves, two takers
 * hitting it, and a background crowd of two (one quoting a little wider than the maker, one taking at random) on
 * one crowd connection, over a few seconds so that there are several 1-second intervals to measure. What the
 * script sent and how it was answered is kept, so that a test can check what the report derives from the journal.
 * A fundamental.csv like a scenario's is written beside the exchange's files: a value that steps every 100 ms.
 */
final class RecordedRun {
    /** Per trader: orders sent, their lots, and the rejects received, by reason. */
    static final Map<String, TraderActivity> SENT = new TreeMap<>();

    private RecordedRun() {
    }

    /** The background crowd's traders of the recorded run. */
    static final List<String> CROWD = List.of("bg_mm_1", "bg_noise_1");

    static Path record(Path folder) throws Exception {
        Files.createDirectories(folder);
        SENT.clear();
        Exchange exchange = Exchange.start(new Exchange.Settings("127.0.0.1", 0, 0, 0, TickScale.cents(),
                EngineConfig.defaults(), new Market.Storage(folder.resolve(RunFolder.TRADES),
                folder.resolve(RunFolder.PERFORMANCE), folder.resolve(RunFolder.EVENTS),
                folder.resolve(RunFolder.JOURNAL), FsyncPolicy.NONE, false), null, 0, 64 * 1024, 4L << 20));
        try (TestClient maker = TestClient.connect(exchange.gatewayUri());
             TestClient taker = TestClient.connect(exchange.gatewayUri());
             TestClient scalper = TestClient.connect(exchange.gatewayUri());
             TestClient crowd = TestClient.connect(exchange.gatewayUri())) {
            crowd.send("{\"type\":\"hello\",\"trader_id\":\"crowd\",\"crowd\":[\"bg_mm_1\",\"bg_noise_1\"]}");
            crowd.nextJson("welcome");
            crowd.nextJson("welcome");
            int[] mids = {10000, 10004, 10010, 10006, 9998, 9992, 9996, 10004, 10012, 10008};
            for (int round = 0; round < mids.length; round++) {
                int mid = mids[round];
                // the crowd's maker first, so that the maker's new quotes never meet its old ones
                request(crowd, "{\"type\":\"cancel_all\",\"trader_id\":\"bg_mm_1\"}");
                request(maker, "{\"type\":\"cancel_all\",\"trader_id\":\"maker_1\"}");
                for (int level = 1; level <= 3; level++) {
                    request(maker, limit("maker_1", "buy", mid - 2 * level, level));
                    request(maker, limit("maker_1", "sell", mid + 2 * level, level));
                }
                request(crowd, limit("bg_mm_1", "buy", mid - 3, 2));
                request(crowd, limit("bg_mm_1", "sell", mid + 3, 2));
                request(taker, market("taker_1", round % 3 == 2 ? "sell" : "buy", 1 + round % 2));
                request(crowd, market("bg_noise_1", round % 3 == 1 ? "sell" : "buy", 1 + round % 3));
                request(scalper, market("scalper_1", round % 2 == 0 ? "sell" : "buy", 2));
                if (round % 4 == 1) {
                    request(scalper, limit("scalper_1", "buy", mid - 1, 1));
                    request(taker, market("taker_1", "sell", 1));
                }
                TimeUnit.MILLISECONDS.sleep(450);
            }
        } finally {
            exchange.close();
        }
        writeFundamental(folder);
        return folder;
    }

    /** A value every 100 ms from a little before the first trade to after the last, wandering around the mids. */
    private static void writeFundamental(Path folder) throws Exception {
        List<String[]> trades = rows(folder.resolve(RunFolder.TRADES));
        long first = Long.parseLong(trades.get(0)[0]);
        long last = Long.parseLong(trades.get(trades.size() - 1)[0]);
        StringBuilder csv = new StringBuilder("timestamp,fundamental\n");
        int cents = 10003;
        for (long t = first - 250, step = 0; t <= last + 500; t += 100, step++) {
            cents += (int) (step * 7 % 5) - 2;
            csv.append(t).append(',').append(cents / 100).append('.').append(String.format("%02d", cents % 100))
                    .append('\n');
        }
        Files.writeString(folder.resolve(RunFolder.FUNDAMENTAL), csv);
    }

    /**
     * Sends one message and waits for its own answer: an order's acceptance or refusal, a cancel-all's count. The
     * fills and cancels that come with it, or with an earlier message, are skipped: a cancel-all's order_cancelled
     * taken for its answer would let the script run ahead of the exchange (the crowd's old quotes could then meet
     * the maker's new ones).
     */
    private static void request(TestClient trader, String message) throws Exception {
        trader.send(message);
        JsonNode sent = WireJson.mapper().readTree(message);
        String id = sent.get("trader_id").asText();
        Set<String> answers = "cancel_all".equals(sent.get("type").asText()) ? Set.of("all_orders_cancelled")
                : Set.of("order_accepted", "order_rejected");
        JsonNode answer = trader.nextJson(node -> answers.contains(node.path("type").asText())
                && id.equals(node.path("trader_id").asText()));
        TraderActivity was = SENT.getOrDefault(id, new TraderActivity(0, 0, new TreeMap<>()));
        boolean order = "order".equals(sent.get("type").asText());
        SortedMap<String, Long> rejects = new TreeMap<>(was.rejectsByReason());
        if (answer.path("type").asText().endsWith("_rejected")) {
            rejects.merge(answer.get("reason").asText(), 1L, Long::sum);
        }
        SENT.put(id, new TraderActivity(was.ordersSent() + (order ? 1 : 0),
                was.quantitySent() + (order ? sent.get("qty").asLong() : 0), rejects));
    }

    private static String limit(String trader, String side, int cents, int qty) {
        return "{\"type\":\"order\",\"trader_id\":\"" + trader + "\",\"side\":\"" + side + "\",\"order_type\":"
                + "\"limit\",\"price\":" + cents / 100 + "." + String.format("%02d", cents % 100) + ",\"qty\":" + qty
                + "}";
    }

    private static String market(String trader, String side, int qty) {
        return "{\"type\":\"order\",\"trader_id\":\"" + trader + "\",\"side\":\"" + side
                + "\",\"order_type\":\"market\",\"price\":null,\"qty\":" + qty + "}";
    }

    /** The lines of a CSV file after its header, split at commas (Bourse's CSVs quote nothing). */
    static List<String[]> rows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList();
    }
}
