package org.bourse.cli;

import java.nio.charset.StandardCharsets;

/**
 * Seeds derived from seeds: a bot's from its battle's, a round's from its tournament's. The same inputs give the
 * same seed on every machine and JVM (no {@code String.hashCode}, no clock), and nearby inputs give unrelated seeds.
 */
public final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** The seed of {@code name} (a trader, a purpose) under {@code seed}. */
    public static long derive(long seed, String name) {
        long h = 1125899906842597L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return mix(seed + GOLDEN * mix(h));
    }

    /** The seed of number {@code index} (a round, a time) under {@code seed}. */
    public static long derive(long seed, long index) {
        return mix(seed + GOLDEN * (index + 1));
    }

    /** SplittableRandom's 64-bit finalizer: every input bit moves every output bit. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
