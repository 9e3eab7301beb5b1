package org.bourse.bot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --strategy-param key=value} pairs, as the map a strategy's constructor receives. */
public final class StrategyParams {

    private StrategyParams() {
    }

    /**
     * The pairs in the order given; a value may be empty and may itself contain {@code =} (only the first one
     * separates).
     *
     * @throws IllegalArgumentException with a one-line message naming the pair that is not {@code key=value}, or
     *                                  the key that is given twice
     */
    public static Map<String, String> parse(List<String> pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("--strategy-param '" + pair + "': key=value expected");
            }
            if (equals == 0) {
                throw new IllegalArgumentException("--strategy-param '" + pair + "': the key before '=' is empty");
            }
            String key = pair.substring(0, equals);
            if (params.put(key, pair.substring(equals + 1)) != null) {
                throw new IllegalArgumentException("--strategy-param '" + key + "' is given twice");
            }
        }
        return Collections.unmodifiableMap(params);
    }
}
