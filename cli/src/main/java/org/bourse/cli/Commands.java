package org.bourse.cli;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * How every Bourse command runs: picocli, with a bad flag answered in one line rather than the whole usage, and an
 * unexpected failure in one line rather than a stack trace.
 */
public final class Commands {

    private Commands() {
    }

    /** Runs {@code command} with {@code args}; returns the exit code (2 for a bad flag, 1 for a failure). */
    public static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    /** A picocli command line with Bourse's conventions, for callers that also set its output streams. */
    public static CommandLine commandLine(Object command) {
        CommandLine bourse = new CommandLine(command);
        WholeWords.apply(bourse);
        return bourse
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Commands::badParameter)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + e);
                    return 1;
                });
    }

    /** One line for a bad flag, naming the command and where to read more. */
    public static int badParameter(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        String name = commandLine.getCommandSpec().qualifiedName();
        // picocli checks the required options first: a mistyped option would be reported as the one missing
        List<String> unknown = commandLine.getUnmatchedArguments();
        String raw = e instanceof CommandLine.UnmatchedArgumentException || unknown.isEmpty() ? e.getMessage()
                : new CommandLine.UnmatchedArgumentException(commandLine, unknown).getMessage();
        // picocli's own messages sometimes span lines: one line is the promise
        String message = raw.replace(System.lineSeparator(), " ").replace('\n', ' ').trim();
        commandLine.getErr().println(name + ": " + message + " (see '" + name + " --help')");
        commandLine.getErr().flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * Blocks until Ctrl+C or SIGTERM, then runs {@code stop} and ends the JVM with 0: that is how a user stops a
     * server process, and once {@code stop} has finished cleanly it is a clean exit, not the JVM's 130 / 143 for
     * "killed by a signal".
     */
    public static int serveUntilSignalled(Runnable stop) {
        return serveUntilSignalledOrFailed(stop, new CompletableFuture<>(), reason -> { }, () -> { });
    }

    /**
     * As {@link #serveUntilSignalled}, but a server that fails by itself ({@code failure} completes with a one-line
     * reason) is stopped too: {@code report} says why, then {@code stop} runs and the JVM ends with 1.
     * {@code serving} runs once Ctrl+C and SIGTERM stop the server cleanly (say "running" there: a signal sent
     * on reading it is then handled, where one sent before would find no hook and end the JVM mid-start).
     */
    public static int serveUntilSignalledOrFailed(Runnable stop, CompletableFuture<String> failure,
                                                  Consumer<String> report, Runnable serving) {
        AtomicInteger exitCode = new AtomicInteger();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            Runtime.getRuntime().halt(exitCode.get());
        }, "shutdown"));
        serving.run();
        String reason;
        try {
            reason = failure.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException e) {
            reason = String.valueOf(e.getCause());
        }
        report.accept(reason);
        exitCode.set(1);
        System.exit(1); // runs the hook: stop, then halt with 1
        return 1;
    }
}
