package org.bourse.load;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.bourse.cli.Commands;
import org.bourse.cli.DurationConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code load}: the load tool of Bourse. Every error is one line on stderr and a non-zero exit status. */
@Command(name = "bourse load", mixinStandardHelpOptions = true, version = "Bourse load tool 0.1.0",
        subcommands = {RunCommand.class, CompareCommand.class, AbCommand.class, TrivialServerCommand.class,
            org.bourse.load.relay.RelayCommand.class,
            CommandLine.HelpCommand.class},
        description = {
            "Load tool for the Bourse order gateway (and any server speaking its reference protocol): measures "
                    + "acked orders/s and ack latency (HdrHistogram, warm-up excluded), optionally the event feed's "
                    + "rate, lag and seq continuity, and compares against a trivial baseline server."},
        footer = {
            "",
            "Examples (load = java -jar load-tool/target/load-tool.jar):",
            "  load trivial-server --port 9101 &",
            "  load run --uri ws://127.0.0.1:9101 --connections 8 --duration 10s",
            "  load run --uri ws://127.0.0.1:9001 --in-flight 16 --feed-uri ws://127.0.0.1:9002",
            "  load run --uri ws://127.0.0.1:9001 --rate 5000 --json",
            "  load compare --exchange-uri ws://127.0.0.1:9001 --baseline-uri ws://127.0.0.1:9101",
            "  load ab --target off=ws://127.0.0.1:29001 --target journal=ws://127.0.0.1:29011",
            "",
            "'load help COMMAND' or 'load COMMAND --help' shows a command's options."})
public final class LoadMain implements Runnable {

    /** The run finished, but with errors, unacked orders or no ack at all. */
    static final int EXIT_RUN_PROBLEMS = 3;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "give a command: run, compare, ab, relay or trivial-server");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for {@link #main} and for tests (which set their own out and err). */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new LoadMain());
        cmd.setUsageHelpWidth(100);
        cmd.setUsageHelpAutoWidth(true);
        cmd.registerConverter(Duration.class, new DurationConverter());
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof LoadException) {
                err.println("bourse load: " + ex.getMessage());
            } else if (ex instanceof InterruptedException) {
                err.println("bourse load: interrupted");
            } else {
                err.println("bourse load: unexpected error: " + oneLine(ex));
            }
            err.flush();
            return 1;
        });
        cmd.setParameterExceptionHandler(Commands::badParameter);
        return cmd;
    }

    /** Prints each problem of a finished run as one line on stderr; the exit status. */
    static int finish(CommandLine cmd, List<String> problems) {
        for (String problem : problems) {
            cmd.getErr().println("bourse load: " + problem);
        }
        cmd.getErr().flush();
        return problems.isEmpty() ? 0 : EXIT_RUN_PROBLEMS;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.replace('\n', ' ');
    }
}
