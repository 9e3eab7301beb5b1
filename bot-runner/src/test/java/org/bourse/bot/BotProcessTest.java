package org.bourse.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bourse.exchange.server.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bot as a user runs it: its own JVM, stopped with SIGTERM. */
class BotProcessTest {

    @TempDir
    Path dir;

    @Test
    void aBotProcessTradesAndStopsCleanlyOnSigterm() throws Exception {
        try (Exchange exchange = Exchanges.start(dir)) {
            Peer stream = Peer.connect(exchange.streamUri());
            stream.next("snapshot");
            Path log = dir.resolve("bot.log");
            Process bot = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), BotRunnerMain.class.getName(), "bot",
                    "--trader-id", "proc_bot", "--strategy", BidOnce.class.getName(),
                    "--strategy-param", "price=99.50", "--strategy-param", "qty=2", "--seed", "7",
                    "--decision-interval", "50ms", "--market-data-uri", exchange.streamUri(),
                    "--order-gateway-uri", exchange.gatewayUri(), "--log-level", "info"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                stream.next(frame -> frame.path("type").asText().equals("book_update")
                        && frame.path("bids").size() == 1 && frame.path("bids").get(0).get(1).asLong() == 2);
                Peer seller = Peer.connect(exchange.gatewayUri());
                seller.request("{\"type\":\"hello\",\"trader_id\":\"seller\"}", "welcome");
                seller.send(Peer.limit("seller", "sell", "99.50", 1));
                JsonNode trade = stream.next("trade");
                assertThat(trade.path("buy_trader_id").asText()).isEqualTo("proc_bot");
                seller.close();

                bot.destroy(); // SIGTERM
                assertThat(bot.waitFor(10, TimeUnit.SECONDS)).as("stopped").isTrue();
                assertThat(bot.exitValue()).as("exit code; output:%n%s", Files.readString(log)).isZero();
                // its last lot was cancelled on the way out
                stream.next(frame -> frame.path("type").asText().equals("book_update")
                        && frame.path("bids").isEmpty());
                assertThat(Files.readString(log)).contains(
                        "proc_bot: seed 7 (--seed 7 repeats the strategy's random numbers; in real time the run "
                                + "itself depends on timing",
                        "proc_bot: trading with org.bourse.bot.BidOnce every 50 ms; market data "
                                + exchange.streamUri() + ", order gateway " + exchange.gatewayUri(),
                        "proc_bot: cancelled 1 resting order on exit",
                        "proc_bot: stopped; 1 order sent, 1 fill, 0 rejections, 0 strategy failures");
            } finally {
                bot.destroyForcibly();
                stream.close();
            }
        }
    }
}
