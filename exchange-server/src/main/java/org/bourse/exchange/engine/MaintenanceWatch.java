package org.bourse.exchange.engine;

import java.util.Arrays;

/**
 * Finds the traders below maintenance margin at a given mark without looking at every trader.
 *
 * <p>Equity falls below maintenance margin when {@code (cash + position * mark) * 10000 <
 * |position| * mark * maintenanceBps}. For a fixed position and cash that is a bound on the mark alone: a long
 * is in breach exactly when {@code mark < trigger}, with {@code trigger = ceil(-cash * 10000 / (position * (10000 -
 * maintenanceBps)))}, and a short exactly when {@code mark > trigger}, with {@code trigger = floor(cash * 10000 /
 * (|position| * (10000 + maintenanceBps)))} — integer bounds, so the test is exact. The trigger changes only when
 * the trader trades; longs sit in a heap with the highest trigger on top, shorts in one with the lowest, so after
 * each command a glance at the two tops tells whether anyone is in breach.
 */
final class MaintenanceWatch {

    private static final long BPS = 10_000;

    private final long maintenanceBps;
    private final AccountHeap longs = new AccountHeap(true);
    private final AccountHeap shorts = new AccountHeap(false);

    MaintenanceWatch(long maintenanceBps) {
        this.maintenanceBps = maintenanceBps;
    }

    /** Recomputes the account's trigger after its position or cash changed, or it went bankrupt. */
    void update(Account account) {
        AccountHeap heap = account.position == 0 || account.bankrupt ? null
                : account.position > 0 ? longs : shorts;
        if (account.watchHeap != null && account.watchHeap != heap) {
            account.watchHeap.remove(account);
        }
        if (heap == null) {
            return;
        }
        account.trigger = account.position > 0
                ? Fixed.ceilRatio(-account.cash, BPS, account.position, BPS - maintenanceBps)
                : Fixed.floorRatio(account.cash, BPS, -account.position, BPS + maintenanceBps);
        if (account.watchHeap == heap) {
            heap.reorder(account);
        } else {
            heap.add(account);
        }
    }

    /** Whether the account's equity is below maintenance margin at {@code mark}. */
    static boolean inBreach(Account account, long mark) {
        if (account.position == 0) {
            return false;
        }
        return account.position > 0 ? mark < account.trigger : mark > account.trigger;
    }

    /**
     * Of the traders in breach at {@code mark} and not yet liquidated in {@code command}, the one created first
     * (lowest index, so that the order of liquidations does not depend on the heaps' layout), or null.
     */
    Account firstInBreach(long mark, long command) {
        Account first = longs.firstInBreach(mark, command, null);
        return shorts.firstInBreach(mark, command, first);
    }

    /** An indexed binary heap of accounts by trigger; each account knows its slot, so removal is O(log n). */
    static final class AccountHeap {
        private final boolean longs;
        private Account[] heap = new Account[16];
        private int[] stack = new int[16];
        private int size;

        AccountHeap(boolean longs) {
            this.longs = longs;
        }

        void add(Account account) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
                stack = Arrays.copyOf(stack, size * 2);
            }
            account.watchHeap = this;
            place(account, size++);
            siftUp(account.watchSlot);
        }

        /** Restores heap order after the account's trigger changed. */
        void reorder(Account account) {
            siftUp(account.watchSlot);
            siftDown(account.watchSlot);
        }

        void remove(Account account) {
            int slot = account.watchSlot;
            account.watchHeap = null;
            account.watchSlot = -1;
            Account last = heap[--size];
            heap[size] = null;
            if (slot == size) {
                return;
            }
            place(last, slot);
            siftDown(slot);
            siftUp(last.watchSlot);
        }

        /** Visits only the part of the heap in breach: a node not in breach has no descendant in breach. */
        Account firstInBreach(long mark, long command, Account first) {
            int top = 0;
            if (size > 0) {
                stack[top++] = 0;
            }
            while (top > 0) {
                int slot = stack[--top];
                Account account = heap[slot];
                if (!(longs ? mark < account.trigger : mark > account.trigger)) {
                    continue;
                }
                if (account.liquidatedInCommand != command && (first == null || account.index < first.index)) {
                    first = account;
                }
                int child = 2 * slot + 1;
                if (child < size) {
                    stack[top++] = child;
                }
                if (child + 1 < size) {
                    stack[top++] = child + 1;
                }
            }
            return first;
        }

        /** Whether {@code a} belongs nearer the top than {@code b}: the one that breaches first. */
        private boolean above(Account a, Account b) {
            return longs ? a.trigger > b.trigger : a.trigger < b.trigger;
        }

        private void siftUp(int slot) {
            Account account = heap[slot];
            while (slot > 0) {
                int parent = (slot - 1) >>> 1;
                if (!above(account, heap[parent])) {
                    break;
                }
                place(heap[parent], slot);
                slot = parent;
            }
            place(account, slot);
        }

        private void siftDown(int slot) {
            Account account = heap[slot];
            while (true) {
                int child = 2 * slot + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && above(heap[child + 1], heap[child])) {
                    child++;
                }
                if (!above(heap[child], account)) {
                    break;
                }
                place(heap[child], slot);
                slot = child;
            }
            place(account, slot);
        }

        private void place(Account account, int slot) {
            heap[slot] = account;
            account.watchSlot = slot;
        }
    }
}
