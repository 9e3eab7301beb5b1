package org.bourse.bot.battle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bourse.cli.DurationConverter;
import org.bourse.cli.Seeds;
import org.bourse.cli.WebSocketUri;
import org.bourse.protocol.TraderIds;
import org.bourse.scenario.Scenario;
import org.bourse.scenario.ScenarioException;
import org.bourse.strategies.BuiltInStrategies;

/**
 * Reads {@code bots_config.json}: the reference schema ({@code market_data_uri}, {@code order_gateway_uri},
 * {@code bots}) plus Bourse's {@code classpath} and per-bot {@code strategy_jar}. Validation goes on after the first
 * problem, so the user sees all of them at once. An unknown key is an error: a typo ({@code strategy_param}) would
 * otherwise run the bot on its default parameters without a word.
 */
final class BattleConfigReader {
    static final URI DEFAULT_MARKET_DATA_URI = URI.create("ws://127.0.0.1:9010");
    static final URI DEFAULT_ORDER_GATEWAY_URI = URI.create("ws://127.0.0.1:9001");
    static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("market_data_uri", "order_gateway_uri", "classpath", "bots",
            "seed", "lockstep", "market");
    private static final Set<String> BOT_KEYS = Set.of("trader_id", "strategy", "seed", "decision_interval",
            "strategy_params", "market_data_uri", "order_gateway_uri", "log_level", "enabled", "strategy_jar",
            "latency_ms", "stale_timeout", "stale_cancel");
    /** The battle's seed when the file gives none. */
    static final long DEFAULT_SEED = 1;
    private static final String IDENTIFIER = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";
    private static final Pattern CLASS_NAME = Pattern.compile("(" + IDENTIFIER + "\\.)+" + IDENTIFIER);
    private static final String PYTHON_IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";
    /** {@code py:module:Class}, the module possibly dotted ({@code py:strategies.quoting:Quoter}). */
    private static final Pattern PYTHON_STRATEGY = Pattern.compile(Pattern.quote(BotSpec.PYTHON_PREFIX)
            + PYTHON_IDENTIFIER + "(\\." + PYTHON_IDENTIFIER + ")*:" + PYTHON_IDENTIFIER);
    // Duplicate keys are an error (the reference's parser would silently keep the last one); so is text after the
    // top-level object. Decimals stay exact (0.2 s is 200 ms, not 200.00000000000001).
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Path file;
    private final Path folder;
    private final List<String> errors = new ArrayList<>();

    BattleConfigReader(Path file) {
        this.file = file;
        this.folder = file.toAbsolutePath().normalize().getParent();
    }

    BattleConfig read() throws InvalidConfigException {
        JsonNode root = parse();
        if (!root.isObject()) {
            throw new InvalidConfigException(List.of("must be a JSON object with a \"bots\" array, got " + type(root)));
        }
        refuseUnknownKeys("", root, TOP_LEVEL_KEYS);
        URI marketData = wsUri("market_data_uri", given(root, "market_data_uri"), DEFAULT_MARKET_DATA_URI);
        URI orderGateway = wsUri("order_gateway_uri", given(root, "order_gateway_uri"), DEFAULT_ORDER_GATEWAY_URI);
        List<Path> classpath = paths("classpath", given(root, "classpath"), true);
        Long seed = seed("seed", given(root, "seed"));
        boolean lockstep = flag("lockstep", given(root, "lockstep"), false);
        List<BotSpec> bots = bots(given(root, "bots"), seed == null ? DEFAULT_SEED : seed, marketData, orderGateway,
                classpath);
        Scenario market = market(given(root, "market"));
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        return new BattleConfig(file, marketData, orderGateway, bots,
                seed == null ? DEFAULT_SEED : seed, lockstep, market);
    }

