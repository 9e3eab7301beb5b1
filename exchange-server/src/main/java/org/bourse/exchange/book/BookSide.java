package org.bourse.exchange.book;

import java.util.Arrays;
import org.bourse.api.Side;

/**
 * The price levels of one side, kept in an array sorted from worst to best so that the best level is the last
 * element: most activity happens near the best price, where inserting and removing moves few elements. A parallel
 * array of sort keys (the price, negated for asks so that both sides sort ascending) lets the binary search read
 * one contiguous array instead of a level object per step.
 */
final class BookSide {
    private final boolean bids;
    private PriceLevel[] levels = new PriceLevel[64];
    private long[] keys = new long[64];
    private int size;

    BookSide(Side side) {
        this.bids = side == Side.BUY;
    }

    int size() {
        return size;
    }

    /** The level {@code rank} places from the best (0 = best). */
    PriceLevel level(int rank) {
        return levels[size - 1 - rank];
    }

    PriceLevel best() {
        return size == 0 ? null : levels[size - 1];
    }

    /** Whether an order of the other side at {@code limit} may trade at {@code levelPrice}. */
    boolean crossedBy(long limit, long levelPrice) {
        return bids ? limit <= levelPrice : limit >= levelPrice;
    }

    PriceLevel find(long price) {
        int i = search(price);
        return i >= 0 ? levels[i] : null;
    }

    /** Inserts {@code level} (whose price is not yet present) at its sorted place. */
    void insert(PriceLevel level) {
        int at = -search(level.price) - 1;
        if (size == levels.length) {
            levels = Arrays.copyOf(levels, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
        }
        System.arraycopy(levels, at, levels, at + 1, size - at);
        System.arraycopy(keys, at, keys, at + 1, size - at);
        levels[at] = level;
        keys[at] = key(level.price);
        size++;
    }

    void remove(PriceLevel level) {
        // Levels mostly empty at the best price, the last element.
        int at = levels[size - 1] == level ? size - 1 : search(level.price);
        System.arraycopy(levels, at + 1, levels, at, size - at - 1);
        System.arraycopy(keys, at + 1, keys, at, size - at - 1);
        levels[--size] = null;
    }

    /** Binary search in worst-to-best order; the usual {@code -(insertion point) - 1} when absent. */
    private int search(long price) {
        long key = key(price);
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long midKey = keys[mid];
            if (midKey < key) {
                low = mid + 1;
            } else if (midKey > key) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    private long key(long price) {
        return bids ? price : -price;
    }
}
