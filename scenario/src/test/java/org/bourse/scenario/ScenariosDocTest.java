package org.bourse.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/SCENARIOS.md is what users write their "market" sections from: it documents every field there is, each with
 * the default the parser really has, its examples parse, and it presents every preset.
 */
class ScenariosDocTest {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    /** {@code | `field` | unit | default | ...}: the field, then the cells. */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_.]+)` \\|(.*)\\|$");
    private static final Pattern HEADING = Pattern.compile("^### `([a-z_.]+)`$");

    private static String doc;
    /** Section ({@code fundamental}, {@code crowd.value_traders}...) → field → its row's cells. */
    private static final Map<String, Map<String, List<String>>> TABLES = new LinkedHashMap<>();

    @TempDir
    Path folder;

    @BeforeAll
    static void readTheDoc() throws IOException {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        doc = Files.readString(module.resolve("../docs/SCENARIOS.md").normalize(), StandardCharsets.UTF_8);
        String section = null;
        for (String line : doc.split("\n")) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                section = heading.group(1);
            } else if (line.startsWith("## ") || line.startsWith("### ")) {
                section = null;
            } else if (section != null) {
                Matcher row = ROW.matcher(line);
                if (row.matches()) {
                    List<String> cells = new ArrayList<>();
                    for (String cell : row.group(2).split("\\|")) {
                        cells.add(cell.strip());
                    }
                    TABLES.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(row.group(1), cells);
                }
            }
        }
    }

    @Test
    void everyFieldIsDocumented() {
        Set<String> fundamental = new TreeSet<>(ScenarioReader.FUNDAMENTAL_KEYS);
        fundamental.removeAll(Set.of("jumps", "calm", "volatile"));
        ScenarioReader.JUMP_KEYS.forEach(key -> fundamental.add("jumps." + key));
        ScenarioReader.STATE_KEYS.forEach(key -> fundamental.add("calm." + key));
        ScenarioReader.STATE_KEYS.forEach(key -> fundamental.add("volatile." + key));
        assertThat(TABLES.get("fundamental").keySet()).containsExactlyInAnyOrderElementsOf(fundamental);
        assertThat(TABLES.get("crowd.value_traders").keySet())
                .containsExactlyInAnyOrderElementsOf(ScenarioReader.VALUE_KEYS);
        assertThat(TABLES.get("crowd.noise_traders").keySet())
                .containsExactlyInAnyOrderElementsOf(ScenarioReader.NOISE_KEYS);
        assertThat(TABLES.get("crowd.market_makers").keySet())
                .containsExactlyInAnyOrderElementsOf(ScenarioReader.MAKER_KEYS);
    }

    /** Setting a field to its documented default changes nothing. */
    @Test
    void everyDocumentedDefaultIsTheParsersDefault() throws Exception {
        Files.writeString(folder.resolve("p.csv"), "time,price\n0,100\n");
        int checked = 0;
        for (Map.Entry<String, Map<String, List<String>>> table : TABLES.entrySet()) {
            boolean fundamental = table.getKey().equals("fundamental");
            for (Map.Entry<String, List<String>> row : table.getValue().entrySet()) {
                List<String> cells = row.getValue();
                JsonNode value = literal(cells.get(1));
                if (value == null) {
                    continue; // "the start price", "(required)"
                }
                ObjectNode base = MAPPER.createObjectNode();
                if (fundamental) {
                    String model = cells.get(2).isEmpty() || cells.get(2).equals("all") ? "ou"
                            : cells.get(2).split("[ ,]")[0];
                    ObjectNode section = base.putObject("fundamental").put("model", model);
                    if (model.equals("csv")) {
                        section.put("csv", "p.csv");
                    }
                } else {
                    String[] path = table.getKey().split("\\.");
                    base.putObject(path[0]).putObject(path[1]);
                }
                ObjectNode stated = base.deepCopy();
                ObjectNode into = (ObjectNode) stated.at("/" + table.getKey().replace('.', '/'));
                String[] field = row.getKey().split("\\.");
                for (int i = 0; i < field.length - 1; i++) {
                    into = into.putObject(field[i]);
                }
                into.set(field[field.length - 1], value);
                assertThat(Scenario.parse(stated, folder)).as(table.getKey() + "." + row.getKey())
                        .isEqualTo(Scenario.parse(base, folder));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(25);
    }

    @Test
    void theWholeExampleIsTheLivelyPresetAndTheOverrideParses() throws Exception {
        List<String> blocks = jsonBlocks();
        assertThat(Scenario.parse(MAPPER.readTree("{" + blocks.get(0) + "}").get("market"), null))
                .isEqualTo(Scenario.preset("lively"));
        Scenario overridden = Scenario.parse(MAPPER.readTree("{" + blocks.get(1) + "}").get("market"), null);
        assertThat(((Fundamental.Diffusion) overridden.fundamental().model()).volatility()).isEqualTo(3);
    }

    @Test
    void everyPresetIsPresented() {
        for (String name : Scenario.presetNames()) {
            assertThat(doc).contains("| `" + name + "` |");
        }
    }

    private static List<String> jsonBlocks() {
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(doc);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    /** A default cell as JSON: a number, true/false, or a `name`; null for prose. */
    private static JsonNode literal(String cell) throws IOException {
        if (cell.matches("-?\\d+(\\.\\d+)?|true|false")) {
            return MAPPER.readTree(cell);
        }
        if (cell.matches("`[a-z_]+`")) {
            return MAPPER.getNodeFactory().textNode(cell.substring(1, cell.length() - 1));
        }
        return null;
    }
}
