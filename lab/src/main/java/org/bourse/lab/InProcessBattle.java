package org.bourse.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.journal.JournalException;
import org.bourse.exchange.lockstep.LockstepRun;
import org.bourse.exchange.lockstep.Participant;
import org.bourse.exchange.market.Market;
import org.bourse.exchange.market.MarketException;
import org.bourse.exchange.server.ClientRequests;
import org.bourse.exchange.wire.WireOutput;
import org.bourse.protocol.ClientMessage;
import org.bourse.protocol.ClientMessageDecoder;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;

/**
 * A lockstep battle in one process: the exchange's {@link Market} and the bots, joined by direct calls instead of
 * sockets, under the same {@link LockstepRun} clock. Every message still crosses the wire format — the bots' frames
 * are decoded by the gateway's decoder and turned into commands by its rules, the exchange's messages are written
 * by its mapping and decoded by the bots' — so that the journal, the files and the session hash are byte for byte
 * those of the same battle run as processes. That equality is the test of the whole protocol stack; the speed is
 * what tournaments run on.
 */
public final class InProcessBattle {

    /** What the runner asks of a bot: take the exchange's messages, and decide when it is its turn. */
    public interface Bot {
        /** A message on the bot's own connection (a welcome, an answer, a fill, an unsolicited cancel). */
        void privateMessage(ServerMessage message);

        /** An event of the public feed, in seq order (after a first snapshot). */
        void publicEvent(ServerMessage event);

        /** The bot's turn at virtual time {@code time}, its view having applied event {@code seq}: its frames. */
        List<String> decide(long time, long seq);

        /** A background crowd's traders, which it speaks for (its hello names them); none for a bot. */
        default List<String> crowd() {
            return List.of();
        }
    }

    /**
     * @param endTime the first virtual time no longer part of the battle
     */
    public record Settings(TickScale scale, EngineConfig engine, Market.Storage storage, long seed, long startTime,
                           long endTime) {
    }

    /**
     * How it went.
     *
     * @param complete false when the thread was interrupted before the clock ran out: the files are those of a
     *                 shorter battle
     */
    public record Result(long rounds, long decisions, long lastSeq, long trades, String sessionHash,
                         boolean complete) {
    }

    private final ClientMessageDecoder decoder = new ClientMessageDecoder();
    private final Map<String, Bot> bots;
    /** Whose messages go to which bot: each bot's own id, and a crowd's traders. */
    private final Map<String, Bot> byTrader = new TreeMap<>();
    private final Delivery delivery = new Delivery();

    private InProcessBattle(Map<String, Bot> bots) {
        this.bots = bots;
        bots.forEach((id, bot) -> {
            byTrader.put(id, bot);
            bot.crowd().forEach(member -> byTrader.put(member, bot));
        });
    }

    /**
     * Runs the battle of {@code roster}, whose bots are {@code bots} by trader id, to its end, or until the thread
     * is interrupted (between two steps: what is in the files is a whole battle, only shorter).
     */
    public static Result run(Settings settings, List<Participant> roster, Map<String, Bot> bots)
            throws MarketException, JournalException {
        return new InProcessBattle(new TreeMap<>(bots)).run(settings, roster);
    }

