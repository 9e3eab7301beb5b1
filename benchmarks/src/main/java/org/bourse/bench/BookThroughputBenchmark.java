package org.bourse.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of one order book replaying the workload's stream: one invocation replays the whole stream of
 * {@link #COMMANDS} commands, so with {@link OperationsPerInvocation} JMH reports commands per second.
 *
 * <p>Between invocations (outside the measured time) {@link EngineUnderTest#reset} brings the engine back to the starting
 * book by cancelling what rests and entering the preload again; the engine object and its pools are kept, so what
 * is measured is an engine in steady state rather than one warming its pools.
 *
 * <p>JMH forks a JVM per benchmark method, so each engine runs alone in its JVM with its own JIT profile.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BookThroughputBenchmark {

    /** Commands in the measured stream; a compile-time constant because {@link OperationsPerInvocation} needs one. */
    public static final int COMMANDS = 100_000;

    /** What the engines' states share; each concrete subclass is the JMH state of one engine. */
    @State(Scope.Thread)
    public abstract static class EngineState {
        @Param({"" + WorkloadGenerator.DEFAULT_SEED})
        public long seed;

        Workload workload;
        EngineUnderTest engine;
        TradeChecksum sink;
        private boolean streamPlayed;

        abstract EngineKind kind();

        @Setup(Level.Trial)
        public void createEngine() {
            workload = WorkloadGenerator.generate(seed, COMMANDS);
            sink = new TradeChecksum();
            engine = kind().create(sink);
            engine.run(workload.preload());
        }

        @Setup(Level.Invocation)
        public void resetBook() {
            if (streamPlayed) {
                engine.reset(workload);
            }
            streamPlayed = true;
        }

        long replay() {
            engine.run(workload.stream());
            return sink.checksum();
        }

        @TearDown(Level.Trial)
        public void checkStreamWasValid() {
            if (engine.missedCancels() != 0) {
                throw new IllegalStateException(engine.name() + ": " + engine.missedCancels()
                        + " cancels found no resting order: the replay diverged from the workload");
            }
        }
    }

    @State(Scope.Thread)
    public static class BourseState extends EngineState {
        @Override
        EngineKind kind() {
            return EngineKind.BOURSE;
        }
    }

    @State(Scope.Thread)
    public static class ExchangeCoreState extends EngineState {
        @Override
        EngineKind kind() {
            return EngineKind.EXCHANGE_CORE;
        }
    }

    @State(Scope.Thread)
    public static class ParityState extends EngineState {
        @Override
        EngineKind kind() {
            return EngineKind.PARITY;
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long bourse(BourseState state) {
        return state.replay();
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long exchangeCore(ExchangeCoreState state) {
        return state.replay();
    }

    @State(Scope.Thread)
    public static class FullCoreState extends EngineState {
        @Override
        EngineKind kind() {
            return EngineKind.FULL_CORE;
        }
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long parity(ParityState state) {
        return state.replay();
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long fullCore(FullCoreState state) {
        return state.replay();
    }
}
