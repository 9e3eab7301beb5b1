package org.bourse.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bourse.api.OrderType;
import org.bourse.protocol.ClientMessageDecoder.Decoded;
import org.bourse.protocol.ClientMessageDecoder.Invalid;
import org.bourse.protocol.ClientMessageDecoder.Valid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation fuzzing of the decoder: valid frames, damaged in every way a buggy or hostile client could
 * (cut short, characters flipped, inserted or deleted, values swapped for other JSON types, huge and tiny numbers,
 * deep nesting, random Unicode). Whatever comes in, decoding must not throw, and must give either a message that
 * obeys every rule or an Invalid that says why — and what the gateway then does with it (convert the price to
 * ticks, encode the reply) must not throw either.
 */
class ClientMessageDecoderFuzzTest {

    private static final long SEED = 0xB0_5E_2025L;
    private static final int FRAMES = 100_000;

    private static final List<String> SEEDS = List.of(
            ClientMessageDecoderTest.REFERENCE_ORDER,
            "{\"type\":\"order\",\"trader_id\":\"taker_1\",\"side\":\"sell\",\"order_type\":\"market\",\"price\":null,"
                    + "\"qty\":3,\"client_order_id\":null}",
            "{\"type\":\"order\",\"trader_id\":\"mm\",\"side\":\"SELL\",\"price\":100,\"qty\":10,\"tif\":\"ioc\","
                    + "\"post_only\":false}",
            "{\"type\":\"order\",\"trader_id\":\"mm\",\"side\":\"buy\",\"price\":99.95,\"qty\":1,\"tif\":\"fok\"}",
            "{\"type\":\"order\",\"trader_id\":\"mm\",\"side\":\"buy\",\"price\":99.95,\"qty\":1,\"post_only\":true}",
            "{\"type\":\"cancel\",\"trader_id\":\"maker_1\",\"order_id\":42}",
            "{\"type\":\"cancel\",\"trader_id\":\"maker_1\",\"client_order_id\":\"maker_1-001\"}",
            "{\"type\":\"cancel_all\",\"trader_id\":\"maker_1\"}",
            "{\"type\":\"replace\",\"trader_id\":\"maker_1\",\"order_id\":42,\"price\":100.1,\"qty\":5}",
            "{\"type\":\"replace\",\"trader_id\":\"maker_1\",\"client_order_id\":\"c-9\",\"qty\":1}",
            "{\"type\":\"hello\",\"trader_id\":\"maker_1\",\"token\":\"s3cr3t\"}",
            "{\"type\":\"hello\",\"trader_id\":\"maker_1\"}");

    private static final List<String> FIELDS = List.of("type", "trader_id", "side", "order_type", "price", "qty",
            "client_order_id", "tif", "post_only", "order_id", "token");

    private static final String[] TOKENS = {"\"", "{", "}", "[", "]", ":", ",", "\\", "\\u", "\\ud800", "\\u0000",
        "null", "true", "NaN", "-Infinity", "1e999999999", "-0", "0.", ".5", "1e", "\"\"", "0x10", "'", "\u2028",
        "\ud83d\ude80", "\ud800", "\udc00", "\uffff", "\u0000", "\n", "/*", "//"};

    /** A plain mapper, for rebuilding frames: nothing of WireJson's leniency. */
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String PLACEHOLDER = "\u0000swap\u0000";

    private final ClientMessageDecoder decoder = new ClientMessageDecoder();

