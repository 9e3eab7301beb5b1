package org.bourse.cli;

import picocli.CommandLine;

/** How every Bourse command runs: picocli, with a bad flag answered in one line rather than the whole usage. */
public final class Commands {

    private Commands() {
    }

    /** Runs {@code command} with {@code args}; returns the exit code (2 for a bad flag, like picocli's default). */
    public static int execute(Object command, String... args) {
        return new CommandLine(command).setParameterExceptionHandler(Commands::badParameter).execute(args);
    }

    /** One line for a bad flag, naming the command and where to read more. */
    public static int badParameter(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        commandLine.getErr().println(commandLine.getCommandName() + ": " + e.getMessage()
                + " (see '" + commandLine.getCommandName() + " --help')");
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }
}
