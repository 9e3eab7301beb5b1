package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bourse.testkit.RawWebSocket;
import org.bourse.testkit.TestClient;
import org.java_websocket.enums.Opcode;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends, the exchange answers each frame once, in order, with a precise reason, stays up, and
 * other connections do not notice.
 */
class BadInputTest extends RunningExchangeTest {

    private static final Duration QUIET = Duration.ofMillis(300);
    /** A strict JSON reader: refuses NaN and Infinity, as Python's and browsers' strict consumers do. */
    private static final ObjectMapper STRICT = new ObjectMapper();


    private static String type(JsonNode node) {
        return node.path("type").asText();
    }

    /** One frame and its expected answer: type, reason, and details.error (a trailing '*' means "starts with"). */
    private record Case(String frame, byte[] binary, String type, String reason, String error) {
        static Case text(String frame, String type, String reason, String error) {
            return new Case(frame, null, type, reason, error);
        }

        static Case rejected(String frame, String error) {
            return new Case(frame, null, "order_rejected", "invalid_message", error);
        }

        static Case notJson(String frame, String error) {
            return new Case(frame, null, "order_rejected", "invalid_json", error);
        }
    }

    private static String order(String price, String qty) {
        return "{\"type\":\"order\",\"trader_id\":\"bad\",\"side\":\"buy\",\"order_type\":\"limit\",\"price\":" + price
                + ",\"qty\":" + qty + ",\"client_order_id\":\"x\"}";
    }

