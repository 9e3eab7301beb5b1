package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real exchange process started with {@code --log-format json}: every line it logs is a JSON object. */
class JsonLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The line as JSON; anything but one JSON object per line fails the test, naming it. */
    private static JsonNode json(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
            return node;
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    /** The value of {@code key} among the line's key-value pairs, or null. */
    private static String field(JsonNode line, String key) {
        for (JsonNode pair : line.path("kvpList")) {
            if (pair.has(key)) {
                return pair.get(key).asText();
            }
        }
        return null;
    }

    private static JsonNode saying(List<JsonNode> lines, String start) {
        return lines.stream().filter(line -> line.path("formattedMessage").asText().startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting '" + start + "' in " + lines));
    }

    @Test
    void everyLineIsAJsonObjectWithItsFields() throws Exception {
        Process exchange = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExchangeMain.class.getName(), "--gateway-port", "0",
                "--stream-port", "0", "--admin-port", "0", "--log-format", "json")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        exchange.getOutputStream().close();
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(exchange.getInputStream(),
                StandardCharsets.UTF_8))) {
            // up to the line that says it runs: a SIGTERM right after it may come before the exchange handles
            // signals, and end it without its shutdown lines
            String text = output.readLine();
            while (text != null && !json(text).path("formattedMessage").asText().startsWith("Exchange running")) {
                lines.add(json(text));
                text = output.readLine();
            }
            assertThat(text).as("the line saying it runs").isNotNull();
        } finally {
            exchange.destroyForcibly();
            exchange.waitFor(15, TimeUnit.SECONDS);
        }

        JsonNode gateway = saying(lines, "Order gateway listening on ws://127.0.0.1:");
        assertThat(gateway.path("level").asText()).isEqualTo("INFO");
        assertThat(gateway.path("loggerName").asText()).isEqualTo(Exchange.class.getName());
        assertThat(gateway.path("timestamp").asLong()).isPositive();
        assertThat(gateway.path("context").path("properties").path("process").asText()).isEqualTo("exchange");
        assertThat(field(gateway, "uri")).startsWith("ws://127.0.0.1:")
                .isEqualTo(gateway.path("formattedMessage").asText().substring("Order gateway listening on ".length()));
        assertThat(field(saying(lines, "Admin endpoint on "), "uri")).startsWith("http://127.0.0.1:");
    }
}