    private Result run(Settings settings, List<Participant> roster) throws MarketException, JournalException {
        ClientRequests requests = new ClientRequests(settings.scale());
        try (Market market = Market.open(settings.scale(), settings.engine(), settings.storage(),
                settings.startTime(), true, delivery)) {
            // as over sockets: each bot says hello and gets its welcome, and a snapshot from the feed
            for (Participant participant : roster) {
                Bot bot = bots.get(participant.traderId());
                for (String trader : bot.crowd().isEmpty() ? List.of(participant.traderId()) : bot.crowd()) {
                    deliver(bot, WireJson.encode(market.mapping().welcome(trader, settings.startTime())), false);
                }
            }
            String snapshot = WireJson.encode(market.mapping().snapshot(settings.startTime()));
            bots.values().forEach(bot -> deliver(bot, snapshot, true));
            LockstepRun<Frame> run = new LockstepRun<>(settings.seed(), settings.startTime(), settings.endTime(),
                    roster);
            boolean complete = true;
            long lastStep = settings.startTime();
            for (LockstepRun.Step step; (step = run.next()) != null; ) {
                if (Thread.interrupted()) {
                    complete = false;
                    break;
                }
                lastStep = step.time();
                for (Participant participant : step.due()) {
                    run.decided(participant, turn(participant.traderId(), step.time(), market.engine().lastSeq()));
                }
                for (Frame frame : run.arriving()) {
                    ClientRequests.Outcome outcome = requests.arrive(frame.decoded, step.time());
                    delivery.origin = frame.trader;
                    if (outcome instanceof ClientRequests.Execute execute) {
                        market.apply(execute.command());
                    } else if (outcome instanceof ClientRequests.Welcome welcome) {
                        for (String trader : welcome.traderIds()) {
                            delivery.reply(WireJson.encodeUtf8(market.mapping().welcome(trader, step.time())));
                        }
                    } else {
                        delivery.reply(WireJson.encodeUtf8(((ClientRequests.Refuse) outcome).reject()));
                    }
                    delivery.origin = null;
                }
                market.commit(); // one journal block per step, as the exchange does
                delivery.release();
            }
            // the closing valuation, in a block of its own, at the end of the virtual time (or where it stopped)
            market.apply(new Command.MarkToMarket(complete && settings.endTime() != Long.MAX_VALUE
                    ? settings.endTime() : lastStep));
            market.commit();
            delivery.release();
            market.close();
            return new Result(run.rounds(), run.decisions(), market.engine().lastSeq(), market.engine().tradeCount(),
                    market.sessionHash(), complete);
        }
    }

    /** A frame a bot sent in its turn, decoded by the gateway's decoder. */
    private record Frame(String trader, ClientMessageDecoder.Decoded decoded) {
    }

    /** One bot's turn: its frames up to its done, each checked as the gateway checks a connection's identity. */
    private List<Frame> turn(String trader, long time, long seq) {
        List<Frame> frames = new ArrayList<>();
        for (String text : bots.get(trader).decide(time, seq)) {
            ClientMessageDecoder.Decoded decoded = decoder.decode(text);
            if (decoded instanceof ClientMessageDecoder.Valid valid) {
                ClientMessage message = valid.message();
                if (message instanceof ClientMessage.Done) {
                    break;
                }
                if (byTrader.get(message.traderId()) != bots.get(trader)) { // not its own, nor its crowd's
                    deliver(bots.get(trader), WireJson.encode(ClientRequests.reject(ClientRequests.typeName(message),
                            "trader_mismatch", Map.of("bound_trader_id", trader), message.traderId(),
                            ClientRequests.clientOrderId(message), time)), false);
                    continue;
                }
            }
            frames.add(new Frame(trader, decoded));
        }
        return frames;
    }

    private static void deliver(Bot bot, String json, boolean publicEvent) {
        ServerMessage message = decode(json.getBytes(StandardCharsets.UTF_8));
        if (publicEvent) {
            bot.publicEvent(message);
        } else {
            bot.privateMessage(message);
        }
    }

    private static ServerMessage decode(byte[] json) {
        try {
            return WireJson.decodeServerMessage(new String(json, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the exchange wrote a message its own decoder cannot read", e);
        }
    }

    /**
     * The exchange's messages, held until the step is in the journal, then decoded and given to the bots: each
     * private message to its trader, each public event (decoded once) to every bot.
     */
    private final class Delivery implements WireOutput {
        private final List<Object> staged = new ArrayList<>();
        String origin;

        private record Private(String trader, byte[] json) {
        }

        @Override
        public void reply(byte[] message) {
            if (origin != null) {
                staged.add(new Private(origin, message));
            }
        }

        @Override
        public void toTrader(String traderId, byte[] message) {
            if (byTrader.containsKey(traderId)) {
                staged.add(new Private(traderId, message));
            }
        }

        @Override
        public boolean wantsEvents() {
            return true;
        }

        @Override
        public void publish(byte[] event) {
            staged.add(event);
        }

        void release() {
            for (Object item : staged) {
                if (item instanceof Private p) {
                    byTrader.get(p.trader).privateMessage(decode(p.json));
                } else {
                    ServerMessage event = decode((byte[]) item);
                    for (Bot bot : bots.values()) {
                        bot.publicEvent(event);
                    }
                }
            }
            staged.clear();
        }
    }
}
