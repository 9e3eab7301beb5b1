package org.bourse.bot;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports what a strategy did wrong, one line each ({@code maker_1: nextActions threw IllegalStateException: ...}),
 * with the stack trace at DEBUG. A method that fails on every turn is reported at most once every 10 s, with the
 * number of failures not shown, so that the log stays readable and small; each method has its own allowance, so
 * that a failing hook is not hidden behind a failing {@code nextActions}. Used by the bot's loop thread only.
 */
final class StrategyFailures {
    private static final Logger LOG = LoggerFactory.getLogger(StrategyFailures.class);
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String traderId;
    private final Map<String, Allowance> byMethod = new HashMap<>();
    private long total;

    /** When a method was last reported, and how many of its failures were not. */
    private static final class Allowance {
        long lastReportNanos;
        int notShown;
    }

    StrategyFailures(String traderId) {
        this.traderId = traderId;
    }

    /** {@code method} threw {@code failure}. */
    void threw(String method, Throwable failure) {
        String what = failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        report(method, method + " threw " + what, failure);
    }

    /** {@code method} did something the bot cannot use, e.g. returned a null action. */
    void misbehaved(String method, String what) {
        report(method, method + " " + what, null);
    }

    long total() {
        return total;
    }

    private void report(String method, String line, Throwable failure) {
        total++;
        long now = System.nanoTime();
        Allowance allowance = byMethod.get(method);
        if (allowance != null && now - allowance.lastReportNanos < QUIET_NANOS) {
            allowance.notShown++;
            return;
        }
        String suffix = "";
        if (allowance == null) {
            allowance = new Allowance();
            byMethod.put(method, allowance);
        } else if (allowance.notShown > 0) {
            suffix = " (and " + allowance.notShown + " more failures of " + method + " in the last "
                    + TimeUnit.NANOSECONDS.toSeconds(now - allowance.lastReportNanos) + " s)";
        }
        if (failure != null && LOG.isDebugEnabled()) {
            LOG.warn("{}: {}{}", traderId, line, suffix, failure);
        } else {
            LOG.warn("{}: {}{}", traderId, line, suffix);
        }
        allowance.lastReportNanos = now;
        allowance.notShown = 0;
    }
}
