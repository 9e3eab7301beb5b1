package org.bourse.cli;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A process that another Bourse process started (the session's exchange, relay, battle and monitor; the battle's
 * bots) ends with it, whatever ends the parent: {@code kill -9} included, where no shutdown hook of the parent runs
 * to stop its children. The parent names itself (its pid) in each child's environment ({@link #exportTo}); the
 * child watches that process and, once it is gone, stops as SIGTERM would stop it: its shutdown hooks run (a bot
 * cancels its orders, the exchange flushes its files).
 *
 * <p>Watching the process, rather than the parent's signals, is what survives every way of dying. A process whose
 * environment names no parent (one a user started by hand) watches nothing.
 */
public final class ParentWatch {
    /** The environment variable that holds the pid of the process to end with. */
    public static final String ENV = "BOURSE_PARENT_PID";
    /** The exit status of a JVM ended by SIGTERM: what the parent's end amounts to for the child. */
    private static final int STOPPED = 143;
    private static final long POLL_MILLIS = 200;
    /** A battle's bot passes through two mains (the battle's wrapper, then the bot's): one watch is enough. */
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ParentWatch() {
    }

    /** Makes the process {@code builder} starts end with this one. */
    public static void exportTo(ProcessBuilder builder) {
        builder.environment().put(ENV, Long.toString(ProcessHandle.current().pid()));
    }

    /** Watches the parent the environment names, if any: the first thing each Bourse command's main does. */
    public static void startIfAsked() {
        String pid = System.getenv(ENV);
        if (pid == null || pid.isBlank() || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Optional<ProcessHandle> parent;
        try {
            parent = ProcessHandle.of(Long.parseLong(pid.trim()));
        } catch (NumberFormatException e) {
            return; // not set by Bourse: nothing to watch
        }
        Thread watch = new Thread(() -> {
            // a handle knows its process's start time: a pid reused by another process does not pass for alive
            while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("The process that started this one (pid " + pid.trim() + ") is gone: stopping");
            System.exit(STOPPED);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
