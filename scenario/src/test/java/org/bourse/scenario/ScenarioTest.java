package org.bourse.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioTest {
    /** As the battle config is read: decimals exact. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @TempDir
    Path folder;

    @Test
    void anEmptyMarketHasEveryDefault() throws Exception {
        Scenario scenario = parse("{}");
        assertThat(scenario.fundamental()).isEqualTo(new Fundamental.Spec(100,
                new Fundamental.MeanReverting(0.5, null, 300, Fundamental.Jumps.NONE)));
        assertThat(scenario.crowd()).isEqualTo(new Crowd.Spec(
                new Crowd.ValueTraders(20, 0.5, 0.1, 0.1, 1, 1000, 2, 50),
                new Crowd.NoiseTraders(20, 6, 3, 0.3, 50),
                new Crowd.MarketMakers(2, 0.05, 0.2, 10_000, 5, 500, 100)));
        assertThat(Scenario.parse(null, null)).isEqualTo(scenario);
    }

    @Test
    void everyFieldIsRead() throws Exception {
        Scenario scenario = parse("""
                {"fundamental": {"model": "random_walk", "step_ms": 250, "volatility": 1.5, "drift": -0.25,
                                 "jumps": {"rate": 2, "size": 3, "down": 0.75}},
                 "crowd": {"value_traders": {"count": 3, "noise": 0.2, "jitter": 0, "patience": 0.3, "lean": 2,
                                             "interval": 2.5, "qty": 4, "max_position": 40},
                           "noise_traders": {"count": 0, "rate": 12, "qty_max": 7, "market_share": 1,
                                             "max_position": 9},
                           "market_makers": {"count": 1, "spread": 0.1, "widening": 0, "vol_window": 30, "qty": 8,
                                             "interval": 0.25, "max_position": 60}}}""");
        assertThat(scenario.fundamental()).isEqualTo(new Fundamental.Spec(250,
                new Fundamental.RandomWalk(1.5, -0.25, new Fundamental.Jumps(2, 3, 0.75))));
        assertThat(scenario.crowd()).isEqualTo(new Crowd.Spec(
                new Crowd.ValueTraders(3, 0.2, 0, 0.3, 2, 2500, 4, 40),
                new Crowd.NoiseTraders(0, 12, 7, 1, 9),
                new Crowd.MarketMakers(1, 0.1, 0, 30_000, 8, 250, 60)));
    }

    @Test
    void ouAndRegimesReadTheirOwnFields() throws Exception {
        assertThat(parse("""
                {"fundamental": {"model": "ou", "mean": 120.5, "half_life": 45, "volatility": 2}}""").fundamental())
                .isEqualTo(new Fundamental.Spec(100, new Fundamental.MeanReverting(2, new BigDecimal("120.5"), 45,
                        Fundamental.Jumps.NONE)));
        Fundamental.Diffusion calm = new Fundamental.MeanReverting(0.4, null, 90, new Fundamental.Jumps(1, 2, 0.5));
        assertThat(parse("""
                {"fundamental": {"model": "regimes", "base": "ou", "half_life": 90, "calm": {"volatility": 0.4},
                                 "volatile": {"volatility": 4}, "switch_rate": 0.5,
                                 "jumps": {"rate": 1, "size": 2}}}""").fundamental())
                .isEqualTo(new Fundamental.Spec(100, new Fundamental.Regimes(calm, calm.withVolatility(4), 0.5)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"fundamental": {"volatility": -1}}                | market.fundamental.volatility: must be ≥ 0, not -1
            {"fundamental": {"volatility": "high"}}            | market.fundamental.volatility: must be a number ≥ 0, not "high"
            {"fundamental": {"model": "ouu"}}                  | market.fundamental.model: unknown model 'ouu' (random_walk, ou, regimes, csv)
            {"fundamental": {"model": 3}}                      | market.fundamental.model: must be a string, not 3
            {"fundamental": {"volatilty": 1}}                  | market.fundamental.volatilty: unknown key
            {"fundamental": {"model": "random_walk", "half_life": 60}} | market.fundamental.half_life: not used by model random_walk
            {"fundamental": {"model": "ou", "drift": 1}}       | market.fundamental.drift: not used by model ou
            {"fundamental": {"model": "regimes", "volatility": 1}} | market.fundamental.volatility: not used by model regimes with base random_walk
            {"fundamental": {"model": "regimes", "base": "ou", "drift": 1}} | market.fundamental.drift: not used by model regimes with base ou
            {"fundamental": {"model": "regimes", "base": "gbm", "half_life": 9}} | market.fundamental.base: unknown base 'gbm' (random_walk, ou)
            {"fundamental": {"model": "regimes", "calm": {"volatility": -2}}} | market.fundamental.calm.volatility: must be ≥ 0, not -2
            {"fundamental": {"model": "regimes", "volatile": {"vol": 2}}} | market.fundamental.volatile.vol: unknown key
            {"fundamental": {"model": "regimes", "switch_rate": 61}} | market.fundamental.switch_rate: must be between 0 and 60, not 61
            {"fundamental": {"jumps": {"rate": 61}}}           | market.fundamental.jumps.rate: must be between 0 and 60, not 61
            {"fundamental": {"jumps": {"rate": -0.5}}}         | market.fundamental.jumps.rate: must be between 0 and 60, not -0.5
            {"fundamental": {"jumps": {"down": 1.5}}}          | market.fundamental.jumps.down: must be between 0 and 1, not 1.5
            {"fundamental": {"jumps": 2}}                      | market.fundamental.jumps: must be an object, not 2
            {"fundamental": {"mean": 0}}                       | market.fundamental.mean: must be > 0, not 0
            {"fundamental": {"half_life": 0}}                  | market.fundamental.half_life: must be > 0, not 0
            {"fundamental": {"step_ms": 5}}                    | market.fundamental.step_ms: must be a whole number ≥ 10, not 5
            {"fundamental": {"step_ms": 100.5}}                | market.fundamental.step_ms: must be a whole number ≥ 10, not 100.5
            {"fundamental": {"step_ms": 60001}}                | market.fundamental.step_ms: must be at most 60000, not 60001
            {"fundamental": {"model": "csv"}}                  | market.fundamental.csv: missing (the path of a CSV file with the columns time and price)
            {"fundamental": {"model": "csv", "csv": 5}}        | market.fundamental.csv: must be a string, not 5
            {"fundamental": {"model": "csv", "csv": "/x/y.csv"}} | market.fundamental.csv: no such file /x/y.csv
            {"crowd": {"noise_traders": {"count": 2.5}}}       | market.crowd.noise_traders.count: must be a whole number ≥ 0, not 2.5
            {"crowd": {"noise_traders": {"count": -1}}}        | market.crowd.noise_traders.count: must be a whole number ≥ 0, not -1
            {"crowd": {"value_traders": {"count": 1001}}}      | market.crowd.value_traders.count: must be at most 1000, not 1001
            {"crowd": {"value_traders": {"qty": 0}}}           | market.crowd.value_traders.qty: must be a whole number ≥ 1, not 0
            {"crowd": {"value_traders": {"interval": 0}}}      | market.crowd.value_traders.interval: must be between 0.01 and 3600, not 0
            {"crowd": {"value_traders": {"interval": 0.333}}}  | market.crowd.value_traders.interval: must be a multiple of 0.01, not 0.333
            {"crowd": {"value_traders": {"noise": 101}}}       | market.crowd.value_traders.noise: must be between 0 and 100, not 101
            {"crowd": {"noise_traders": {"market_share": 2}}}  | market.crowd.noise_traders.market_share: must be between 0 and 1, not 2
            {"crowd": {"market_makers": {"spread": 0}}}        | market.crowd.market_makers.spread: must be between 0.001 and 5, not 0
            {"crowd": {"market_makers": {"max_position": true}}} | market.crowd.market_makers.max_position: must be a whole number ≥ 1, not true
            {"crowd": {"market_makers": {"vol_window": null}}} | market.crowd.market_makers.vol_window: must be a number between 0.01 and 3600, not null
            {"crowd": {"momentum_traders": {}}}                | market.crowd.momentum_traders: unknown key
            {"crowd": []}                                      | market.crowd: must be an object, not an array
            {"seed": 4}                                        | market.seed: unknown key
            {"preset": "wild"}                                 | market.preset: unknown preset 'wild' (calm, trending, volatile, crash, lively)
            {"preset": ["calm"]}                               | market.preset: must be a string, not an array
            """)
    void eachMistakeIsNamedByItsField(String json, String error) {
        assertThat(errors(json)).containsExactly(error);
    }

    @Test
    void aMarketThatIsNotAnObjectIsNamed() {
        assertThat(errors("[1]")).containsExactly("market: must be an object, not an array");
    }

    @Test
    void everyMistakeIsReportedNotOnlyTheFirst() {
        assertThat(errors("""
                {"fundamental": {"volatility": -1, "volatilty": 1, "jumps": {"rate": 100}},
                 "crowd": {"noise_traders": {"count": 2.5}, "value_traders": {"qty": 0}}}"""))
                .containsExactlyInAnyOrder(
                        "market.fundamental.volatilty: unknown key",
                        "market.fundamental.volatility: must be ≥ 0, not -1",
                        "market.fundamental.jumps.rate: must be between 0 and 60, not 100",
                        "market.crowd.noise_traders.count: must be a whole number ≥ 0, not 2.5",
                        "market.crowd.value_traders.qty: must be a whole number ≥ 1, not 0");
    }

    @Test
    void aCsvModelNamesItsFlagAndItsFile() {
        assertThat(errors("""
                {"fundamental": {"model": "csv", "csv": "/x/y.csv", "rebase": "yes"}}""")).containsExactly(
                "market.fundamental.rebase: must be true or false, not \"yes\"",
                "market.fundamental.csv: no such file /x/y.csv");
    }

    @Test
    void anUnknownModelStillHasItsUnknownKeysNamed() {
        assertThat(errors("""
                {"fundamental": {"model": "ouu", "volatilty": 1, "half_life": 10}}""")).containsExactly(
                "market.fundamental.model: unknown model 'ouu' (random_walk, ou, regimes, csv)",
                "market.fundamental.volatilty: unknown key");
    }

    // ------------------------------------------------------------------------------------------- csv

    @Test
    void aCsvIsReadRelativeToTheConfigsFolder() throws Exception {
        Files.writeString(folder.resolve("path.csv"), """
                time,price,volume
                0,100.5,3

                1.5,101,4
                """);
        Scenario scenario = parse("""
                {"fundamental": {"model": "csv", "csv": "path.csv", "rebase": true}}""");
        assertThat(scenario.fundamental().model()).isEqualTo(new Fundamental.Replay(
                FundamentalPathTest.points("0", "100.5", "1.5", "101"), true));
    }

    @Test
    void everyBadRowOfACsvIsNamedByItsLine() throws Exception {
        Files.writeString(folder.resolve("bad.csv"), """
                price, time
                100, 0
                101
                abc, 2
                102, x
                0, 3
                -1, 4
                100, 13.0
                100, 12.5
                100, 13.0
                100, -1
                100, 14
                """);
        assertThat(errors("""
                {"fundamental": {"model": "csv", "csv": "bad.csv"}}""")).containsExactly(
                "market.fundamental.csv: line 3: expected 2 columns, got 1",
                "market.fundamental.csv: line 4: price 'abc' is not a number",
                "market.fundamental.csv: line 5: time 'x' is not a number",
                "market.fundamental.csv: line 6: price 0 must be > 0",
                "market.fundamental.csv: line 7: price -1 must be > 0",
                "market.fundamental.csv: line 9: time 12.5 is not after 13.0",
                "market.fundamental.csv: line 10: time 13.0 is not after 13.0",
                "market.fundamental.csv: line 11: time -1 must be ≥ 0");
    }

    @Test
    void aCsvWithManyBadRowsNamesTheFirstTwenty() throws Exception {
        StringBuilder csv = new StringBuilder("time,price\n");
        for (int i = 0; i < 25; i++) {
            csv.append(i).append(",0\n");
        }
        Files.writeString(folder.resolve("zeros.csv"), csv);
        List<String> errors = errors("""
                {"fundamental": {"model": "csv", "csv": "zeros.csv"}}""");
        assertThat(errors).hasSize(21).startsWith("market.fundamental.csv: line 2: price 0 must be > 0")
                .endsWith("market.fundamental.csv: and 5 more bad rows");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                        | market.fundamental.csv: empty file (expected a header with the columns time and price, then rows)
            'a,b\\n1,2\\n'            | market.fundamental.csv: line 1: expected a header with the columns time and price, got 'a,b'
            'time,price\\n\\n'        | market.fundamental.csv: no rows after the header
            """)
    void aCsvWithoutRowsOrHeaderIsNamed(String content, String error) throws Exception {
        Files.writeString(folder.resolve("p.csv"), content.replace("\\n", "\n"));
        assertThat(errors("""
                {"fundamental": {"model": "csv", "csv": "p.csv"}}""")).containsExactly(error);
    }

    @Test
    void aCsvThatIsAFolderIsNamed() throws Exception {
        Files.createDirectory(folder.resolve("dir.csv"));
        assertThat(errors("""
                {"fundamental": {"model": "csv", "csv": "dir.csv"}}""")).containsExactly(
                "market.fundamental.csv: " + folder.resolve("dir.csv") + " is a directory, not a CSV file");
    }

    // --------------------------------------------------------------------------------------- presets

    @Test
    void thePresetsAreTheFiveDocumentedOnesAndEachIsValid() {
        assertThat(Scenario.presetNames()).containsExactly("calm", "trending", "volatile", "crash", "lively");
        for (String name : Scenario.presetNames()) {
            Scenario preset = Scenario.preset(name);
            assertThat(preset.crowd().marketMakers().count()).as(name).isGreaterThanOrEqualTo(1);
            assertThat(preset.crowd().size()).as(name).isGreaterThan(10);
        }
        assertThat(Scenario.preset("trending").fundamental().model()).isInstanceOf(Fundamental.RandomWalk.class);
        assertThat(Scenario.preset("volatile").fundamental().model()).isInstanceOf(Fundamental.Regimes.class);
        assertThat(((Fundamental.MeanReverting) Scenario.preset("crash").fundamental().model()).jumps().down())
                .isEqualTo(1);
        assertThatThrownBy(() -> Scenario.preset("wild")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown scenario 'wild' (calm, trending, volatile, crash, lively)");
    }

    @Test
    void aPresetNamedInTheConfigIsTheBaseItsFieldsOverride() throws Exception {
        Scenario volatilePreset = Scenario.preset("volatile");
        Scenario overridden = parse("""
                {"preset": "volatile", "fundamental": {"switch_rate": 5},
                 "crowd": {"noise_traders": {"count": 7}}}""");
        Fundamental.Regimes preset = (Fundamental.Regimes) volatilePreset.fundamental().model();
        assertThat(overridden.fundamental().model()).isEqualTo(new Fundamental.Regimes(preset.calmState(),
                preset.volatileState(), 5));
        Crowd.NoiseTraders noise = volatilePreset.crowd().noiseTraders();
        assertThat(overridden.crowd().noiseTraders()).isEqualTo(new Crowd.NoiseTraders(7, noise.rate(),
                noise.qtyMax(), noise.marketShare(), noise.maxPosition()));
        assertThat(overridden.crowd().valueTraders()).isEqualTo(volatilePreset.crowd().valueTraders());
        assertThat(parse("{\"preset\": \"volatile\"}")).isEqualTo(volatilePreset);
    }

    @Test
    void anotherModelReplacesThePresetsFundamental() throws Exception {
        Scenario scenario = parse("""
                {"preset": "crash", "fundamental": {"model": "random_walk", "volatility": 1}}""");
        assertThat(scenario.fundamental()).isEqualTo(new Fundamental.Spec(100,
                new Fundamental.RandomWalk(1, 0, Fundamental.Jumps.NONE)));
        assertThat(scenario.crowd()).isEqualTo(Scenario.preset("crash").crowd());
    }

    @Test
    void anOverrideIsCheckedLikeAnyField() {
        assertThat(errors("""
                {"preset": "calm", "fundamental": {"volatility": -1, "drift": 1}}""")).containsExactly(
                "market.fundamental.drift: not used by model ou",
                "market.fundamental.volatility: must be ≥ 0, not -1");
    }

    private Scenario parse(String json) throws Exception {
        return Scenario.parse(MAPPER.readTree(json), folder);
    }

    private List<String> errors(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
        return catchThrowableOfType(ScenarioException.class, () -> Scenario.parse(node, folder)).errors();
    }
}
