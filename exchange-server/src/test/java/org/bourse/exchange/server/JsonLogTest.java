package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
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
            for (String text = output.readLine(); text != null; text = output.readLine()) {
                lines.add(JSON.readTree(text)); // fails on anything but one JSON object per line
                if (lines.get(lines.size() - 1).path("formattedMessage").asText().startsWith("Exchange running")) {
                    exchange.toHandle().destroy(); // SIGTERM (its output still open): it stops and says so
                }
            }
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
        saying(lines, "Shutting down");
        saying(lines, "Exchange stopped");
        assertThat(exchange.exitValue()).isZero();
    }
}
