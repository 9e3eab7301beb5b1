package org.bourse.exchange.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real exchange process, started from the test classpath the way {@code ./bourse exchange} starts it, on free
 * ports, with its output in a file: for the tests that kill it or starve its disk.
 */
final class ExchangeProcess implements AutoCloseable {
    private static final Pattern GATEWAY = Pattern.compile("Order gateway listening on (ws://\\S+)");
    private static final Pattern STREAM = Pattern.compile("Internal event stream on (ws://\\S+)");
    private static final Pattern ADMIN = Pattern.compile("Admin endpoint on (http://\\S+)");

    final Process process;
    final Path output;
    final String gatewayUri;
    final String streamUri;
    final String adminUri;

    private ExchangeProcess(Process process, Path output, String gatewayUri, String streamUri, String adminUri) {
        this.process = process;
        this.output = output;
        this.gatewayUri = gatewayUri;
        this.streamUri = streamUri;
        this.adminUri = adminUri;
    }

    /**
     * Starts {@code exchange} with {@code args} (ports are 0) in {@code dir}, under {@code shellPrefix} if not null
     * (e.g. {@code ulimit -f 100;}), and waits until it listens.
     */
    static ExchangeProcess start(Path dir, String shellPrefix, String... args) throws Exception {
        return start(dir, shellPrefix, ExchangeMain.class, args);
    }

    /**
     * As {@link #start(Path, String, String...)}, with another main class that takes the exchange's arguments; its
     * stdin stays open for {@link #sendLine}.
     */
    static ExchangeProcess start(Path dir, String shellPrefix, Class<?> main, String... args) throws Exception {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main.getName(),
                "--gateway-port", "0", "--stream-port", "0", "--admin-port", "0"));
        java.addAll(List.of(args));
        List<String> command = java;
        if (shellPrefix != null) {
            command = List.of("bash", "-c", shellPrefix + " exec \"$@\"", "exchange");
            command = new ArrayList<>(command);
            command.addAll(java);
        }
        Path output = Files.createTempFile(dir, "exchange", ".out");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (main == ExchangeMain.class) {
            process.getOutputStream().close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Matcher admin = ADMIN.matcher(text);
            if (admin.find()) {
                Matcher gateway = GATEWAY.matcher(text);
                Matcher stream = STREAM.matcher(text);
                gateway.find();
                stream.find();
                return new ExchangeProcess(process, output, gateway.group(1), stream.group(1), admin.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("the exchange exited with " + process.exitValue() + ":\n" + text);
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new AssertionError("the exchange did not start within 30 s:\n" + Files.readString(output));
    }

    /** Writes a line to the process's stdin. */
    void sendLine(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already written. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits for the process to end by itself; its exit code. */
    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the exchange is still running after " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
