package org.bourse.transport;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * One kind of refusal (a wrong token, a page from a foreign origin, a connection turned away), logged so that a client sending thousands a
 * second cannot flood the log: the first is logged at once, the next ones are counted and summed up in one line
 * per interval, e.g. {@code Refused a hello with a wrong token: 1 283 more in the last 10 s, the last from
 * /127.0.0.1:40112 as alice}. Thread-safe.
 */
public final class RefusalLog implements AutoCloseable {
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final ScheduledExecutorService SUMMARIES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "refusal-log");
        thread.setDaemon(true);
        return thread;
    });

    private final Logger log;
    private final String what;
    private final ScheduledFuture<?> summaries;
    // guarded by this
    private boolean loggedOne;
    private long unlogged;
    private String last;

    /** @param what the refusal, as the start of a log line: "Refused a hello with a wrong token" */
    public RefusalLog(Logger log, String what) {
        this.log = log;
        this.what = what;
        this.summaries = SUMMARIES.scheduleWithFixedDelay(this::summarize, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One more refusal; {@code who} says whom it refused ("from /127.0.0.1:40112 as alice"). */
    public synchronized void record(String who) {
        if (!loggedOne) {
            loggedOne = true;
            log.warn("{}: {} (more are summed up every {} s)", what, who, INTERVAL.toSeconds());
        } else {
            unlogged++;
            last = who;
        }
    }

    private synchronized void summarize() {
        if (unlogged > 0) {
            log.warn("{}: {} more in the last {} s, the last {}", what, unlogged, INTERVAL.toSeconds(), last);
            unlogged = 0;
        }
    }

    /** Logs what is still counted and stops summing up. */
    @Override
    public void close() {
        summaries.cancel(false);
        summarize();
    }
}
