package org.bourse.bench;

import exchange.core2.core.common.OrderAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a workload through every engine and compares the trades they report, one by one: same maker, same
 * taker, same price, same quantity, in the same order. A benchmark of engines that disagree would compare
 * different work, so the benchmark refuses to run when this fails.
 *
 * <p>Each engine replays the stream twice, with a {@link EngineUnderTest#reset} in between, because the benchmark reuses
 * one engine across many replays: the second pass proves the reset really brings it back to the start.
 */
public final class CorrectnessCheck {

    /** What the check found: {@code problems} is empty when all engines agree. */
    public record Outcome(int trades, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }

        public String summary() {
            return passed()
                    ? "all " + EngineKind.values().length + " engines produced the same " + trades + " trades"
                    : String.join("\n", problems);
        }
    }

    private CorrectnessCheck() {
    }

    public static Outcome run(Workload workload) {
        List<String> problems = new ArrayList<>();
        TradeRecorder reference = null;
        String referenceName = null;
        for (EngineKind kind : EngineKind.values()) {
            TradeRecorder first = new TradeRecorder();
            TradeRecorder second = new TradeRecorder();
            Redirect sink = new Redirect();
            EngineUnderTest engine = kind.create(sink);
            sink.target = first; // the preload should trade nothing; if it does, that shows up as a difference
            engine.run(workload.preload());
            engine.run(workload.stream());
            engine.reset(workload);
            sink.target = second;
            engine.run(workload.stream());
            engine.run(workload.teardown());
            String name = engine.name();
            if (engine.missedCancels() != 0) {
                problems.add(name + ": " + engine.missedCancels() + " cancels found no resting order");
            }
            checkEmpty(engine, problems);
            int replayDifference = first.firstDifference(second);
            if (replayDifference >= 0) {
                problems.add(name + ": a second replay after reset differs at trade " + replayDifference + ": "
                        + first.describe(replayDifference) + " vs " + second.describe(replayDifference));
            }
            if (reference == null) {
                reference = first;
                referenceName = name;
                if (first.count() != workload.streamTrades()) {
                    problems.add(name + ": " + first.count() + " trades, the generator's model saw "
                            + workload.streamTrades());
                }
            } else {
                int at = reference.firstDifference(first);
                if (at >= 0) {
                    problems.add(name + " differs from " + referenceName + " at trade " + at + " (of "
                            + first.count() + " vs " + reference.count() + "): " + name + " " + first.describe(at)
                            + ", " + referenceName + " " + reference.describe(at));
                }
            }
        }
        if (reference != null && reference.count() == 0) {
            problems.add("the workload produced no trades at all");
        }
        return new Outcome(reference == null ? 0 : reference.count(), problems);
    }

    /** Lets the check send one engine's trades to a fresh recorder for its second replay. */
    private static final class Redirect implements TradeSink {
        TradeSink target;

        @Override
        public void trade(long makerId, long takerId, long price, long quantity) {
            target.trade(makerId, takerId, price, quantity);
        }
    }

    private static void checkEmpty(EngineUnderTest engine, List<String> problems) {
        long left = -1;
        if (engine instanceof BourseEngine bourse) {
            left = bourse.book().orderCount();
        } else if (engine instanceof ExchangeCoreEngine core) {
            left = core.book().getOrdersNum(OrderAction.ASK) + core.book().getOrdersNum(OrderAction.BID);
        }
        if (left > 0) {
            problems.add(engine.name() + ": " + left + " orders still rest after the teardown");
        }
    }
}
