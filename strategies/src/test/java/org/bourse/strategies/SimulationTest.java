package org.bourse.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.bourse.strategies.Fixtures.params;
import static org.bourse.strategies.Fixtures.rng;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * All five built-ins (and two extra random traders for noise) trading together for thousands of turns on the toy
 * exchange: nothing throws, nothing malformed is sent, no cancel or replace names an order that is not there, every
 * position stays within its strategy's limit, and the maker never rests more than levels × 2 orders.
 */
class SimulationTest {

    private static final int ROUNDS = 3_000;

    /** Trader → position limit (the defaults of each strategy). */
    private static final Map<String, Long> LIMITS = Map.of("maker", 20L, "taker", 10L, "random", 20L,
            "momentum", 10L, "mean_reversion", 10L, "noise_1", 20L, "noise_2", 20L);

    private static ToyExchange market(long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        Map<String, String> names = new LinkedHashMap<>();
        BuiltInStrategiesTest.names().forEach(name -> names.put(name, name)); // every built-in trades here
        names.put("noise_1", "random");
        names.put("noise_2", "random");
        ToyExchange exchange = new ToyExchange();
        names.forEach((trader, strategy) -> exchange.join(trader, BuiltInStrategiesTest.create(strategy,
                rng(seeds.nextLong()), strategy.equals("momentum") ? params("short", "3", "long", "8") : Map.of())));
        return exchange;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void tradeTogetherForThousandsOfTurnsWithinTheirLimits(long seed) {
        ToyExchange exchange = market(seed);
        SplittableRandom order = new SplittableRandom(seed);
        String[] traders = LIMITS.keySet().stream().sorted().toArray(String[]::new);
        for (int round = 0; round < ROUNDS; round++) {
            exchange.halted = round % 1_000 >= 950; // a short halt now and then
            // Each round in a shuffled order: who acts first matters to who trades with whom.
            for (int i = traders.length - 1; i > 0; i--) {
                int j = order.nextInt(i + 1);
                String swap = traders[i];
                traders[i] = traders[j];
                traders[j] = swap;
            }
            for (String trader : traders) {
                exchange.turn(trader);
                for (Map.Entry<String, Long> limit : LIMITS.entrySet()) {
                    if (Math.abs(exchange.position(limit.getKey())) > limit.getValue()) {
                        fail("%s's position is %d in round %d", limit.getKey(), exchange.position(limit.getKey()),
                                round);
                    }
                }
                if (exchange.openOrders("maker").size() > 6) {
                    fail("the maker rests %s in round %d", exchange.openOrders("maker"), round);
                }
            }
            exchange.advance(100);
        }

        assertThat(exchange.violations()).isEmpty();
        assertThat(exchange.tradeCount()).as("a market that trades").isGreaterThan(1_000);
        for (String trader : LIMITS.keySet()) {
            assertThat(exchange.log()).as("%s acted", trader).anyMatch(line -> line.startsWith(trader + " "));
        }
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        assertThat(run(7)).isEqualTo(run(7));
        assertThat(run(7)).isNotEqualTo(run(8));
    }

    private static java.util.List<String> run(long seed) {
        ToyExchange exchange = market(seed);
        for (int round = 0; round < 500; round++) {
            for (String trader : new String[] {"maker", "taker", "random", "momentum", "mean_reversion", "noise_1",
                    "noise_2"}) {
                exchange.turn(trader);
            }
            exchange.advance(100);
        }
        return exchange.log();
    }
}
