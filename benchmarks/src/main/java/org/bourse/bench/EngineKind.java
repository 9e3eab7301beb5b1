package org.bourse.bench;

import java.util.function.Function;

/**
 * The engines the benchmark knows, in report order. To add one, write an {@link EngineUnderTest} adapter, add it
 * here, and add a {@code @Benchmark} method
 * named after its {@link #benchmarkMethod()} to {@link BookThroughputBenchmark}.
 */
public enum EngineKind {
    BOURSE("bourse", "bourse", BourseEngine::new),
    EXCHANGE_CORE("exchange-core", "exchangeCore", ExchangeCoreEngine::new),
    PARITY("parity", "parity", ParityEngine::new),
    /** Not a book but the whole core (accounts, risk, margin, events) around Bourse's book. */
    FULL_CORE("bourse-core", "fullCore", FullCoreEngine::new);

    private final String label;
    private final String benchmarkMethod;
    private final Function<TradeSink, EngineUnderTest> factory;

    EngineKind(String label, String benchmarkMethod, Function<TradeSink, EngineUnderTest> factory) {
        this.label = label;
        this.benchmarkMethod = benchmarkMethod;
        this.factory = factory;
    }

    /** The name used in reports; the same as the engine's {@link EngineUnderTest#name()}. */
    public String label() {
        return label;
    }

    /** The name of this engine's method in {@link BookThroughputBenchmark}. */
    public String benchmarkMethod() {
        return benchmarkMethod;
    }

    public EngineUnderTest create(TradeSink sink) {
        return factory.apply(sink);
    }

    /** Looks an engine up by its label, its benchmark method name or its constant name. */
    public static EngineKind of(String name) {
        for (EngineKind kind : values()) {
            if (kind.label.equalsIgnoreCase(name) || kind.benchmarkMethod.equalsIgnoreCase(name)
                    || kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown engine: " + name);
    }
}
