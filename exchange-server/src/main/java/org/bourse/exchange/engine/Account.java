package org.bourse.exchange.engine;

import org.bourse.api.Side;

/**
 * One trader's money and position, in engine units (see {@link EngineConfig}). Average-cost accounting with
 * exact integers: {@code costBasis} is the signed amount paid for the open position (negative for a short), and
 * {@code cash == startingCash - costBasis + realizedPnl} holds after every fill, so
 * {@code equity = cash + position * mark = startingCash + realized + unrealized} exactly. Only rounding: when
 * part of a position is closed, its share of the cost basis is rounded toward zero.
 *
 * <p>The engine owns and mutates accounts; listeners may read them during a callback.
 */
public final class Account {
    final int index;
    final String traderId;
    long position;
    long cash;
    long costBasis;
    long realizedPnl;
    long frozenUntil = Long.MIN_VALUE;
    boolean bankrupt;
    /** Marks the event group in which the account was last touched, so each gets one update per group. */
    long touchedInGroup = -1;
    /** Marks the command in which the account was last liquidated: once per command at most. */
    long liquidatedInCommand = -1;
    /** The mark beyond which equity is below maintenance margin; see {@link MaintenanceWatch}. */
    long trigger;
    MaintenanceWatch.AccountHeap watchHeap;
    int watchSlot = -1;

    Account(int index, String traderId, long startingCash) {
        this.index = index;
        this.traderId = traderId;
        this.cash = startingCash;
    }

    /** Books one fill: cash moves by the notional, the position and its cost basis change, PnL is realized. */
    void fill(Side side, long price, long quantity) {
        int sign = side.sign();
        cash -= sign * Fixed.multiply(price, quantity);
        long open = quantity;
        if (position != 0 && Long.signum(position) != sign) {
            long closing = Math.min(Math.abs(position), quantity);
            long closedCost = Fixed.multiplyDivide(costBasis, closing, Math.abs(position));
            realizedPnl += -sign * Fixed.multiply(price, closing) - closedCost;
            costBasis -= closedCost;
            position += sign * closing;
            open -= closing;
        }
        if (open > 0) {
            costBasis += sign * Fixed.multiply(price, open);
            position += sign * open;
        }
    }

    public String traderId() {
        return traderId;
    }

    /** Small dense number of the account, in order of creation. */
    public int index() {
        return index;
    }

    /** Signed: positive long, negative short, in lots. */
    public long position() {
        return position;
    }

    public long cash() {
        return cash;
    }

    /** Signed amount paid for the open position; {@code costBasis / position} is the average entry price. */
    public long costBasis() {
        return costBasis;
    }

    public long realizedPnl() {
        return realizedPnl;
    }

    public long unrealizedPnl(long markPrice) {
        return Fixed.multiply(position, markPrice) - costBasis;
    }

    /** Cash plus the position valued at the mark. */
    public long equity(long markPrice) {
        return cash + Fixed.multiply(position, markPrice);
    }

    public boolean bankrupt() {
        return bankrupt;
    }

    /** Whether new orders are refused at {@code timestamp} because of a recent liquidation. */
    public boolean frozenAt(long timestamp) {
        return timestamp < frozenUntil;
    }

    /** End of the current or last liquidation cool-down (epoch ms), or {@link Long#MIN_VALUE} if never. */
    public long frozenUntil() {
        return frozenUntil;
    }

    @Override
    public String toString() {
        return "Account{" + traderId + " position=" + position + " cash=" + cash + " costBasis=" + costBasis
                + " realized=" + realizedPnl + (bankrupt ? " bankrupt" : "") + "}";
    }
}
