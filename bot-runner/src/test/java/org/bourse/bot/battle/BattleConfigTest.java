package org.bourse.bot.battle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bourse.cli.Seeds;
import org.bourse.strategies.BuiltInStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BattleConfigTest {
    private static final String OK_BOT = "{'trader_id': 'ok', 'strategy': 'maker'}";

    @TempDir
    Path dir;

    @Test
    void readsEveryFieldWithPathsRelativeToTheConfigFile() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("battles"));
        Path sharedJar = Files.createFile(Files.createDirectories(dir.resolve("lib")).resolve("strats.jar"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path ownJar = Files.createFile(sub.resolve("mine.jar"));
        Path file = write(sub.resolve("bots.json"), """
                {'market_data_uri': 'ws://127.0.0.1:19010', 'order_gateway_uri': 'ws://127.0.0.1:19001',
                 'classpath': ['../lib/strats.jar', '../classes'],
                 'bots': [
                   {'trader_id': 'maker_1', 'strategy': 'maker', 'seed': 7, 'decision_interval': 0.25,
                    'strategy_params': {'spread': 0.10, 'levels': 3, 'quote': 'both', 'post_only': true},
                    'log_level': 'debug'},
                   {'trader_id': 'mine', 'strategy': 'com.example.MyStrategy', 'decision_interval': '1.5s',
                    'strategy_jar': 'mine.jar', 'market_data_uri': 'ws://localhost:7000/feed',
                    'order_gateway_uri': 'ws://localhost:7001', 'enabled': false}
                 ]}""");

        BattleConfig config = BattleConfig.load(file);

        assertThat(config.marketDataUri()).isEqualTo(URI.create("ws://127.0.0.1:19010"));
        assertThat(config.orderGatewayUri()).isEqualTo(URI.create("ws://127.0.0.1:19001"));
        BotSpec maker = config.bots().get(0);
        assertThat(maker).isEqualTo(new BotSpec("maker_1", "maker", 7L, Duration.ofMillis(250), 0, maker.strategyParams(),
                List.of(), List.of(sharedJar, classes), URI.create("ws://127.0.0.1:19010"),
                URI.create("ws://127.0.0.1:19001"), "DEBUG", true, sub, null));
        assertThat(maker.strategyParams())
                .containsExactly(entry("spread", "0.1"), entry("levels", "3"), entry("quote", "both"), entry("post_only", "true"));
        assertThat(config.bots().get(1)).isEqualTo(new BotSpec("mine", "com.example.MyStrategy", Seeds.derive(1, "mine"),
                Duration.ofMillis(1_500), 0, Map.of(), List.of(ownJar), List.of(sharedJar, classes),
                URI.create("ws://localhost:7000/feed"), URI.create("ws://localhost:7001"), null, false, sub, null));
        assertThat(config.enabledBots()).extracting(BotSpec::traderId).containsExactly("maker_1");
    }

    @Test
    void theDefaultsAreTheReferencePortsAndTheBotsOwnSettings() throws Exception {
        BattleConfig config = BattleConfig.load(write("{'bots': [{'trader_id': 'solo', 'strategy': 'Random'}]}"));

        BotSpec solo = config.bots().get(0);
        assertThat(solo).isEqualTo(new BotSpec("solo", "random", Seeds.derive(1, "solo"), null, 0, Map.of(), List.of(), List.of(),
                URI.create("ws://127.0.0.1:9010"), URI.create("ws://127.0.0.1:9001"), null, true, dir, null));
    }

    @Test
    void jsonNullIsTakenAsNotGiven() throws Exception {
        BattleConfig config = BattleConfig.load(write("""
                {'market_data_uri': null, 'classpath': null, 'bots': [
                  {'trader_id': 'a', 'strategy': 'maker', 'seed': null, 'decision_interval': null,
                   'strategy_params': null, 'log_level': null, 'enabled': null, 'strategy_jar': null}]}"""));

        assertThat(config.bots()).containsExactly(new BotSpec("a", "maker", Seeds.derive(1, "a"), null, 0, Map.of(), List.of(), List.of(),
                URI.create("ws://127.0.0.1:9010"), URI.create("ws://127.0.0.1:9001"), null, true, dir, null));
    }

    @Test
    void aPythonStrategyIsNamedByModuleAndClassAndFoundFromTheConfigsFolder() throws Exception {
        Files.createFile(dir.resolve("mine.jar"));
        BattleConfig config = BattleConfig.load(write("""
                {'bots': [{'trader_id': 'py', 'strategy': 'py:strategies.quoting:Quoter'},
                          {'trader_id': 'java', 'strategy': 'maker'}]}"""));

        BotSpec python = config.bots().get(0);
        assertThat(python.isPython()).isTrue();
        assertThat(python.pythonStrategy()).isEqualTo("strategies.quoting:Quoter");
        assertThat(python.folder()).isEqualTo(dir);
        assertThat(config.bots().get(1).isPython()).isFalse();
        assertThat(config.hasPythonBots()).isTrue();

        List<String> errors = errorsOf("""
                {'bots': [{'trader_id': 'a', 'strategy': 'py:quoter'},
                          {'trader_id': 'b', 'strategy': 'py:my-module:Quoter'},
                          {'trader_id': 'c', 'strategy': 'py:quoter:Quoter', 'strategy_jar': 'mine.jar'}]}""");
        assertThat(errors).containsExactly(
                "bots[0].strategy: 'py:quoter' must name a Python module and class as py:my_module:MyStrategy",
                "bots[1].strategy: 'py:my-module:Quoter' must name a Python module and class as py:my_module:MyStrategy",
                "bots[2].strategy_jar: a Python strategy takes no jar: its module is found in the config's folder or on "
                        + "the Python path");
    }

    @Test
    void aPythonStrategyDoesNotRunInsideAJvm() throws Exception {
        BotSpec python = BattleConfig.load(write("{'bots': [{'trader_id': 'py', 'strategy': 'py:quoter:Quoter'}]}"))
                .bots().get(0);

        assertThatThrownBy(python::createStrategy).hasMessage("py: py:quoter:Quoter is a Python strategy: it runs as a "
                + "process of its own (./bourse battle or session), not inside a JVM");
    }

    @Test
    void aClasspathStringMayHoldSeveralEntries() throws Exception {
        Path a = Files.createFile(dir.resolve("a.jar"));
        Path b = Files.createFile(dir.resolve("b.jar"));
        BattleConfig config = BattleConfig.load(write("{'classpath': 'a.jar" + java.io.File.pathSeparator + "b.jar', "
                + "'bots': [" + OK_BOT + "]}"));

        assertThat(config.bots().get(0).classpath()).containsExactly(a, b);
    }

    @Test
    void anUnknownKeyIsAnErrorNamingItAndWhereItIs() throws Exception {
        assertThat(errorsOf("""
                {'comment': 'from the reference', 'bots': [
                  {'trader_id': 'a', 'strategy': 'maker', 'strategy_param': {'levels': 2}},
                  {'trader_id': 'b', 'strategy': 'taker'}]}""")).containsExactly(
                "comment: unknown key (known: bots, classpath, lockstep, market, market_data_uri, order_gateway_uri, "
                        + "seed)",
                "bots[0].strategy_param: unknown key (known: decision_interval, enabled, latency_ms, log_level, "
                        + "market_data_uri, order_gateway_uri, seed, stale_cancel, stale_timeout, strategy, strategy_jar, "
                        + "strategy_params, trader_id)");
    }

    @Test
    void anUnknownKeyOfTheMarketSectionIsAnErrorToo() throws Exception {
        assertThat(errorsOf("""
                {'market': {'fundamental': {'volatilty': 1}}, 'bots': [{'trader_id': 'a', 'strategy': 'maker'}]}"""))
                .containsExactly("market.fundamental.volatilty: unknown key");
    }

    @Test
    void theBattlesSeedGivesEveryBotWithoutOneItsOwnAndLockstepIsOff() throws Exception {
        BattleConfig config = BattleConfig.load(write("""
                {'seed': 42, 'bots': [{'trader_id': 'a', 'strategy': 'maker'},
                  {'trader_id': 'b', 'strategy': 'maker', 'seed': 5, 'latency_ms': 15}]}"""));

        assertThat(config.seed()).isEqualTo(42);
        assertThat(config.lockstep()).isFalse();
        assertThat(config.bots().get(0).seed()).isEqualTo(Seeds.derive(42, "a"));
        assertThat(config.bots().get(1).seed()).isEqualTo(5);
        assertThat(config.bots().get(0).latencyMillis()).isZero();
        assertThat(config.bots().get(1).latencyMillis()).isEqualTo(15);
        assertThat(BattleConfig.load(write("{'lockstep': true, 'bots': [" + OK_BOT + "]}")).lockstep()).isTrue();
        assertThat(BattleConfig.load(write("{'bots': [" + OK_BOT + "]}")).seed()).isEqualTo(1);
    }

    @Test
    void theMarketSectionIsAScenarioWhoseErrorsNameTheirFields() throws Exception {
        BattleConfig preset = BattleConfig.load(write("{'market': {'preset': 'calm'}, 'bots': [" + OK_BOT + "]}"));
        assertThat(preset.market()).isEqualTo(org.bourse.scenario.Scenario.preset("calm"));
        assertThat(preset.marketSeed()).isEqualTo(Seeds.derive(1, "market"));
        assertThat(BattleConfig.load(write("{'bots': [" + OK_BOT + "]}")).market()).isNull();

        assertThat(errorsOf("{'market': {'fundamental': {'model': 'ou', 'volatility': -1}, 'crowd': {'noise_traders': "
                + "{'count': 2.5}}}, 'bots': [{'trader_id': 'bg_x', 'strategy': 'maker'}]}")).containsExactlyInAnyOrder(
                "bots[0].trader_id: 'bg_x' is reserved for the background crowd (ids starting with bg_, and crowd)",
                "market.fundamental.volatility: must be ≥ 0, not -1",
                "market.crowd.noise_traders.count: must be a whole number ≥ 0, not 2.5");
    }

    static Stream<Arguments> badBots() {
        return Stream.of(
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'latency_ms': -1}",
                        "bots[0].latency_ms: must be 0 or more, got -1"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'latency_ms': 'fast'}",
                        "bots[0].latency_ms: must be a whole number of milliseconds, got string \"fast\""),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'latency_ms': 2.5}",
                        "bots[0].latency_ms: must be a whole number of milliseconds, got number 2.5"),
                Arguments.of("{'strategy': 'maker'}", "bots[0].trader_id: missing"),
                Arguments.of("{'trader_id': '', 'strategy': 'maker'}", "bots[0].trader_id: empty"),
                Arguments.of("{'trader_id': 42, 'strategy': 'maker'}", "bots[0].trader_id: must be a string, got number 42"),
                Arguments.of("{'trader_id': '" + "x".repeat(65) + "', 'strategy': 'maker'}",
                        "bots[0].trader_id: longer than 64 characters"),
                Arguments.of("{'trader_id': 'a\\tb', 'strategy': 'maker'}",
                        "bots[0].trader_id: must not contain control characters"),
                Arguments.of("{'trader_id': 't'}", "bots[0].strategy: missing"),
                Arguments.of("{'trader_id': 'bg_me', 'strategy': 'maker'}", "bots[0].trader_id: 'bg_me' is reserved "
                        + "for the background crowd (ids starting with bg_, and crowd)"),
                Arguments.of("{'trader_id': 'crowd', 'strategy': 'maker'}", "bots[0].trader_id: 'crowd' is reserved "
                        + "for the background crowd (ids starting with bg_, and crowd)"),
                Arguments.of("{'trader_id': 't', 'strategy': 'Maker!'}", "bots[0].strategy: 'Maker!' is neither a "
                        + "built-in (maker, taker, random, momentum, mean_reversion), a fully qualified class name like "
                        + "com.example.MyStrategy, nor a Python class like py:my_module:MyStrategy"),
                Arguments.of("{'trader_id': 't', 'strategy': 'MyStrategy'}", "bots[0].strategy: 'MyStrategy' is neither a "
                        + "built-in (maker, taker, random, momentum, mean_reversion), a fully qualified class name like "
                        + "com.example.MyStrategy, nor a Python class like py:my_module:MyStrategy"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'seed': 1.5}", "bots[0].seed: must be an integer, got number 1.5"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'seed': '7'}", "bots[0].seed: must be an integer, got string \"7\""),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'seed': 99999999999999999999}",
                        "bots[0].seed: must fit in 64 bits, got 99999999999999999999"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'decision_interval': -1}",
                        "bots[0].decision_interval: must be > 0, got -1"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'decision_interval': 0}",
                        "bots[0].decision_interval: must be > 0, got 0"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'decision_interval': '0ms'}",
                        "bots[0].decision_interval: must be > 0, got '0ms'"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'decision_interval': 'fast'}",
                        "bots[0].decision_interval: 'fast' is not a duration (write e.g. 10s, 500ms, 1.5s or 2m), "
                                + "or a number of seconds as in the reference (0.5)"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'decision_interval': 0.0005}",
                        "bots[0].decision_interval: must be a whole number of milliseconds, got 0.0005"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'decision_interval': true}",
                        "bots[0].decision_interval: must be a number of seconds (0.5) or a string (\"500ms\"), got boolean true"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'strategy_params': [1]}",
                        "bots[0].strategy_params: must be an object of name: value, got array"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'strategy_params': {'spread': null}}",
                        "bots[0].strategy_params.spread: must be a string, number or boolean, got null"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'strategy_params': {'levels': [1, 2]}}",
                        "bots[0].strategy_params.levels: must be a string, number or boolean, got array"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'strategy_params': {'a=b': 1}}",
                        "bots[0].strategy_params: parameter name 'a=b' must be non-empty and without '='"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'market_data_uri': 'http://x'}",
                        "bots[0].market_data_uri: 'http://x' is not a WebSocket address (ws://host:port)"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'order_gateway_uri': 'ws://'}",
                        "bots[0].order_gateway_uri: 'ws://' is not a WebSocket address (ws://host:port)"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'order_gateway_uri': 9001}",
                        "bots[0].order_gateway_uri: must be a ws:// URI string, got number 9001"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'log_level': 'verbose'}",
                        "bots[0].log_level: 'verbose' is not one of TRACE, DEBUG, INFO, WARN, ERROR"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'enabled': 'yes'}",
                        "bots[0].enabled: must be true or false, got string \"yes\""),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'strategy_jar': 'missing.jar'}",
                        "bots[0].strategy_jar: no such file '{dir}/missing.jar'"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'strategy_jar': '.'}",
                        "bots[0].strategy_jar: not a jar file '{dir}'"),
                Arguments.of("{'trader_id': 't', 'strategy': 'maker', 'strategy_jar': 5}",
                        "bots[0].strategy_jar: must be a path or an array of paths, got number 5"),
                Arguments.of("'maker_1'", "bots[0]: must be an object, got string"));
    }

    @ParameterizedTest
    @MethodSource("badBots")
    void eachBadBotSettingIsNamedWithItsPlace(String bot, String error) throws Exception {
        assertThat(errorsOf("{'bots': [" + bot + "]}")).containsExactly(error.replace("{dir}", dir.toString()));
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("{'bots': []}", "bots: empty"),
                Arguments.of("{}", "bots: missing (an array with one object per bot)"),
                Arguments.of("{'bots': {}}", "bots: must be an array, got object"),
                Arguments.of("[]", "must be a JSON object with a \"bots\" array, got array"),
                Arguments.of("{'market_data_uri': 'http://x', 'bots': [" + OK_BOT + "]}",
                        "market_data_uri: 'http://x' is not a WebSocket address (ws://host:port)"),
                Arguments.of("{'order_gateway_uri': 'ws://', 'bots': [" + OK_BOT + "]}",
                        "order_gateway_uri: 'ws://' is not a WebSocket address (ws://host:port)"),
                Arguments.of("{'classpath': ['nope.jar'], 'bots': [" + OK_BOT + "]}",
                        "classpath: no such file '{dir}/nope.jar'"),
                Arguments.of("{'classpath': ['.', 1], 'bots': [" + OK_BOT + "]}",
                        "classpath: must be a path or an array of paths, got an array holding number 1"),
                Arguments.of("{'classpath': '', 'bots': [" + OK_BOT + "]}", "classpath: empty path"),
                Arguments.of("{'bots': [{'trader_id': 'a', 'strategy': 'maker', 'enabled': false}]}",
                        "bots: every bot is disabled (\"enabled\": false): nothing to run"),
                Arguments.of("{'bots': [" + OK_BOT + ", {'trader_id': 'b', 'strategy': 'taker'}, " + OK_BOT + "]}",
                        "bots[2].trader_id: duplicate 'ok' (first at bots[0])"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void eachBadTopLevelSettingIsNamed(String config, String error) throws Exception {
        assertThat(errorsOf(config)).containsExactly(error.replace("{dir}", dir.toString()));
    }

    @Test
    void everyErrorIsCollectedAtOnce() throws Exception {
        List<String> errors = errorsOf("""
                {'market_data_uri': 'http://x', 'bots': [
                  {'trader_id': 'maker_1', 'strategy': 'maker', 'decision_interval': -1},
                  {'trader_id': 'maker_2', 'strategy': 'maker', 'seed': 'seven', 'log_level': 'loud'},
                  {'trader_id': 'maker_1', 'strategy': 'sniper'},
                  {'strategy': 'taker', 'strategy_jar': ['a.jar', 'b.jar']}
                ]}""");

        assertThat(errors).containsExactly(
                "market_data_uri: 'http://x' is not a WebSocket address (ws://host:port)",
                "bots[0].decision_interval: must be > 0, got -1",
                "bots[1].seed: must be an integer, got string \"seven\"",
                "bots[1].log_level: 'loud' is not one of TRACE, DEBUG, INFO, WARN, ERROR",
                "bots[2].trader_id: duplicate 'maker_1' (first at bots[0])",
                "bots[2].strategy: 'sniper' is neither a built-in (maker, taker, random, momentum, mean_reversion), a "
                        + "fully qualified class name like com.example.MyStrategy, nor a Python class like "
                        + "py:my_module:MyStrategy",
                "bots[3].trader_id: missing",
                "bots[3].strategy_jar: no such file '" + dir.resolve("a.jar") + "'",
                "bots[3].strategy_jar: no such file '" + dir.resolve("b.jar") + "'");
    }

    @Test
    void aJsonSyntaxErrorGivesItsLineAndColumn() throws Exception {
        List<String> errors = errorsOf("{\n  'bots': [\n    {'trader_id': 'a',}\n  ]\n}");

        assertThat(errors).singleElement().asString()
                .startsWith("line 3, column 23: JSON syntax error: Unexpected character ('}'");
    }

    @Test
    void aDuplicateKeyIsASyntaxErrorNotASilentOverwrite() throws Exception {
        assertThat(errorsOf("{'bots': [], 'bots': [" + OK_BOT + "]}")).singleElement().asString()
                .matches("line 1, column \\d+: JSON syntax error: Duplicate field 'bots'");
    }

    @Test
    void textAfterTheConfigIsAnError() throws Exception {
        assertThat(errorsOf("{'bots': [" + OK_BOT + "]} {}")).singleElement().asString()
                .startsWith("line 1, column ").contains("JSON syntax error: Trailing token");
    }

    @Test
    void anEmptyFileIsSaidToBeEmpty() throws Exception {
        assertThat(errorsOf("  \n")).containsExactly("empty file (expected a JSON object with a \"bots\" array)");
    }

    @Test
    void aMissingFileOrAFolderIsOneError() {
        assertThatThrownBy(() -> BattleConfig.load(dir.resolve("nope.json")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.errors()).containsExactly("no such file"));
        assertThatThrownBy(() -> BattleConfig.load(dir))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.errors()).containsExactly("is a directory, not a config file"));
    }

    @Test
    void theRepositoryDefaultBattleIsValidAndLively() throws Exception {
        Path repositoryConfig = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent()
                .resolve("bots_config.json");

        BattleConfig config = BattleConfig.load(repositoryConfig);

        assertThat(config.marketDataUri()).isEqualTo(URI.create("ws://127.0.0.1:9010"));
        assertThat(config.orderGatewayUri()).isEqualTo(URI.create("ws://127.0.0.1:9001"));
        assertThat(config.enabledBots()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(config.bots()).extracting(BotSpec::strategy).containsAll(new BuiltInStrategies());
        assertThat(config.bots()).allSatisfy(bot -> {
            assertThat(bot.seed()).as(bot.traderId() + " seed").isNotNull();
            assertThat(bot.decisionInterval()).as(bot.traderId() + " decision interval")
                    .isBetween(Duration.ofMillis(200), Duration.ofSeconds(1));
        });
    }

    private List<String> errorsOf(String json) throws IOException {
        Path file = write(json);
        try {
            BattleConfig.load(file);
        } catch (InvalidConfigException e) {
            return e.errors();
        }
        throw new AssertionError("expected errors, the config was read as valid: " + json);
    }

    private Path write(String json) throws IOException {
        return write(dir.resolve("bots.json"), json);
    }

    /** Writes JSON given with single quotes (easier to read in Java) as real JSON. */
    private static Path write(Path file, String json) throws IOException {
        return Files.writeString(file, json.replace('\'', '"'));
    }
}
