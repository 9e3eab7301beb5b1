package org.bourse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.Engine;
import org.bourse.exchange.journal.FsyncPolicy;
import org.bourse.exchange.journal.JournalHeader;
import org.bourse.exchange.journal.JournalReader;
import org.bourse.exchange.journal.JournalWriter;
import org.bourse.exchange.replay.Replay;
import org.bourse.exchange.wire.WireMapping;
import org.bourse.exchange.wire.WireOutput;
import org.bourse.protocol.TickScale;
import picocli.CommandLine;

import picocli.CommandLine.Option;

/**
 * Replay throughput: writes a journal of the seeded benchmark workload (the book benchmark's commands as the
 * gateway would journal them: timestamps, 1 000 traders, client order ids, batches of a few commands), then replays
 * it with {@code Replay} — engine, wire mapping, CSV export, events.jsonl and the session hash, everything
 * {@code bourse replay} does — and reports commands per second. Every run must print the same hash.
 */
@CommandLine.Command(name = "replay-throughput", mixinStandardHelpOptions = true,
        description = "Measures `bourse replay` on a journal of the seeded benchmark workload.")
public final class ReplayThroughput implements Callable<Integer> {

    @Option(names = "--commands", defaultValue = "1000000", description = "Commands after the preload (default: ${DEFAULT-VALUE}).")
    int commands;

    @Option(names = "--runs", defaultValue = "5", description = "Measured replays, after one warm-up (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--dir", description = "Where the journal and the outputs go (default: a temporary folder, deleted after).")
    Path dir;

    @Option(names = "--seed", defaultValue = "" + WorkloadGenerator.DEFAULT_SEED, description = "Workload seed (default: ${DEFAULT-VALUE}).")
    long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplayThroughput()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("replay-throughput");
        Path journal = work.resolve("journal");
        Workload workload = WorkloadGenerator.generate(seed, commands);
        long journaled = writeJournal(journal, workload);
        System.out.printf(Locale.ROOT, "journal: %,d commands, %,d bytes (%.1f bytes a command)%n", journaled,
                Files.size(journal), (double) Files.size(journal) / journaled);
        breakdown(journal);
        String firstHash = null;
        for (int run = 0; run <= runs; run++) {
            Path out = work.resolve("out");
            long started = System.nanoTime();
            Replay.Result result = Replay.run(journal, out, Replay.Until.END);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (firstHash == null) {
                firstHash = result.sessionHash();
            } else if (!firstHash.equals(result.sessionHash())) {
                throw new IllegalStateException("run " + run + " gave another session hash: " + result.sessionHash());
            }
            System.out.printf(Locale.ROOT, "%s: %,d commands in %.3f s = %,.0f commands/s (%,d events, %,d trades; "
                            + "events.jsonl %,d bytes)%n", run == 0 ? "warm-up" : "run " + run, result.commands(),
                    seconds, result.commands() / seconds, result.lastSeq(), result.trades(),
                    Files.size(out.resolve("events.jsonl")));
        }
        System.out.println("session hash: " + firstHash);
        if (dir == null) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        return 0;
    }

    /**
     * Where a replay's time goes: reading and applying the commands alone, then with every event also written as
     * JSON (to nowhere), before the full replay with files and hash.
     */
    private void breakdown(Path journal) throws Exception {
        for (boolean json : new boolean[] {false, true}) {
            double best = 0;
            for (int run = 0; run < 3; run++) {
                long started = System.nanoTime();
                long commands = 0;
                try (JournalReader reader = JournalReader.open(journal)) {
                    WireMapping mapping = new WireMapping(reader.header().scale(), new WireOutput() {
                        @Override
                        public boolean deliversPrivate() {
                            return false;
                        }

                        @Override
                        public boolean wantsEvents() {
                            return json;
                        }

                        @Override
                        public void publish(byte[] event) {
                            sink += event.length;
                        }
                    });
                    Engine engine = new Engine(reader.header().engine(), mapping);
                    mapping.attach(engine);
                    for (Command command; (command = reader.next()) != null; ) {
                        engine.apply(command);
                        commands++;
                    }
                }
                best = Math.max(best, commands / ((System.nanoTime() - started) / 1e9));
            }
            System.out.printf(Locale.ROOT, "%s: %,.0f commands/s (best of 3)%n", json
                    ? "read + engine + every event written as JSON" : "read + engine", best);
        }
    }

    private long sink;

    /** The workload as journaled commands: accounts opened first, then the preload and the stream. */
    private static long writeJournal(Path journal, Workload workload) throws Exception {
        long start = 1_796_000_000_000L;
        JournalHeader header = JournalHeader.of("benchmark", TickScale.cents(), FullCoreEngine.CONFIG, start);
        long count = 0;
        try (JournalWriter writer = JournalWriter.create(journal, header, FsyncPolicy.NONE)) {
            long clock = start;
            for (CommandStream commands : new CommandStream[] {workload.preload(), workload.stream()}) {
                for (int i = 0; i < commands.size(); i++) {
                    String trader = "trader-" + commands.trader(i);
                    Side side = commands.buy(i) ? Side.BUY : Side.SELL;
                    String clientOrderId = trader + "-" + count;
                    writer.append(switch (commands.kind(i)) {
                        case CommandStream.LIMIT -> new Command.PlaceOrder(clock, trader, clientOrderId, side,
                                OrderType.LIMIT, commands.price(i), commands.quantity(i), TimeInForce.GTC, false);
                        case CommandStream.MARKET -> Command.PlaceOrder.market(clock, trader, clientOrderId, side,
                                commands.quantity(i));
                        default -> new Command.CancelOrder(clock, trader, commands.orderId(i), null);
                    });
                    count++;
                    if (count % 4 == 0) {
                        writer.commit(); // a busy exchange's batches hold a few commands
                        clock++;
                    }
                }
            }
            writer.commit();
        }
        return count;
    }
}
