package org.bourse.report;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.TickScale;
import org.bourse.testkit.TestClient;

/**
 * A run folder as a session leaves it, made by a real exchange: trades.csv and performance.csv written by the
 * exchange, and events.jsonl recorded from its event stream (every event frame, the snapshot left out) the way the
 * journal writes it. The trading is scripted: a maker quoting around a mid that moves, two takers hitting it, over
 * a few seconds so that there are several 1-second intervals to measure.
 */
final class RecordedRun {

    private RecordedRun() {
    }

    static Path record(Path folder) throws Exception {
        Files.createDirectories(folder);
        Exchange exchange = Exchange.start(new Exchange.Settings("127.0.0.1", 0, 0, 0, TickScale.cents(),
                EngineConfig.defaults(), folder.resolve("trades.csv"), folder.resolve("performance.csv"), null, 0,
                64 * 1024, 4L << 20));
        try (TestClient stream = TestClient.connect(exchange.streamUri());
             TestClient maker = TestClient.connect(exchange.gatewayUri());
             TestClient taker = TestClient.connect(exchange.gatewayUri());
             TestClient scalper = TestClient.connect(exchange.gatewayUri())) {
            stream.next(); // the snapshot: events.jsonl holds events only
            int[] mids = {10000, 10004, 10010, 10006, 9998, 9992, 9996, 10004, 10012, 10008};
            for (int round = 0; round < mids.length; round++) {
                int mid = mids[round];
                request(maker, "{\"type\":\"cancel_all\",\"trader_id\":\"maker_1\"}");
                for (int level = 1; level <= 3; level++) {
                    request(maker, limit("maker_1", "buy", mid - 2 * level, level));
                    request(maker, limit("maker_1", "sell", mid + 2 * level, level));
                }
                request(taker, market("taker_1", round % 3 == 2 ? "sell" : "buy", 1 + round % 2));
                request(scalper, market("scalper_1", round % 2 == 0 ? "sell" : "buy", 2));
                if (round % 4 == 1) {
                    request(scalper, limit("scalper_1", "buy", mid - 1, 1));
                    request(taker, market("taker_1", "sell", 1));
                }
                TimeUnit.MILLISECONDS.sleep(450);
            }
            long last = lastSeq(exchange);
            try (BufferedWriter events = Files.newBufferedWriter(folder.resolve(RunFolder.EVENTS),
                    StandardCharsets.UTF_8)) {
                for (String text : stream.readUpTo(last)) {
                    events.write(text);
                    events.write('\n');
                }
            }
        } finally {
            exchange.close();
        }
        return folder;
    }

    /** Sends one message and waits for its one answer (fills and cancels that come with it are skipped). */
    private static void request(TestClient trader, String message) throws Exception {
        trader.send(message);
        trader.nextJson(node -> TestClient.ANSWER_TYPES.contains(node.path("type").asText()));
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

    /** The seq of the exchange's last event: the admin endpoint answers in turn with the orders. */
    private static long lastSeq(Exchange exchange) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var reply = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(exchange.adminUri() + "/status"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return org.bourse.protocol.WireJson.mapper().readTree(reply.body()).get("seq").asLong();
    }

    /** The lines of a CSV file after its header, split at commas (Bourse's CSVs quote nothing). */
    static List<String[]> rows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList();
    }
}
