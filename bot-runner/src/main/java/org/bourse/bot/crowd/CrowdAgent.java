package org.bourse.bot.crowd;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.bourse.bot.Agent;
import org.bourse.protocol.ClientFrames;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.TraderIds;
import org.bourse.scenario.Crowd;
import org.bourse.scenario.Fundamental;
import org.bourse.scenario.FundamentalCsv;
import org.bourse.scenario.FundamentalPath;
import org.bourse.scenario.Scenario;

/**
 * A scenario's background crowd as an {@link Agent}: one connection ({@value TraderIds#CROWD}) speaking for every
 * background trader, over the bot's socket loop or in process. The market starts where the exchange says it does:
 * the first welcome's time is the fundamental's time 0 and its mark the fundamental's first value — so the crowd is
 * made then, and what the feed said before is kept for it.
 */
public final class CrowdAgent implements Agent {
    private final Scenario scenario;
    private final long seed;
    private final TickScale scale;
    private final Crowd.Limits limits;
    /** What the feed said before the first welcome: a view for its outcomes, and its messages since its snapshot. */
    private MarketView early = MarketView.keepingNoAccounts();
    private final List<ServerMessage> sinceSnapshot = new ArrayList<>();
    private Crowd crowd;
    private FundamentalPath fundamental;
    private long startTime;
    private long lastTurn = Long.MIN_VALUE;
    private boolean quiet;

    /** @param seed the market's seed (the battle's derived one): the fundamental's and every agent's */
    public CrowdAgent(Scenario scenario, long seed, TickScale scale, Crowd.Limits limits) {
        this.scenario = scenario;
        this.seed = seed;
        this.scale = scale;
        this.limits = limits;
    }

    /** How often the crowd decides: its lockstep participant's interval. */
    public long decisionIntervalMillis() {
        return Crowd.decisionIntervalMillis(scenario.crowd());
    }

    @Override
    public String traderId() {
        return TraderIds.CROWD;
    }

    @Override
    public String hello(String token, long decisionIntervalMillis, long latencyMillis) {
        return ClientFrames.hello(TraderIds.CROWD, token, decisionIntervalMillis, latencyMillis, traders());
    }

    @Override
    public List<String> traders() {
        return Crowd.traderIds(scenario.crowd());
    }

    @Override
    public void welcome(ServerMessage.Welcome welcome) {
        if (crowd == null) {
            startTime = welcome.timestamp();
            fundamental = Fundamental.path(scenario.fundamental(), seed, welcome.markPrice());
            crowd = new Crowd(scenario.crowd(), seed, fundamental, startTime, scale, limits);
            sinceSnapshot.forEach(crowd::feed);
            sinceSnapshot.clear();
            early = null;
        }
        crowd.welcome(welcome);
    }

    @Override
    public void privateMessage(ServerMessage message) {
        if (crowd != null) {
            crowd.privateMessage(message);
        }
    }

    @Override
    public MarketView.Outcome feed(ServerMessage message) {
        if (crowd != null) {
            return crowd.feed(message);
        }
        MarketView.Outcome outcome = early.apply(message);
        if (message instanceof ServerMessage.Snapshot) {
            sinceSnapshot.clear();
        }
        if (outcome == MarketView.Outcome.APPLIED) {
            sinceSnapshot.add(message);
        } else if (outcome == MarketView.Outcome.GAP) {
            sinceSnapshot.clear();
        }
        return outcome;
    }

    @Override
    public void feedDisconnected() {
        if (crowd != null) {
            crowd.feedDisconnected();
        } else {
            early.disconnected();
            sinceSnapshot.clear();
        }
    }

    @Override
    public boolean isLive() {
        return crowd != null && crowd.isLive();
    }

    @Override
    public long lastSeq() {
        return crowd != null ? crowd.lastSeq() : early.lastSeq();
    }

    @Override
    public List<String> decide(long time) {
        if (crowd == null || quiet) {
            return List.of();
        }
        lastTurn = time;
        return crowd.decide(time);
    }

    @Override
    public void quiet() {
        quiet = true;
    }

    @Override
    public String standing() {
        return scenario.crowd().size() + " background traders";
    }

    @Override
    public String figures() {
        if (crowd == null) {
            return "never welcomed";
        }
        return crowd.ordersSent() + " orders sent" + (crowd.rejections().isEmpty() ? ""
                : "; rejections by reason: " + crowd.rejections());
    }

    /**
     * Writes the fundamental value the crowd traded on ({@link FundamentalCsv}), from the start to its last turn:
     * hidden from the bots during the battle, for the report afterwards. Nothing before the first welcome.
     */
    public void writeFundamental(Writer out) throws IOException {
        if (crowd == null || lastTurn == Long.MIN_VALUE) {
            out.write(FundamentalCsv.HEADER + "\n");
            return;
        }
        FundamentalCsv.write(out, fundamental, startTime, lastTurn - startTime + 1, scale);
    }
}