    /** The scenario of the {@code "market"} section (its errors name their fields), or null without one. */
    private Scenario market(JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            return Scenario.parse(node, folder);
        } catch (ScenarioException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private JsonNode parse() throws InvalidConfigException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(List.of("no such file"));
        } catch (IOException e) {
            throw new InvalidConfigException(List.of(Files.isDirectory(file)
                    ? "is a directory, not a config file" : "cannot read it: " + e.getMessage()));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            String what = e.getOriginalMessage().lines().findFirst().orElse("");
            throw new InvalidConfigException(List.of(where + "JSON syntax error: " + what));
        } catch (IOException e) {
            throw new InvalidConfigException(List.of("cannot read it: " + e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidConfigException(List.of("empty file (expected a JSON object with a \"bots\" array)"));
        }
        return root;
    }

    private List<BotSpec> bots(JsonNode node, long battleSeed, URI marketData, URI orderGateway,
                               List<Path> classpath) {
        if (node == null) {
            error("bots", "missing (an array with one object per bot)");
            return List.of();
        }
        if (!node.isArray()) {
            error("bots", "must be an array, got " + type(node));
            return List.of();
        }
        if (node.isEmpty()) {
            error("bots", "empty");
            return List.of();
        }
        List<BotSpec> bots = new ArrayList<>();
        Map<String, String> placeOfTraderId = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String place = "bots[" + i + "]";
            JsonNode bot = node.get(i);
            if (!bot.isObject()) {
                error(place, "must be an object, got " + type(bot));
                continue;
            }
            String traderId = traderId(place + ".trader_id", given(bot, "trader_id"));
            if (traderId != null) {
                String first = placeOfTraderId.putIfAbsent(traderId, place);
                if (first != null) {
                    error(place + ".trader_id", "duplicate '" + traderId + "' (first at " + first + ")");
                }
            }
            BotSpec spec = bot(place, bot, traderId, battleSeed, marketData, orderGateway, classpath);
            if (spec != null) {
                bots.add(spec);
            }
        }
        if (errors.isEmpty() && bots.stream().noneMatch(BotSpec::enabled)) {
            error("bots", "every bot is disabled (\"enabled\": false): nothing to run");
        }
        return bots;
    }

    /**
     * One bot; null when it has errors (they are recorded). A bot without a seed of its own gets one derived from
     * the battle's and its trader id, so that the same file always gives the same seeds.
     */
    private BotSpec bot(String place, JsonNode bot, String traderId, long battleSeed, URI marketData,
                        URI orderGateway, List<Path> classpath) {
        int errorsBefore = errors.size();
        refuseUnknownKeys(place, bot, BOT_KEYS);
        String strategy = strategy(place + ".strategy", given(bot, "strategy"));
        Long seed = seed(place + ".seed", given(bot, "seed"));
        long latency = latency(place + ".latency_ms", given(bot, "latency_ms"));
        Duration interval = positiveMillis(place + ".decision_interval", given(bot, "decision_interval"));
        Map<String, String> params = strategyParams(place + ".strategy_params", given(bot, "strategy_params"));
        URI botMarketData = wsUri(place + ".market_data_uri", given(bot, "market_data_uri"), marketData);
        URI botOrderGateway = wsUri(place + ".order_gateway_uri", given(bot, "order_gateway_uri"), orderGateway);
        String logLevel = logLevel(place + ".log_level", given(bot, "log_level"));
        boolean enabled = flag(place + ".enabled", given(bot, "enabled"), true);
        List<Path> jars = paths(place + ".strategy_jar", given(bot, "strategy_jar"), false);
        if (strategy != null && strategy.startsWith(BotSpec.PYTHON_PREFIX) && !jars.isEmpty()) {
            error(place + ".strategy_jar", "a Python strategy takes no jar: its module is found in the config's "
                    + "folder or on the Python path");
        }
        BotSpec.StaleGuard staleGuard = staleGuard(place, bot, strategy);
        if (traderId == null || errors.size() > errorsBefore) {
            return null;
        }
        return new BotSpec(traderId, strategy, seed != null ? seed : Seeds.derive(battleSeed, traderId), interval,
                latency, params, jars, classpath, botMarketData, botOrderGateway, logLevel, enabled, folder,
                staleGuard);
    }

