package org.bourse.exchange.export;

import org.bourse.exchange.engine.Account;
import org.bourse.exchange.engine.EngineListener;
import org.bourse.exchange.engine.Execution;

/**
 * The engine's trades and account changes as rows of trades.csv and performance.csv: one row per trade and one per
 * {@code position_update}, with the values the event carries.
 */
public final class CsvExport implements EngineListener {
    private final FileExport files;

    public CsvExport(FileExport files) {
        this.files = files;
    }

    @Override
    public void trade(long seq, long timestamp, Execution execution) {
        files.trade(timestamp, execution.price(), execution.quantity(), execution.buyer().traderId(),
                execution.seller().traderId());
    }

    @Override
    public void accountChanged(long seq, long timestamp, Account account, long markPrice) {
        files.performance(timestamp, account.traderId(), account.position(), account.cash(), account.realizedPnl(),
                account.equity(markPrice));
    }
}
