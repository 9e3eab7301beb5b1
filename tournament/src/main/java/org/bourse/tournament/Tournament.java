package org.bourse.tournament;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays a tournament's rounds, up to {@code parallel} at once, each on a thread of its own. This thread schedules
 * them, collects their results and watches their decisions: a round whose strategy overruns the decision timeout is
 * excluded and its thread left behind (nothing can take a running strategy away from it safely), so the others go
 * on. The results come back in round order, whatever finished first: the outputs do not depend on {@code parallel}.
 */
public final class Tournament {
    private static final long POLL_MILLIS = 50;

    /** Told of each battle as it ends, on the tournament's thread. */
    public interface Progress {
        void ended(RoundResult result, long done, long total);
    }

    /**
     * @param results in round order, the baseline before the variant; only battles that ran to their end
     * @param stopped whether {@link #stop} ended the tournament before its last round
     * @param failure what made every round impossible (a strategy that cannot be created, a full disk), or null
     */
    public record Outcome(List<RoundResult> results, boolean stopped, String failure) {
    }

    private record Game(long round, boolean variant) {
        Path folder(Path work) {
            return work.resolve("round-" + round + (variant ? "-variant" : ""));
        }
    }

    private record Ended(Game game, RoundResult result, String failure) {
    }

    private record Running(Thread thread, RoundWatch watch) {
    }

    private final RoundRunner runner;
    private final RoundRange range;
    private final boolean withVariant;
    private final int parallel;
    private final Duration decisionTimeout;
    private final Path work;
    private volatile boolean stopRequested;

    /** @param work where the rounds' files are while they run */
    public Tournament(RoundRunner runner, RoundRange range, boolean withVariant, int parallel,
                      Duration decisionTimeout, Path work) {
        this.runner = runner;
        this.range = range;
        this.withVariant = withVariant;
        this.parallel = parallel;
        this.decisionTimeout = decisionTimeout;
        this.work = work;
    }

    /** Ends the tournament soon: no round starts any more, the running ones stop; finished ones are kept. */
    public void stop() {
        stopRequested = true;
    }

    public Outcome run(Progress progress) throws InterruptedException {
        List<Game> games = new ArrayList<>();
        for (long round = range.first(); round <= range.last(); round++) {
            games.add(new Game(round, false));
            if (withVariant) {
                games.add(new Game(round, true));
            }
        }
        BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
        Map<Game, Running> running = new LinkedHashMap<>();
        List<RoundResult> results = new ArrayList<>();
        String failure = null;
        boolean stopping = false;
        int next = 0;
        long done = 0;
        while (running.size() > 0 || (!stopping && next < games.size())) {
            while (!stopping && running.size() < parallel && next < games.size()) {
                Game game = games.get(next++);
                running.put(game, start(game, ended));
            }
            Ended end = ended.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (end != null && running.remove(end.game()) != null) {
                if (end.failure() != null && !stopping) {
                    failure = end.failure();
                    stopping = true;
                    running.values().forEach(r -> r.thread().interrupt());
                } else if (end.result() != null) {
                    results.add(end.result());
                    progress.ended(end.result(), ++done, games.size());
                }
            }
            long now = System.nanoTime();
            for (var it = running.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                String overdue = entry.getValue().watch().overdue(now, decisionTimeout.toNanos());
                if (overdue != null) {
                    it.remove();
                    entry.getValue().thread().interrupt(); // a strategy that sleeps wakes up; a busy loop does not
                    Game game = entry.getKey();
                    RoundResult excluded = RoundResult.excluded(game.round(), runner.roundSeed(game.round()),
                            game.variant(), overdue);
                    results.add(excluded);
                    progress.ended(excluded, ++done, games.size());
                }
            }
            if (stopRequested && !stopping) {
                stopping = true;
                running.values().forEach(r -> r.thread().interrupt());
            }
        }
        results.sort(Comparator.comparingLong(RoundResult::round).thenComparing(RoundResult::variant));
        return new Outcome(List.copyOf(results), stopRequested && done < games.size(), failure);
    }

    private Running start(Game game, BlockingQueue<Ended> ended) {
        RoundWatch watch = new RoundWatch();
        Thread thread = new Thread(() -> {
            try {
                ended.add(new Ended(game, runner.play(game.round(), game.variant(), game.folder(work), false, watch),
                        null));
            } catch (Throwable e) { // even an OutOfMemoryError must reach the tournament's thread, or it waits forever
                String why = e instanceof Exception && e.getMessage() != null ? e.getMessage() : e.toString();
                ended.add(new Ended(game, null, "round " + game.round() + ": " + why));
            }
        }, "round-" + game.round() + (game.variant() ? "-variant" : ""));
        thread.setDaemon(true); // a round stuck in a strategy must not keep the JVM alive
        thread.start();
        return new Running(thread, watch);
    }
}
