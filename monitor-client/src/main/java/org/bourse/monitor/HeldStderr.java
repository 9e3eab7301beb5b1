package org.bourse.monitor;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Holds back what is written to {@code System.err} (the log) while the full-screen view owns the terminal, where
 * it would tear the frame apart, and prints the last of it once the screen is given back.
 */
final class HeldStderr implements AutoCloseable {

    private static final int MAX_LINES = 200;

    private final PrintStream original = System.err;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int dropped;

    HeldStderr() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                hold(b);
            }
        }, true, StandardCharsets.UTF_8));
    }

    private synchronized void hold(int b) {
        if (b != '\n') {
            line.write(b);
            return;
        }
        if (lines.size() == MAX_LINES) {
            lines.removeFirst();
            dropped++;
        }
        lines.addLast(line.toString(StandardCharsets.UTF_8));
        line.reset();
    }

    /** Restores {@code System.err} and writes out what was held. */
    @Override
    public synchronized void close() {
        System.setErr(original);
        if (dropped > 0) {
            original.println("(" + dropped + " earlier log lines not shown)");
        }
        lines.forEach(original::println);
        if (line.size() > 0) {
            original.println(line.toString(StandardCharsets.UTF_8));
        }
        lines.clear();
        line.reset();
    }
}