    private String traderId(String place, JsonNode node) {
        String id = requiredString(place, node);
        if (id == null) {
            return null;
        }
        String problem = TraderIds.problem(id);
        if (problem != null) {
            return error(place, problem);
        }
        if (TraderIds.isReserved(id)) {
            return error(place, "'" + id + "' is reserved for the background crowd (ids starting with "
                    + TraderIds.BACKGROUND_PREFIX + ", and " + TraderIds.CROWD + ")");
        }
        return id;
    }

    private String strategy(String place, JsonNode node) {
        String strategy = requiredString(place, node);
        if (strategy == null) {
            return null;
        }
        if (BuiltInStrategies.classNameOf(strategy) != null) {
            return strategy.toLowerCase(Locale.ROOT);
        }
        if (CLASS_NAME.matcher(strategy).matches() || PYTHON_STRATEGY.matcher(strategy).matches()) {
            return strategy;
        }
        if (strategy.startsWith(BotSpec.PYTHON_PREFIX)) {
            return error(place, "'" + strategy + "' must name a Python module and class as py:my_module:MyStrategy");
        }
        return error(place, "'" + strategy + "' is neither a built-in (" + BuiltInStrategies.names()
                + "), a fully qualified class name like com.example.MyStrategy, nor a Python class like "
                + "py:my_module:MyStrategy");
    }

