package org.bourse.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bourse.exchange.server.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bot as a user runs it: its own JVM, stopped with SIGTERM. */
class BotProcessTest {
    private static final String OFF_TICK =
            "proc_bot: order rejected: invalid_message (price: 99.505 is not a multiple of the tick size 0.01)";

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

    @Test
    void aBotTellsWhyItsOrdersAreRejectedFirstVerbatimThenCountedByReason() throws Exception {
        try (Exchange exchange = Exchanges.start(dir)) {
            Path log = dir.resolve("bot.log");
            Process bot = bot(exchange, OffTickEveryTurn.class, log, "debug"); // DEBUG has every rejection
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> rejectionLines(log).count() > RejectionLog.VERBATIM);
                bot.destroy(); // SIGTERM
                assertThat(bot.waitFor(10, TimeUnit.SECONDS)).as("stopped").isTrue();
                String out = Files.readString(log);
                assertThat(rejectionLines(log).filter(line -> line.contains(" INFO "))).hasSize(RejectionLog.VERBATIM)
                        .allMatch(line -> line.endsWith(OFF_TICK) || line.endsWith(OFF_TICK
                                + "; further rejections are counted by reason, one line every 10 s"));
                assertThat(out).containsPattern("proc_bot: \\d+ more rejections?: invalid_message \\d+");
            } finally {
                bot.destroyForcibly();
            }
        }
    }

    @Test
    void aBotWhoseStrategyThrewOnEveryTurnSaysSoAndExits1() throws Exception {
        try (Exchange exchange = Exchanges.start(dir)) {
            Path log = dir.resolve("bot.log");
            Process bot = bot(exchange, ThrowsEveryTurn.class, log, "info");
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("threw"));
                bot.destroy(); // SIGTERM, as a battle stops its bots
                assertThat(bot.waitFor(10, TimeUnit.SECONDS)).as("stopped").isTrue();
                String out = Files.readString(log);
                assertThat(bot.exitValue()).as(out).isEqualTo(1);
                assertThat(out).contains("proc_bot: nextOrder threw IllegalStateException: no idea what to do")
                        .containsPattern("proc_bot: the strategy's nextOrder threw on every turn \\(\\d+\\)")
                        .doesNotContain("nextActions");
            } finally {
                bot.destroyForcibly();
            }
        }
    }

    private static java.util.stream.Stream<String> rejectionLines(Path log) throws java.io.IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains(OFF_TICK));
    }

    private static Process bot(Exchange exchange, Class<?> strategy, Path log, String level) throws Exception {
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), BotRunnerMain.class.getName(), "bot",
                "--trader-id", "proc_bot", "--strategy", strategy.getName(), "--decision-interval", "20ms",
                "--market-data-uri", exchange.streamUri(), "--order-gateway-uri", exchange.gatewayUri(),
                "--log-level", level))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
