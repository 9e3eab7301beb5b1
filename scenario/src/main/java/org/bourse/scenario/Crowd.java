package org.bourse.scenario;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bourse.cli.Seeds;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.TraderIds;

/**
 * The background crowd: many simple traders in one brain and without sockets — market makers ({@code bg_mm_<n>}),
 * value traders ({@code bg_value_<n>}) and noise traders ({@code bg_noise_<n>}), in that fixed order. They share one
 * {@link MarketView} of the public feed; each has only its own account, from its own private messages. Only the
 * value traders see the fundamental.
 *
 * <p>Fed like a bot's trader ({@code org.bourse.bot.Trader} in lockstep): {@link #welcome} for each agent, its
 * private messages as they come (kept, and applied in arrival order at the next {@link #decide}), the public feed
 * through {@link #feed}; then {@code decide(t)} at every multiple of {@link #decisionIntervalMillis()} returns the
 * frames of every agent due at {@code t}, each frame naming its agent as {@code trader_id}. The same messages in the
 * same order give the same frames: all randomness is seeded per agent ({@code Seeds.derive(seed, traderId)}), no
 * clock is read and nothing depends on hash order. An agent acts only once welcomed, while the feed is live and
 * trading is not halted; it stays within {@link Limits}: it never rests more than a few orders, sends prices
 * outside the band around the mark, or lets its position (every open order filled) pass its own limit, the
 * exchange's or what its equity covers.
 *
 * <p>Not thread-safe: one thread at a time.
 */
public final class Crowd {

    /** The prefix of every background trader id. */
    public static final String PREFIX = TraderIds.BACKGROUND_PREFIX;
    /** The finest time noise traders' arrivals are placed on, when there are any. */
    static final long NOISE_TICK_MILLIS = 100;

    /** The {@code "crowd"} section of a scenario. */
    public record Spec(ValueTraders valueTraders, NoiseTraders noiseTraders, MarketMakers marketMakers) {
        public Spec {
            Objects.requireNonNull(valueTraders, "valueTraders");
            Objects.requireNonNull(noiseTraders, "noiseTraders");
            Objects.requireNonNull(marketMakers, "marketMakers");
        }

        /** How many agents in all. */
        public int size() {
            return valueTraders.count() + noiseTraders.count() + marketMakers.count();
        }
    }

    /**
     * @param noise    percent: the standard deviation of each agent's lasting error on the value (drawn once)
     * @param jitter   percent: the standard deviation of a fresh error at each decision
     * @param patience percent: how far from its value it bids and offers
     * @param lean     percent: how much lower it values the market at its largest long position (higher, short)
     */
    public record ValueTraders(int count, double noise, double jitter, double patience, double lean,
                               long intervalMillis, long qty, long maxPosition) {
    }

    /**
     * @param rate        orders per minute per agent, on average
     * @param marketShare the share of market orders (the rest are immediate-or-cancel limits at the best price)
     */
    public record NoiseTraders(int count, double rate, long qtyMax, double marketShare, long maxPosition) {
    }

    /**
     * @param spread          percent of the price: the base half-spread
     * @param widening        percent of half-spread added per percent per √minute of the mid's recent volatility
     * @param volWindowMillis the time constant of that volatility's measure
     */
    public record MarketMakers(int count, double spread, double widening, long volWindowMillis, long qty,
                               long intervalMillis, long maxPosition) {
    }

    /**
     * The exchange's risk limits the agents keep within (the exchange's command-line options of the same names).
     *
     * @param initialMargin a fraction (0.20)
     * @param priceBand     a fraction of the mark (0.10); 0 for no band
     */
    public record Limits(long maxOrderQty, long maxPosition, int maxOpenOrders, BigDecimal initialMargin,
                         BigDecimal priceBand) {
        /** The exchange's defaults. */
        public static final Limits EXCHANGE_DEFAULTS = new Limits(1000, 1000, 200, new BigDecimal("0.20"),
                new BigDecimal("0.10"));

        public Limits {
            Objects.requireNonNull(initialMargin, "initialMargin");
            Objects.requireNonNull(priceBand, "priceBand");
            // the exchange's "0 = no limit"
            maxOrderQty = maxOrderQty == 0 ? Long.MAX_VALUE / 4 : maxOrderQty;
            maxPosition = maxPosition == 0 ? Long.MAX_VALUE / 4 : maxPosition;
            maxOpenOrders = maxOpenOrders == 0 ? Integer.MAX_VALUE : maxOpenOrders;
        }
    }

