package org.bourse.bot.battle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BotLauncherTest {
    private static final URI MARKET_DATA = URI.create("ws://127.0.0.1:9010");
    private static final URI ORDER_GATEWAY = URI.create("ws://127.0.0.1:9001");

    private final BotLauncher launcher = new BotLauncher("/opt/java/bin/java", List.of("-Xmx64m"), "a.jar:b.jar",
            "org.bourse.bot.BotRunnerMain");

    @Test
    void everySettingOfTheBotBecomesAnOptionOfTheBotCommand() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("spread", "0.1");
        params.put("note", "a b=c");
        BotSpec bot = new BotSpec("maker_1", "maker", -7L, Duration.ofMillis(250), 0, params,
                List.of(Path.of("/s/one.jar"), Path.of("/s/two.jar")), List.of(Path.of("/lib/x.jar"), Path.of("/classes")),
                URI.create("ws://host:1/feed"), URI.create("ws://host:2"), "DEBUG", true);

        assertThat(launcher.command(bot)).containsExactly("/opt/java/bin/java", "-Xmx64m", "-cp", "a.jar:b.jar",
                "org.bourse.bot.BotRunnerMain", "bot", "--trader-id", "maker_1", "--strategy", "maker",
                "--strategy-param", "spread=0.1", "--strategy-param", "note=a b=c",
                "--strategy-jar", "/s/one.jar", "--strategy-jar", "/s/two.jar",
                "--classpath", "/lib/x.jar" + File.pathSeparator + "/classes",
                "--seed", "-7", "--decision-interval", "250ms",
                "--market-data-uri", "ws://host:1/feed", "--order-gateway-uri", "ws://host:2", "--log-level", "DEBUG");
    }

    @Test
    void settingsLeftOutAreLeftToTheBotsDefaultsButTheSeedIsAlwaysGiven() {
        BotSpec bot = new BotSpec("t", "com.example.Mine", 1L, null, 0, Map.of(), List.of(), List.of(), MARKET_DATA,
                ORDER_GATEWAY, null, true);

        assertThat(launcher.command(bot)).containsExactly("/opt/java/bin/java", "-Xmx64m", "-cp", "a.jar:b.jar",
                "org.bourse.bot.BotRunnerMain", "bot", "--trader-id", "t", "--strategy", "com.example.Mine",
                "--seed", "1", "--market-data-uri", "ws://127.0.0.1:9010", "--order-gateway-uri", "ws://127.0.0.1:9001");
    }

    @Test
    void botsRunThisJvmsJavaAndClasspathWithTheFastStartFlags() {
        BotSpec bot = new BotSpec("t", "maker", 1L, null, 0, Map.of(), List.of(), List.of(), MARKET_DATA, ORDER_GATEWAY,
                null, true);

        List<String> expectedStart = new ArrayList<>();
        expectedStart.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        expectedStart.addAll(BotLauncher.FAST_START_FLAGS);
        expectedStart.addAll(List.of("-cp", System.getProperty("java.class.path"), BotLauncher.BOT_MAIN_CLASS, "bot"));
        assertThat(BotLauncher.forThisJvm().command(bot)).startsWith(expectedStart.toArray(String[]::new));
        assertThat(BotLauncher.FAST_START_FLAGS).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    }

    @Test
    void aPythonBotRunsThePythonClientsBotWithTheSameOptionsAndItsFolderToImportFrom() {
        PythonEnvironment python = new PythonEnvironment("/usr/bin/python3", Path.of("/opt/bourse/clients/python"));
        BotSpec bot = new BotSpec("py", "py:quoter:Quoter", 3L, Duration.ofMillis(200), 5, Map.of("qty", "2"),
                List.of(), List.of(Path.of("/lib/x.jar")), MARKET_DATA, ORDER_GATEWAY, "INFO", true, Path.of("/battles"), null);
        BotLauncher lockstep = launcher.withPython(python).inLockstep();

        assertThat(lockstep.command(bot)).containsExactly("/usr/bin/python3", "-m", "bourse_client.bot",
                "--trader-id", "py", "--strategy", "quoter:Quoter", "--strategy-param", "qty=2",
                "--strategy-path", "/battles", "--seed", "3", "--decision-interval", "200ms",
                "--market-data-uri", "ws://127.0.0.1:9010", "--order-gateway-uri", "ws://127.0.0.1:9001",
                "--log-level", "INFO", "--lockstep", "--latency-ms", "5");
        assertThat(lockstep.environment(bot).get("PYTHONPATH")).startsWith("/opt/bourse/clients/python");
        assertThat(lockstep.environment(new BotSpec("t", "maker", 1L, null, 0, Map.of(), List.of(), List.of(),
                MARKET_DATA, ORDER_GATEWAY, null, true))).isEmpty();
    }
}
