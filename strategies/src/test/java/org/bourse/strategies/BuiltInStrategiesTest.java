package org.bourse.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bourse.strategies.Fixtures.params;
import static org.bourse.strategies.Fixtures.rng;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.bourse.api.Action;
import org.bourse.api.OrderRequest;
import org.bourse.api.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltInStrategiesTest {

    /** Every built-in, as the registry lists them. */
    static List<String> names() {
        return List.copyOf(BuiltInStrategies.classNames().keySet());
    }

    /** Loads a built-in the way the bot loads any strategy: by class name and the public 3-argument constructor. */
    static Strategy create(String name, RandomGenerator rng, Map<String, String> params) {
        try {
            return (Strategy) Class.forName(BuiltInStrategies.classNames().get(name))
                    .getConstructor(String.class, RandomGenerator.class, Map.class)
                    .newInstance(name + "_1", rng, params);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new AssertionError(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyBuiltInHasAShortNameAndAOneLineDescription() {
        assertThat(names()).isNotEmpty().allSatisfy(name -> assertThat(name).matches("[a-z_]+"));
        assertThat(BuiltInStrategies.descriptions().keySet()).containsExactlyElementsOf(names());
        assertThat(new BuiltInStrategies()).containsExactlyElementsOf(names());
        assertThat(BuiltInStrategies.names()).isEqualTo(String.join(", ", names()));
        assertThat(BuiltInStrategies.classNameOf("Mean_Reversion")).isEqualTo(BuiltInStrategies.classNameOf("mean_reversion"));
        assertThat(BuiltInStrategies.classNameOf("nobody")).isNull();
        assertThat(BuiltInStrategies.descriptions().values()).allSatisfy(description ->
                assertThat(description).isNotBlank().doesNotContain("\n").hasSizeLessThan(110));
        assertThat(BuiltInStrategies.classNames()).containsEntry("maker", "org.bourse.strategies.MarketMaker");
    }

    @Test
    void theStrategiesGuideDescribesEveryBuiltIn() throws java.io.IOException {
        String guide = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "STRATEGIES.md"));
        assertThat(names()).allSatisfy(name -> assertThat(guide).contains("| `" + name + "` | `"
                + BuiltInStrategies.classNames().get(name).substring("org.bourse.strategies.".length()) + "` |"));
    }

    @ParameterizedTest
    @MethodSource("names")
    void loadsLikeAUserClassWithItsDefaults(String name) throws ClassNotFoundException {
        Class<?> type = Class.forName(BuiltInStrategies.classNames().get(name));

        assertThat(Modifier.isPublic(type.getModifiers())).isTrue();
        assertThat(create(name, rng(1), Map.of())).isInstanceOf(Strategy.class);
        assertThat(create(name, rng(1), null)).as("no parameters at all").isInstanceOf(Strategy.class);
    }

    @ParameterizedTest
    @MethodSource("names")
    void refusesAParameterItDoesNotTake(String name) {
        assertThatThrownBy(() -> create(name, rng(1), params("qyt", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown parameter 'qyt' for " + name + " (it takes ")
                .hasMessageContaining("tick");
    }

    @ParameterizedTest(name = "{0} {1}={2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            maker          | levels            | 0        | levels: expected a whole number from 1 to 100, got '0'
            maker          | levels            | three    | levels: expected a whole number from 1 to 100, got 'three'
            maker          | qty               | abc      | qty: expected a whole number ≥ 1, got 'abc'
            maker          | qty               | 1.5      | qty: expected a whole number ≥ 1, got '1.5'
            maker          | qty               | 50       | max_position: expected a whole number ≥ qty (50), got 20 (the default)
            maker          | spread            | 0        | spread: expected a decimal number > 0, got '0'
            maker          | step              | x        | step: expected a decimal number > 0, got 'x'
            maker          | step              | 0.001    | step: expected at least one tick (0.01), got '0.001'
            maker          | skew              | -0.01    | skew: expected a decimal number ≥ 0, got '-0.01'
            maker          | max_position      | 0        | max_position: expected a whole number ≥ 1, got '0'
            maker          | requote_threshold | -1       | requote_threshold: expected a decimal number ≥ 0, got '-1'
            maker          | max_quote_age_ms  | 5s       | max_quote_age_ms: expected a whole number of milliseconds ≥ 0, got '5s'
            maker          | pause_ms          | -1       | pause_ms: expected a whole number of milliseconds ≥ 0, got '-1'
            maker          | tick              | 0        | tick: expected a decimal number > 0, got '0'
            maker          | reference         | NaN      | reference: expected a decimal number > 0, got 'NaN'
            taker          | qty               | 0        | qty: expected a whole number ≥ 1, got '0'
            taker          | aggression        | 1.5      | aggression: expected a probability between 0 and 1, got '1.5'
            taker          | aggression        | often    | aggression: expected a probability between 0 and 1, got 'often'
            taker          | max_position      | -3       | max_position: expected a whole number ≥ 1, got '-3'
            taker          | order_type        | fok      | order_type: expected one of ioc, market, got 'fok'
            taker          | slippage          | -0.05    | slippage: expected a decimal number ≥ 0, got '-0.05'
            taker          | tick              | -0.01    | tick: expected a decimal number > 0, got '-0.01'
            random         | max_qty           | 0        | max_qty: expected a whole number ≥ 1, got '0'
            random         | width             | -1       | width: expected a whole number from 0 to 1000000, got '-1'
            random         | max_position      | ""       | max_position: expected a whole number ≥ 1, got ''
            random         | max_order_age_ms  | soon     | max_order_age_ms: expected a whole number of milliseconds ≥ 0, got 'soon'
            random         | max_orders        | 0        | max_orders: expected a whole number ≥ 1, got '0'
            random         | reference         | 0        | reference: expected a decimal number > 0, got '0'
            momentum       | short             | 0        | short: expected a whole number from 1 to 10000, got '0'
            momentum       | short             | 20       | short: expected a whole number below long (20), got '20'
            momentum       | long              | 1        | long: expected a whole number from 2 to 10000, got '1'
            momentum       | threshold         | -0.01    | threshold: expected a decimal number ≥ 0, got '-0.01'
            momentum       | qty               | 11       | max_position: expected a whole number ≥ qty (11), got 10 (the default)
            momentum       | slippage          | wide     | slippage: expected a decimal number ≥ 0, got 'wide'
            mean_reversion | window            | 1        | window: expected a whole number from 2 to 10000, got '1'
            mean_reversion | entry_z           | 0        | entry_z: expected a number > 0, got '0'
            mean_reversion | entry_z           | Infinity | entry_z: expected a number > 0, got 'Infinity'
            mean_reversion | qty               | x        | qty: expected a whole number ≥ 1, got 'x'
            mean_reversion | max_position      | 1.0      | max_position: expected a whole number ≥ 1, got '1.0'
            """)
    void refusesABadParameterSayingWhichAndWhatItExpects(String name, String key, String value, String message) {
        assertThatThrownBy(() -> create(name, rng(1), params(key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void acceptsEveryDocumentedParameter() {
        assertThat(create("maker", rng(1), params("levels", "5", "qty", "2", "spread", "0.2", "step", "0.1", "skew", "0",
                "max_position", "40", "requote_threshold", "0.1", "max_quote_age_ms", "0", "pause_ms", "500",
                "tick", "0.05", "reference", "250"))).isNotNull();
        assertThat(create("taker", rng(1), params("qty", "3", "aggression", "0.5", "max_position", "30",
                "order_type", "MARKET", "slippage", "0", "tick", "0.01"))).isNotNull();
        assertThat(create("random", rng(1), params("max_qty", "2", "width", "0", "max_position", "5",
                "max_order_age_ms", "1000", "max_orders", "3", "tick", "0.01", "reference", "20.5"))).isNotNull();
        assertThat(create("momentum", rng(1), params("short", "3", "long", "10", "threshold", "0", "qty", "2",
                "max_position", "4", "slippage", "0.1", "tick", "0.01"))).isNotNull();
        assertThat(create("mean_reversion", rng(1), params("window", "50", "entry_z", "2.5", "qty", "2",
                "max_position", "4", "tick", "0.01"))).isNotNull();
    }

    @Test
    void aCoarserTickPutsEveryPriceOnThatGrid() {
        BigDecimal tick = new BigDecimal("0.05");
        ToyExchange exchange = new ToyExchange();
        for (String name : names()) {
            Map<String, String> params = name.equals("taker") ? params("tick", "0.05", "aggression", "0.5")
                    : params("tick", "0.05");
            exchange.join(name, create(name, rng(name.length()), params));
        }
        for (int round = 0; round < 500; round++) {
            for (String name : names()) {
                exchange.turn(name);
            }
            exchange.advance(100);
        }

        List<BigDecimal> prices = exchange.sent().stream().map(action -> action instanceof OrderRequest order
                ? order.price() : action instanceof Action.Replace replace ? replace.price() : null)
                .filter(Objects::nonNull).toList();
        assertThat(prices).hasSizeGreaterThan(1_000)
                .allSatisfy(price -> assertThat(price.remainder(tick).signum()).as("%s", price).isZero());
        assertThat(exchange.tradeCount()).isPositive();
        assertThat(exchange.violations()).isEmpty();
    }
}
