package org.bourse.exchange.lockstep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LockstepRunTest {
    private static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private static final Participant FAST = new Participant("fast", 200, 0);
    private static final Participant SLOW = new Participant("slow", 500, 0);
    private static final Participant TWIN_A = new Participant("twin_a", 500, 0);
    private static final Participant TWIN_B = new Participant("twin_b", 500, 0);

    /** Every step of a run where each participant decides one action named after itself and the time. */
    private static List<String> trace(long seed, List<Participant> roster, long end) {
        LockstepRun<String> run = new LockstepRun<>(seed, START, end, roster);
        List<String> trace = new ArrayList<>();
        for (LockstepRun.Step step; (step = run.next()) != null; ) {
            for (Participant p : step.due()) {
                run.decided(p, List.of(p.traderId() + "@" + (step.time() - START)));
            }
            trace.add(step.time() - START + ": " + run.arriving());
        }
        return trace;
    }

    @Test
    void eachDecidesEveryIntervalFromASeededPhase() {
        LockstepRun<String> run = new LockstepRun<>(7, START, START + 5_000, List.of(FAST, SLOW));
        Map<String, List<Long>> times = new HashMap<>();
        for (LockstepRun.Step step; (step = run.next()) != null; ) {
            for (Participant p : step.due()) {
                times.computeIfAbsent(p.traderId(), k -> new ArrayList<>()).add(step.time() - START);
                run.decided(p, List.of());
            }
            run.arriving();
            assertThat(step.time()).isLessThan(START + 5_000);
        }
        long fastPhase = times.get("fast").get(0);
        long slowPhase = times.get("slow").get(0);
        assertThat(fastPhase).isBetween(0L, 199L);
        assertThat(slowPhase).isBetween(0L, 499L);
        for (int i = 0; i < times.get("fast").size(); i++) {
            assertThat(times.get("fast").get(i)).isEqualTo(fastPhase + 200L * i);
        }
        assertThat(times.get("fast")).hasSize((int) ((5_000 - fastPhase + 199) / 200));
        assertThat(times.get("slow")).hasSize((int) ((5_000 - slowPhase + 499) / 500));
        assertThat(run.decisions()).isEqualTo(times.get("fast").size() + times.get("slow").size());
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
        List<Participant> roster = List.of(FAST, SLOW, TWIN_A, TWIN_B);
        assertThat(trace(1, roster, START + 20_000)).as("steps compared").hasSizeGreaterThanOrEqualTo(100);
        assertThat(trace(1, roster, START + 20_000)).isEqualTo(trace(1, List.of(TWIN_B, SLOW, FAST, TWIN_A),
                START + 20_000));
        assertThat(trace(1, roster, START + 20_000)).isNotEqualTo(trace(2, roster, START + 20_000));
    }

    @Test
    void participantsWithEqualIntervalsAreNotAlwaysTogetherAndNobodyAlwaysGoesFirst() {
        int together = 0;
        int aFirst = 0;
        for (long seed = 0; seed < 200; seed++) {
            LockstepRun<String> run = new LockstepRun<>(seed, START, START + 500, List.of(TWIN_A, TWIN_B));
            LockstepRun.Step step = run.next();
            if (step.due().size() == 2) {
                together++;
                if (step.due().get(0) == TWIN_A) {
                    aFirst++;
                }
            }
            run.arriving();
        }
        assertThat(together).as("seeds where the twins share a phase").isLessThan(10);

        // forced together (interval 1 ms): the seeded shuffle lets each go first about half the time
        Participant a = new Participant("a", 1, 0);
        Participant b = new Participant("b", 1, 0);
        LockstepRun<String> run = new LockstepRun<>(3, START, START + 1_000, List.of(a, b));
        aFirst = 0;
        for (LockstepRun.Step step; (step = run.next()) != null; ) {
            assertThat(step.due()).containsExactlyInAnyOrder(a, b);
            if (step.due().get(0) == a) {
                aFirst++;
            }
            run.decided(a, List.of("a"));
            run.decided(b, List.of("b"));
            assertThat(run.arriving()).containsExactlyElementsOf(step.due().stream().map(Participant::traderId)
                    .toList());
        }
        assertThat(aFirst).isBetween(420, 580);
    }

    @Test
    void latencyDelaysArrivalAndTiesAreOrderedByDecisionThenRoundThenOwnOrder() {
        Participant slowLink = new Participant("slow_link", 10, 25);
        Participant local = new Participant("local", 10, 0);
        LockstepRun<String> run = new LockstepRun<>(11, START, START + 100, List.of(slowLink, local));
        List<String> arrivals = new ArrayList<>();
        for (LockstepRun.Step step; (step = run.next()) != null; ) {
            for (Participant p : step.due()) {
                long t = step.time() - START;
                run.decided(p, List.of(p.traderId() + "@" + t + "#1", p.traderId() + "@" + t + "#2"));
            }
            for (String action : run.arriving()) {
                arrivals.add((step.time() - START) + " " + action);
            }
        }
        for (String arrival : arrivals) {
            String[] parts = arrival.split("[ @#]");
            long arrivedAt = Long.parseLong(parts[0]);
            long decidedAt = Long.parseLong(parts[2]);
            assertThat(arrivedAt - decidedAt).isEqualTo(parts[1].equals("slow_link") ? 25 : 0);
        }
        // each participant's two actions of a decision arrive together, first before second
        for (int i = 0; i < arrivals.size(); i += 2) {
            assertThat(arrivals.get(i)).endsWith("#1");
            assertThat(arrivals.get(i + 1)).endsWith("#2");
        }
        assertThat(arrivals).anyMatch(a -> a.contains("slow_link"));
    }

    @Test
    void aParticipantThatLeavesDecidesNoMoreButWhatItSentStillArrives() {
        Participant delayed = new Participant("delayed", 100, 50);
        LockstepRun<String> run = new LockstepRun<>(5, START, START + 1_000, List.of(delayed, SLOW));
        LockstepRun.Step step;
        do {
            step = run.next();
            for (Participant p : step.due()) {
                run.decided(p, List.of(p.traderId()));
            }
            run.arriving();
        } while (!step.due().contains(delayed));
        run.leave("delayed");
        List<String> later = new ArrayList<>();
        while ((step = run.next()) != null) {
            assertThat(step.due()).doesNotContain(delayed);
            step.due().forEach(p -> run.decided(p, List.of()));
            later.addAll(run.arriving());
        }
        assertThat(later).containsExactly("delayed");
        assertThat(run.participants()).containsExactly(SLOW);
    }

    @Test
    void theRunEndsBeforeItsEndTimeAndCountsItsRoundsAndDecisions() {
        // interval 1 ms: the phase is 0, so both decide at every millisecond from the start
        LockstepRun<String> run = new LockstepRun<>(9, START, START + 10, List.of(new Participant("a", 1, 0),
                new Participant("b", 1, 0)));
        List<Long> times = new ArrayList<>();
        for (LockstepRun.Step step; (step = run.next()) != null; ) {
            times.add(step.time() - START);
            step.due().forEach(p -> run.decided(p, List.of()));
            run.arriving();
        }
        assertThat(times).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(run.rounds()).isEqualTo(10);
        assertThat(run.decisions()).isEqualTo(20);

        // arrivals between decisions are steps too, but not rounds
        Participant delayed = new Participant("delayed", 10, 5);
        LockstepRun<String> later = new LockstepRun<>(9, START, START + 100, List.of(delayed));
        int steps = 0;
        int arrivals = 0;
        for (LockstepRun.Step step; (step = later.next()) != null; ) {
            steps++;
            step.due().forEach(p -> later.decided(p, List.of("x")));
            arrivals += later.arriving().size();
        }
        assertThat(later.rounds()).isEqualTo(10);
        assertThat(later.decisions()).isEqualTo(10);
        assertThat(steps).isGreaterThan(10);
        assertThat(arrivals).as("what arrives before the end").isBetween(9, 10);
    }

    @Test
    void whatWasDecidedEarlierArrivesFirstWhateverTheRound() {
        // both decide every millisecond; what "far" decides arrives 5 ms later, with what "near" decides then
        Participant far = new Participant("far", 1, 5);
        Participant near = new Participant("near", 1, 0);
        LockstepRun<String> run = new LockstepRun<>(13, START, START + 200, List.of(far, near));
        int checked = 0;
        for (LockstepRun.Step step; (step = run.next()) != null; ) {
            long t = step.time() - START;
            for (Participant p : step.due()) {
                run.decided(p, List.of(p.traderId() + "@" + t));
            }
            List<String> arriving = run.arriving();
            if (t >= 5) {
                assertThat(arriving).containsExactly("far@" + (t - 5), "near@" + t);
                checked++;
            }
        }
        assertThat(checked).as("steps checked").isEqualTo(195);
    }

    @Test
    void misuseIsRefused() {
        assertThatThrownBy(() -> new LockstepRun<String>(1, START, START + 1, List.of(FAST, FAST)))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new Participant("x", 0, 0)).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> new Participant("x", 10, -1)).hasMessageContaining("must not be negative");
        LockstepRun<String> run = new LockstepRun<>(1, START, START + 10_000, List.of(FAST, SLOW));
        LockstepRun.Step step = run.next();
        Participant absent = step.due().contains(FAST) ? SLOW : FAST;
        if (!step.due().contains(absent)) {
            assertThatThrownBy(() -> run.decided(absent, List.of("x"))).hasMessageContaining("is not due");
        }
        assertThatThrownBy(run::next).hasMessageContaining("arriving actions");
    }
}
