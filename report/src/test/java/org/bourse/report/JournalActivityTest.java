package org.bourse.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.bourse.api.Side;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.journal.FsyncPolicy;
import org.bourse.exchange.journal.JournalHeader;
import org.bourse.exchange.journal.JournalWriter;
import org.bourse.protocol.TickScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalActivityTest {
    private static final long T = 1_739_980_000_000L;

    @TempDir
    Path dir;

    @Test
    void ordersAndRejectsPerTraderAsTheJournalAndTheEngineTellThem() throws Exception {
        JournalHeader header = JournalHeader.of("test", TickScale.cents(), EngineConfig.defaults(), T);
        try (JournalWriter writer = JournalWriter.create(dir.resolve(RunFolder.JOURNAL), header, FsyncPolicy.NONE)) {
            writer.append(Command.PlaceOrder.limit(T, "maker", "m1", Side.SELL, 10_000, 5));
            writer.append(Command.PlaceOrder.limit(T, "maker", "m2", Side.SELL, 20_000, 3)); // out of the price band
            writer.append(Command.PlaceOrder.market(T, "taker", "t1", Side.BUY, 2));
            writer.append(new Command.CancelOrder(T, "taker", 999, null)); // unknown order
            writer.append(Command.PlaceOrder.market(T, "idle", "i1", Side.SELL, 1)); // no bid: no liquidity
            writer.commit();
        }

        Activity activity = JournalActivity.of(dir);

        assertThat(activity).isInstanceOf(Activity.Known.class);
        Map<String, TraderActivity> byTrader = ((Activity.Known) activity).byTrader();
        assertThat(byTrader).containsOnlyKeys("idle", "maker", "taker");
        assertThat(byTrader.get("maker")).isEqualTo(new TraderActivity(2, 8,
                new TreeMap<>(Map.of("price_out_of_band", 1L))));
        assertThat(byTrader.get("taker")).isEqualTo(new TraderActivity(1, 2,
                new TreeMap<>(Map.of("unknown_order", 1L))));
        assertThat(byTrader.get("idle")).isEqualTo(new TraderActivity(1, 1,
                new TreeMap<>(Map.of("no_liquidity", 1L))));
    }

    @Test
    void aReplaceThatRaisesAnOrderSendsTheLotsItAdds() throws Exception {
        JournalHeader header = JournalHeader.of("test", TickScale.cents(), EngineConfig.defaults(), T);
        try (JournalWriter writer = JournalWriter.create(dir.resolve(RunFolder.JOURNAL), header, FsyncPolicy.NONE)) {
            writer.append(Command.PlaceOrder.limit(T, "maker", "m1", Side.SELL, 10_000, 2)); // order 1
            writer.append(Command.PlaceOrder.market(T, "taker", "t1", Side.BUY, 1)); // 1 left open
            writer.append(new Command.ReplaceOrder(T, "maker", 1, null, 10_000, 4)); // open 1 -> 4: 3 more lots
            writer.append(new Command.ReplaceOrder(T, "maker", 1, null, 10_000, 2)); // lowered: nothing sent
            writer.append(Command.PlaceOrder.market(T, "taker", "t2", Side.BUY, 2));
            writer.commit();
        }

        Map<String, TraderActivity> byTrader = ((Activity.Known) JournalActivity.of(dir)).byTrader();

        // 3 lots traded of 2 + 3 offered: a ratio of at most 100 %, whatever the replaces did
        assertThat(byTrader.get("maker")).isEqualTo(new TraderActivity(1, 5, new TreeMap<>()));
    }

    @Test
    void withoutAJournalOrWithADamagedOneTheReportSaysWhy() throws Exception {
        assertThat(JournalActivity.of(dir)).isEqualTo(Activity.NO_JOURNAL);

        Files.writeString(dir.resolve(RunFolder.JOURNAL), "not a journal");
        assertThat(JournalActivity.of(dir)).isInstanceOfSatisfying(Activity.Unknown.class, unknown ->
                assertThat(unknown.why()).startsWith("the journal cannot be read (").contains("not a Bourse journal"));
    }
}
