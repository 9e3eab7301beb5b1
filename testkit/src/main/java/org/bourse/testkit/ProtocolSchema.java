package org.bourse.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bourse.protocol.WireJson;

/**
 * The protocol's JSON Schema (docs/protocol/bourse.schema.json, the source of truth for what may be on the wire),
 * ready to check frames. A frame is checked against the schema of its own {@code type}, so that a problem reads
 * as "book_update: $.mark_price: null found, number expected" rather than as a miss of every branch of a union.
 */
public final class ProtocolSchema {

    /** Who sends on which port: each is a {@code $defs} entry of the schema listing the types it may send. */
    public enum Channel {
        GATEWAY_CLIENT("gateway_client"), GATEWAY_SERVER("gateway_server"), STREAM_SERVER("stream_server"),
        FEED_SERVER("feed_server"), FEED_CLIENT("feed_client");

        final String definition;

        Channel(String definition) {
            this.definition = definition;
        }
    }

    /** Errors only: collecting annotations (which nothing here reads) makes a check several times slower. */
    private static final ExecutionConfig ASSERTIONS_ONLY = new ExecutionConfig.Builder()
            .annotationCollectionEnabled(false).build();
    private static final ProtocolSchema SCHEMA = load();

    private final JsonNode document;
    private final Map<String, Schema> byType;
    private final Map<Channel, Set<String>> typesByChannel;

    private ProtocolSchema(JsonNode document, Map<String, Schema> byType, Map<Channel, Set<String>> typesByChannel) {
        this.document = document;
        this.byType = byType;
        this.typesByChannel = typesByChannel;
    }

    public static ProtocolSchema get() {
        return SCHEMA;
    }

    /** The schema document itself. */
    public JsonNode document() {
        return document;
    }

    /** The message types a channel may carry, in the schema's order. */
    public Set<String> types(Channel channel) {
        return typesByChannel.get(channel);
    }

    /** Every message type the schema defines. */
    public Set<String> messageTypes() {
        return byType.keySet();
    }

    /** What is wrong with {@code frame} on {@code channel}; empty when it is a valid message of that channel. */
    public List<String> problems(Channel channel, String frame) {
        return problems(Set.of(channel), frame);
    }

    /** What is wrong with a frame that a server sends on some port (the test does not know which). */
    public List<String> serverProblems(String frame) {
        return problems(Set.of(Channel.GATEWAY_SERVER, Channel.STREAM_SERVER, Channel.FEED_SERVER), frame);
    }

    /** Fails with every problem of {@code frame} on {@code channel}. */
    public void check(Channel channel, String frame) {
        List<String> problems = problems(channel, frame);
        if (!problems.isEmpty()) {
            throw new AssertionError("not a valid " + channel + " message per bourse.schema.json: " + frame
                    + "\n  " + String.join("\n  ", problems));
        }
    }

    private List<String> problems(Set<Channel> channels, String frame) {
        JsonNode message;
        try {
            message = WireJson.mapper().readTree(frame);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        String type = message.path("type").asText("");
        if (channels.stream().noneMatch(channel -> typesByChannel.get(channel).contains(type))) {
            return List.of("type '" + type + "' is not sent on " + channels);
        }
        List<String> problems = new ArrayList<>();
        Schema schema = byType.get(type);
        for (Error error : schema.validate(message, context -> context.setExecutionConfig(ASSERTIONS_ONLY))) {
            problems.add(type + ": " + error);
        }
        return problems;
    }

    private static ProtocolSchema load() {
        JsonNode document;
        try (InputStream in = ProtocolSchema.class.getResourceAsStream("bourse.schema.json")) {
            document = WireJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bourse.schema.json from the test kit", e);
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Map<Channel, Set<String>> typesByChannel = new LinkedHashMap<>();
        Map<String, Schema> byType = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            Set<String> types = new LinkedHashSet<>();
            for (JsonNode ref : document.path("$defs").path(channel.definition).path("oneOf")) {
                String type = ref.path("$ref").asText().substring("#/$defs/".length());
                types.add(type);
                byType.computeIfAbsent(type, t -> registry.getSchema(rootedAt(document, t)));
            }
            typesByChannel.put(channel, Collections.unmodifiableSet(types));
        }
        return new ProtocolSchema(document, byType, typesByChannel);
    }

    /** The document with its root replaced by a reference to one message's definition (its $defs stay in reach). */
    private static JsonNode rootedAt(JsonNode document, String type) {
        ObjectNode root = WireJson.mapper().createObjectNode();
        root.set("$schema", document.get("$schema"));
        root.put("$ref", "#/$defs/" + type);
        root.set("$defs", document.get("$defs"));
        return root;
    }
}
