package org.bourse.strategies;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in strategies by short name ({@code --strategy maker}): the one list the bot's loader, the battle
 * config, every {@code --help} and the docs' test read. The bot loads a built-in exactly like a user's class, by its
 * fully qualified name, so each of these is also an example of a strategy written against strategy-api alone.
 */
public final class BuiltInStrategies implements Iterable<String> {

    private static final Map<String, String> CLASS_NAMES = new LinkedHashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        add("maker", MarketMaker.class,
                "quotes a ladder on both sides of the fair value, skewed against its inventory; requotes stale quotes");
        add("taker", Taker.class,
                "takes liquidity in a random direction with IOC or market orders, leaning back toward flat");
        add("random", RandomTrader.class,
                "the reference random bot: random limit orders around the fair value; cancels its old ones");
        add("momentum", Momentum.class,
                "follows the crossing of a short and a long moving average of the traded price with IOC orders");
        add("mean_reversion", MeanReversion.class,
                "fades the mid's deviation from its moving average (z-score) with post-only orders");
    }

    /** For picocli's {@code completionCandidates}: the short names, so that help texts list them. */
    public BuiltInStrategies() {
    }

    @Override
    public Iterator<String> iterator() {
        return CLASS_NAMES.keySet().iterator();
    }

    /** The short names, comma-separated, in the order {@code --help} lists them. */
    public static String names() {
        return String.join(", ", CLASS_NAMES.keySet());
    }

    /** The class of the built-in called {@code name}, in any case ({@code Maker} is {@code maker}), or null. */
    public static String classNameOf(String name) {
        return CLASS_NAMES.get(name.toLowerCase(Locale.ROOT));
    }

    private static void add(String name, Class<?> type, String description) {
        CLASS_NAMES.put(name, type.getName());
        DESCRIPTIONS.put(name, description);
    }

    /** Short name → fully qualified class name, in the order {@code --help} lists them. */
    public static Map<String, String> classNames() {
        return Collections.unmodifiableMap(CLASS_NAMES);
    }

    /** Short name → what the strategy does, in one line. */
    public static Map<String, String> descriptions() {
        return Collections.unmodifiableMap(DESCRIPTIONS);
    }
}