    private static String orderWith(String member) {
        return "{\"type\":\"order\",\"trader_id\":\"bad\",\"side\":\"buy\",\"price\":99,\"qty\":1," + member + "}";
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(Case.notJson("this is not json", "not valid JSON: *"));
        cases.add(Case.notJson("", "expected a JSON object"));
        cases.add(Case.notJson("[1,2,3]", "expected a JSON object"));
        cases.add(Case.notJson("\"order\"", "expected a JSON object"));
        cases.add(Case.notJson("{\"type\":\"order\"} {}", "not valid JSON: *"));
        cases.add(Case.notJson("{\"type\":\"order\",\"trader_id\":\"bad\",", "not valid JSON: *"));
        cases.add(Case.notJson("[".repeat(60_000), "not valid JSON: *"));
        cases.add(Case.rejected("{}", "type: missing"));
        cases.add(Case.rejected("{\"type\":\"teleport\",\"trader_id\":\"bad\"}",
                "type: unknown message type 'teleport' (expected order, cancel, cancel_all, replace, hello or done)"));
        cases.add(Case.rejected("{\"type\":42}", "type: must be a string, not the number 42"));
        cases.add(Case.rejected("{\"type\":\"order\",\"side\":\"buy\",\"price\":99,\"qty\":1}", "trader_id: missing"));
        cases.add(Case.rejected(order("99", "1").replace("\"bad\"", "\"\""), "trader_id: must not be empty"));
        cases.add(Case.rejected(order("99", "1").replace("\"bad\"", "7"), "trader_id: must be a string, not the number 7"));
        cases.add(Case.rejected(order("99", "1").replace("\"bad\"", "\"b\\u0001d\""),
                "trader_id: must not contain control characters"));
        cases.add(Case.rejected(order("99", "1").replace("\"side\":\"buy\",", ""), "side: missing"));
        cases.add(Case.rejected(order("99", "1").replace("\"buy\"", "true"), "side: must be a string, not true"));
        cases.add(Case.rejected(order("99", "1").replace("\"limit\"", "\"stop\""),
                "order_type: 'stop' is not one of limit, market"));
        cases.add(Case.rejected(order("\"100.05\"", "1"), "price: must be a number, not the string \"100.05\""));
        cases.add(Case.rejected(order("NaN", "1"), "price: must be a finite number, not NaN"));
        cases.add(Case.rejected(order("Infinity", "1"), "price: must be a finite number, not Infinity"));
        cases.add(Case.rejected(order("-Infinity", "1"), "price: must be a finite number, not -Infinity"));
        cases.add(Case.rejected(order("0", "1"), "price: must be greater than 0, not 0"));
        cases.add(Case.rejected(order("-5", "1"), "price: must be greater than 0, not -5"));
        cases.add(Case.rejected(order("[]", "1"), "price: must be a number, not an array"));
        cases.add(Case.rejected(order("null", "1"), "price: required for a limit order"));
        cases.add(Case.rejected(order("100.05", "1").replace("\"limit\"", "\"market\""),
                "price: must be null/omitted for market orders"));
        cases.add(Case.rejected(order("1e30", "1"), "price: 1000000000000000000000000000000 is too large"));
        cases.add(Case.rejected(order("1e999999999", "1"), "price: 1E+999999999 is too large"));
        cases.add(Case.rejected(order("1e-999999999", "1"),
                "price: 1E-999999999 is not a multiple of the tick size 0.01"));
        cases.add(Case.rejected(order("99", "\"1\""), "qty: must be an integer, not the string \"1\""));
        cases.add(Case.rejected(order("99", "0"), "qty: must be at least 1, not 0"));
        cases.add(Case.rejected(order("99", "-3"), "qty: must be at least 1, not -3"));
        cases.add(Case.rejected(order("99", "2.5"), "qty: must be a whole number, not 2.5"));
        cases.add(Case.rejected(order("99", "1e30"), "qty: is too large: 1000000000000000000000000000000"));
        cases.add(Case.rejected(order("99", "NaN"), "qty: must be a finite integer, not NaN"));
        cases.add(Case.rejected(order("99", "null"), "qty: missing"));
        cases.add(Case.rejected(order("99", "1").replace("\"x\"", "5"),
                "client_order_id: must be a string or null, not the number 5"));
        cases.add(Case.rejected(order("99", "1").replace("\"x\"", "\"" + "c".repeat(65) + "\""),
                "client_order_id: longer than 64 characters"));
        cases.add(Case.rejected(orderWith("\"tif\":\"day\""), "tif: 'day' is not one of gtc, ioc, fok"));
        cases.add(Case.rejected(orderWith("\"post_only\":\"yes\""),
                "post_only: must be true or false, not the string \"yes\""));
        cases.add(Case.text("{\"type\":\"cancel\",\"trader_id\":\"bad\"}", "cancel_rejected", "invalid_message",
                "order_id: give order_id or client_order_id"));
        cases.add(Case.text("{\"type\":\"cancel\",\"trader_id\":\"bad\",\"order_id\":\"7\"}", "cancel_rejected",
                "invalid_message", "order_id: must be an integer, not the string \"7\""));
        cases.add(Case.text("{\"type\":\"replace\",\"trader_id\":\"bad\",\"order_id\":7}", "replace_rejected",
                "invalid_message", "price: give a new price, a new qty, or both"));
        cases.add(Case.text("{\"type\":\"replace\",\"trader_id\":\"bad\",\"order_id\":7,\"qty\":-1}",
                "replace_rejected", "invalid_message", "qty: must be at least 1, not -1"));
        cases.add(new Case(null, new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, 0x28}, "order_rejected",
                "invalid_json", "a binary frame must hold UTF-8 JSON"));
        cases.add(new Case(null, new byte[] {'{', '"', (byte) 0xe2, (byte) 0x82, '"', '}'}, "order_rejected",
                "invalid_json", "a binary frame must hold UTF-8 JSON"));
        // valid ones in between: they must be answered too, in their place
        cases.add(Case.text(order("99", "2.0"), "order_accepted", null, null));
        cases.add(new Case(null, order("98", "1").getBytes(StandardCharsets.UTF_8), "order_accepted", null, null));
        cases.add(Case.text(order("99", "1").replace("\"bad\"", "\"someone_else\""), "order_rejected",
                "trader_mismatch", null));
        return cases;
    }

    @Test
    void everyBadFrameGetsOnePreciseRejectInOrderAndOtherConnectionsDoNotNotice() throws Exception {
        TestClient bystander = gateway();
        TestClient attacker = gateway();
        TestClient feed = connect(exchange.streamUri());
        feed.nextJson("snapshot");
        JsonNode before = bystander.request(Harness.limit("good", "sell", "101.00", 1, "g1"));
        assertThat(type(before)).isEqualTo("order_accepted");
        feed.nextJson("book_update");
        feed.nextJson("position_update"); // its first order opened its account
        List<Case> cases = cases();

        for (Case c : cases) {
            if (c.binary() != null) {
                attacker.sendBinary(c.binary());
            } else {
                attacker.send(c.frame());
            }
        }

        List<JsonNode> replies = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            replies.add(attacker.nextJson());
        }
        attacker.expectSilence(QUIET);
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            JsonNode reply = replies.get(i);
            String what = "reply " + i + " to " + (c.frame() == null ? "a binary frame" : cut(c.frame())) + ": " + reply;
            assertThat(type(reply)).as(what).isEqualTo(c.type());
            if (c.reason() != null) {
                assertThat(reply.path("reason").asText()).as(what).isEqualTo(c.reason());
            }
            if (c.error() != null) {
                String error = reply.path("details").path("error").asText();
                if (c.error().endsWith("*")) {
                    assertThat(error).as(what).startsWith(c.error().substring(0, c.error().length() - 1));
                } else {
                    assertThat(error).as(what).isEqualTo(c.error());
                }
            }
        }
        assertThat(attacker.closeCode).isEqualTo(-1);

        // the bystander saw nothing of it and still trades; the stream carried only the two valid orders' books
        // and the account the first of them opened (a frame refused before the engine opens none)
        bystander.expectSilence(Duration.ZERO);
        List<JsonNode> events = feed.drain(QUIET);
        assertThat(events).extracting(BadInputTest::type).containsExactly("book_update", "position_update",
                "book_update");
        assertThat(events.get(1).path("trader_id").asText()).isEqualTo("bad");
        bystander.send(Harness.limit("good", "sell", "98.00", 1, "g2"));
        assertThat(type(bystander.nextJson())).isEqualTo("order_accepted");
        assertThat(type(bystander.nextJson())).isEqualTo("fill");
    }

    private static String cut(String frame) {
        return frame.length() > 120 ? frame.substring(0, 120) + "..." : frame;
    }

    @Test
    void aFrameOverTheLimitClosesThatConnectionWith1009AndOnlyThatOne() throws Exception {
        TestClient feed = feed();
        TestClient other = gateway();
        TestClient big = gateway();
        // just under 64 KiB is fine
        String padded = Harness.limitWith("big", "buy", "99.00", 1, "p1", "\"pad\":\"" + "p".repeat(60_000) + "\"");
        assertThat(type(big.request(padded))).isEqualTo("order_accepted");

        big.send("{\"type\":\"order\",\"pad\":\"" + "x".repeat(70_000) + "\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> big.closeCode != -1);
        assertThat(big.closeCode).isEqualTo(1009);
        big.expectSilence(Duration.ZERO);
        // big's connection was its last: its resting bid leaves with it (cancel on disconnect)
        assertThat(feed.nextJson(node -> type(node).equals("book_update") && node.get("bids").isEmpty()))
                .isNotNull();
        JsonNode reply = other.request(Harness.limit("other", "sell", "99.00", 1, "o1"));
        assertThat(type(reply)).isEqualTo("order_accepted");
        TestClient fresh = gateway();
        JsonNode welcome = fresh.request(Harness.hello("big"));
        assertThat(type(welcome)).isEqualTo("welcome");
        assertThat(welcome.get("open_orders")).isEmpty();
    }

    @Test
    void aClientStillSendingItsHugeFrameIsToldWhyBeforeTheSocketCloses() throws Exception {
        // the server has refused the frame after its header; the client keeps writing 4 MiB into it. Closing the
        // socket at once would answer those bytes with a reset that can wipe out the close frame.
        try (RawWebSocket raw = RawWebSocket.connect(exchange.gatewayUri(), 64 * 1024)) {
            raw.readTimeout(5_000);
            raw.sendText("{\"type\":\"order\",\"pad\":\"" + "z".repeat(4 << 20) + "\"}");
            assertThat(raw.readFrame().closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void aFragmentedMessageOverTheLimitIsClosedWith1009Too() throws Exception {
        TestClient other = gateway();
        TestClient big = gateway();
        byte[] half = ("{\"pad\":\"" + "y".repeat(40_000)).getBytes(StandardCharsets.UTF_8);

        big.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(half), false);
        big.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap(half), false);
        big.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap("\"}".getBytes(StandardCharsets.UTF_8)), true);

        await().atMost(Duration.ofSeconds(5)).until(() -> big.closeCode != -1);
        assertThat(big.closeCode).isEqualTo(1009);
        assertThat(type(other.request(Harness.hello("other")))).isEqualTo("welcome");
    }

    // ------------------------------------------------------------------------------------------- fuzz

    private static final String[] JUNK = {"NaN", "Infinity", "-Infinity", "-1", "0", "1e30", "1e-30", "null", "true",
        "\"x\"", "[]", "{}", "\"\"", "99.999", "1.5", "-0", "9223372036854775808", "\"\\u0000\"", "1e999999999",
        "\"BUY\"", "\"market\"", "\"fok\"", "100", "100.01"};
    private static final String[] KEYS = {"type", "trader_id", "side", "order_type", "price", "qty",
        "client_order_id", "order_id", "tif", "post_only", "token"};

    private static String validFrame(Random rnd) {
        String price = (9500 + rnd.nextInt(1000)) / 100 + "." + String.format("%02d", rnd.nextInt(100));
        String side = rnd.nextBoolean() ? "buy" : "sell";
        String coid = "f" + rnd.nextInt(50);
        return switch (rnd.nextInt(10)) {
            case 0, 1, 2 -> Harness.limit("fz", side, price, 1 + rnd.nextInt(5), coid);
            case 3 -> Harness.market("fz", side, 1 + rnd.nextInt(3), coid);
            case 4 -> Harness.limitWith("fz", side, price, 1 + rnd.nextInt(5), coid,
                    "\"tif\":\"" + List.of("gtc", "ioc", "fok").get(rnd.nextInt(3)) + "\",\"post_only\":"
                            + rnd.nextBoolean());
            case 5 -> Harness.cancel("fz", 1 + rnd.nextInt(300));
            case 6 -> Harness.cancelByClientId("fz", coid);
            case 7 -> Harness.cancelAll("fz");
            case 8 -> rnd.nextBoolean()
                    ? Harness.replace("fz", 1 + rnd.nextInt(300), rnd.nextBoolean() ? price : null,
                            rnd.nextBoolean() ? (long) (1 + rnd.nextInt(5)) : null)
                    : Harness.replaceByClientId("fz", coid, price, rnd.nextBoolean() ? (long) (1 + rnd.nextInt(5)) : null);
            default -> Harness.hello("fz");
        };
    }

    private static String mutate(String frame, Random rnd) {
        int n = frame.length();
        return switch (rnd.nextInt(9)) {
            case 0 -> frame; // valid
            case 1 -> { // delete a span
                int from = rnd.nextInt(n);
                yield frame.substring(0, from) + frame.substring(Math.min(n, from + 1 + rnd.nextInt(8)));
            }
            case 2 -> { // insert characters
                int at = rnd.nextInt(n + 1);
                String chars = "{}[]\":,\\ 0123456789.-+eE\u0000\u00e9\u20ac\ud83d\ude00";
                StringBuilder insert = new StringBuilder();
                for (int i = 0, k = 1 + rnd.nextInt(4); i < k; i++) {
                    insert.append(chars.charAt(rnd.nextInt(chars.length())));
                }
                yield frame.substring(0, at) + insert + frame.substring(at);
            }
            case 3, 4 -> { // replace one value with junk
                String key = KEYS[rnd.nextInt(KEYS.length)];
                String replaced = frame.replaceFirst("\"" + key + "\":(\"[^\"]*\"|[^,}]*)",
                        "\"" + key + "\":" + java.util.regex.Matcher.quoteReplacement(JUNK[rnd.nextInt(JUNK.length)]));
                yield replaced;
            }
            case 5 -> frame.substring(0, rnd.nextInt(n)); // truncate
            case 6 -> { // rename a key
                String key = KEYS[rnd.nextInt(KEYS.length)];
                yield frame.replace("\"" + key + "\"", "\"" + KEYS[rnd.nextInt(KEYS.length)] + "\"");
            }
            case 7 -> frame + (rnd.nextBoolean() ? frame : " x"); // trailing tokens
            default -> { // change the trader
                yield frame.replace("\"fz\"", rnd.nextBoolean() ? "\"fz2\"" : "\"FZ\"");
            }
        };
    }

    /** Answers counted once per frame: a cancel_all's own order_cancelled replies are paid back by its count. */
    private static long answers(List<String> texts) throws Exception {
        long answers = 0;
        for (String text : texts) {
            JsonNode node = STRICT.readTree(text);
            String type = type(node);
            if (type.equals("order_cancelled")) {
                if (node.path("reason").asText().equals("requested")) {
                    answers++;
                }
            } else if (TestClient.ANSWER_TYPES.contains(type)) {
                answers++;
                if (type.equals("all_orders_cancelled")) {
                    answers -= node.get("count").asLong();
                }
            }
        }
        return answers;
    }

    @Test
    void seededFuzzOverOneConnectionIsAnsweredFrameByFrameAndTheServerStaysUp() throws Exception {
        Random rnd = new Random(0xB0055EL);
        int frames = 3_000;
        TestClient fuzz = gateway();
        assertThat(type(fuzz.request(Harness.hello("fz")))).isEqualTo("welcome");

        for (int i = 0; i < frames; i++) {
            String frame = mutate(validFrame(rnd), rnd);
            if (rnd.nextInt(20) == 0) {
                byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
                if (bytes.length > 0) {
                    bytes[rnd.nextInt(bytes.length)] = (byte) (0x80 + rnd.nextInt(0x80));
                }
                fuzz.sendBinary(bytes);
            } else {
                fuzz.send(frame);
            }
        }

        List<String> texts = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            fuzz.received.drainTo(texts);
            return answers(texts) >= frames;
        });
        Thread.sleep(QUIET.toMillis());
        fuzz.received.drainTo(texts);
        // every frame from the server is strict JSON (no NaN, no Infinity), and there is one answer per frame
        assertThat(answers(texts)).isEqualTo(frames);
        assertThat(fuzz.closeCode).isEqualTo(-1);

        // still up: clear fz's orders, then two fresh connections trade
        fuzz.send(Harness.cancelAll("fz"));
        fuzz.nextJson("all_orders_cancelled");
        TestClient seller = gateway();
        TestClient buyer = gateway();
        assertThat(type(seller.request(Harness.limit("s", "sell", "100.00", 1, "s1")))).isEqualTo("order_accepted");
        buyer.send(Harness.market("b", "buy", 1, "b1"));
        assertThat(type(buyer.nextJson())).isEqualTo("order_accepted");
        JsonNode fill = buyer.nextJson();
        assertThat(type(fill)).isEqualTo("fill");
        assertThat(Harness.num(fill, "price")).isEqualByComparingTo("100.00");
    }
}
