package org.bourse.exchange.lockstep;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bourse.cli.Seeds;

/**
 * The virtual clock of a lockstep run and the order of everything on it. Pure and deterministic: the same seed,
 * start, end and participants give the same steps, whoever drives them (the exchange over its sockets, or the
 * in-process runner by direct calls) and however long each participant took to decide.
 *
 * <p>A driver repeats: {@link #next} gives the next time at which something happens and who decides then; the
 * driver asks each of them (telling it the time and the feed's seq) and hands back what each decided
 * ({@link #decided}, in the order it decided it); then {@link #arriving} gives the actions that reach the book at
 * that time, in the order they are to be applied, each to be stamped with that time.
 *
 * <ul>
 *   <li>A participant decides every {@link Participant#decisionIntervalMillis}, from a first time that is a seeded
 *       phase after the start: participants with equal intervals are not always simultaneous.</li>
 *   <li>What it decides at {@code t} reaches the book at {@code t +} {@link Participant#latencyMillis}.</li>
 *   <li>Actions reaching the book at the same time are ordered by when they were decided, then by a seeded shuffle of
 *       the participants of that decision round (so nobody always goes first), then in the participant's own
 *       order.</li>
 * </ul>
 *
 * @param <A> what an action is (a command, a frame): the run only orders them
 */
public final class LockstepRun<A> {
    /**
     * One time at which something happens: the participants that decide then (in the seeded order of this round;
     * possibly none, when only actions decided earlier reach the book).
     */
    public record Step(long time, List<Participant> due) {
    }

    private record Pending<A>(long arrival, long decided, int rank, int index, A action) {
    }

    private final long seed;
    private final long end;
    /** Participants by trader id, with the time of each one's next decision. */
    private final TreeMap<String, Participant> participants = new TreeMap<>();
    private final TreeMap<String, Long> nextDecision = new TreeMap<>();
    private final PriorityQueue<Pending<A>> pending = new PriorityQueue<>(Comparator
            .comparingLong((Pending<A> p) -> p.arrival).thenComparingLong(p -> p.decided)
            .thenComparingInt(p -> p.rank).thenComparingInt(p -> p.index));
    private Step current;
    private long rounds;
    private long decisions;

    /**
     * @param endTime the first virtual time that is no longer part of the run ({@link Long#MAX_VALUE}: none)
     */
    public LockstepRun(long seed, long startTime, long endTime, Collection<Participant> roster) {
        this.seed = seed;
        this.end = endTime;
        for (Participant participant : roster) {
            if (participants.put(participant.traderId(), participant) != null) {
                throw new IllegalArgumentException("trader " + participant.traderId() + " is in the roster twice");
            }
            long phase = Math.floorMod(Seeds.derive(seed, participant.traderId()),
                    participant.decisionIntervalMillis());
            nextDecision.put(participant.traderId(), startTime + phase);
        }
    }

    /** The next step, or null when the run is over (its end is reached, or nothing is left to happen). */
    public Step next() {
        if (current != null) {
            throw new IllegalStateException("take the arriving actions of the step at " + current.time + " first");
        }
        long time = Long.MAX_VALUE;
        for (long t : nextDecision.values()) {
            time = Math.min(time, t);
        }
        if (!pending.isEmpty()) {
            time = Math.min(time, pending.peek().arrival);
        }
        if (time == Long.MAX_VALUE || time >= end) {
            return null;
        }
        List<Participant> due = new ArrayList<>();
        for (var entry : nextDecision.entrySet()) {
            if (entry.getValue() == time) {
                due.add(participants.get(entry.getKey()));
            }
        }
        for (Participant participant : due) {
            nextDecision.put(participant.traderId(), time + participant.decisionIntervalMillis());
        }
        shuffle(due, new SplittableRandom(Seeds.derive(seed, time)));
        if (!due.isEmpty()) {
            rounds++;
            decisions += due.size();
        }
        current = new Step(time, List.copyOf(due));
        return current;
    }

    /** What {@code participant}, due in the current step, decided: its actions in its order (none if it was skipped). */
    public void decided(Participant participant, List<A> actions) {
        int rank = current.due.indexOf(participant);
        if (rank < 0) {
            throw new IllegalArgumentException(participant.traderId() + " is not due at " + current.time);
        }
        for (int i = 0; i < actions.size(); i++) {
            pending.add(new Pending<>(current.time + participant.latencyMillis(), current.time, rank, i,
                    actions.get(i)));
        }
    }

    /** The actions that reach the book at the current step's time, in the order to apply them; ends the step. */
    public List<A> arriving() {
        List<A> arriving = new ArrayList<>();
        while (!pending.isEmpty() && pending.peek().arrival <= current.time) {
            arriving.add(pending.poll().action);
        }
        current = null;
        return arriving;
    }

    /** Takes a participant out of every later step (it left, or died); what it decided still arrives. */
    public void leave(String traderId) {
        participants.remove(traderId);
        nextDecision.remove(traderId);
    }

    /** The participants still taking part, by trader id. */
    public Collection<Participant> participants() {
        return participants.values();
    }

    /** Steps in which somebody decided. */
    public long rounds() {
        return rounds;
    }

    /** Decisions asked for, over all rounds. */
    public long decisions() {
        return decisions;
    }

    /** Fisher-Yates, from a sorted list: the same seed gives the same order on every machine. */
    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
