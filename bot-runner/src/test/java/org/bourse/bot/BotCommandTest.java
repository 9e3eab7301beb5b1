package org.bourse.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.bourse.strategies.BuiltInStrategies;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line: what a user gets for good and bad input, without starting a bot. */
class BotCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpExplainsTheOptionsTheirDefaultsAndTheExitCodes() {
        assertThat(run("bot", "--help")).isZero();
        assertThat(out.toString()).contains("--trader-id=ID", "--strategy=NAME|CLASS", "--strategy-param=KEY=VALUE",
                "--strategy-jar=JAR", "--classpath=PATH", "--seed=N", "--decision-interval=DURATION",
                "(default: 1s)", "Default: ws://127.0.0.1:9010", "Default: ws://127.0.0.1:9001", "--token=TOKEN",
                "--[no-]cancel-on-exit", "--log-level=LEVEL", "docs/STRATEGIES.md",
                "(String traderId, RandomGenerator rng, Map<String, String> params)", "Exit codes:",
                "0   stopped with Ctrl+C or SIGTERM", "Examples:");
        assertThat(new BuiltInStrategies()).allSatisfy(name -> assertThat(out.toString()).contains(name));
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Commands:", "bot ");
    }

    @Test
    void withoutACommandTheRunnerSaysWhichThereAre() {
        assertThat(run()).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("bourse: give a command: bot, battle, crowd (see 'bourse --help')");
    }

    @Test
    void missingRequiredOptions() {
        assertThat(run("bot", "--strategy", "maker")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("bourse bot: Missing required option: '--trader-id=ID' "
                + "(see 'bourse bot --help')");
    }

    @Test
    void anUnknownOptionIsReportedRatherThanTheRequiredOnesMissing() {
        assertThat(run("bot", "--frobnicate")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("bourse bot: Unknown option: '--frobnicate' (see 'bourse bot --help')");
    }

    @Test
    void aStrategyParamWithoutEquals() {
        assertThat(run("bot", "--trader-id", "me", "--strategy", "maker", "--strategy-param", "spread")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("bourse bot: --strategy-param 'spread': key=value expected "
                + "(see 'bourse bot --help')");
    }

    @Test
    void aDecisionIntervalThatIsNotADuration() {
        assertThat(run("bot", "--trader-id", "me", "--strategy", "maker", "--decision-interval", "soon"))
                .isEqualTo(2);
        assertThat(oneLine()).startsWith("bourse bot: Invalid value for option '--decision-interval': "
                + "'soon' is not a duration (write e.g. 10s, 500ms, 1.5s or 2m)");
    }

    @Test
    void aDecisionIntervalOfNothing() {
        assertThat(run("bot", "--trader-id", "me", "--strategy", "maker", "--decision-interval", "0s")).isEqualTo(2);
        assertThat(oneLine()).startsWith("bourse bot: --decision-interval must be at least 1ms, not 0 s");
    }

    @Test
    void anAddressThatIsNotAWebSocket() {
        assertThat(run("bot", "--trader-id", "me", "--strategy", "maker", "--order-gateway-uri", "http://x:9001"))
                .isEqualTo(2);
        assertThat(oneLine()).isEqualTo("bourse bot: Invalid value for option '--order-gateway-uri': 'http://x:9001' "
                + "is not a WebSocket address (ws://host:port) (see 'bourse bot --help')");
    }

    @Test
    void aTraderIdTheExchangeWouldRefuse() {
        assertThat(run("bot", "--trader-id", "x".repeat(65), "--strategy", "maker")).isEqualTo(2);
        assertThat(oneLine()).startsWith("bourse bot: --trader-id: longer than 64 characters");
    }

    @Test
    void aStrategyThatCannotBeFoundOrCreatedIsOneLineAndExitCode2() {
        assertThat(run("bot", "--trader-id", "me", "--strategy", "com.nowhere.Nope")).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("bourse bot: strategy class 'com.nowhere.Nope' not found in the bot's "
                + "own classpath; the built-in strategies are " + BuiltInStrategies.names());

        err.getBuffer().setLength(0);
        assertThat(run("bot", "--trader-id", "me", "--strategy", BidOnce.class.getName())).isEqualTo(2);
        assertThat(oneLine()).isEqualTo("bourse bot: cannot create strategy org.bourse.bot.BidOnce: price: "
                + "missing (--strategy-param price=99.50)");
    }

    @Test
    void optionsAndTheirDefaults() {
        BotCommand defaults = parse("--trader-id", "me", "--strategy", "maker");
        assertThat(defaults.cancelOnExit).isTrue();
        assertThat(defaults.decisionInterval).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.seed).isNull();
        assertThat(defaults.marketDataUri).hasToString("ws://127.0.0.1:9010");
        assertThat(defaults.orderGatewayUri).hasToString("ws://127.0.0.1:9001");

        BotCommand given = parse("--trader-id", "me", "--strategy", "maker", "--no-cancel-on-exit",
                "--decision-interval", "250ms", "--seed", "-5", "--log-level", "debug", "--strategy-jar", "a.jar",
                "--strategy-jar", "b.jar", "--strategy-param", "a=1", "--strategy-param", "b=2");
        assertThat(given.cancelOnExit).isFalse();
        assertThat(given.decisionInterval).isEqualTo(Duration.ofMillis(250));
        assertThat(given.seed).isEqualTo(-5L);
        assertThat(given.logLevel).isEqualTo(BotCommand.LogLevel.DEBUG);
        assertThat(given.strategyJars).hasSize(2);
        assertThat(given.strategyParams).containsExactly("a=1", "b=2");

        assertThat(parse("--trader-id", "me", "--strategy", "maker", "--cancel-on-exit").cancelOnExit).isTrue();
    }

    private int run(String... args) {
        CommandLine commandLine = BotRunnerMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static BotCommand parse(String... args) {
        BotCommand command = new BotCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command;
    }

    /** What went to stderr, which must be exactly one line. */
    private String oneLine() {
        assertThat(err.toString().lines()).as("stderr").hasSize(1);
        return err.toString().strip();
    }
}
