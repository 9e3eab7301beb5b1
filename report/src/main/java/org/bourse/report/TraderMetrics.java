package org.bourse.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * One trader's results, computed from the battle's trades and account updates in exact decimals (the Sharpe ratio
 * aside, a double). Equity is the exchange's figure at each of the trader's account updates and holds between
 * them; before the first it is the starting cash.
 */
public final class TraderMetrics {
    /** The Sharpe ratio's sampling interval. */
    public static final long SHARPE_INTERVAL_MILLIS = 1_000;
    /** How long after a fill its markout looks, each. */
    public static final List<Long> MARKOUT_MILLIS = List.of(1_000L, 5_000L, 30_000L);

    /** A step of the trader's equity or position over time. */
    public record Point(long timestamp, BigDecimal value) {
    }

    private final String trader;
    private final Battle battle;
    private final BigDecimal startingCash;
    private final List<Point> equity = new ArrayList<>();
    private final List<Point> position = new ArrayList<>();
    private final List<Point> drawdown = new ArrayList<>();
    private BigDecimal maxDrawdown = BigDecimal.ZERO;
    private BigDecimal maxDrawdownPeak;
    private long trades;
    private long volume;
    private long makerVolume;
    private long knownSideVolume;

    public TraderMetrics(String trader, Battle battle) {
        this.trader = trader;
        this.battle = battle;
        this.startingCash = battle.startingCash().of(trader);
        long start = battle.trades().isEmpty() ? 0 : battle.trades().get(0).timestamp();
        equity.add(new Point(start, startingCash));
        position.add(new Point(start, BigDecimal.ZERO));
        drawdown.add(new Point(start, BigDecimal.ZERO));
        BigDecimal peak = startingCash;
        maxDrawdownPeak = peak;
        for (Battle.AccountUpdate u : battle.updates()) {
            if (!u.trader().equals(trader)) {
                continue;
            }
            equity.add(new Point(u.timestamp(), u.totalEquity()));
            position.add(new Point(u.timestamp(), BigDecimal.valueOf(u.position())));
            peak = peak.max(u.totalEquity());
            BigDecimal down = peak.subtract(u.totalEquity());
            drawdown.add(new Point(u.timestamp(), down.negate()));
            if (down.compareTo(maxDrawdown) > 0) {
                maxDrawdown = down;
                maxDrawdownPeak = peak;
            }
        }
        for (Battle.Trade t : battle.trades()) {
            boolean bought = t.buyer().equals(trader);
            if (!bought && !t.seller().equals(trader)) {
                continue;
            }
            trades++;
            volume += t.qty();
            if (t.aggressor() != null) {
                knownSideVolume += t.qty();
                boolean aggressed = bought == "buy".equals(t.aggressor());
                if (!aggressed) {
                    makerVolume += t.qty();
                }
            }
        }
    }

    public String trader() {
        return trader;
    }

    public BigDecimal startingCash() {
        return startingCash;
    }

    public BigDecimal finalEquity() {
        return equity.get(equity.size() - 1).value();
    }

    public BigDecimal pnl() {
        return finalEquity().subtract(startingCash);
    }

    /** PnL as a percentage of the starting cash, to 3 decimals. */
    public BigDecimal returnPercent() {
        return startingCash.signum() == 0 ? null
                : pnl().multiply(BigDecimal.valueOf(100)).divide(startingCash, 3, RoundingMode.HALF_EVEN);
    }

    public BigDecimal maxDrawdown() {
        return maxDrawdown;
    }

    /** The largest drawdown as a percentage of the peak it fell from, to 3 decimals. */
    public BigDecimal maxDrawdownPercent() {
        return maxDrawdownPeak.signum() <= 0 ? null
                : maxDrawdown.multiply(BigDecimal.valueOf(100)).divide(maxDrawdownPeak, 3, RoundingMode.HALF_EVEN);
    }

    public long trades() {
        return trades;
    }

    public long volume() {
        return volume;
    }

    /** The share of the trader's volume in which its order was resting (the other side aggressed); null unknown. */
    public BigDecimal makerSharePercent() {
        return knownSideVolume == 0 ? null : BigDecimal.valueOf(makerVolume * 100)
                .divide(BigDecimal.valueOf(knownSideVolume), 1, RoundingMode.HALF_EVEN);
    }

