package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bourse.testkit.RawWebSocket;
import org.bourse.testkit.TestClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An exchange with credentials against guessers, over real sockets: wrong tokens are answered a few times, then
 * the connection is closed; the log sums them up instead of a line each; the event stream needs its own token; and
 * only the crowd may name background traders.
 */
class CredentialsModeTest {
    @TempDir
    Path dir;

    private Exchange exchange;
    private final List<TestClient> clients = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger gatewayLogger = (Logger) LoggerFactory.getLogger(OrderGateway.class);

    @BeforeEach
    void start() throws Exception {
        log.start();
        gatewayLogger.addAppender(log);
        Path credentials = Files.writeString(dir.resolve("credentials.properties"),
                "alice=s3cret\ncrowd=many\n@stream=feed\n");
        exchange = Harness.config(dir).credentials(credentials).start();
    }

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        exchange.close();
        gatewayLogger.detachAppender(log);
    }

    private TestClient gateway() throws InterruptedException {
        TestClient client = TestClient.connect(exchange.gatewayUri());
        clients.add(client);
        return client;
    }

    @Test
    void aConnectionThatKeepsGuessingIsClosed() throws Exception {
        TestClient guesser = gateway();
        for (int i = 0; i < OrderGateway.WRONG_TOKENS_PER_CONNECTION; i++) {
            assertThat(guesser.request(Harness.hello("alice", "guess-" + i)).get("reason").asText())
                    .isEqualTo("invalid_token");
        }
        guesser.send(Harness.hello("alice", "one-more"));
        await().atMost(Duration.ofSeconds(10)).until(() -> guesser.closeCode != -1);
        assertThat(guesser.closeCode).isEqualTo(CloseFrame.POLICY_VALIDATION);
        assertThat(guesser.closeReason).isEqualTo(OrderGateway.TOO_MANY_WRONG_TOKENS);
        // the trader it tried is not locked out
        assertThat(gateway().request(Harness.hello("alice", "s3cret")).get("type").asText()).isEqualTo("welcome");
    }

    @Test
    void aFloodOfGuessesIsCutShortAndLoggedAsASummary() throws Exception {
        int connections = 200;
        List<TestClient> guessers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            TestClient guesser = gateway();
            guessers.add(guesser);
            for (int j = 0; j <= OrderGateway.WRONG_TOKENS_PER_CONNECTION && guesser.closeCode == -1; j++) {
                try {
                    guesser.send(Harness.hello("alice", "guess-" + i + "-" + j));
                } catch (WebsocketNotConnectedException closedMeanwhile) {
                    break;
                }
            }
        }
        // every guesser is closed: by the per-connection limit at the latest
        await().atMost(Duration.ofSeconds(30)).until(() -> guessers.stream().allMatch(g -> g.closeCode != -1));
        assertThat(guessers).allMatch(g -> g.closeCode == CloseFrame.POLICY_VALIDATION);
        long answered = guessers.stream().mapToLong(g -> g.received.size()).sum();
        assertThat(answered).isLessThan((long) connections * OrderGateway.WRONG_TOKENS_PER_CONNECTION);
        List<String> warnings = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> line.contains("wrong or missing token")).toList();
        assertThat(warnings).hasSizeLessThanOrEqualTo(2).first().asString().contains("as alice");
    }

    @Test
    void theStreamNeedsItsOwnToken() throws Exception {
        for (String header : List.of("", "Authorization: Bearer s3cret\r\n", "Authorization: Bearer fee\r\n")) {
            assertThatThrownBy(() -> RawWebSocket.connect(exchange.streamUri(), 64 * 1024, header))
                    .as(header).isInstanceOf(IOException.class);
        }
        try (RawWebSocket subscriber = RawWebSocket.connect(exchange.streamUri(), 64 * 1024,
                "Authorization: Bearer feed\r\n")) {
            assertThat(subscriber.handshakeResponse).startsWith("HTTP/1.1 101");
        }
        // the stream's token is no trader's
        assertThat(gateway().request(Harness.hello("@stream", "feed")).get("reason").asText())
                .isEqualTo("invalid_token");
    }

    @Test
    void onlyTheCrowdMayNameBackgroundTraders() throws Exception {
        JsonNode refused = gateway().request("{\"type\":\"hello\",\"trader_id\":\"alice\",\"token\":\"s3cret\","
                + "\"crowd\":[\"bg_1\"]}");
        assertThat(refused.get("reason").asText()).isEqualTo("trader_mismatch");
        JsonNode welcome = gateway().request("{\"type\":\"hello\",\"trader_id\":\"crowd\",\"token\":\"many\","
                + "\"crowd\":[\"bg_1\",\"bg_2\"]}");
        assertThat(welcome.get("type").asText()).isEqualTo("welcome");
    }
}
