package org.bourse.bot.battle;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a battle runs its Python bots ({@code "strategy": "py:module:Class"}): which interpreter, and where the
 * Python client ({@code clients/python}) is, which goes on the bots' {@code PYTHONPATH}.
 *
 * <p>The interpreter is the one given ({@code battle --python}, else the {@value #PYTHON_ENV} environment
 * variable), else the first of {@code python3} on the PATH and {@code /usr/bin/python3} that can import
 * {@code websockets}: a PATH's {@code python3} may be a version manager's shim without the packages Debian's
 * {@code python3-websockets} installs for the system's Python.
 */
public record PythonEnvironment(String python, Path client) {
    /** The environment variable naming the interpreter when {@code --python} does not. */
    public static final String PYTHON_ENV = "BOURSE_PYTHON";
    static final String BOT_MODULE = "bourse_client.bot";
    private static final List<String> CANDIDATES = List.of("python3", "/usr/bin/python3");
    private static final long PROBE_SECONDS = 30;

    /** Thrown with one line saying what is missing and how to get it. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * The environment for this installation: {@code python} (null: {@value #PYTHON_ENV}, else the candidates),
     * checked to import {@code websockets} and the client.
     */
    public static PythonEnvironment locate(String python) throws Unavailable {
        Path client = clientFolder();
        String given = python != null ? python : System.getenv(PYTHON_ENV);
        List<String> candidates = given != null && !given.isBlank() ? List.of(given) : CANDIDATES;
        String lastProblem = null;
        for (String candidate : candidates) {
            PythonEnvironment environment = new PythonEnvironment(candidate, client);
            lastProblem = environment.importProblem();
            if (lastProblem == null) {
                return environment;
            }
        }
        throw new Unavailable(lastProblem + " (Python bots need Python 3 with the websockets package: on Debian, "
                + "apt-get install python3-websockets; or name an interpreter with --python or " + PYTHON_ENV
                + (candidates.size() > 1 ? "; tried " + String.join(", ", candidates) : "") + ")");
    }

    /** The start of a Python bot's command line, before its options (run with {@link #environment}). */
    List<String> command() {
        return new ArrayList<>(List.of(python, "-m", BOT_MODULE));
    }

    /** What a Python bot's process needs in its environment: the client on its module path. */
    Map<String, String> environment() {
        String inherited = System.getenv("PYTHONPATH");
        return Map.of("PYTHONPATH", inherited == null || inherited.isBlank() ? client.toString()
                : client + java.io.File.pathSeparator + inherited);
    }

    /**
     * Runs {@code command} (a Python bot's, with {@code --check}) to its end: null when it exits 0, else its last
     * line of output (the bot's one-line reason).
     */
    String problemOf(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment());
        try {
            Process process = builder.start();
            byte[] output;
            try (InputStream in = process.getInputStream()) {
                output = in.readAllBytes();
            }
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return python + " did not finish within " + PROBE_SECONDS + " s";
            }
            if (process.exitValue() == 0) {
                return null;
            }
            List<String> lines = new String(output, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? python + " exited with " + process.exitValue() : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "cannot run it (" + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while running " + python;
        }
    }

    private String importProblem() {
        String problem = problemOf(List.of(python, "-c", "import websockets, bourse_client"));
        return problem == null ? null : python + ": " + problem;
    }

    /**
     * {@code clients/python} of this installation: under {@code BOURSE_HOME} (set by the launcher), else above the
     * jar or classes folder this class was loaded from.
     */
    static Path clientFolder() throws Unavailable {
        String home = System.getenv("BOURSE_HOME");
        List<Path> starts = new ArrayList<>();
        if (home != null && !home.isBlank()) {
            starts.add(Path.of(home));
        }
        try {
            starts.add(Path.of(PythonEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // not loaded from a file: only BOURSE_HOME can tell
        }
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path client = dir.resolve("clients").resolve("python");
                if (Files.isDirectory(client.resolve("bourse_client"))) {
                    return client;
                }
            }
        }
        throw new Unavailable("cannot find the Python client (clients/python) of this installation: set BOURSE_HOME");
    }
}
