package org.bourse.bench;

/**
 * The sink used while measuring: folds every trade into a checksum, which the benchmark returns so that the JIT
 * cannot drop the work, and which costs the same few instructions for every engine.
 */
public final class TradeChecksum implements TradeSink {
    private long checksum;
    private long count;

    @Override
    public void trade(long makerId, long takerId, long price, long quantity) {
        checksum = 31 * checksum + (makerId ^ (takerId << 20) ^ (price << 8) ^ quantity);
        count++;
    }

    public long checksum() {
        return checksum;
    }

    public long count() {
        return count;
    }
}
