package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.bourse.testkit.RawWebSocket;
import org.junit.jupiter.api.Test;

/**
 * A web page the user happens to visit must not trade or read the stream through the user's browser: the gateway
 * and the stream refuse the handshake of a page from elsewhere, and accept programs (no Origin), pages of this
 * machine and the origins added with {@code --allowed-origin}.
 */
class WebPageOriginTest extends RunningExchangeTest {
    private static final String ADDED = "http://192.168.1.5:9011";

    @Override
    Harness.Config configure(Harness.Config config) {
        return config.allowOrigin(ADDED);
    }

    private static String origin(String value) {
        return "Origin: " + value + "\r\n";
    }

    @Test
    void pagesFromElsewhereCannotOpenTheGatewayOrTheStream() throws Exception {
        for (String uri : List.of(exchange.gatewayUri(), exchange.streamUri())) {
            for (String refused : List.of("http://evil.example", "https://127.0.0.1.evil.example", "null")) {
                assertThatThrownBy(() -> RawWebSocket.connect(uri, 64 * 1024, origin(refused)))
                        .as("%s from %s", uri, refused).isInstanceOf(IOException.class)
                        .hasMessageContaining("HTTP/1.1 404");
            }
            for (String accepted : List.of("", origin("http://127.0.0.1:9011"), origin("http://localhost:8080"),
                    origin(ADDED))) {
                try (RawWebSocket socket = RawWebSocket.connect(uri, 64 * 1024, accepted)) {
                    assertThat(socket.handshakeResponse).as("%s with %s", uri, accepted).startsWith("HTTP/1.1 101");
                }
            }
        }
        // the refused pages did not get as far as a trader: the gateway still serves everyone else
        assertThat(gateway().request(Harness.hello("after")).path("type").asText()).isEqualTo("welcome");
    }
}