    private Long seed(String place, JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            return error(place, "must be an integer, got " + describe(node));
        }
        if (!node.canConvertToLong()) {
            return error(place, "must fit in 64 bits, got " + node.asText());
        }
        return node.longValue();
    }

    /** The bot's {@code stale_timeout} and {@code stale_cancel}; null when it names neither. */
    private BotSpec.StaleGuard staleGuard(String place, JsonNode bot, String strategy) {
        JsonNode timeout = given(bot, "stale_timeout");
        JsonNode cancel = given(bot, "stale_cancel");
        if (timeout == null && cancel == null) {
            return null;
        }
        if (strategy != null && strategy.startsWith(BotSpec.PYTHON_PREFIX)) {
            error(place + (timeout != null ? ".stale_timeout" : ".stale_cancel"), "the Python bot has no "
                    + "stale-data guard: leave it out for a Python strategy");
            return null;
        }
        return new BotSpec.StaleGuard(positiveMillis(place + ".stale_timeout", timeout),
                flag(place + ".stale_cancel", cancel, true));
    }

    /** A duration of whole milliseconds, above 0: seconds as a number (0.5) or text ("500ms"); null if not given. */
    private Duration positiveMillis(String place, JsonNode node) {
        if (node == null) {
            return null;
        }
        Duration interval;
        if (node.isNumber()) {
            if (node.decimalValue().signum() <= 0) {
                return error(place, "must be > 0, got " + node.asText());
            }
            interval = DurationConverter.ofSeconds(node.decimalValue());
        } else if (node.isTextual()) {
            try {
                interval = DurationConverter.parse(node.textValue());
            } catch (IllegalArgumentException e) {
                return error(place, e.getMessage() + ", or a number of seconds as in the reference (0.5)");
            }
            if (interval.isZero()) {
                return error(place, "must be > 0, got '" + node.textValue() + "'");
            }
        } else {
            return error(place, "must be a number of seconds (0.5) or a string (\"500ms\"), got " + describe(node));
        }
        // The bot takes whole milliseconds; rounding silently would run another interval than the one written.
        if (!Duration.ofMillis(interval.toMillis()).equals(interval) || interval.toMillis() == 0) {
            return error(place, "must be a whole number of milliseconds, got " + node.asText());
        }
        return interval;
    }

    private Map<String, String> strategyParams(String place, JsonNode node) {
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            return error(place, "must be an object of name: value, got " + describe(node));
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> param : node.properties()) {
            String name = param.getKey();
            JsonNode value = param.getValue();
            if (name.isBlank() || name.contains("=")) {
                error(place, "parameter name '" + name + "' must be non-empty and without '='");
            } else if (value.isTextual() || value.isBoolean()) {
                params.put(name, value.asText());
            } else if (value.isNumber()) {
                params.put(name, value.decimalValue().toPlainString());
            } else {
                error(place + "." + name, "must be a string, number or boolean, got " + type(value));
            }
        }
        return Collections.unmodifiableMap(params);
    }

    private URI wsUri(String place, JsonNode node, URI otherwise) {
        if (node == null) {
            return otherwise;
        }
        if (!node.isTextual()) {
            return error(place, "must be a ws:// URI string, got " + describe(node));
        }
        try {
            return WebSocketUri.parse(node.textValue());
        } catch (IllegalArgumentException e) {
            return error(place, e.getMessage());
        }
    }

    private String logLevel(String place, JsonNode node) {
        if (node == null) {
            return null;
        }
        String level = node.isTextual() ? node.textValue().toUpperCase(Locale.ROOT) : null;
        if (!LOG_LEVELS.contains(level)) {
            String given = node.isTextual() ? "'" + node.textValue() + "'" : describe(node);
            return error(place, given + " is not one of " + String.join(", ", LOG_LEVELS));
        }
        return level;
    }

    private boolean flag(String place, JsonNode node, boolean otherwise) {
        if (node == null) {
            return otherwise;
        }
        if (!node.isBoolean()) {
            error(place, "must be true or false, got " + describe(node));
            return otherwise;
        }
        return node.booleanValue();
    }

    /** Milliseconds of virtual time between a lockstep bot's decision and its actions reaching the book. */
    private long latency(String place, JsonNode node) {
        if (node == null) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            error(place, "must be a whole number of milliseconds, got " + describe(node));
            return 0;
        }
        if (node.longValue() < 0) {
            error(place, "must be 0 or more, got " + node.longValue());
            return 0;
        }
        return node.longValue();
    }

    /**
     * A string or an array of strings naming files (and, for a classpath, folders), relative to the config's
     * folder; a classpath string may also hold several entries separated by the platform's path separator.
     */
    private List<Path> paths(String place, JsonNode node, boolean isClasspath) {
        if (node == null) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        if (node.isTextual()) {
            entries.addAll(isClasspath ? List.of(node.textValue().split(Pattern.quote(File.pathSeparator), -1))
                    : List.of(node.textValue()));
        } else if (node.isArray()) {
            for (JsonNode entry : node) {
                if (!entry.isTextual()) {
                    return error(place, "must be a path or an array of paths, got an array holding " + describe(entry));
                }
                entries.add(entry.textValue());
            }
        } else {
            return error(place, "must be a path or an array of paths, got " + describe(node));
        }
        List<Path> paths = new ArrayList<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                error(place, "empty path");
                continue;
            }
            Path path = folder.resolve(entry).normalize();
            if (!Files.exists(path)) {
                error(place, "no such file '" + path + "'");
            } else if (!isClasspath && !Files.isRegularFile(path)) {
                error(place, "not a jar file '" + path + "'");
            } else {
                paths.add(path);
            }
        }
        return List.copyOf(paths);
    }

    /** The value of a key; null when it is absent or JSON null (reference configs write {@code "seed": null}). */
    private static JsonNode given(JsonNode object, String key) {
        JsonNode value = object.get(key);
        return value == null || value.isNull() ? null : value;
    }

    private String requiredString(String place, JsonNode node) {
        if (node == null) {
            return error(place, "missing");
        }
        if (!node.isTextual()) {
            return error(place, "must be a string, got " + describe(node));
        }
        if (node.textValue().isBlank()) {
            return error(place, "empty");
        }
        return node.textValue();
    }

    private void refuseUnknownKeys(String place, JsonNode object, Set<String> known) {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            if (!known.contains(property.getKey())) {
                error((place.isEmpty() ? "" : place + ".") + property.getKey(),
                        "unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    /** Records an error; returns null so that callers can {@code return error(...)}. */
    private <T> T error(String place, String message) {
        errors.add(place + ": " + message);
        return null;
    }

    /** A value as it reads in the file, with its type: {@code string "7"}, {@code number 0.5}. */
    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "string \"" + node.textValue() + "\"";
        }
        return node.isContainerNode() || node.isNull() ? type(node) : type(node) + " " + node;
    }

    private static String type(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
