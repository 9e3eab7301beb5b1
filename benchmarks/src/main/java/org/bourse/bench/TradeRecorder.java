package org.bourse.bench;

import java.util.Arrays;

/** The sink used by the correctness check: keeps every trade, in order, as four longs. */
public final class TradeRecorder implements TradeSink {
    private long[] trades = new long[4 * 1024];
    private int size;

    @Override
    public void trade(long makerId, long takerId, long price, long quantity) {
        if (size + 4 > trades.length) {
            trades = Arrays.copyOf(trades, trades.length * 2);
        }
        trades[size++] = makerId;
        trades[size++] = takerId;
        trades[size++] = price;
        trades[size++] = quantity;
    }

    public int count() {
        return size / 4;
    }

    public long makerId(int trade) {
        return trades[4 * trade];
    }

    public long takerId(int trade) {
        return trades[4 * trade + 1];
    }

    public long price(int trade) {
        return trades[4 * trade + 2];
    }

    public long quantity(int trade) {
        return trades[4 * trade + 3];
    }

    public String describe(int trade) {
        if (trade >= count()) {
            return "(none)";
        }
        return "maker " + makerId(trade) + " taker " + takerId(trade) + " " + quantity(trade) + "@" + price(trade);
    }

    /** The index of the first trade that differs from {@code other}'s, or -1 if both logs are identical. */
    public int firstDifference(TradeRecorder other) {
        int common = Math.min(size, other.size);
        for (int i = 0; i < common; i++) {
            if (trades[i] != other.trades[i]) {
                return i / 4;
            }
        }
        return size == other.size ? -1 : common / 4;
    }
}
