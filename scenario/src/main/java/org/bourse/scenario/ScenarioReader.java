package org.bourse.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bourse.scenario.JsonSection.Range;

/**
 * Reads the {@code "market"} object of a config, with a preset under it if it names one, into a {@link Scenario},
 * collecting every problem. The defaults and units are those of docs/SCENARIOS.md.
 */
final class ScenarioReader {
    static final String PLACE = "market";

    static final String DEFAULT_MODEL = "ou";
    static final List<String> MODELS = List.of("random_walk", "ou", "regimes", "csv");
    private static final List<String> BASES = List.of("random_walk", "ou");

    private static final Set<String> MARKET_KEYS = Set.of("preset", "fundamental", "crowd");
    static final Set<String> FUNDAMENTAL_KEYS = Set.of("model", "step_ms", "volatility", "drift", "mean",
            "half_life", "jumps", "base", "calm", "volatile", "switch_rate", "csv", "rebase");
    /** The keys each model reads; regimes also reads those of its base. */
    private static final Map<String, Set<String>> MODEL_KEYS = Map.of(
            "random_walk", Set.of("model", "step_ms", "volatility", "drift", "jumps"),
            "ou", Set.of("model", "step_ms", "volatility", "mean", "half_life", "jumps"),
            "regimes", Set.of("model", "step_ms", "base", "calm", "volatile", "switch_rate", "jumps"),
            "csv", Set.of("model", "step_ms", "csv", "rebase"));
    static final Set<String> JUMP_KEYS = Set.of("rate", "size", "down");
    static final Set<String> STATE_KEYS = Set.of("volatility");
    private static final Set<String> CROWD_KEYS = Set.of("value_traders", "noise_traders", "market_makers");
    static final Set<String> VALUE_KEYS = Set.of("count", "noise", "jitter", "patience", "lean", "interval",
            "qty", "max_position");
    static final Set<String> NOISE_KEYS = Set.of("count", "rate", "qty_max", "market_share", "max_position");
    static final Set<String> MAKER_KEYS = Set.of("count", "spread", "widening", "vol_window", "qty",
            "interval", "max_position");

    private static final Range NON_NEGATIVE = Range.atLeast("0");
    private static final Range POSITIVE = Range.above("0");
    private static final Range SHARE = Range.between("0", "1");
    private static final Range PERCENT = Range.between("0", "100");
    private static final Range SECONDS = Range.between("0.01", "3600");
    private static final BigDecimal CENTISECOND = new BigDecimal("0.01");
    static final int MAX_AGENTS_PER_KIND = 1000;
    /** The exchange's largest order and position by default: more than any agent should want. */
    private static final long MAX_LOTS = 1000;

    private final CsvPrices csvPrices;
    private final List<String> errors = new ArrayList<>();

    /** @param csvPrices reads the {@code csv} model's file, relative to the config's folder */
    ScenarioReader(CsvPrices csvPrices) {
        this.csvPrices = csvPrices;
    }

    Scenario read(JsonNode market) throws ScenarioException {
        JsonSection section = JsonSection.of(PLACE, market, errors);
        section.checkKeys(MARKET_KEYS);
        Fundamental.Spec fundamental = fundamental(section.section("fundamental"));
        Crowd.Spec crowd = crowd(section.section("crowd"));
        if (!errors.isEmpty()) {
            throw new ScenarioException(errors);
        }
        return new Scenario(fundamental, crowd);
    }

    // ------------------------------------------------------------------------------------ fundamental

    private Fundamental.Spec fundamental(JsonSection section) {
        String model = section.has("model") ? section.text("model") : DEFAULT_MODEL;
        if (model != null && !MODELS.contains(model)) {
            section.error("model", "unknown model '" + model + "' (" + String.join(", ", MODELS) + ")");
        }
        if (model == null || !MODELS.contains(model)) {
            section.checkKeys(FUNDAMENTAL_KEYS); // which fields the model would use is unknown
            return null;
        }
        long step = section.whole("step_ms", 100, 10, 60_000);
        Fundamental.Model read = switch (model) {
            case "random_walk", "ou" -> {
                section.checkKeys(FUNDAMENTAL_KEYS, MODEL_KEYS.get(model), "not used by model " + model);
                yield diffusion(model, section, section.number("volatility", 0.5, NON_NEGATIVE));
            }
            case "regimes" -> regimes(section);
            default -> replay(section);
        };
        return read == null ? null : new Fundamental.Spec(step, read);
    }

