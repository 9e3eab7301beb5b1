package org.bourse.exchange.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bourse.cli.DurationConverter;
import org.bourse.exchange.lockstep.LockstepRun;
import org.bourse.exchange.lockstep.Participant;
import org.bourse.protocol.ClientMessage;
import org.bourse.protocol.ClientMessageDecoder;
import org.bourse.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lockstep battle over the exchange's sockets, on the engine thread: the exchange owns a virtual clock, tells the
 * bots that are due to decide ({@code decide}, with the feed's seq their view must have reached), keeps what each
 * sends until it says {@code done}, and applies it all in the order {@link LockstepRun} gives, stamped with the
 * virtual time. Nothing here reads the wall clock but the decision and start-up timeouts; a bot that misses one is
 * skipped (or, at the start, named) and the run is marked not reproducible — never a silent hang.
 *
 * <p>Every frame of a gateway connection comes here (the real-time rules do not apply): a participant's frames in
 * its turn are kept for their arrival, anything else is answered at once ({@code out_of_turn} for a participant,
 * {@code lockstep_only} for any other client; a plain {@code hello} is still welcomed, read-only).
 */
final class LockstepTurns {
    private static final Logger LOG = LoggerFactory.getLogger(LockstepTurns.class);

    /** What the operator gave: who takes part, the seed, the virtual start and end, the wall-clock timeouts. */
    record Settings(Set<String> roster, long seed, long startTime, long endTime, Duration decisionTimeout,
                    Duration startupTimeout) {
    }

    /** What the EngineThread does for us: apply a client's message (command or answer) at a virtual time. */
    interface Market {
        void arrive(Client client, ClientMessageDecoder.Decoded frame, long time);

        void answer(Client client, ServerMessage message);

        long lastSeq();

        /** What the step applied is complete: journal it as one block and let its results go. */
        void endOfStep();

        void failed(String reason);

        /** The run is over: the market's closing valuation at {@code time}, journaled as a block of its own. */
        void close(long time);
    }

    private record Member(Client client, Participant participant) {
    }

    private final Settings settings;
    private final Market market;
    private final long startupDeadline;
    /** Participants that joined, by trader id (sorted: the order the log names them in). */
    private final Map<String, Member> members = new java.util.TreeMap<>();
    private final Map<Client, Member> byClient = new HashMap<>();
    private final Map<String, List<ClientMessageDecoder.Decoded>> turns = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private LockstepRun<Arrival> run;
    private LockstepRun.Step step;
    private long deadline;
    private long startedAtNanos;
    private long finishedAtNanos;
    /** Written by the engine thread, read by the socket threads that stamp their answers with it. */
    private volatile long now;
    private boolean finished;

    private record Arrival(Member member, ClientMessageDecoder.Decoded frame) {
    }

    LockstepTurns(Settings settings, Market market) {
        this.settings = settings;
        this.market = market;
        this.now = settings.startTime();
        this.startupDeadline = System.nanoTime() + settings.startupTimeout().toNanos();
    }

    /** The virtual time: what every command and answer is stamped with. */
    long now() {
        return now;
    }

    /** Whether the run has ended (its market is complete: nothing may change it any more). */
    boolean over() {
        return finished;
    }

    // --------------------------------------------------------------------------------------- frames

    /** One frame of a gateway connection, already identified (bound, authenticated) by the gateway. */
    void frame(Client client, ClientMessageDecoder.Decoded frame) {
        Member member = byClient.get(client);
        if (frame instanceof ClientMessageDecoder.Valid valid && valid.message() instanceof ClientMessage.Hello hello) {
            hello(client, member, hello);
            return;
        }
        if (member == null) {
            refuse(client, frame, "lockstep_only", "this exchange runs a lockstep battle: only its participants "
                    + "trade, and only when told to decide");
            return;
        }
        if (frame instanceof ClientMessageDecoder.Valid valid && valid.message() instanceof ClientMessage.Done done) {
            done(member, done);
            return;
        }
        List<ClientMessageDecoder.Decoded> turn = turns.get(member.participant.traderId());
        if (turn == null) {
            refuse(client, frame, "out_of_turn", finished ? "the lockstep run is over" : "send orders between "
                    + "decide and done");
            return;
        }
        turn.add(frame);
    }

    private void hello(Client client, Member member, ClientMessage.Hello hello) {
        ClientMessage.Lockstep timing = hello.lockstep();
        if (timing == null || member != null) {
            market.arrive(client, new ClientMessageDecoder.Valid(hello), now); // a welcome: reading is free
            return;
        }
        String trader = hello.traderId();
        String refusal = !settings.roster().contains(trader) ? trader + " is not in this battle's roster"
                : run != null ? "the lockstep run has started" : members.containsKey(trader)
                ? trader + " has already joined" : null;
        if (refusal != null) {
            market.answer(client, ClientRequests.reject("hello", "lockstep_only", Map.of("error", refusal), trader,
                    null, now));
            return;
        }
        Participant participant;
        try {
            participant = new Participant(trader, timing.decisionIntervalMillis(), timing.latencyMillis());
        } catch (IllegalArgumentException e) {
            market.answer(client, ClientRequests.reject("hello", "invalid_message", Map.of("error", e.getMessage()),
                    trader, null, now));
            return;
        }
        Member joined = new Member(client, participant);
        members.put(trader, joined);
        byClient.put(client, joined);
        market.arrive(client, new ClientMessageDecoder.Valid(hello), now);
        LOG.info("Lockstep: {} joined (decides every {} ms{}); {} of {}", trader, participant.decisionIntervalMillis(),
                participant.latencyMillis() == 0 ? "" : ", " + participant.latencyMillis() + " ms latency",
                members.size(), settings.roster().size());
    }

    private void done(Member member, ClientMessage.Done done) {
        if (step == null || done.timestamp() != step.time() || !turns.containsKey(member.participant.traderId())) {
            return; // the done of a turn that timed out, or sent twice: nothing waits for it
        }
        turnOver(member, false);
    }

    private void refuse(Client client, ClientMessageDecoder.Decoded frame, String reason, String why) {
        if (frame instanceof ClientMessageDecoder.Valid valid) {
            ClientMessage message = valid.message();
            market.answer(client, ClientRequests.reject(ClientRequests.typeName(message), reason,
                    Map.of("error", why), message.traderId(), ClientRequests.clientOrderId(message), now));
        } else {
            market.answer(client, ClientRequests.reject((ClientMessageDecoder.Invalid) frame, now));
        }
    }

    /** A gateway connection closed: a participant that leaves is out of the run (which is then not reproducible). */
    void closed(Client client) {
        Member member = byClient.remove(client);
        if (member == null) {
            return;
        }
        String trader = member.participant.traderId();
        if (run == null) {
            members.remove(trader);
            LOG.info("Lockstep: {} left before the start; {} of {} joined", trader, members.size(),
                    settings.roster().size());
            return;
        }
        if (finished) {
            return;
        }
        run.leave(trader);
        problem(trader + " left at " + Instant.ofEpochMilli(now) + " (its connection closed); the run went on "
                + "without it");
        if (turns.containsKey(trader)) {
            turnOver(member, true);
        }
    }

    // ------------------------------------------------------------------------------------------ the clock

    /**
     * Moves the run on as far as it can go without waiting for a bot: starts it once everyone has joined, ends turns
     * whose bots are done (or out of time), applies what arrives, and tells the next bots to decide.
     *
     * @return nanoseconds until a timeout is due (the caller may sleep that long), or -1 when nothing waits on one
     */
    long advance() {
        if (finished) {
            return -1;
        }
        if (run == null) {
            return awaitParticipants();
        }
        while (true) {
            if (step != null) {
                if (!turns.isEmpty()) {
                    long left = deadline - System.nanoTime();
                    if (left > 0) {
                        return left;
                    }
                    for (String trader : List.copyOf(turns.keySet())) {
                        problem(trader + " did not answer within " + DurationConverter.format(
                                settings.decisionTimeout()) + " at " + Instant.ofEpochMilli(step.time())
                                + ": skipped that turn");
                        turnOver(members.get(trader), true);
                    }
                }
                for (Arrival arrival : run.arriving()) {
                    market.arrive(arrival.member.client, arrival.frame, step.time());
                }
                // one journal block per step, however the engine thread's batches fall: the same bytes every run
                market.endOfStep();
                step = null;
            }
            step = run.next();
            if (step == null) {
                finish();
                return -1;
            }
            now = step.time();
            if (!step.due().isEmpty()) {
                ServerMessage.Decide decide = new ServerMessage.Decide(now, market.lastSeq());
                for (Participant participant : step.due()) {
                    turns.put(participant.traderId(), new ArrayList<>());
                    market.answer(members.get(participant.traderId()).client, decide);
                }
                deadline = System.nanoTime() + settings.decisionTimeout().toNanos();
                return settings.decisionTimeout().toNanos();
            }
        }
    }

    private long awaitParticipants() {
        if (members.keySet().containsAll(settings.roster())) {
            List<Participant> participants = members.values().stream().map(Member::participant).toList();
            run = new LockstepRun<>(settings.seed(), settings.startTime(), settings.endTime(), participants);
            startedAtNanos = System.nanoTime();
            LOG.info("Lockstep: all {} participants joined; the clock starts at {}{}", participants.size(),
                    Instant.ofEpochMilli(settings.startTime()), settings.endTime() == Long.MAX_VALUE ? ""
                            : " and runs to " + Instant.ofEpochMilli(settings.endTime()));
            return advance();
        }
        long left = startupDeadline - System.nanoTime();
        if (left > 0) {
            return left;
        }
        Set<String> missing = new TreeSet<>(settings.roster());
        missing.removeAll(members.keySet());
        finished = true;
        market.failed("lockstep: " + String.join(", ", missing) + " did not join within "
                + DurationConverter.format(settings.startupTimeout()) + "; the run cannot start");
        return -1;
    }

    /** Ends a participant's turn: what it sent goes into the run (nothing, if it was skipped or left). */
    private void turnOver(Member member, boolean skipped) {
        List<ClientMessageDecoder.Decoded> sent = turns.remove(member.participant.traderId());
        List<Arrival> actions = new ArrayList<>();
        if (!skipped) {
            for (ClientMessageDecoder.Decoded frame : sent) {
                actions.add(new Arrival(member, frame));
            }
        }
        if (step.due().contains(member.participant)) {
            run.decided(member.participant, actions);
        }
    }

    private void finish() {
        finished = true;
        finishedAtNanos = System.nanoTime();
        // every account at one mark, at the end of the virtual time (as the in-process runner does)
        market.close(settings.endTime() == Long.MAX_VALUE ? now : settings.endTime());
        double wall = (finishedAtNanos - startedAtNanos) / 1e9;
        LOG.info("Lockstep: the run is over at {} after {} rounds ({} decisions) in {} s of wall time; reproducible: "
                        + "{}", Instant.ofEpochMilli(now), run.rounds(), run.decisions(),
                String.format(java.util.Locale.ROOT, "%.1f", wall), problems.isEmpty() ? "yes" : "no");
    }

    private void problem(String what) {
        problems.add(what);
        LOG.warn("Lockstep: {}; the run is NOT reproducible", what);
    }

    /** An operator's command (a halt from the admin endpoint) breaks reproducibility: its time is the operator's. */
    void operatorActed(String what) {
        if (run != null && !finished) {
            problem(what);
        }
    }

    /** For {@code GET /status}. */
    Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("time", now);
        status.put("started", run != null);
        status.put("finished", finished);
        status.put("participants", List.copyOf(members.keySet()));
        status.put("rounds", run == null ? 0 : run.rounds());
        status.put("decisions", run == null ? 0 : run.decisions());
        // operator information, not a result: the one wall-clock figure, how long the clock has been running
        status.put("wall_millis", run == null ? 0 : ((finished ? finishedAtNanos : System.nanoTime())
                - startedAtNanos) / 1_000_000);
        status.put("reproducible", problems.isEmpty());
        status.put("problems", List.copyOf(problems));
        return status;
    }
}
