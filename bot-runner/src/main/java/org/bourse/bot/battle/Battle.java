package org.bourse.bot.battle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bourse.cli.BotEnding;
import org.bourse.cli.DurationConverter;
import org.bourse.cli.LogOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs bots as one OS process each: starts them all, prints each one's output prefixed with its trader id, reports
 * the ones that exit on their own, and stops the rest (SIGTERM, then SIGKILL) at the end of the battle. One thread
 * (the one calling {@link #run}) makes every decision; the others only read output or hand it events.
 */
final class Battle {
    /** How long a bot has to exit after SIGTERM before it is killed. */
    static final Duration STOP_GRACE = Duration.ofMillis(1_500);
    /** How long a killed bot may take to be reaped; past that it is reported as left behind. */
    private static final Duration KILL_WAIT = Duration.ofMillis(500);
    /** How long the output of a finished bot may still take to drain (a descendant could hold its pipe open). */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(1);
    private static final int SIGINT_EXIT = 130;
    private static final int SIGKILL_EXIT = 137;
    private static final int SIGTERM_EXIT = 143;
    private static final Logger LOG = LoggerFactory.getLogger(Battle.class);
    /** The time, level and logger a bot's log line starts with: not part of why it ended. */
    private static final Pattern LOG_LINE_PREFIX = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +[A-Z]+ +\\S+ - ");

    /** How a bot's run ended. */
    enum Ending {
        /** It exited with code 0 on its own. */
        EXITED,
        /** The battle stopped it, or a signal from outside did (Ctrl+C reaches every bot of the terminal). */
        STOPPED,
        /** It exited with an error, or was killed while nobody asked it to stop. */
        FAILED,
        /** Its process could not be started. */
        NOT_STARTED
    }

    /**
     * @param pid      -1 when it did not start
     * @param exitCode -1 when it did not start
     */
    record Outcome(String traderId, long pid, int exitCode, Duration runtime, Ending ending) {
        boolean failed() {
            return ending == Ending.FAILED || ending == Ending.NOT_STARTED;
        }
    }

    private sealed interface Event permits Exited, StopRequested {
    }

    private record Exited(Bot bot) implements Event {
    }

    private record StopRequested(String reason) implements Event {
    }

    private final BotLauncher launcher;
    private final List<Bot> bots = new ArrayList<>();
    private final PrintStream out;
    /** Where each bot that ends on its own is recorded as it ends (null: nowhere): a monitor shows them. */
    private final Path endingsFile;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile List<Outcome> outcomes;

    /**
     * @param out where the bots' output goes, each line prefixed with its bot's trader id
     */
    Battle(BotLauncher launcher, List<BotSpec> specs, PrintStream out) {
        this(launcher, specs, out, null);
    }

    /**
     * @param endingsFile where each bot that ends on its own, or cannot start, is recorded as it happens, one line
     *                    {@code <trader_id> TAB <exited|failed> TAB <why>} (null: nowhere): {@code monitor
     *                    --bot-endings} shows them
     */
    Battle(BotLauncher launcher, List<BotSpec> specs, PrintStream out, Path endingsFile) {
        this.launcher = launcher;
        this.out = out;
        this.endingsFile = endingsFile;
        int width = specs.stream().mapToInt(spec -> spec.traderId().length()).max().orElse(0) + 2;
        for (BotSpec spec : specs) {
            // a JSON line names its trader itself, and stays whole for jq
            bots.add(new Bot(spec, launcher.logFormat() == LogOutput.Format.JSON ? ""
                    : String.format("%-" + width + "s ", "[" + spec.traderId() + "]")));
        }
    }

    /**
     * Runs the battle until every bot has exited, {@code duration} has passed (null: no limit), a stop is requested,
     * or, with {@code stopOnFailure}, a bot fails; then stops whatever still runs.
     *
     * @return how each bot ended, in the order given
     */
    List<Outcome> run(Duration duration, boolean stopOnFailure) {
        try {
            for (Bot bot : bots) {
                bot.start();
                if (bot.process == null) {
                    recordEnding(bot);
                }
            }
            long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            long running = bots.stream().filter(bot -> bot.process != null).count();
            boolean stopping = false;
            while (running > 0) {
                Event event = stopping ? events.take()
                        : events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    stopping = true;
                    stopAll("--duration " + DurationConverter.format(duration) + " has passed");
                } else if (event instanceof StopRequested stop && !stopping) {
                    stopping = true;
                    stopAll(stop.reason());
                } else if (event instanceof Exited exited) {
                    running--;
                    Bot bot = exited.bot();
                    if (!stopping) {
                        bot.drainOutput(); // its last lines before the news of its exit
                        bot.reportExit(stopOnFailure);
                        recordEnding(bot);
                    }
                    if (!stopping && stopOnFailure && bot.ending() == Ending.FAILED) {
                        stopping = true;
                        stopAll(bot.spec.traderId() + " failed and --stop-on-failure is set");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll("interrupted");
        }
        List<Outcome> result = new ArrayList<>();
        for (Bot bot : bots) {
            bot.drainOutput();
            result.add(bot.outcome());
        }
        summarize(result);
        launcher.battleOver();
        outcomes = List.copyOf(result);
        finished.countDown();
        return outcomes;
    }

    /** Appends the bot's ending to the endings file, if there is one: the exit code and its last line. */
    private void recordEnding(Bot bot) {
        if (endingsFile == null) {
            return;
        }
        Ending ending = bot.ending();
        String why;
        if (ending == Ending.NOT_STARTED) {
            why = "could not start";
        } else {
            int code = bot.process.exitValue();
            why = "exit code " + code + (code > 128 ? " (killed by signal " + (code - 128) + ")" : "")
                    + (bot.lastLine == null ? "" : ": " + LOG_LINE_PREFIX.matcher(bot.lastLine).replaceFirst(""));
        }
        String line = new BotEnding(bot.spec.traderId(), ending == Ending.EXITED ? "exited" : "failed", why).line();
        try {
            Files.writeString(endingsFile, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot record {}'s end in {}: {}", bot.spec.traderId(), endingsFile, e.getMessage());
        }
    }

    /** Asks the battle to stop every bot and end; safe from any thread (a shutdown hook). */
    void requestStop(String reason) {
        events.add(new StopRequested(reason));
    }

    /** Waits for {@link #run} to end; returns how the bots ended, or null if it did not end in time. */
    List<Outcome> awaitOutcomes(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS) ? outcomes : null;
    }

    /** 0 if every bot ended cleanly (exited with 0 or was stopped), 1 if any failed or could not start. */
    static int exitStatus(List<Outcome> outcomes) {
        return outcomes.stream().anyMatch(Outcome::failed) ? 1 : 0;
    }

    /** SIGTERM to every bot still running, SIGKILL to those still running after {@link #STOP_GRACE}. */
    private void stopAll(String reason) {
        List<Bot> alive = bots.stream().filter(Bot::isAlive).toList();
        if (alive.isEmpty()) {
            return;
        }
        LOG.info("Stopping {} bot(s): {}", alive.size(), reason);
        for (Bot bot : alive) {
            bot.stoppedByBattle = true;
            // Through the handle: Process.destroy() would also close our end of its output, losing the lines a
            // bot prints while it stops (its last words are often the most interesting: final position, PnL).
            bot.process.toHandle().destroy();
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Bot bot : alive) {
            bot.waitFor(deadline);
        }
        long killDeadline = System.nanoTime() + KILL_WAIT.toNanos();
        for (Bot bot : alive) {
            if (bot.isAlive()) {
                LOG.warn("[{}] still running {} ms after SIGTERM: killing it (pid {})", bot.spec.traderId(),
                        STOP_GRACE.toMillis(), bot.process.pid());
                bot.process.toHandle().destroyForcibly();
            }
        }
        for (Bot bot : alive) {
            if (!bot.waitFor(killDeadline)) {
                LOG.error("[{}] pid {} is still running after SIGKILL", bot.spec.traderId(), bot.process.pid());
                // Its exit event may never come: count it as exited so that the battle can end.
                events.add(new Exited(bot));
            }
        }
    }

    private static void summarize(List<Outcome> outcomes) {
        int width = outcomes.stream().mapToInt(o -> o.traderId().length()).max().orElse(0);
        for (Outcome o : outcomes) {
            String id = String.format("%-" + width + "s", o.traderId());
            if (o.ending() == Ending.NOT_STARTED) {
                LOG.warn("{}  could not start", id);
            } else {
                String line = String.format("%s  %-8s exit code %-3d ran %s", id,
                        o.ending().name().toLowerCase(Locale.ROOT), o.exitCode(), formatRuntime(o.runtime()));
                if (o.failed()) {
                    LOG.warn("{}", line);
                } else {
                    LOG.info("{}", line);
                }
            }
        }
        long failed = outcomes.stream().filter(Outcome::failed).count();
        LOG.info("Battle over: {} bot(s), {} failed", outcomes.size(), failed);
    }

    private static String formatRuntime(Duration runtime) {
        return String.format("%d.%01ds", runtime.toSeconds(), runtime.toMillisPart() / 100);
    }

    /** One bot's process, the thread printing its output, and how it ended. */
    private final class Bot {
        final BotSpec spec;
        final String prefix;
        Process process;
        Thread relay;
        long startNanos;
        volatile long exitNanos;
        volatile boolean stoppedByBattle;
        /** The last line it printed, stripped: usually why it ended. */
        volatile String lastLine;

        Bot(BotSpec spec, String prefix) {
            this.spec = spec;
            this.prefix = prefix;
        }

        void start() {
            startNanos = System.nanoTime();
            try {
                process = launcher.start(spec);
            } catch (IOException e) {
                LOG.error("[{}] could not start: {}", spec.traderId(), e.getMessage());
                return;
            }
            LOG.info("started {} ({}, seed {}) pid {}", spec.traderId(), spec.strategy(), spec.seed(),
                    process.pid());
            relay = new Thread(this::relayOutput, "output-" + spec.traderId());
            relay.setDaemon(true); // never keeps the battle alive, even if a bot's descendant holds the pipe open
            relay.start();
            process.onExit().thenRun(() -> {
                exitNanos = System.nanoTime();
                events.add(new Exited(this));
            });
        }

        private void relayOutput() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), Charset.defaultCharset()))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    out.println(prefix + line);
                    if (!line.isBlank()) {
                        lastLine = line.strip();
                    }
                }
            } catch (IOException e) {
                // The pipe closed under us: the process is gone, and so is anything left to print.
            }
        }

        boolean isAlive() {
            return process != null && process.isAlive();
        }

        /** Waits until the process exits or the deadline (System.nanoTime) passes; true if it exited. */
        boolean waitFor(long deadlineNanos) {
            try {
                return process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }

        void drainOutput() {
            if (relay == null) {
                return;
            }
            try {
                relay.join(DRAIN_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Ending ending() {
            if (process == null) {
                return Ending.NOT_STARTED;
            }
            int code = process.exitValue();
            if (code == 0) {
                return stoppedByBattle ? Ending.STOPPED : Ending.EXITED;
            }
            boolean bySignal = code == SIGTERM_EXIT || code == SIGINT_EXIT;
            if (bySignal || stoppedByBattle && code == SIGKILL_EXIT) {
                return Ending.STOPPED;
            }
            return Ending.FAILED;
        }

        void reportExit(boolean stopOnFailure) {
            int code = process.exitValue();
            switch (ending()) {
                case EXITED -> LOG.info("[{}] exited with code 0", spec.traderId());
                case STOPPED -> LOG.info("[{}] stopped by a signal (exit code {})", spec.traderId(), code);
                default -> LOG.warn("[{}] exited with code {}; {}", spec.traderId(), code,
                        stopOnFailure ? "stopping the battle (--stop-on-failure)" : "the other bots keep going");
            }
        }

        Outcome outcome() {
            if (process == null) {
                return new Outcome(spec.traderId(), -1, -1, Duration.ZERO, Ending.NOT_STARTED);
            }
            long end = exitNanos != 0 ? exitNanos : System.nanoTime();
            int code = process.isAlive() ? -1 : process.exitValue();
            return new Outcome(spec.traderId(), process.pid(), code, Duration.ofNanos(end - startNanos),
                    process.isAlive() ? Ending.FAILED : ending());
        }
    }
}