    private Fundamental.Diffusion diffusion(String model, JsonSection section, double volatility) {
        Fundamental.Jumps jumps = jumps(section.section("jumps"));
        if (model.equals("random_walk")) {
            return new Fundamental.RandomWalk(volatility, section.number("drift", 0, Range.between("-100", "100")),
                    jumps);
        }
        BigDecimal mean = section.decimal("mean", POSITIVE);
        return new Fundamental.MeanReverting(volatility, mean, section.number("half_life", 300, POSITIVE), jumps);
    }

    private Fundamental.Jumps jumps(JsonSection section) {
        section.checkKeys(JUMP_KEYS);
        return new Fundamental.Jumps(section.number("rate", 0, Range.between("0", "60")),
                section.number("size", 1, PERCENT), section.number("down", 0.5, SHARE));
    }

    private Fundamental.Regimes regimes(JsonSection section) {
        String base = section.text("base");
        Set<String> used = new HashSet<>(MODEL_KEYS.get("regimes"));
        if (base != null && !BASES.contains(base)) {
            section.error("base", "unknown base '" + base + "' (" + String.join(", ", BASES) + ")");
            BASES.forEach(known -> used.addAll(MODEL_KEYS.get(known))); // which it would use is unknown
            base = null;
        }
        if (base == null) {
            base = "random_walk";
        }
        used.addAll(MODEL_KEYS.get(base));
        used.remove("volatility");
        section.checkKeys(FUNDAMENTAL_KEYS, used, "not used by model regimes with base " + base);
        double calm = state(section.section("calm"), 0.3);
        double agitated = state(section.section("volatile"), 1.5);
        Fundamental.Diffusion process = diffusion(base, section, calm);
        return new Fundamental.Regimes(process, process.withVolatility(agitated),
                section.number("switch_rate", 1, Range.between("0", "60")));
    }

    private static double state(JsonSection section, double defaultVolatility) {
        section.checkKeys(STATE_KEYS);
        return section.number("volatility", defaultVolatility, NON_NEGATIVE);
    }

    private Fundamental.Replay replay(JsonSection section) {
        section.checkKeys(FUNDAMENTAL_KEYS, MODEL_KEYS.get("csv"), "not used by model csv");
        boolean rebase = section.flag("rebase", false);
        String file = section.text("csv");
        if (file == null) {
            if (!section.has("csv")) {
                section.error("csv", "missing (the path of a CSV file with the columns time and price)");
            }
            return null;
        }
        List<Fundamental.Point> points = csvPrices.read(file, problem -> section.error("csv", problem));
        return points == null ? null : new Fundamental.Replay(points, rebase);
    }

    // ------------------------------------------------------------------------------------------ crowd

    private Crowd.Spec crowd(JsonSection section) {
        section.checkKeys(CROWD_KEYS);
        JsonSection value = section.section("value_traders");
        value.checkKeys(VALUE_KEYS);
        Crowd.ValueTraders valueTraders = new Crowd.ValueTraders(count(value, 20),
                value.number("noise", 0.5, PERCENT), value.number("jitter", 0.1, PERCENT),
                value.number("patience", 0.1, PERCENT), value.number("lean", 1, PERCENT), interval(value, 1000),
                lots(value, "qty", 2),
                lots(value, "max_position", 50));
        JsonSection noise = section.section("noise_traders");
        noise.checkKeys(NOISE_KEYS);
        Crowd.NoiseTraders noiseTraders = new Crowd.NoiseTraders(count(noise, 20),
                noise.number("rate", 6, Range.between("0", "600")), lots(noise, "qty_max", 3),
                noise.number("market_share", 0.3, SHARE), lots(noise, "max_position", 50));
        JsonSection makers = section.section("market_makers");
        makers.checkKeys(MAKER_KEYS);
        Crowd.MarketMakers marketMakers = new Crowd.MarketMakers(count(makers, 2),
                makers.number("spread", 0.05, Range.between("0.001", "5")),
                makers.number("widening", 0.2, Range.between("0", "10")),
                makers.seconds("vol_window", 10_000, CENTISECOND, SECONDS), lots(makers, "qty", 5),
                interval(makers, 500), lots(makers, "max_position", 100));
        return new Crowd.Spec(valueTraders, noiseTraders, marketMakers);
    }

    private static int count(JsonSection section, int defaultValue) {
        return (int) section.whole("count", defaultValue, 0, MAX_AGENTS_PER_KIND);
    }

    private static long lots(JsonSection section, String key, long defaultValue) {
        return section.whole(key, defaultValue, 1, MAX_LOTS);
    }

    private static long interval(JsonSection section, long defaultMillis) {
        return section.seconds("interval", defaultMillis, CENTISECOND, SECONDS);
    }
}
