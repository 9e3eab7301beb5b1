package org.bourse.scenario;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The market of a battle, the {@code "market"} object of {@code bots_config.json}: the hidden fundamental value and
 * the background crowd that trades on it. Read and checked by {@link #parse}, which names every problem; or one of
 * the named presets (data in {@code presets.json} beside this class, read by the same parser), which a config may
 * name ({@code "preset": "volatile"}) and override field by field. docs/SCENARIOS.md documents every field.
 */
public record Scenario(Fundamental.Spec fundamental, Crowd.Spec crowd) {

    private static final String PRESETS = "presets.json";
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final ObjectNode PRESET_SECTIONS = loadPresets();

    public Scenario {
        Objects.requireNonNull(fundamental, "fundamental");
        Objects.requireNonNull(crowd, "crowd");
    }

    /**
     * Reads a {@code "market"} object (null: every default). A {@code "preset"} in it is the base its other fields
     * override (objects merge key by key; a different fundamental {@code model} replaces the preset's fundamental).
     *
     * @param configDir where a CSV path is relative to (null: the working directory)
     * @throws ScenarioException with every problem, each naming its field ({@code market.fundamental.volatility: ...})
     */
    public static Scenario parse(JsonNode market, Path configDir) throws ScenarioException {
        JsonNode merged = market;
        List<String> errors = new ArrayList<>();
        if (market != null && market.isObject() && market.has("preset")) {
            JsonNode preset = presetSection(market.get("preset"), errors);
            ObjectNode override = ((ObjectNode) market).deepCopy();
            override.remove("preset");
            merged = preset == null ? override : merge(preset, override);
        }
        try {
            Scenario scenario = new ScenarioReader(new CsvPrices(configDir)).read(merged);
            if (errors.isEmpty()) {
                return scenario;
            }
        } catch (ScenarioException e) {
            errors.addAll(e.errors());
        }
        throw new ScenarioException(errors);
    }

    /**
     * A named preset.
     *
     * @throws IllegalArgumentException for a name not in {@link #presetNames()}
     */
    public static Scenario preset(String name) {
        JsonNode section = PRESET_SECTIONS.get(name);
        if (section == null) {
            throw new IllegalArgumentException("unknown scenario '" + name + "' (" + String.join(", ", presetNames())
                    + ")");
        }
        try {
            return parse(section, null);
        } catch (ScenarioException e) {
            throw new IllegalStateException("the preset " + name + " is invalid: " + e.getMessage(), e);
        }
    }

    /** The presets' names, in the order docs/SCENARIOS.md presents them. */
    public static List<String> presetNames() {
        List<String> names = new ArrayList<>();
        PRESET_SECTIONS.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode presetSection(JsonNode name, List<String> errors) {
        String place = ScenarioReader.PLACE + ".preset";
        if (!name.isTextual()) {
            errors.add(place + ": must be a string, not " + JsonSection.shown(name));
            return null;
        }
        JsonNode section = PRESET_SECTIONS.get(name.textValue());
        if (section == null) {
            errors.add(place + ": unknown preset '" + name.textValue() + "' (" + String.join(", ", presetNames())
                    + ")");
        }
        return section;
    }

    /** {@code override} laid over {@code base}: objects key by key, anything else replaced. */
    static JsonNode merge(JsonNode base, JsonNode override) {
        if (!base.isObject() || !override.isObject()) {
            return override;
        }
        ObjectNode merged = ((ObjectNode) base).deepCopy();
        for (Map.Entry<String, JsonNode> field : override.properties()) {
            JsonNode under = merged.get(field.getKey());
            merged.set(field.getKey(), under == null || otherModel(field.getKey(), under, field.getValue())
                    ? field.getValue() : merge(under, field.getValue()));
        }
        return merged;
    }

    /** A fundamental of another model keeps nothing of the preset's, whose fields would not apply. */
    private static boolean otherModel(String key, JsonNode base, JsonNode override) {
        return key.equals("fundamental") && override.has("model")
                && !override.get("model").asText().equals(base.path("model").asText(ScenarioReader.DEFAULT_MODEL));
    }

    private static ObjectNode loadPresets() {
        try (InputStream in = Scenario.class.getResourceAsStream(PRESETS)) {
            if (in == null) {
                throw new IllegalStateException(PRESETS + " is missing from the build");
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PRESETS, e);
        }
    }
}
