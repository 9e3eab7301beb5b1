package org.bourse.exchange.book;

import java.util.Arrays;

/**
 * Resting orders by id: open addressing with linear probing and backward-shift deletion, so that lookups,
 * inserts and removals allocate nothing. Id 0 marks an empty slot (order ids are positive).
 */
final class OrderIndex {
    private long[] keys;
    private Order[] values;
    private int mask;
    private int size;

    OrderIndex(int expectedSize) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2) - 1) << 1;
        keys = new long[capacity];
        values = new Order[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    Order get(long id) {
        for (int i = slot(id); ; i = (i + 1) & mask) {
            long key = keys[i];
            if (key == id) {
                return values[i];
            }
            if (key == 0) {
                return null;
            }
        }
    }

    void put(Order order) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = slot(order.id);
        while (keys[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = order.id;
        values[i] = order;
        size++;
    }

    void remove(long id) {
        int i = slot(id);
        while (keys[i] != id) {
            if (keys[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        size--;
        // Shift later members of the probe run back so that no lookup stops early at the hole.
        for (int hole = i, j = (i + 1) & mask; ; j = (j + 1) & mask) {
            long key = keys[j];
            if (key == 0) {
                keys[hole] = 0;
                values[hole] = null;
                return;
            }
            int home = slot(key);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                keys[hole] = key;
                values[hole] = values[j];
                hole = j;
            }
        }
    }

    private int slot(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        Order[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Order[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldValues[i]);
            }
        }
        Arrays.fill(oldValues, null);
    }
}