    /**
     * The Sharpe ratio of the equity's increments over {@link #SHARPE_INTERVAL_MILLIS}, sampled from the battle's
     * first trade to its last: their mean over their standard deviation (n − 1), not annualised. Null when there
     * are fewer than two increments or they never vary.
     */
    public Double sharpe() {
        List<Battle.Trade> all = battle.trades();
        if (all.isEmpty()) {
            return null;
        }
        long start = all.get(0).timestamp();
        long intervals = (all.get(all.size() - 1).timestamp() - start) / SHARPE_INTERVAL_MILLIS;
        if (intervals < 2) {
            return null;
        }
        double[] increments = new double[(int) intervals];
        // the equity as last stated at or before each sample, walking the steps once
        int step = 0;
        BigDecimal previous = null;
        for (int k = 0; k <= intervals; k++) {
            long sample = start + k * SHARPE_INTERVAL_MILLIS;
            while (step + 1 < equity.size() && equity.get(step + 1).timestamp() <= sample) {
                step++;
            }
            BigDecimal now = equity.get(step).value();
            if (previous != null) {
                increments[k - 1] = now.subtract(previous).doubleValue();
            }
            previous = now;
        }
        double mean = 0;
        for (double d : increments) {
            mean += d;
        }
        mean /= increments.length;
        double squares = 0;
        for (double d : increments) {
            squares += (d - mean) * (d - mean);
        }
        double deviation = Math.sqrt(squares / (increments.length - 1));
        return deviation == 0 ? null : mean / deviation;
    }

    /**
     * The average markout of the trader's fills {@code horizonMillis} later, per lot, weighted by quantity: for each
     * fill, (the mid then − the fill's price) for a buy, the opposite for a sell; the mid is the best bid and ask's,
     * or the last trade's price when one side is empty. Fills too close to the end of the events to be marked out
     * are left out. Null without the book (no events) or without a fill to mark out.
     */
    public BigDecimal markout(long horizonMillis) {
        if (battle.quotes().isEmpty()) {
            return null;
        }
        Reference reference = new Reference(battle);
        long end = Math.max(battle.quotes().get(battle.quotes().size() - 1).timestamp(),
                battle.trades().isEmpty() ? 0 : battle.trades().get(battle.trades().size() - 1).timestamp());
        BigDecimal sum = BigDecimal.ZERO;
        long qty = 0;
        for (Battle.Trade t : battle.trades()) {
            boolean bought = t.buyer().equals(trader);
            boolean sold = t.seller().equals(trader);
            if (bought == sold || t.timestamp() + horizonMillis > end) {
                continue; // not the trader's, a self-trade, or past the end of the run
            }
            BigDecimal later = reference.at(t.timestamp() + horizonMillis);
            if (later == null) {
                continue;
            }
            BigDecimal edge = bought ? later.subtract(t.price()) : t.price().subtract(later);
            sum = sum.add(edge.multiply(BigDecimal.valueOf(t.qty())));
            qty += t.qty();
        }
        return qty == 0 ? null : sum.divide(BigDecimal.valueOf(qty), battle.decimals() + 2, RoundingMode.HALF_EVEN);
    }

    /** Fill ratio: filled quantity over quantity sent, as a percentage. */
    public BigDecimal fillRatioPercent(TraderActivity activity) {
        return activity == null || activity.quantitySent() == 0 ? null : BigDecimal.valueOf(volume * 100)
                .divide(BigDecimal.valueOf(activity.quantitySent()), 1, RoundingMode.HALF_EVEN);
    }

    /** Orders sent per trade. */
    public BigDecimal orderToTrade(TraderActivity activity) {
        return activity == null || trades == 0 ? null : BigDecimal.valueOf(activity.ordersSent())
                .divide(BigDecimal.valueOf(trades), 2, RoundingMode.HALF_EVEN);
    }

    /** "reason n, reason n" or "none". */
    public static String rejects(TraderActivity activity) {
        SortedMap<String, Long> byReason = activity.rejectsByReason();
        if (byReason.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        byReason.forEach((reason, n) -> parts.add(reason + " " + n));
        return String.join(", ", parts);
    }

    public List<Point> equity() {
        return equity;
    }

    public List<Point> position() {
        return position;
    }

    public List<Point> drawdown() {
        return drawdown;
    }

    /** The market's reference price at any time: the mid of the last quote, else the last trade's price. */
    private static final class Reference {
        private final List<Battle.Quote> quotes;
        private final List<Battle.Trade> trades;

        Reference(Battle battle) {
            this.quotes = battle.quotes();
            this.trades = battle.trades();
        }

        BigDecimal at(long timestamp) {
            int q = lastAtOrBefore(quotes.size(), i -> quotes.get(i).timestamp(), timestamp);
            if (q >= 0 && quotes.get(q).bestBid() != null && quotes.get(q).bestAsk() != null) {
                return quotes.get(q).bestBid().add(quotes.get(q).bestAsk()).divide(BigDecimal.valueOf(2));
            }
            int t = lastAtOrBefore(trades.size(), i -> trades.get(i).timestamp(), timestamp);
            return t >= 0 ? trades.get(t).price() : null;
        }

        private static int lastAtOrBefore(int size, java.util.function.IntToLongFunction time, long timestamp) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (time.applyAsLong(mid) <= timestamp) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo - 1;
        }
    }
}
