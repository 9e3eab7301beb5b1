package org.bourse.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A battle's endings file followed as it grows, and what the monitor prints of it. */
class BotEndingsTest {
    private static final long NOW = Feeds.T0 + 60_000;

    @TempDir
    Path dir;

    @Test
    void eachEndingAppendedBecomesANoticeOnceAndAHalfWrittenLineWaits() throws Exception {
        Path file = dir.resolve("bot-endings.tsv");
        BotEndings endings = new BotEndings(file, () -> NOW);
        assertThat(endings.poll()).as("no file yet").isEmpty();

        append(file, "maker_2\tfailed\texit code 1: maker_2: the exchange refused\n" + "taker_1\tex");
        assertThat(endings.poll()).containsExactly(
                new Notice.BotEnded(NOW, "maker_2", "failed", "exit code 1: maker_2: the exchange refused"));
        append(file, "ited\texit code 0: bye\n");
        assertThat(endings.poll()).containsExactly(new Notice.BotEnded(NOW, "taker_1", "exited", "exit code 0: bye"));
        assertThat(endings.poll()).isEmpty();
    }

    @Test
    void theMonitorShowsABotThatEndedWithWhy() {
        MarketModel model = new MarketModel("ws://127.0.0.1:9010", () -> NOW);
        model.apply(Feeds.snapshot(5));
        model.botEnded(new Notice.BotEnded(NOW, "maker_2", "failed", "exit code 1: unknown parameter"));

        assertThat(new PlainRenderer(ZoneOffset.UTC, 1).lines(model.picture(1), NOW, 0))
                .contains("BOT at 15:47:40.000 trader=maker_2 state=failed detail=exit code 1: unknown parameter");
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