    private final MarketView view = MarketView.keepingNoAccounts();
    private final Quotes quotes;
    private final List<BackgroundTrader> agents = new ArrayList<>();
    private final List<String> traderIds;
    private final Map<String, BackgroundTrader> byTraderId = new HashMap<>();
    /** Every agent, by the time it is next due (then by its place). */
    private final PriorityQueue<BackgroundTrader> schedule = new PriorityQueue<>(
            Comparator.comparingLong((BackgroundTrader agent) -> agent.nextDue).thenComparingInt(agent -> agent.index));
    /** The agents' private messages since the last decision, in arrival order. */
    private final ArrayDeque<ServerMessage> pending = new ArrayDeque<>();
    private final SortedMap<String, Long> rejections = new TreeMap<>();
    private final long tick;

    /** A crowd within the exchange's default limits. */
    public Crowd(Spec spec, long seed, FundamentalPath fundamental, long startTime, TickScale scale) {
        this(spec, seed, fundamental, startTime, scale, Limits.EXCHANGE_DEFAULTS);
    }

    /**
     * @param seed      the battle's (or the scenario's): each agent's is derived from it and its trader id
     * @param startTime the virtual time the battle starts at: the fundamental's time 0, and where phases start
     */
    public Crowd(Spec spec, long seed, FundamentalPath fundamental, long startTime, TickScale scale, Limits limits) {
        this.tick = tick(spec);
        this.quotes = new Quotes(scale, limits, spec.marketMakers().volWindowMillis());
        double tickSize = scale.tickSize().doubleValue();
        for (int n = 1; n <= spec.marketMakers().count(); n++) {
            String id = marketMaker(n);
            add(new MarketMaker(id, agents.size(), account(id, scale, limits), draws(seed, id), limits,
                    spec.marketMakers(), startTime, tick));
        }
        for (int n = 1; n <= spec.valueTraders().count(); n++) {
            String id = valueTrader(n);
            add(new ValueTrader(id, agents.size(), account(id, scale, limits), draws(seed, id), limits,
                    spec.valueTraders(), fundamental, startTime, tick, tickSize));
        }
        for (int n = 1; n <= spec.noiseTraders().count(); n++) {
            String id = noiseTrader(n);
            add(new NoiseTrader(id, agents.size(), account(id, scale, limits), draws(seed, id), limits,
                    spec.noiseTraders(), startTime));
        }
        this.traderIds = agents.stream().map(agent -> agent.traderId).toList();
    }

    /** Whether {@code traderId} is one of a crowd's (its prefix says so). */
    /** The crowd's trader ids for {@code spec}, in its fixed order: market makers, value traders, noise traders. */
    public static List<String> traderIds(Spec spec) {
        List<String> ids = new ArrayList<>(spec.size());
        for (int n = 1; n <= spec.marketMakers().count(); n++) {
            ids.add(marketMaker(n));
        }
        for (int n = 1; n <= spec.valueTraders().count(); n++) {
            ids.add(valueTrader(n));
        }
        for (int n = 1; n <= spec.noiseTraders().count(); n++) {
            ids.add(noiseTrader(n));
        }
        return List.copyOf(ids);
    }

    private static String marketMaker(int n) {
        return PREFIX + "mm_" + n;
    }

    private static String valueTrader(int n) {
        return PREFIX + "value_" + n;
    }

    private static String noiseTrader(int n) {
        return PREFIX + "noise_" + n;
    }

    public static boolean isBackground(String traderId) {
        return traderId != null && TraderIds.isBackground(traderId);
    }

    private AgentAccount account(String traderId, TickScale scale, Limits limits) {
        return new AgentAccount(traderId, scale, limits, rejections);
    }

    private static Draws draws(long seed, String traderId) {
        return new Draws(Seeds.derive(seed, traderId));
    }

    private void add(BackgroundTrader agent) {
        agents.add(agent);
        byTraderId.put(agent.traderId, agent);
        schedule.add(agent);
    }

    /** The greatest common divisor of the intervals the agents need. */
    /** The crowd's tick for {@code spec}: what {@link #decisionIntervalMillis()} will be. */
    public static long decisionIntervalMillis(Spec spec) {
        return tick(spec);
    }

