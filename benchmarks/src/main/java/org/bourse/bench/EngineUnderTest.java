package org.bourse.bench;

import org.HdrHistogram.Histogram;

/**
 * A matching engine under test, driven by a {@link CommandStream} and reporting trades to a {@link TradeSink}.
 * Each implementation writes its own replay loops rather than sharing one through this interface: in a JVM that
 * runs several engines a shared loop would see several receivers and the JIT would stop inlining the engine.
 */
public interface EngineUnderTest {

    /** A short name, as used in reports and in the JMH benchmark method names. */
    String name();

    /** Applies every command of {@code commands}, in order. */
    void run(CommandStream commands);

    /** Like {@link #run}, timing each command with {@link System#nanoTime()} into {@code latencies}. */
    void runTimed(CommandStream commands, Histogram latencies);

    /**
     * Brings the book back to the workload's starting state after a replay of its stream: cancels what rests
     * ({@link Workload#teardown()}) and enters the {@link Workload#preload()} again.
     */
    void reset(Workload workload);

    /** Cancels that found no resting order so far: always 0 on a valid stream, whatever the engine. */
    long missedCancels();
}
