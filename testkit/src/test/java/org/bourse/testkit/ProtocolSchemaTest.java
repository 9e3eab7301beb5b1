package org.bourse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.ProtocolSchema.Channel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema and docs/PROTOCOL.md say the same: every example line of the doc is a valid message of the schema,
 * every message type of the schema has an example in the doc, and every field and enumerated value the schema
 * names is named in the doc. (What the servers send is checked against the schema by every integration test.)
 */
class ProtocolSchemaTest {

    private static final ProtocolSchema SCHEMA = ProtocolSchema.get();
    private static final Pattern JSON_BLOCK = Pattern.compile("\n```json\n(.*?)\n```", Pattern.DOTALL);
    private static String doc;
    private static List<String> jsonLines;

    @BeforeAll
    static void readTheDoc() throws IOException {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        doc = Files.readString(module.resolve("../docs/PROTOCOL.md").normalize(), StandardCharsets.UTF_8);
        // (protocol's ProtocolDocTest reads the same lines; it cannot use the kit, which depends on protocol)
        jsonLines = JSON_BLOCK.matcher(doc).results().flatMap(block -> block.group(1).lines())
                .filter(line -> !line.isBlank()).toList();
    }

    @Test
    void everyExampleInTheDocIsAValidMessage() {
        assertThat(jsonLines).hasSizeGreaterThan(30);
        for (String line : jsonLines) {
            assertThat(anyChannelProblems(line)).as(line).isEmpty();
        }
    }

    @Test
    void everyMessageTypeHasAnExampleInTheDoc() throws Exception {
        Set<String> exemplified = new TreeSet<>();
        for (String line : jsonLines) {
            exemplified.add(WireJson.mapper().readTree(line).path("type").asText());
        }
        assertThat(SCHEMA.messageTypes().stream().filter(type -> !exemplified.contains(type)).toList())
                .as("message types without an example in the doc").isEmpty();
    }

    @Test
    void everyFieldAndValueOfTheSchemaIsNamedInTheDoc() {
        Set<String> names = new TreeSet<>();
        collectNames(SCHEMA.document().get("$defs"), names);
        assertThat(names).hasSizeGreaterThan(80);
        assertThat(names.stream().filter(name -> !doc.contains("`" + name + "`") && !doc.contains("`\"" + name + "\"`"))
                .toList())
                .as("names of the schema the doc does not mention").isEmpty();
    }

    @Test
    void channelsAreKeptApart() {
        String bookUpdate = "{\"type\":\"book_update\",\"seq\":1,\"best_bid\":null,\"best_ask\":null,\"bids\":[],"
                + "\"asks\":[],\"mark_price\":100.00,\"timestamp\":1}";
        assertThat(SCHEMA.problems(Channel.FEED_SERVER, bookUpdate)).isEmpty();
        assertThat(SCHEMA.problems(Channel.GATEWAY_SERVER, bookUpdate)).singleElement().asString()
                .contains("'book_update' is not sent on [GATEWAY_SERVER]");
    }

    @Test
    void aFrameThatBreaksTheSchemaIsToldWhy() {
        String nullMark = "{\"type\":\"book_update\",\"seq\":1,\"best_bid\":null,\"best_ask\":null,\"bids\":[],"
                + "\"asks\":[],\"mark_price\":null,\"timestamp\":1}";
        assertThat(SCHEMA.serverProblems(nullMark)).singleElement().asString().contains("mark_price");
        String flatWithAPrice = "{\"type\":\"position_update\",\"seq\":4,\"trader_id\":\"t\",\"position\":0,"
                + "\"cash\":1.00,\"avg_entry_price\":0.00,\"realized_pnl\":0.00,\"unrealized_pnl\":0.00,"
                + "\"total_equity\":1.00,\"mark_price\":100.00,\"timestamp\":1,\"extra\":1}";
        assertThat(String.join("\n", SCHEMA.serverProblems(flatWithAPrice))).contains("extra");
        assertThat(SCHEMA.problems(Channel.GATEWAY_CLIENT, "{\"type\":\"order\",\"trader_id\":\"t\",\"side\":\"up\","
                + "\"qty\":1}")).isNotEmpty();
        assertThat(SCHEMA.problems(Channel.GATEWAY_CLIENT, "{\"type\":\"order\",\"trader_id\":\"t\",\"side\":\"BUY\","
                + "\"price\":100.05,\"qty\":2.0}")).isEmpty();
        assertThat(SCHEMA.problems(Channel.GATEWAY_CLIENT, "{\"type\":\"order\",\"trader_id\":\"t\",\"side\":\"buy\","
                + "\"qty\":1}")).as("a limit order without a price").isNotEmpty();
        assertThat(SCHEMA.problems(Channel.GATEWAY_CLIENT, "{\"type\":\"order\",\"trader_id\":\"t\",\"side\":\"buy\","
                + "\"order_type\":\"Market\",\"price\":100.00,\"qty\":1}")).as("a market order with one").isNotEmpty();
        assertThat(SCHEMA.problems(Channel.GATEWAY_CLIENT, "{\"type\":\"cancel\",\"trader_id\":\"t\","
                + "\"order_id\":null,\"client_order_id\":null}")).as("a cancel naming no order").isNotEmpty();
        assertThat(SCHEMA.problems(Channel.GATEWAY_CLIENT, "{\"type\":\"replace\",\"trader_id\":\"t\","
                + "\"order_id\":4}")).as("a replace changing nothing").isNotEmpty();
    }

    @Test
    void aRejectCarriesTheDetailsOfItsReason() {
        String withoutDetails = "{\"type\":\"order_rejected\",\"reason\":\"initial_margin_insufficient\",\"details\":{},"
                + "\"trader_id\":\"t\",\"client_order_id\":null,\"timestamp\":1}";
        assertThat(SCHEMA.problems(Channel.GATEWAY_SERVER, withoutDetails)).isNotEmpty();
    }

    private static List<String> anyChannelProblems(String line) {
        List<String> problems = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            List<String> own = SCHEMA.problems(channel, line);
            if (own.isEmpty()) {
                return List.of();
            }
            problems.addAll(own);
        }
        return problems;
    }

    /** Property names and enumerated string values anywhere in the definitions. */
    private static void collectNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            node.path("properties").fieldNames().forEachRemaining(names::add);
            for (String keyword : List.of("enum", "const")) {
                JsonNode found = node.path(keyword);
                Iterable<JsonNode> values = found.isArray() ? found : List.of(found);
                values.forEach(value -> {
                    if (value.isTextual()) {
                        names.add(value.asText());
                    }
                });
            }
            node.elements().forEachRemaining(child -> collectNames(child, names));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectNames(child, names));
        }
    }
}
