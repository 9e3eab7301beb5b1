package org.bourse.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bourse.exchange.book.Order;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.Engine;
import org.bourse.exchange.engine.EngineListener;
import org.bourse.exchange.engine.Refusal;
import org.bourse.exchange.engine.RejectReason;
import org.bourse.exchange.journal.Journal;
import org.bourse.exchange.journal.JournalException;
import org.bourse.exchange.journal.JournalReader;

/**
 * What each trader sent, told by the run's journal: the orders (counted from the journal's commands) and, by
 * running them through an engine with the journal's settings, every reject and its reason. The public events and
 * the CSVs know only what traded; the journal knows everything the exchange was asked.
 */
public final class JournalActivity {
    private JournalActivity() {
    }

    /** The activity of the run in {@code runFolder}, or why it is not known. */
    public static Activity of(Path runFolder) {
        Path journal = runFolder.resolve(RunFolder.JOURNAL);
        if (!Files.isRegularFile(journal)) {
            return Activity.NO_JOURNAL;
        }
        try (JournalReader reader = JournalReader.open(journal)) {
            Counts counts = new Counts();
            Engine engine = new Engine(reader.header().engine(), counts);
            Journal.replay(reader, new Journal.Replayer() {
                @Override
                public void apply(Command command) {
                    if (command instanceof Command.PlaceOrder order) {
                        counts.of(order.traderId()).sent(order.quantity());
                    } else if (command instanceof Command.ReplaceOrder replace) {
                        Order order = engine.book().order(replace.orderId());
                        counts.openBeforeReplace = order == null ? 0 : order.remaining();
                    }
                    engine.apply(command);
                }

                @Override
                public void endOfBatch() {
                }
            });
            SortedMap<String, TraderActivity> byTrader = new TreeMap<>();
            counts.byTrader.forEach((trader, count) -> byTrader.put(trader, count.activity()));
            return new Activity.Known(byTrader);
        } catch (JournalException e) {
            return new Activity.Unknown("the journal cannot be read (" + e.getMessage() + "): fill ratio, "
                    + "order-to-trade ratio and rejects by reason are not known");
        }
    }

    /** Counts per trader; rejects come from the engine, as the trader was answered. */
    private static final class Counts implements EngineListener {
        final Map<String, Count> byTrader = new HashMap<>();

        Count of(String trader) {
            return byTrader.computeIfAbsent(trader, t -> new Count());
        }

        /** The open quantity of the order the command being applied replaces. */
        long openBeforeReplace;

        /** A replace that raises an order's open quantity offers the difference: lots sent like a new order's. */
        @Override
        public void orderReplaced(long timestamp, long orderId, String traderId, String clientOrderId, long price,
                                  long quantity) {
            of(traderId).offered(Math.max(0, quantity - openBeforeReplace));
        }

        @Override
        public void orderRejected(long timestamp, Command.PlaceOrder order, Refusal refusal) {
            of(order.traderId()).rejected(refusal.reason());
        }

        @Override
        public void cancelRejected(long timestamp, String traderId, long orderId, String clientOrderId,
                                   RejectReason reason) {
            of(traderId).rejected(reason);
        }

        @Override
        public void replaceRejected(long timestamp, Command.ReplaceOrder replace, Refusal refusal) {
            of(replace.traderId()).rejected(refusal.reason());
        }
    }

    private static final class Count {
        long orders;
        long quantity;
        final SortedMap<String, Long> rejects = new TreeMap<>();

        void sent(long lots) {
            orders++;
            quantity += lots;
        }

        void offered(long lots) {
            quantity += lots;
        }

        void rejected(RejectReason reason) {
            rejects.merge(reason.wireName(), 1L, Long::sum);
        }

        TraderActivity activity() {
            return new TraderActivity(orders, quantity, rejects);
        }
    }
}
