package org.bourse.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bourse.cli.ParentWatch;

/**
 * One process of the session running in the background, its output going to a log file. It is started in a
 * session of its own ({@code setsid}) where the system has it, so that Ctrl+C in the terminal reaches only the
 * monitor and the session, and the session can stop the others in order. Every process the session starts ends
 * with it ({@link ParentWatch}), even when the session itself is killed with SIGKILL.
 */
final class Child {
    private static final boolean SETSID = Files.isExecutable(Path.of("/usr/bin/setsid"))
            || Files.isExecutable(Path.of("/bin/setsid"));

    final String name;
    final Path log;
    private final Process process;
    private volatile boolean stopping;

    private Child(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static Child start(String name, List<String> command, Path log) throws SessionException {
        List<String> full = new ArrayList<>();
        if (SETSID) {
            full.add("setsid");
        }
        full.addAll(command);
        try {
            ProcessBuilder builder = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            ParentWatch.exportTo(builder);
            return new Child(name, log, builder.start());
        } catch (IOException e) {
            throw new SessionException("cannot start the " + name + ": " + e.getMessage());
        }
    }

    /** A process in front, on this terminal: the monitor. */
    static Child foreground(List<String> command) throws SessionException {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            ParentWatch.exportTo(builder);
            return new Child("monitor", null, builder.start());
        } catch (IOException e) {
            throw new SessionException("cannot start the monitor: " + e.getMessage());
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while it runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** True when it ended without being asked to. */
    boolean diedOnItsOwn() {
        return !stopping && !process.isAlive();
    }

    /**
     * Waits until something accepts connections on {@code port}; fails with the process's own last words if it
     * exits first (a port in use, a bad flag) or does not open the port in time.
     */
    void awaitPort(int port, Duration timeout) throws SessionException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new SessionException("the " + name + " exited with code " + process.exitValue() + ": "
                        + lastWords());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new SessionException("the " + name + " did not open port " + port + " within " + timeout.toSeconds()
                + " s (see " + log + ")");
    }

    /** SIGTERM, then up to {@code grace} for a clean exit, then SIGKILL. Returns the exit code. */
    int stop(Duration grace) throws InterruptedException {
        stopping = true;
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Kills it at once: for when the session itself is going down hard. */
    void kill() {
        stopping = true;
        process.destroyForcibly();
    }

    /** The last meaningful line of its log: usually the one-line error it exited with. */
    String lastWords() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
            return "(no output; see " + log + ")";
        } catch (IOException e) {
            return "(its log " + log + " cannot be read: " + e.getMessage() + ")";
        }
    }
}
