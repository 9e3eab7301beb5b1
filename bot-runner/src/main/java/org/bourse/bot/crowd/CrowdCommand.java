package org.bourse.bot.crowd;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.bourse.bot.Bot;
import org.bourse.bot.BotSettings;
import org.bourse.bot.battle.BattleConfig;
import org.bourse.bot.battle.InvalidConfigException;
import org.bourse.cli.CredentialsFile;
import org.bourse.cli.LogFormatOption;
import org.bourse.cli.WebSocketUri;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.TraderIds;
import org.bourse.scenario.Crowd;
import org.bourse.scenario.Scenario;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code crowd} command: a scenario's background crowd, every background trader on one connection. */
@Command(name = "crowd", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the background crowd of a scenario: value traders who trade on a private, noisy view of a hidden "
                + "fundamental value, noise traders and market makers, all in this one process and on one gateway "
                + "connection (trader id \"crowd\", speaking for bg_mm_1, bg_value_1, bg_noise_1, ...).",
            "The scenario is the config's \"market\" section, or a preset (--scenario); its seed comes from the "
                + "battle's. The fundamental starts at the exchange's mark when the crowd is welcomed. Stop it with "
                + "Ctrl+C: it cancels its orders and writes the fundamental it traded on (--fundamental-csv)."},
        footer = {"", "Examples:",
            "  crowd --scenario lively",
            "  crowd --config bots_config.json --fundamental-csv runs/x/fundamental.csv",
            "", "Presets: calm, trending, volatile, crash, lively (docs/SCENARIOS.md)."})
public final class CrowdCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(CrowdCommand.class);
    private static final Duration STOP_TIMEOUT = Duration.ofMillis(900);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "bots_config.json",
            description = "The battle config: its \"market\" section and seed (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--scenario", paramLabel = "PRESET",
            description = "A preset market instead of the config's \"market\" section.")
    String scenario;

    @Option(names = "--market-data-uri", paramLabel = "URI", converter = WebSocketUri.class,
            description = "The market-data feed (default: the config's market_data_uri).")
    URI marketDataUri;

    @Option(names = "--order-gateway-uri", paramLabel = "URI", converter = WebSocketUri.class,
            description = "The exchange's order gateway (default: the config's order_gateway_uri).")
    URI orderGatewayUri;

    @Option(names = "--lockstep", description = "Take part in a lockstep battle as the participant \"crowd\" "
            + "(the exchange's --roster must name it).")
    boolean lockstep;

    @Option(names = "--tick-size", paramLabel = "PRICE", defaultValue = "0.01",
            description = "The exchange's tick size (default: ${DEFAULT-VALUE}).")
    BigDecimal tickSize;

    @Option(names = "--fundamental-csv", paramLabel = "FILE",
            description = "Where to write the fundamental value the crowd traded on, when it stops.")
    Path fundamentalCsv;

    @Option(names = "--credentials", paramLabel = "FILE", description = "The exchange's credentials file: the crowd "
            + "authenticates with its 'crowd' line, which also vouches for the bg_ traders it names (a session writes "
            + "one and passes it).")
    Path credentials;

    @Mixin
    LogFormatOption logFormat;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        BattleConfig battle;
        try {
            battle = BattleConfig.load(config);
        } catch (InvalidConfigException e) {
            e.errors().forEach(error -> spec.commandLine().getErr().println(config + ": " + error));
            return spec.exitCodeOnInvalidInput();
        }
        Scenario market;
        TickScale scale;
        try {
            market = scenario != null ? Scenario.preset(scenario) : battle.market();
            scale = new TickScale(tickSize);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (market == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), config + " has no \"market\" section: add "
                    + "one (e.g. \"market\": {\"preset\": \"lively\"}) or pass --scenario");
        }
        String token = null;
        if (credentials != null) {
            try {
                token = CredentialsFile.tokenOf(credentials, TraderIds.CROWD);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--credentials: " + e.getMessage());
            }
        }
        CrowdAgent crowd = new CrowdAgent(market, battle.marketSeed(), scale, Crowd.Limits.EXCHANGE_DEFAULTS);
        BotSettings settings = new BotSettings(TraderIds.CROWD,
                marketDataUri != null ? marketDataUri : battle.marketDataUri(),
                orderGatewayUri != null ? orderGatewayUri : battle.orderGatewayUri(), token,
                Duration.ofMillis(crowd.decisionIntervalMillis()), true, lockstep || battle.lockstep(), 0);
        LOG.info("crowd: {} background traders ({}), seed {}", market.crowd().size(),
                String.join(", ", crowd.traders().subList(0, Math.min(3, crowd.traders().size())))
                        + (crowd.traders().size() > 3 ? ", ..." : ""), battle.marketSeed());
        return new Bot(settings, crowd).runUntilSignalled(STOP_TIMEOUT, () -> writeFundamental(crowd));
    }

    private void writeFundamental(CrowdAgent crowd) {
        if (fundamentalCsv == null) {
            return;
        }
        try (Writer out = Files.newBufferedWriter(fundamentalCsv, StandardCharsets.UTF_8)) {
            crowd.writeFundamental(out);
            LOG.info("crowd: wrote the fundamental to {}", fundamentalCsv);
        } catch (IOException e) {
            LOG.error("crowd: cannot write {}: {}", fundamentalCsv, e.getMessage());
        }
    }
}
