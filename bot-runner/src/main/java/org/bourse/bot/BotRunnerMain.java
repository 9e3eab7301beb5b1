package org.bourse.bot;

import java.util.concurrent.Callable;
import org.bourse.bot.battle.BattleCommand;
import org.bourse.bot.crowd.CrowdCommand;
import org.bourse.cli.Commands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bourse} command of the bot-runner jar: {@code bot} runs one strategy as a bot. */
@Command(name = "bourse", mixinStandardHelpOptions = true, versionProvider = BotRunnerMain.Version.class,
        description = "Runs Bourse trading bots against a running exchange.",
        // a new command is one more class in this list
        subcommands = {BotCommand.class, BattleCommand.class, CrowdCommand.class},
        footer = {"", "Examples:",
            "  bourse bot --trader-id maker_1 --strategy maker",
            "  bourse bot --help                      every option of the bot command"})
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
        return Commands.commandLine(new BotRunnerMain());
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
