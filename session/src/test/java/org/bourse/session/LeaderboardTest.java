package org.bourse.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderboardTest {

    @TempDir
    Path dir;

    @Test
    void ranksEachTradersLastRowByEquity() throws Exception {
        Path trades = Files.writeString(dir.resolve("trades.csv"), """
                timestamp,price,qty,buy_trader,sell_trader
                1000,100.10,2,taker_1,maker_1
                1001,100.05,1,maker_1,taker_1
                """);
        Path performance = Files.writeString(dir.resolve("performance.csv"), """
                timestamp,trader_id,position,cash,realized_pnl,total_equity
                1000,taker_1,2,9799.80,0.00,10000.00
                1000,maker_1,-2,10200.20,0.00,10000.00
                1001,maker_1,-1,10100.15,-0.05,9999.95
                1001,taker_1,1,9899.85,0.05,10000.05
                """);

        Leaderboard board = Leaderboard.read(trades, performance, List.of("maker_1", "taker_1", "idle_1"));

        assertThat(board.trades()).isEqualTo(2);
        assertThat(board.rows()).extracting(Leaderboard.Row::traderId).containsExactly("taker_1", "maker_1");
        assertThat(board.lines()).containsExactly(
                "rank  trader   trades   position           cash   realized_pnl   total_equity",
                "   1  taker_1       2          1        9899.85           0.05       10000.05",
                "   2  maker_1       2         -1       10100.15          -0.05        9999.95",
                "   -  idle_1        0  placed no order (see battle.log)");
    }

    @Test
    void saysSoWhenNobodyPlacedAnOrder() throws Exception {
        Leaderboard board = Leaderboard.read(dir.resolve("none.csv"), dir.resolve("none-either.csv"), List.of());
        assertThat(board.lines()).containsExactly("No trader placed an order (0 trades).");
    }
}
