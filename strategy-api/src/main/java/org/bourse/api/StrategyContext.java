package org.bourse.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What the bot knows at the moment it asks the strategy: the public market (from the market-data feed) and the
 * trader's own account and orders (from the exchange's replies and execution reports). Immutable: a strategy may
 * keep a context from an earlier turn to compare with.
 *
 * <p>Prices and money are exact decimals; a value that does not exist yet is null (no bid, no trade so far, no
 * entry price while flat), a time that has not happened yet is 0. Times are epoch milliseconds.
 *
 * @param traderId           the trader the bot trades as
 * @param timestamp          when this context was made
 * @param bids               the bid levels, best (highest) first; empty when there are none
 * @param asks               the ask levels, best (lowest) first
 * @param recentTrades       the latest public trades, oldest first (up to a few hundred)
 * @param position           signed lots: positive long, negative short
 * @param cash               cash after every trade so far (buying spends, selling receives)
 * @param avgEntryPrice      the average price of the open position, null while flat
 * @param realizedPnl        profit and loss locked in by trades that reduced the position
 * @param unrealizedPnl      position × (mark − average entry)
 * @param totalEquity        cash + position × mark
 * @param markPrice          the exchange's mark: mid when both sides have orders, else last trade, else reference
 * @param openOrders         the trader's resting orders, once the exchange has accepted them (see {@link OpenOrder})
 * @param lastRejection      the latest refusal of something this trader sent, or null
 * @param lastLiquidationTime when the exchange last liquidated this trader, or 0
 * @param tradingHalted      the exchange's kill switch is on: new orders are refused, cancels still work
 */
public record StrategyContext(String traderId, long timestamp, List<Level> bids, List<Level> asks,
                              List<PublicTrade> recentTrades, long position, BigDecimal cash,
                              BigDecimal avgEntryPrice, BigDecimal realizedPnl, BigDecimal unrealizedPnl,
                              BigDecimal totalEquity, BigDecimal markPrice, List<OpenOrder> openOrders,
                              Rejection lastRejection, long lastLiquidationTime, boolean tradingHalted) {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    public StrategyContext {
        Objects.requireNonNull(traderId, "traderId");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        recentTrades = List.copyOf(recentTrades);
        openOrders = List.copyOf(openOrders);
    }

    /** The highest bid, or null when nobody bids. */
    public BigDecimal bestBid() {
        return bids.isEmpty() ? null : bids.get(0).price();
    }

    /** The lowest ask, or null when nobody offers. */
    public BigDecimal bestAsk() {
        return asks.isEmpty() ? null : asks.get(0).price();
    }

    /** (best bid + best ask) / 2, or null unless both sides have orders. */
    public BigDecimal mid() {
        BigDecimal bid = bestBid();
        BigDecimal ask = bestAsk();
        if (bid == null || ask == null) {
            return null;
        }
        return bid.add(ask).divide(TWO); // exact: halving always terminates (100.05 + 100.10 gives 100.075)
    }

    /** best ask − best bid, or null unless both sides have orders. */
    public BigDecimal spread() {
        BigDecimal bid = bestBid();
        BigDecimal ask = bestAsk();
        return bid == null || ask == null ? null : ask.subtract(bid);
    }

    /** The most recent public trade, or null before the first. */
    public PublicTrade lastTrade() {
        return recentTrades.isEmpty() ? null : recentTrades.get(recentTrades.size() - 1);
    }

    /** The price of the most recent public trade, or null before the first. */
    public BigDecimal lastTradePrice() {
        PublicTrade last = lastTrade();
        return last == null ? null : last.price();
    }

    /** The reason of the latest refusal, or null. */
    public String lastRejectionReason() {
        return lastRejection == null ? null : lastRejection.reason();
    }

    /** When the latest refusal came, or 0. */
    public long lastRejectionTime() {
        return lastRejection == null ? 0 : lastRejection.timestamp();
    }

    /** The trader's resting orders on one side. */
    public List<OpenOrder> openOrders(Side side) {
        return openOrders.stream().filter(order -> order.side() == side).toList();
    }

    /** A builder with everything empty, zero or null, for tests of a strategy and for the bot. */
    public static Builder builder(String traderId) {
        return new Builder(traderId);
    }

    /** Builds a {@link StrategyContext}; every field starts empty, zero or null. */
    public static final class Builder {
        private final String traderId;
        private long timestamp;
        private List<Level> bids = List.of();
        private List<Level> asks = List.of();
        private List<PublicTrade> recentTrades = List.of();
        private long position;
        private BigDecimal cash = BigDecimal.ZERO;
        private BigDecimal avgEntryPrice;
        private BigDecimal realizedPnl = BigDecimal.ZERO;
        private BigDecimal unrealizedPnl = BigDecimal.ZERO;
        private BigDecimal totalEquity = BigDecimal.ZERO;
        private BigDecimal markPrice;
        private List<OpenOrder> openOrders = List.of();
        private Rejection lastRejection;
        private long lastLiquidationTime;
        private boolean tradingHalted;

        private Builder(String traderId) {
            this.traderId = traderId;
        }

        public Builder timestamp(long value) { timestamp = value; return this; }
        public Builder bids(List<Level> value) { bids = value; return this; }
        public Builder asks(List<Level> value) { asks = value; return this; }
        public Builder recentTrades(List<PublicTrade> value) { recentTrades = value; return this; }
        public Builder position(long value) { position = value; return this; }
        public Builder cash(BigDecimal value) { cash = value; return this; }
        public Builder avgEntryPrice(BigDecimal value) { avgEntryPrice = value; return this; }
        public Builder realizedPnl(BigDecimal value) { realizedPnl = value; return this; }
        public Builder unrealizedPnl(BigDecimal value) { unrealizedPnl = value; return this; }
        public Builder totalEquity(BigDecimal value) { totalEquity = value; return this; }
        public Builder markPrice(BigDecimal value) { markPrice = value; return this; }
        public Builder openOrders(List<OpenOrder> value) { openOrders = value; return this; }
        public Builder lastRejection(Rejection value) { lastRejection = value; return this; }
        public Builder lastLiquidationTime(long value) { lastLiquidationTime = value; return this; }
        public Builder tradingHalted(boolean value) { tradingHalted = value; return this; }

        public StrategyContext build() {
            return new StrategyContext(traderId, timestamp, bids, asks, recentTrades, position, cash, avgEntryPrice,
                    realizedPnl, unrealizedPnl, totalEquity, markPrice, openOrders, lastRejection,
                    lastLiquidationTime, tradingHalted);
        }
    }
}