    @Test
    @Timeout(120)
    void decodingNeverThrowsAndAlwaysSaysWhy() throws Exception {
        Random random = new Random(SEED);
        TickScale[] scales = {TickScale.cents(), new TickScale(new java.math.BigDecimal("0.05")),
            new TickScale(java.math.BigDecimal.ONE), new TickScale(java.math.BigDecimal.TEN)};
        int valid = 0;
        Map<Class<?>, Integer> validByType = new java.util.HashMap<>();
        int invalidJson = 0;
        int invalidMessage = 0;
        long slowestNanos = 0;
        long decodeNanos = 0;
        long checkNanos = 0;
        long began = System.nanoTime();
        String slowestFrame = null;
        for (int i = 0; i < FRAMES; i++) {
            String frame = SEEDS.get(random.nextInt(SEEDS.size()));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                frame = mutate(frame, random);
            }
            long start = System.nanoTime();
            Decoded decoded;
            try {
                decoded = decoder.decode(frame);
            } catch (Throwable e) {
                fail("frame #" + i + " threw: " + abbreviate(frame), e);
                return;
            }
            long nanos = System.nanoTime() - start;
            decodeNanos += nanos;
            if (nanos > slowestNanos) {
                slowestNanos = nanos;
                slowestFrame = frame;
            }
            try {
                if (decoded instanceof Valid v) {
                    checkValid(v.message(), scales[i % scales.length]);
                    valid++;
                    validByType.merge(v.message().getClass(), 1, Integer::sum);
                } else if (decoded instanceof Invalid inv) {
                    checkInvalid(inv);
                    if (inv.reason().equals("invalid_json")) {
                        invalidJson++;
                    } else {
                        invalidMessage++;
                    }
                } else {
                    throw new AssertionError("neither Valid nor Invalid");
                }
            } catch (AssertionError | RuntimeException e) {
                fail("frame #" + i + " (" + abbreviate(frame) + ") gave " + decoded, e);
            }
            checkNanos += System.nanoTime() - start - nanos;
        }
        System.out.printf("decoder fuzz: %d frames in %.1f s (decoding %.1f s, checking %.1f s), %d valid,"
                + " %d invalid_message, %d invalid_json; slowest %.1f ms (%s)%n", FRAMES,
                (System.nanoTime() - began) / 1e9, decodeNanos / 1e9, checkNanos / 1e9, valid, invalidMessage,
                invalidJson, slowestNanos / 1e6, abbreviate(slowestFrame));
        // the mutations must exercise every outcome, or the fuzz proves little
        assertThat(valid).isGreaterThan(FRAMES / 50);
        assertThat(validByType).as("valid messages of each type").containsOnlyKeys(ClientMessage.Order.class,
                ClientMessage.Cancel.class, ClientMessage.CancelAll.class, ClientMessage.Replace.class,
                ClientMessage.Hello.class).allSatisfy((type, count) -> assertThat(count).as("%s", type)
                .isGreaterThan(FRAMES / 500));
        assertThat(invalidMessage).isGreaterThan(FRAMES / 10);
        assertThat(invalidJson).isGreaterThan(FRAMES / 10);
    }

    // Plain checks rather than AssertJ: they run 100 000 times, and the frame is reported by the caller.

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static void checkValid(ClientMessage message, TickScale scale) {
        check(message != null, "a Valid without a message");
        String trader = message.traderId();
        check(trader != null && !trader.isEmpty() && trader.length() <= ClientMessageDecoder.MAX_ID_LENGTH
                && trader.chars().noneMatch(Character::isISOControl) && sendable(trader), "a bad trader_id");
        if (message instanceof ClientMessage.Order o) {
            check(o.side() != null && o.orderType() != null && o.tif() != null, "a missing enum");
            check(o.qty() > 0, "qty not positive");
            if (o.orderType() == OrderType.LIMIT) {
                check(o.price() != null && o.price().signum() > 0, "limit price not positive");
                ticks(scale, o.price());
            } else {
                check(o.price() == null, "a market order with a price");
            }
            checkClientOrderId(o.clientOrderId());
        } else if (message instanceof ClientMessage.Cancel c) {
            check(c.orderId() > 0 || c.orderId() == 0 && c.clientOrderId() != null, "a cancel of nothing");
            checkClientOrderId(c.clientOrderId());
        } else if (message instanceof ClientMessage.Replace r) {
            check(r.orderId() > 0 || r.orderId() == 0 && r.clientOrderId() != null, "a replace of nothing");
            check(r.qty() > 0 || r.qty() == 0 && r.price() != null, "a replace that changes nothing");
            if (r.price() != null) {
                check(r.price().signum() > 0, "replace price not positive");
                ticks(scale, r.price());
            }
            checkClientOrderId(r.clientOrderId());
        } else if (message instanceof ClientMessage.Hello h) {
            check(h.token() == null || h.token().length() <= 1024 && sendable(h.token()), "a bad token");
        }
        // the gateway answers with the ids it read: encoding them must work
        WireJson.encode(new ServerMessage.OrderAccepted(1, message.traderId(), null, "buy", "limit", null, 1, "gtc",
                false, 0));
    }

    private static void checkClientOrderId(String id) {
        check(id == null || id.length() <= ClientMessageDecoder.MAX_ID_LENGTH, "client_order_id too long");
        check(id == null || id.chars().noneMatch(Character::isISOControl), "client_order_id with a control character");
        check(id == null || sendable(id), "client_order_id cannot be sent back");
    }

    /** Survives the trip back to the client: UTF-8 and back gives the same string. */
    private static boolean sendable(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text);
    }

    /** What the gateway does with a price: ticks, or an IllegalArgumentException with a short message. */
    private static void ticks(TickScale scale, java.math.BigDecimal price) {
        try {
            check(scale.ticks(price) > 0, "ticks not positive");
        } catch (IllegalArgumentException e) {
            check(!e.getMessage().isBlank() && e.getMessage().length() < 200, "tick error: " + e.getMessage());
        }
    }

    private static final java.util.regex.Pattern FIELD_ERROR = java.util.regex.Pattern.compile("(?s)([a-z_]+): .+");

    private static void checkInvalid(Invalid invalid) throws Exception {
        check(invalid.reason().equals("invalid_json") || invalid.reason().equals("invalid_message"), "reason");
        check(invalid.error() != null && !invalid.error().isBlank() && invalid.error().length() < 1000,
                "error missing or too long");
        if (invalid.reason().equals("invalid_json")) {
            check(invalid.type() == null && invalid.traderId() == null && invalid.clientOrderId() == null,
                    "invalid_json with echoed fields");
            check(invalid.error().startsWith("not valid JSON: ") || invalid.error().equals("expected a JSON object"),
                    "invalid_json error");
        } else {
            java.util.regex.Matcher matcher = FIELD_ERROR.matcher(invalid.error());
            check(matcher.matches() && FIELDS.contains(matcher.group(1)), "error does not name a field");
        }
        for (String echoed : new String[] {invalid.type(), invalid.traderId(), invalid.clientOrderId()}) {
            check(echoed == null || echoed.length() <= ClientMessageDecoder.MAX_ID_LENGTH, "echo too long");
            check(echoed == null || sendable(echoed), "echo cannot be sent back");
        }
        // the reject the gateway would send must encode, and be JSON a client can read
        String reply = WireJson.encode(new ServerMessage.OrderRejected(invalid.reason(),
                Map.of("error", invalid.error()), invalid.traderId(), invalid.clientOrderId(), 0));
        check(PLAIN.readTree(reply).get("reason").textValue().equals(invalid.reason()), "reply does not read back");
    }

    // ------------------------------------------------------------------------------------ mutations

    private static String mutate(String frame, Random random) throws Exception {
        int kind = random.nextInt(10);
        int length = frame.length();
        int at = length == 0 ? 0 : random.nextInt(length + 1);
        return switch (kind) {
            case 0 -> frame.substring(0, at);
            case 1 -> length == 0 ? randomChar(random) : frame.substring(0, Math.min(at, length - 1))
                    + randomChar(random) + frame.substring(Math.min(at, length - 1) + 1);
            case 2 -> frame.substring(0, at) + (random.nextBoolean() ? randomChar(random)
                    : TOKENS[random.nextInt(TOKENS.length)]) + frame.substring(at);
            case 3 -> length == 0 ? frame : frame.substring(0, Math.min(at, length - 1))
                    + frame.substring(Math.min(at, length - 1) + 1);
            case 4, 5, 6 -> swapValue(frame, random);
            case 7 -> nest(frame, random);
            case 8 -> frame.substring(0, at) + randomUnicode(random, 1 + random.nextInt(8)) + frame.substring(at);
            default -> addField(frame, random);
        };
    }

    /** Replaces (or adds) one field's value with a value of another JSON type, or an extreme one. */
    private static String swapValue(String frame, Random random) throws Exception {
        JsonNode root;
        try {
            root = WireJson.mapper().readTree(frame);
        } catch (Exception e) {
            return frame.isEmpty() ? frame : frame.substring(0, frame.length() - 1);
        }
        if (!(root instanceof ObjectNode object)) {
            return frame;
        }
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        String field = names.isEmpty() || random.nextInt(4) == 0 ? FIELDS.get(random.nextInt(FIELDS.size()))
                : names.get(random.nextInt(names.size()));
        object.put(field, PLACEHOLDER);
        String text = PLAIN.writeValueAsString(object);
        String placeholder = PLAIN.writeValueAsString(PLACEHOLDER);
        return text.replace(placeholder, randomValue(random));
    }

    private static String randomValue(Random random) throws Exception {
        return switch (random.nextInt(22)) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> Integer.toString(random.nextInt(2001) - 1000);
            case 4 -> String.format("%d.%02d", random.nextInt(200), random.nextInt(100));
            case 5 -> String.format("%d.%03d", random.nextInt(200), random.nextInt(1000));
            case 6 -> random.nextBoolean() ? "NaN" : random.nextBoolean() ? "Infinity" : "-Infinity";
            case 7 -> (random.nextBoolean() ? "-" : "") + "1e" + (random.nextBoolean() ? "-" : "")
                    + (1 + random.nextInt(Integer.MAX_VALUE));
            case 8 -> "9".repeat(1 + random.nextInt(990));
            case 9 -> "0." + "0".repeat(random.nextInt(900)) + "1";
            case 10 -> "[]";
            case 11 -> "{}";
            case 12 -> "[" + randomValue(random) + "," + randomValue(random) + "]";
            case 13 -> "{\"k\":" + randomValue(random) + "}";
            case 14 -> "[".repeat(depth(random)) + "]".repeat(depth(random));
            case 15 -> PLAIN.writeValueAsString(randomUnicode(random, random.nextInt(80)));
            case 16 -> PLAIN.writeValueAsString("x".repeat(random.nextInt(3) * 40 + random.nextInt(30)));
            case 17 -> "\"" + randomChoice(random, "buy", "SELL", "Limit", "market", "ioc", "FOK", "gtc", "order",
                    "cancel", "cancel_all", "replace", "hello", "up", "") + "\"";
            case 18 -> "\"\\ud800\"";
            case 19 -> "\"" + random.nextInt(100) + "\"";
            case 20 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            default -> "-0";
        };
    }

    private static String nest(String frame, Random random) {
        int depth = depth(random);
        if (random.nextBoolean()) {
            return "[".repeat(depth) + frame + "]".repeat(depth);
        }
        return "{\"a\":".repeat(depth) + frame + "}".repeat(depth);
    }

    /** Mostly shallow; sometimes around Jackson's limit of 1000 levels (StreamReadConstraints), on both sides. */
    private static int depth(Random random) {
        return random.nextInt(8) == 0 ? 900 + random.nextInt(200) : 1 + random.nextInt(10);
    }

    private static String addField(String frame, Random random) throws Exception {
        int end = frame.lastIndexOf('}');
        if (end < 0) {
            return frame + "}";
        }
        String name = random.nextBoolean() ? FIELDS.get(random.nextInt(FIELDS.size())) : randomUnicode(random, 5);
        return frame.substring(0, end) + "," + PLAIN.writeValueAsString(name) + ":" + randomValue(random)
                + frame.substring(end);
    }

    private static String randomChar(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> String.valueOf((char) random.nextInt(32));
            case 1, 2 -> String.valueOf((char) (32 + random.nextInt(95)));
            case 3 -> String.valueOf((char) random.nextInt(0x10000));
            case 4 -> String.valueOf((char) (0xD800 + random.nextInt(0x800)));
            default -> new String(Character.toChars(0x10000 + random.nextInt(0x100000)));
        };
    }

    private static String randomUnicode(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(randomChar(random));
        }
        return text.toString();
    }

    private static String randomChoice(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String abbreviate(String frame) {
        if (frame == null) {
            return "-";
        }
        String shown = frame.length() > 300 ? frame.substring(0, 300) + "...(" + frame.length() + " chars)" : frame;
        StringBuilder escaped = new StringBuilder();
        for (char c : shown.toCharArray()) {
            escaped.append(c < 32 || (c >= 0xD800 && c < 0xE000) ? String.format("\\u%04x", (int) c) : c);
        }
        return escaped.toString();
    }

    @Test
    void theSeedsAreValid() {
        for (String seed : SEEDS) {
            assertThat(decoder.decode(seed)).as(seed).isInstanceOf(Valid.class);
        }
        assertThat(Set.copyOf(SEEDS)).hasSameSizeAs(SEEDS);
    }
}