    private static long tick(Spec spec) {
        long tick = 0;
        if (spec.marketMakers().count() > 0) {
            tick = gcd(tick, spec.marketMakers().intervalMillis());
        }
        if (spec.valueTraders().count() > 0) {
            tick = gcd(tick, spec.valueTraders().intervalMillis());
        }
        if (spec.noiseTraders().count() > 0) {
            tick = gcd(tick, NOISE_TICK_MILLIS);
        }
        return tick == 0 ? 1000 : tick;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    // ------------------------------------------------------------------------------------ what comes in

    /** Every agent's trader id, in the crowd's fixed order. */
    public List<String> traderIds() {
        return traderIds;
    }

    /**
     * Where one agent stands after it joined (or rejoined): replaces all it knew, and drops its messages not yet
     * applied.
     *
     * @throws IllegalArgumentException if the welcome is for no agent of this crowd
     */
    public void welcome(ServerMessage.Welcome welcome) {
        BackgroundTrader agent = agent(welcome.traderId());
        pending.removeIf(message -> agent.traderId.equals(traderIdOf(message)));
        agent.account.welcome(welcome);
    }

    /** A message on an agent's own connection (an answer, a fill, a cancel): applied at the next decision. */
    public void privateMessage(ServerMessage message) {
        pending.add(message);
    }

    /** A message of the public feed (status, snapshot, events); a {@link MarketView.Outcome#GAP} means resubscribe. */
    public MarketView.Outcome feed(ServerMessage message) {
        return view.apply(message);
    }

    /** The feed's connection is gone: nothing of the next one applies before its snapshot. */
    public void feedDisconnected() {
        view.disconnected();
    }

    public boolean isLive() {
        return view.isLive();
    }

    public long lastSeq() {
        return view.lastSeq();
    }

    // ------------------------------------------------------------------------------------------ a turn

    /** How often the crowd must decide (virtual ms): the finest interval its agents need. */
    public long decisionIntervalMillis() {
        return tick;
    }

    /**
     * A decision at {@code time}: the private messages since the last one are applied, then every agent due at
     * {@code time} acts, in the crowd's fixed order. Its frames (orders, cancels, replaces; no {@code done}), in
     * order.
     */
    public List<String> decide(long time) {
        for (ServerMessage message; (message = pending.poll()) != null; ) {
            BackgroundTrader agent = byTraderId.get(traderIdOf(message));
            if (agent != null) {
                agent.account.apply(message);
            }
        }
        boolean open = view.isLive() && !view.tradingHalted();
        if (open) {
            quotes.refresh(view, time);
            open = quotes.usable();
        }
        List<BackgroundTrader> due = new ArrayList<>();
        while (!schedule.isEmpty() && schedule.peek().nextDue <= time) {
            due.add(schedule.poll());
        }
        due.sort(Comparator.comparingInt(agent -> agent.index));
        List<String> frames = new ArrayList<>();
        for (BackgroundTrader agent : due) {
            if (open && agent.account.welcomed()) {
                agent.act(time, quotes, frames);
            }
            agent.advance(time);
            schedule.add(agent);
        }
        return frames;
    }

    // ------------------------------------------------------------------------------------------ figures

    /** The exchange's refusals of the agents' orders, cancels and replaces, by reason. */
    public SortedMap<String, Long> rejections() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(rejections));
    }

    /** New orders the agents have sent. */
    public long ordersSent() {
        return agents.stream().mapToLong(agent -> agent.account.ordersSent()).sum();
    }

    /** The agent's position as its fills tell it. */
    public long position(String traderId) {
        return agent(traderId).account.position();
    }

    private BackgroundTrader agent(String traderId) {
        BackgroundTrader agent = byTraderId.get(traderId);
        if (agent == null) {
            throw new IllegalArgumentException("'" + traderId + "' is not a trader of this crowd");
        }
        return agent;
    }

    private static String traderIdOf(ServerMessage message) {
        if (message instanceof ServerMessage.OrderAccepted m) {
            return m.traderId();
        } else if (message instanceof ServerMessage.OrderRejected m) {
            return m.traderId();
        } else if (message instanceof ServerMessage.Fill m) {
            return m.traderId();
        } else if (message instanceof ServerMessage.OrderCancelled m) {
            return m.traderId();
        } else if (message instanceof ServerMessage.OrderReplaced m) {
            return m.traderId();
        } else if (message instanceof ServerMessage.AllOrdersCancelled m) {
            return m.traderId();
        } else if (message instanceof ServerMessage.CancelRejected m) {
            return m.traderId();
        } else if (message instanceof ServerMessage.ReplaceRejected m) {
            return m.traderId();
        }
        return null;
    }
}
