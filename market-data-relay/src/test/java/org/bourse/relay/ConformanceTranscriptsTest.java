package org.bourse.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bourse.exchange.server.Exchange;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the conformance transcripts of docs/protocol/transcripts against a fresh exchange and relay, and checks
 * that every connection receives exactly the frames the transcript lists, in order, and nothing else (timestamps
 * and the relay's upstream port normalised, heartbeats skipped). The format is described in the folder's README.
 *
 * <p>With {@code -Dtranscripts.record=true} it writes the transcripts instead: it keeps their comments and the
 * frames sent, and records what comes back. A recorded transcript is reviewed like code before it is committed.
 *
 * <p>After each step the test knows that everything it caused has arrived: it sends each gateway connection a cancel
 * of an order that cannot exist ({@link #SYNC_ORDER_ID}), whose refusal comes after every earlier message to that
 * connection, and reads the stream and the feed up to the exchange's last seq (from its admin endpoint).
 */
class ConformanceTranscriptsTest {

    private static final Path FOLDER = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("../docs/protocol/transcripts").normalize();
    private static final boolean RECORD = Boolean.getBoolean("transcripts.record");
    private static final long SYNC_ORDER_ID = 999_999_999_999L;
    private static final Pattern TIMES = Pattern.compile("\"(timestamp|frozen_until)\":\\d+");
    private static final Pattern UPSTREAM = Pattern.compile("\"upstream\":\"ws://127\\.0\\.0\\.1:\\d+\"");

    static Stream<Path> transcripts() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(file -> file.toString().endsWith(".transcript")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void theExchangeAndTheRelaySayExactlyWhatTheTranscriptSays(Path file, @TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> recorded = new ArrayList<>();
        try (Exchange exchange = Fixtures.exchange(dir, 0);
             Relay relay = Fixtures.relay(exchange.streamUri(), 10_000);
             Conversation conversation = new Conversation(exchange, relay)) {
            int line = 0;
            while (line < lines.size() && isComment(lines.get(line))) {
                recorded.add(lines.get(line++));
            }
            // what the subscribers get when they connect, before any step
            line = expect(lines, line, conversation.step(null, null), recorded, file);
            while (line < lines.size()) {
                String text = lines.get(line++);
                if (isComment(text)) {
                    recorded.add(text);
                    continue;
                }
                String[] step = text.split(" ", 3);
                assertThat(step.length >= 2 && !step[1].equals("<")).as("%s:%d: a step, not %s", file, line, text)
                        .isTrue();
                recorded.add(text);
                line = expect(lines, line, conversation.step(step[0], step[1].equals(">") ? step[2] : step[1]),
                        recorded, file);
            }
        }
        if (RECORD) {
            Files.write(file, recorded, StandardCharsets.UTF_8);
        }
    }

    private static boolean isComment(String line) {
        return line.isBlank() || line.startsWith("#");
    }

    private static boolean isExpectation(String line) {
        String[] parts = line.split(" ", 3);
        return parts.length == 3 && parts[1].equals("<");
    }

    /** Checks the received frames against the transcript's expectations from {@code line} on; returns what follows. */
    private static int expect(List<String> lines, int line, List<String> received, List<String> recorded, Path file) {
        List<String> expected = new ArrayList<>();
        while (line < lines.size() && isExpectation(lines.get(line))) {
            expected.add(lines.get(line++));
        }
        recorded.addAll(received);
        if (!RECORD) {
            assertThat(received).as("%s, before line %d", file.getFileName(), line + 1)
                    .containsExactlyElementsOf(expected);
        }
        return line;
    }

    /** The connections of one transcript: gateway connections by name, the stream (9002) and the feed (9010). */
    private static final class Conversation implements AutoCloseable {
        private final Exchange exchange;
        private final Map<String, TestClient> gateway = new LinkedHashMap<>();
        private final TestClient stream;
        private final TestClient feed;
        private boolean greeted;
        private long seenSeq;

        Conversation(Exchange exchange, Relay relay) throws Exception {
            this.exchange = exchange;
            try (TestClient ready = TestClient.connect(relay.uri())) {
                ready.awaitSnapshot(); // the relay has the exchange's stream: the feed's greeting is settled
            }
            stream = TestClient.connect(exchange.streamUri());
            feed = TestClient.connect(relay.uri());
        }

        /**
         * Carries out one step ({@code verb} is a frame to send, or for the {@code operator} {@code halt} /
         * {@code resume}; null for none) and returns, normalised, everything each connection received
         * because of it: the acting connection's frames first, then the other gateway connections', the stream's,
         * the feed's, each line {@code name < frame}.
         */
        List<String> step(String name, String verb) throws Exception {
            List<String> received = new ArrayList<>();
            if ("operator".equals(name)) {
                Fixtures.post(exchange, "/" + verb);
            } else if (name != null) {
                TestClient client = gateway.get(name);
                if (client == null) {
                    client = TestClient.connect(exchange.gatewayUri());
                    gateway.put(name, client);
                }
                client.send(verb);
                received.addAll(synced(name, client));
            }
            for (Map.Entry<String, TestClient> other : gateway.entrySet()) {
                if (!other.getKey().equals(name)) {
                    received.addAll(synced(other.getKey(), other.getValue()));
                }
            }
            long seq = Fixtures.lastSeq(exchange);
            if (!greeted || seq > seenSeq) {
                received.addAll(upTo("stream", stream, seq));
                received.addAll(upTo("feed", feed, seq));
            }
            greeted = true;
            seenSeq = seq;
            return received;
        }

        /** What the connection received before the answer to a cancel of an order that cannot exist. */
        private static List<String> synced(String name, TestClient client) throws Exception {
            String trader = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
            client.send("{\"type\":\"cancel\",\"trader_id\":\"" + trader + "\",\"order_id\":" + SYNC_ORDER_ID + "}");
            List<String> frames = new ArrayList<>();
            for (String frame = client.nextText(); !frame.contains("\"order_id\":" + SYNC_ORDER_ID);
                 frame = client.nextText()) {
                add(frames, name, frame);
            }
            return frames;
        }

        /** The subscriber's frames up to and including the event {@code seq} (or its greeting's snapshot). */
        private static List<String> upTo(String name, TestClient subscriber, long seq) throws Exception {
            List<String> frames = new ArrayList<>();
            for (String text : subscriber.readUpTo(seq)) {
                add(frames, name, text);
            }
            return frames;
        }

        private static void add(List<String> frames, String name, String frame) {
            if (!frame.startsWith("{\"type\":\"heartbeat\"")) {
                String normalised = TIMES.matcher(frame).replaceAll("\"$1\":0");
                frames.add(name + " < " + UPSTREAM.matcher(normalised).replaceAll("\"upstream\":\"ws://127.0.0.1:9002\""));
            }
        }

        @Override
        public void close() {
            gateway.values().forEach(TestClient::close);
            stream.close();
            feed.close();
        }
    }
}
