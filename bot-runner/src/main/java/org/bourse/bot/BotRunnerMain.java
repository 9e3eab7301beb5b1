package org.bourse.bot;

import java.util.concurrent.Callable;
import org.bourse.bot.battle.BattleCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bot-runner} command: {@code bot} runs one strategy as a bot. */
@Command(name = "bot-runner", mixinStandardHelpOptions = true, versionProvider = BotRunnerMain.Version.class,
        description = "Runs Bourse trading bots against a running exchange.",
        // a new command is one more class in this list
        subcommands = {BotCommand.class, BattleCommand.class},
        footer = {"", "Examples:",
            "  bot-runner bot --trader-id maker_1 --strategy maker",
            "  bot-runner bot --help                      every option of the bot command"})
public final class BotRunnerMain implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        return new CommandLine(new BotRunnerMain())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(BotRunnerMain::badParameter)
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + e);
                    return 1;
                });
    }

    /** One line for a bad option, not the whole usage. */
    static int badParameter(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        String name = commandLine.getCommandSpec().qualifiedName();
        commandLine.getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "give a command: " + String.join(", ", spec.subcommands().keySet()));
    }

    /** The version from the jar's manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BotRunnerMain.class.getPackage().getImplementationVersion();
            return new String[] {"Bourse bot runner " + (version == null ? "(development build)" : version)};
        }
    }
}
