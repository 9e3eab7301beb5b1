package org.bourse.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/PROTOCOL.md is what client authors in other languages go by: its examples must be exactly what the codec
 * writes and reads, and it must name every message, field and reason there is.
 */
class ProtocolDocTest {

    /**
     * The feed's own messages, handled by the relay and its subscribers rather than by this module's codecs; their
     * examples are checked against the schema.
     */
    private static final List<String> NOT_IN_THIS_CODEC = List.of("heartbeat", "subscribe", "unsubscribe",
            "subscribed", "subscription_rejected");

    private static String doc;
    private static List<String> jsonLines;

    @BeforeAll
    static void readTheDoc() throws IOException {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path file = module.resolve("../docs/PROTOCOL.md").normalize();
        doc = Files.readString(file, StandardCharsets.UTF_8);
        jsonLines = new ArrayList<>();
        boolean inJson = false;
        for (String line : doc.split("\n")) {
            if (line.startsWith("```")) {
                inJson = line.equals("```json");
            } else if (inJson && !line.isBlank()) {
                jsonLines.add(line);
            }
        }
    }

    static List<ServerMessage> examples() {
        return Examples.all();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleIsInTheDocExactlyAsEncoded(ServerMessage message) {
        assertThat(doc).contains("\n" + WireJson.encode(message) + "\n");
    }

    @Test
    void everyJsonLineInTheDocIsExact() throws Exception {
        ClientMessageDecoder decoder = new ClientMessageDecoder();
        assertThat(jsonLines).hasSizeGreaterThan(30);
        for (String line : jsonLines) {
            JsonNode node = WireJson.mapper().readTree(line);
            String type = node.path("type").asText();
            if (NOT_IN_THIS_CODEC.contains(type)) {
                continue; // checked against the schema (testkit's ProtocolSchemaTest)
            }
            if (List.of("order", "cancel", "cancel_all", "replace", "hello", "done").contains(type)) {
                assertThat(decoder.decode(line)).as(line).isInstanceOf(ClientMessageDecoder.Valid.class);
            } else if (List.of("subscribe", "unsubscribe").contains(type)) {
                // a feed subscriber's requests, read by the relay
                assertThat(node.get("topics").isArray()).as(line).isTrue();
            } else {
                ServerMessage message = WireJson.decodeServerMessage(line);
                assertThat(message).as("a server message of a known type: %s", line).isNotNull();
                assertThat(WireJson.encode(message)).as("exactly as encoded").isEqualTo(line);
            }
        }
    }

    @Test
    void theErrorsTheDocQuotesAreTheDecodersOwn() {
        ClientMessageDecoder decoder = new ClientMessageDecoder();
        Map<String, String> quoted = Map.of(
                ClientMessageDecoderTest.orderWith("qty", "0"), "qty: must be at least 1, not 0",
                ClientMessageDecoderTest.orderWith("side", "\"up\""), "side: 'up' is not one of buy, sell",
                ClientMessageDecoderTest.orderWith("type", "\"x\""),
                "type: unknown message type 'x' (expected order, cancel, cancel_all, replace, hello or done)",
                "{\"type\":\"cancel\",\"trader_id\":\"maker_1\",\"order_id\":0}",
                "order_id: must be at least 1, not 0");
        quoted.forEach((frame, error) -> {
            assertThat(((ClientMessageDecoder.Invalid) decoder.decode(frame)).error()).isEqualTo(error);
            assertThat(doc).contains(error);
        });
        assertThat(doc).contains("price: " + assertOffTick());
        assertThat(((ClientMessageDecoder.Invalid) decoder.decode("{\"type\":\"order\",")).error())
                .isEqualTo(Examples.TRUNCATED_FRAME_ERROR);
    }

    private static String assertOffTick() {
        try {
            TickScale.cents().ticks(new java.math.BigDecimal("100.005"));
            throw new AssertionError("100.005 accepted");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void everyMessageTypeHasASection() {
        for (String type : List.of("order", "cancel", "cancel_all", "replace", "hello", "order_accepted",
                "order_rejected", "fill", "order_cancelled", "order_replaced", "all_orders_cancelled",
                "book_update", "trade", "position_update", "liquidation", "trading_status", "snapshot", "welcome",
                "status", "heartbeat", "subscribe", "subscribed", "subscription_rejected")) {
            assertThat(doc).as(type).containsPattern("\n#### `" + type + "`");
        }
        assertThat(doc).contains("#### `cancel_rejected` and `replace_rejected`");
    }

    @Test
    void everyFieldIsNamed() {
        List<Class<?>> records = new ArrayList<>(List.of(ServerMessage.OpenOrder.class,
                ServerMessage.AccountState.class));
        Examples.all().forEach(message -> records.add(message.getClass()));
        for (Class<?> record : records) {
            for (var component : record.getRecordComponents()) {
                String name = component.getName().replaceAll("([A-Z])", "_$1").toLowerCase();
                assertThat(doc).as("%s.%s", record.getSimpleName(), name).contains("`" + name + "`");
            }
        }
        for (String field : List.of("type", "trader_id", "side", "order_type", "price", "qty", "client_order_id",
                "tif", "post_only", "order_id", "token")) {
            assertThat(doc).contains("`" + field + "`");
        }
    }

    @Test
    void everyReasonIsListed() {
        List<String> reasons = List.of(
                // the gateway's
                "invalid_json", "invalid_message", "trader_mismatch", "not_authenticated", "invalid_token",
                "rate_limited",
                // the relay's answers to subscriptions
                "unknown_topic",
                // the engine's (RejectReason)
                "initial_margin_insufficient", "no_liquidity", "account_frozen", "account_bankrupt", "trading_halted",
                "invalid_price", "invalid_quantity", "post_only_would_take", "fok_not_fillable",
                "max_order_qty_exceeded", "max_position_exceeded", "price_out_of_band", "max_open_orders_exceeded",
                "unknown_order",
                // order_cancelled (CancelReason)
                "requested", "ioc_remainder", "market_remainder", "self_trade", "liquidation", "disconnect",
                // liquidation (LiquidationReason)
                "maintenance_margin_breach", "maintenance_margin_breach_force_flatten", "bankruptcy");
        for (String reason : reasons) {
            assertThat(doc).as(reason).contains("| `" + reason + "` |");
        }
        for (String detail : List.of("equity", "required_margin", "frozen_until", "max_order_qty", "reference_price",
                "min_price", "max_price", "open_orders", "max_open_orders", "projected_position", "max_position",
                "best_opposite_price", "fillable_qty", "bound_trader_id", "limit_per_second", "error")) {
            assertThat(doc).as(detail).contains("`" + detail + "`");
        }
    }

    @Test
    void closeCodes() {
        for (String code : List.of("| 1000 |", "| 1001 |", "| 1008 |", "| 1009 |")) {
            assertThat(doc).contains(code);
        }
    }
}
