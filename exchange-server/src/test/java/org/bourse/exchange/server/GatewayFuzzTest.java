package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.RawWebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the order gateway over real sockets: every message type with random and broken fields,
 * truncated and deeply nested JSON, huge numbers, binary frames, and now and then a frame that breaks WebSocket
 * itself. The rule checked: every frame is answered exactly once, in order, or the connection is closed with one of
 * the codes docs/PROTOCOL.md lists for what breaks WebSocket (1002, 1007, 1009). The suite runs
 * {@value #SUITE_FRAMES} frames; {@code mvn -Psoak} runs more (-Dbourse.fuzz.frames, -Dbourse.fuzz.seed).
 */
class GatewayFuzzTest {
    static final int SUITE_FRAMES = 100_000;
    private static final int CONNECTIONS = 4;
    /** FrameEncoder sent before their answers are read: the last of each window is a probe whose answer closes it. */
    private static final int WINDOW = 400;
    private static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final Set<Integer> DOCUMENTED_CLOSES = Set.of(1002, 1007, 1009);
    /** The types that answer a frame (an order_cancelled only when it says "requested"; see {@link #answers}). */
    private static final Set<String> ANSWERS = Set.of("order_accepted", "order_rejected", "cancel_rejected",
            "replace_rejected", "order_replaced", "welcome", "all_orders_cancelled");

    @TempDir
    Path dir;

    @Test
    void everyFrameIsAnsweredOnceOrTheConnectionClosedWithADocumentedCode() throws Exception {
        long frames = Long.getLong("bourse.fuzz.frames", SUITE_FRAMES);
        long seed = Long.getLong("bourse.fuzz.seed", 20261207L);
        try (Exchange exchange = Harness.config(dir).start()) {
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            List<Future<Tally>> tallies = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                Fuzzer fuzzer = new Fuzzer(exchange.gatewayUri(), "fz" + i, new SplittableRandom(seed + i),
                        frames / CONNECTIONS);
                tallies.add(pool.submit(fuzzer::run));
            }
            Tally total = new Tally();
            for (Future<Tally> tally : tallies) {
                total.add(tally.get());
            }
            pool.shutdown();
            System.out.printf("gateway fuzz: seed %d, %d frames, %d answered, %d connections closed %s%n", seed,
                    total.sent, total.answered, total.closes.values().stream().mapToLong(Long::longValue).sum(),
                    total.closes);
            assertThat(total.sent).isGreaterThanOrEqualTo(frames - CONNECTIONS);
            assertThat(total.closes.keySet()).isSubsetOf(DOCUMENTED_CLOSES);
            // the exchange still serves: a plain order is accepted
            try (RawWebSocket client = RawWebSocket.connect(exchange.gatewayUri(), 1 << 20)) {
                client.sendText(Harness.limit("after", "buy", "99.00", 1, "last"));
                assertThat(client.readFrame().text()).contains("\"order_accepted\"");
            }
        }
    }

    /** What one connection's fuzzing came to. */
    static final class Tally {
        long sent;
        long answered;
        final Map<Integer, Long> closes = new TreeMap<>();

        void add(Tally other) {
            sent += other.sent;
            answered += other.answered;
            other.closes.forEach((code, count) -> closes.merge(code, count, Long::sum));
        }
    }

    /** Sends windows of random frames as one trader, checking after each that every frame got its answer. */
    private static final class Fuzzer {
        private final String uri;
        private final String trader;
        private final SplittableRandom random;
        private final long frames;
        private final Tally tally = new Tally();
        private long probes;

        Fuzzer(String uri, String trader, SplittableRandom random, long frames) {
            this.uri = uri;
            this.trader = trader;
            this.random = random;
            this.frames = frames;
        }

        Tally run() throws IOException {
            RawWebSocket socket = open();
            while (tally.sent < frames) {
                int window = (int) Math.min(WINDOW, frames - tally.sent);
                int expected = 0;
                Integer breaking = null;
                for (int i = 0; i < window - 1; i++) {
                    if (random.nextInt(3_000) == 0) {
                        breaking = sendBreaking(socket);
                        tally.sent++;
                        break;
                    }
                    sendOrdinary(socket);
                    tally.sent++;
                    expected++;
                }
                if (breaking != null) {
                    // the connection closes with the breaking frame's code
                    int code = readUntilClose(socket, expected);
                    assertThat(code).as("close after a frame breaking WebSocket").isEqualTo(breaking);
                    tally.closes.merge(code, 1L, Long::sum);
                    socket.close();
                    socket = open();
                    continue;
                }
                String probe = "probe-" + trader + "-" + probes++;
                socket.sendText(Harness.limit(trader, "buy", "99.00", 0, probe));
                tally.sent++;
                expected++;
                assertThat(readUntilProbe(socket, probe)).as("answers to a window of %d frames", expected)
                        .isEqualTo(expected);
                tally.answered += expected;
            }
            socket.close();
            return tally;
        }

        private RawWebSocket open() throws IOException {
            RawWebSocket socket = RawWebSocket.connect(uri, 1 << 20);
            socket.readTimeout(30_000);
            socket.sendText(Harness.hello(trader));
            assertThat(socket.readFrame().text()).contains("\"welcome\"");
            return socket;
        }

        /** Reads until the probe's answer; returns how many answers came, the probe's included. */
        private int readUntilProbe(RawWebSocket socket, String probe) throws IOException {
            int answered = 0;
            while (true) {
                RawWebSocket.Frame frame = socket.readFrame();
                assertThat(frame.isClose()).as("closed with %s", frame.isClose() ? frame.closeCode() : 0).isFalse();
                JsonNode message = WireJson.mapper().readTree(frame.text());
                answered += answers(message);
                if (probe.equals(message.path("client_order_id").asText(null))
                        && "order_rejected".equals(message.path("type").asText())) {
                    return answered;
                }
            }
        }

        /** Reads the answers to what came before a breaking frame, then its close; returns the close code. */
        private int readUntilClose(RawWebSocket socket, int expected) throws IOException {
            int answered = 0;
            while (true) {
                RawWebSocket.Frame frame = socket.readFrame();
                if (frame.isClose()) {
                    // answers still on their way when the connection broke are lost with it; none is extra
                    assertThat(answered).as("answers before the close").isLessThanOrEqualTo(expected);
                    tally.answered += answered;
                    return frame.closeCode();
                }
                answered += answers(WireJson.mapper().readTree(frame.text()));
            }
        }

        /**
         * How many frames this message answers: 1 for an answer type, 1 for an order_cancelled "requested" (a
         * cancel's answer, or one order of a cancel_all), minus the count of an all_orders_cancelled (whose
         * orders were each counted); fills, accounts and other cancels answer nothing.
         */
        private static int answers(JsonNode message) {
            String type = message.path("type").asText();
            if ("order_cancelled".equals(type)) {
                return "requested".equals(message.path("reason").asText()) ? 1 : 0;
            }
            if ("all_orders_cancelled".equals(type)) {
                return 1 - message.path("count").asInt();
            }
            return ANSWERS.contains(type) ? 1 : 0;
        }

        // ------------------------------------------------------------------------------------------ frames

        /** Sends a frame that breaks WebSocket itself; returns the close code it must bring. */
        private int sendBreaking(RawWebSocket socket) throws IOException {
            switch (random.nextInt(3)) {
                case 0 -> {
                    socket.sendFrame(0x1, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
                    return 1007;
                }
                case 1 -> {
                    socket.sendText("[" + "0,".repeat(MAX_FRAME_BYTES / 2) + "0]");
                    return 1009;
                }
                default -> {
                    socket.sendUnmaskedText(Harness.hello(trader));
                    return 1002;
                }
            }
        }

        private void sendOrdinary(RawWebSocket socket) throws IOException {
            int kind = random.nextInt(100);
            if (kind < 5) {
                // a binary frame: UTF-8 JSON is read like text, anything else refused
                byte[] bytes = kind < 3 ? message().getBytes(StandardCharsets.UTF_8) : randomBytes(1 + random.nextInt(64));
                socket.sendFrame(0x2, bytes);
            } else if (kind < 20) {
                socket.sendText(garbage());
            } else if (kind < 30) {
                String valid = message();
                socket.sendText(valid.substring(0, random.nextInt(valid.length())));
            } else {
                socket.sendText(message());
            }
        }

        private String garbage() {
            return switch (random.nextInt(9)) {
                case 0 -> "";
                case 1 -> "null";
                case 2 -> "[".repeat(10_000) + "]".repeat(10_000);
                case 3 -> "{\"type\":\"order\",\"qty\":1e309,\"price\":-1e309,\"trader_id\":\"" + trader + "\"}";
                case 4 -> "\"" + "x".repeat(random.nextInt(60_000)) + "\"";
                case 5 -> "{\"type\":" + random.nextLong() + "}";
                case 6 -> "{\"type\":\"order\",\"type\":\"cancel\",\"trader_id\":\"" + trader + "\"}";
                case 7 -> new String(randomPrintable(1 + random.nextInt(200)));
                default -> "{\"type\":\"hello\",\"trader_id\":\"" + trader + "\",\"crowd\":[\"bg_"
                        + random.nextInt(5) + "\",\"not_bg\"]}";
            };
        }

        /** A message of a random type whose fields are each, now and then, wrong. */
        private String message() {
            Map<String, Object> fields = new TreeMap<>();
            Object type = pick("order", "order", "order", "cancel", "replace", "cancel_all", "hello", "done",
                    "subscribe", null);
            fields.put("type", type);
            fields.put("trader_id", chance(95) ? trader : pick("someone_else", "bg_1", "", null, 7, "crowd"));
            fields.put("side", chance(90) ? pick("buy", "sell") : pick("BUY", "hold", null, 1));
            fields.put("order_type", chance(90) ? pick("limit", "limit", "market") : pick("stop", null, true));
            fields.put("price", chance(85) ? price() : pick(null, -1, 0, "100.00", 1e300, 99.999, "NaN"));
            fields.put("qty", chance(85) ? 1 + random.nextInt(20) : pick(0, -5, 1_000_001, 2.5, "3", null,
                    Long.MAX_VALUE));
            fields.put("client_order_id", chance(70) ? "c" + random.nextInt(1_000) : pick(null, "", 5, "x".repeat(300)));
            fields.put("order_id", chance(80) ? 1 + random.nextInt(2_000) : pick(-1, 0, "12", null, 1e20));
            if (chance(10)) {
                fields.put("time_in_force", pick("gtc", "ioc", "fok", "day", 3));
            }
            if (chance(5)) {
                fields.put("post_only", pick(true, false, "yes"));
            }
            if (chance(5)) {
                fields.put("token", pick("t", null, 42));
            }
            if (chance(5)) {
                fields.put("extra_" + random.nextInt(10), random.nextLong());
            }
            if (chance(10)) {
                fields.remove(pick("type", "trader_id", "side", "price", "qty", "order_id"));
            }
            return WireJson.encode(fields);
        }

        private Object price() {
            return new java.math.BigDecimal(9_000 + random.nextInt(2_000)).movePointLeft(2);
        }

        private boolean chance(int percent) {
            return random.nextInt(100) < percent;
        }

        private Object pick(Object... choices) {
            return choices[random.nextInt(choices.length)];
        }

        private byte[] randomBytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }

        private char[] randomPrintable(int length) {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = (char) (32 + random.nextInt(95));
            }
            return chars;
        }
    }
}
