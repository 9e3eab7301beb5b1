package org.bourse.lab;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bourse.bot.Agent;
import org.bourse.bot.BotSettings;
import org.bourse.bot.StrategyLoadException;
import org.bourse.bot.Trader;
import org.bourse.bot.battle.BattleConfig;
import org.bourse.bot.battle.BotSpec;
import org.bourse.bot.crowd.CrowdAgent;
import org.bourse.cli.DurationConverter;
import org.bourse.exchange.journal.JournalException;
import org.bourse.exchange.lockstep.Participant;
import org.bourse.exchange.market.MarketException;
import org.bourse.exchange.server.Exchange;
import org.bourse.protocol.ServerMessage;
import org.bourse.scenario.Crowd;

/**
 * A battle config run as a lockstep battle in this process: each enabled bot's strategy, created as its
 * {@code bot} process would create it (same loader, same seed, same parameters), in a {@link Trader} fed by an
 * {@link InProcessBattle}. The same config and exchange settings give the same files as the battle run as
 * processes.
 */
public final class ConfigBattle {

    /** What each trader did, for the summary: failures of its strategy are the user's to see. */
    /** @param failure why the trader's run counts as failed (its strategy threw on every turn), or null */
    public record TraderFigures(String traderId, long ordersSent, long fills, long rejections,
                                long strategyFailures, String failure) {
    }

    /** How it went. */
    public record Outcome(InProcessBattle.Result result, List<TraderFigures> traders) {
    }

    private ConfigBattle() {
    }

    /**
     * Runs {@code battle}'s enabled bots — and its market's background crowd, if it has a scenario — against a market
     * made with {@code exchange}'s settings, which must be those of a lockstep battle (its seed, start and duration).
     *
     * @param fundamentalCsv where the crowd's fundamental value goes, as the crowd process writes it; null: nowhere
     * @throws StrategyLoadException naming the bot whose strategy cannot be created
     */
    public static Outcome run(BattleConfig battle, Exchange.Settings exchange, Path fundamentalCsv)
            throws StrategyLoadException, MarketException, JournalException, IOException {
        return run(battle, exchange, fundamentalCsv, DecisionWatch.NONE);
    }

    /**
     * As {@link #run(BattleConfig, Exchange.Settings, Path)}, telling {@code watch} when each bot starts and ends a
     * decision (a tournament's watchdog times them).
     */
    public static Outcome run(BattleConfig battle, Exchange.Settings exchange, Path fundamentalCsv,
                              DecisionWatch watch)
            throws StrategyLoadException, MarketException, JournalException, IOException {
        Exchange.Lockstep lockstep = exchange.lockstep();
        if (lockstep == null) {
            throw new IllegalArgumentException("an in-process battle runs in lockstep: the settings have none");
        }
        List<Participant> roster = new ArrayList<>();
        Map<String, Trader> traders = new TreeMap<>();
        for (BotSpec bot : battle.enabledBots()) {
            roster.add(new Participant(bot.traderId(), decisionIntervalMillis(bot), bot.latencyMillis()));
            traders.put(bot.traderId(), new Trader(bot.traderId(), bot.createStrategy(), true));
        }
        Map<String, InProcessBattle.Bot> bots = new TreeMap<>();
        traders.forEach((id, trader) -> bots.put(id, new AgentBot(trader, watch)));
        CrowdAgent crowd = null;
        if (battle.market() != null) {
            // as the crowd process makes it: the same seed, tick size and (the exchange's default) limits
            crowd = new CrowdAgent(battle.market(), battle.marketSeed(), exchange.scale(),
                    Crowd.Limits.EXCHANGE_DEFAULTS);
            roster.add(new Participant(crowd.traderId(), crowd.decisionIntervalMillis(), 0));
            bots.put(crowd.traderId(), new AgentBot(crowd, DecisionWatch.NONE));
        }
        InProcessBattle.Result result = InProcessBattle.run(new InProcessBattle.Settings(exchange.scale(),
                exchange.engine(), exchange.storage(), lockstep.seed(), lockstep.startTime(), lockstep.endTime()),
                roster, bots);
        if (crowd != null && fundamentalCsv != null) {
            try (Writer out = Files.newBufferedWriter(fundamentalCsv, StandardCharsets.UTF_8)) {
                crowd.writeFundamental(out);
            }
        }
        List<TraderFigures> figures = traders.values().stream().map(t -> new TraderFigures(t.traderId(),
                t.ordersSent(), t.fills(), t.rejections(), t.strategyFailures(), t.failure())).toList();
        return new Outcome(result, figures);
    }

    /** The bot's own interval, else the bot command's default; whole milliseconds, as its process would send. */
    private static long decisionIntervalMillis(BotSpec bot) {
        return (bot.decisionInterval() != null ? bot.decisionInterval()
                : DurationConverter.parse(BotSettings.DEFAULT_DECISION_INTERVAL)).toMillis();
    }

    /**
     * An agent (a bot's trader, or a crowd) as the runner's bot: its welcomes and the rest of its connection, the
     * feed, its turns.
     */
    record AgentBot(Agent agent, DecisionWatch watch) implements InProcessBattle.Bot {
        @Override
        public void privateMessage(ServerMessage message) {
            if (message instanceof ServerMessage.Welcome welcome) {
                agent.welcome(welcome);
            } else {
                agent.privateMessage(message);
            }
        }

        @Override
        public void publicEvent(ServerMessage event) {
            agent.feed(event);
        }

        @Override
        public List<String> decide(long time, long seq) {
            if (agent.lastSeq() < seq) {
                throw new IllegalStateException(agent.traderId() + " has not seen event " + seq + " at its turn");
            }
            watch.deciding(agent.traderId(), time);
            try {
                return agent.decide(time);
            } finally {
                watch.decided();
            }
        }

        @Override
        public List<String> crowd() {
            List<String> traders = agent.traders();
            return traders.equals(List.of(agent.traderId())) ? List.of() : traders;
        }
    }
}
