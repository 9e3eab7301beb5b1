package org.bourse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CorrectnessCheckTest {

    private static final int COMMANDS = 5_000;

    @ParameterizedTest
    @ValueSource(longs = {WorkloadGenerator.DEFAULT_SEED, 1, 2, 3})
    void allEnginesProduceTheSameTrades(long seed) {
        Workload workload = WorkloadGenerator.generate(seed, COMMANDS);

        CorrectnessCheck.Outcome outcome = CorrectnessCheck.run(workload);

        assertThat(outcome.problems()).as(workload.describe()).isEmpty();
        assertThat(outcome.trades()).isEqualTo(workload.streamTrades()).isGreaterThan(COMMANDS / 10);
    }

    @Test
    void workloadHasTheRequestedMix() {
        Workload workload = WorkloadGenerator.standard(20_000);
        CommandStream stream = workload.stream();

        assertThat(stream.size()).isEqualTo(20_000);
        assertThat(workload.preload().size()).isEqualTo(WorkloadGenerator.RESTING_ORDERS);
        assertThat(share(stream, CommandStream.CANCEL)).isBetween(0.28, 0.32);
        assertThat(share(stream, CommandStream.MARKET)).isBetween(0.04, 0.06);
        assertThat(workload.minResting()).isGreaterThan(WorkloadGenerator.RESTING_ORDERS / 2);
        assertThat(workload.maxResting()).isLessThan(WorkloadGenerator.RESTING_ORDERS * 2);
        for (int i = 0; i < stream.size(); i++) {
            if (stream.kind(i) != CommandStream.CANCEL) {
                assertThat(stream.quantity(i)).isBetween(1L, (long) WorkloadGenerator.MAX_QUANTITY);
            }
            if (stream.kind(i) == CommandStream.LIMIT) {
                assertThat(Math.abs(stream.price(i) - WorkloadGenerator.START_MID)).isLessThan(500);
            }
        }
    }

    @Test
    void sameSeedSameWorkload() {
        CommandStream a = WorkloadGenerator.generate(7, 2_000).stream();
        CommandStream b = WorkloadGenerator.generate(7, 2_000).stream();

        for (int i = 0; i < a.size(); i++) {
            assertThat(b.kind(i)).isEqualTo(a.kind(i));
            assertThat(b.orderId(i)).isEqualTo(a.orderId(i));
            assertThat(b.trader(i)).isEqualTo(a.trader(i));
            assertThat(b.buy(i)).isEqualTo(a.buy(i));
            assertThat(b.price(i)).isEqualTo(a.price(i));
            assertThat(b.quantity(i)).isEqualTo(a.quantity(i));
        }
    }

    @Test
    void recorderFindsTheFirstDifferentTrade() {
        TradeRecorder a = new TradeRecorder();
        TradeRecorder b = new TradeRecorder();
        a.trade(1, 2, 100, 5);
        b.trade(1, 2, 100, 5);
        assertThat(a.firstDifference(b)).isEqualTo(-1);

        a.trade(3, 4, 101, 1);
        b.trade(3, 4, 101, 2);
        assertThat(a.firstDifference(b)).isEqualTo(1);

        b.trade(5, 6, 99, 1);
        assertThat(a.firstDifference(new TradeRecorder())).isEqualTo(0);
    }

    private static double share(CommandStream stream, byte kind) {
        return (double) stream.count(kind) / stream.size();
    }
}
