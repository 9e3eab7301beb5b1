package org.bourse.exchange.market;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.bourse.cli.BourseVersion;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.Engine;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.engine.Tee;
import org.bourse.exchange.export.CsvExport;
import org.bourse.exchange.export.ExportException;
import org.bourse.exchange.export.FileExport;
import org.bourse.exchange.files.FileProblems;
import org.bourse.exchange.files.SetAside;
import org.bourse.exchange.journal.FsyncPolicy;
import org.bourse.exchange.journal.Journal;
import org.bourse.exchange.journal.JournalException;
import org.bourse.exchange.journal.JournalHeader;
import org.bourse.exchange.journal.JournalWriter;
import org.bourse.exchange.wire.WireMapping;
import org.bourse.exchange.wire.WireOutput;
import org.bourse.protocol.TickScale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One market: the engine, the journal its commands go to first, the files its events go to after, and the wire
 * mapping between. The exchange runs one behind its sockets; the in-process runner runs one behind direct calls —
 * the same code, so both write the same bytes. Used by one thread: {@link #apply} each command, then
 * {@link #commit} the batch before anything it made is released.
 */
public final class Market implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Market.class);

    /**
     * What the market keeps on disk.
     *
     * @param events  events.jsonl (every public event as the stream sent it), or null for none
     * @param journal the journal of every command, or null to keep none
     * @param fresh   start a new market even if the journal holds one (which is then moved aside)
     */
    public record Storage(Path tradesCsv, Path performanceCsv, Path events, Path journal, FsyncPolicy fsync,
                          boolean fresh) {
        public static Storage csvOnly(Path tradesCsv, Path performanceCsv) {
            return new Storage(tradesCsv, performanceCsv, null, null, FsyncPolicy.INTERVAL, false);
        }
    }

    private final Engine engine;
    private final WireMapping mapping;
    private final FileExport files;
    private final JournalWriter journal;
    private final long lastTimestamp;

    private Market(Engine engine, WireMapping mapping, FileExport files, JournalWriter journal, long lastTimestamp) {
        this.engine = engine;
        this.mapping = mapping;
        this.files = files;
        this.journal = journal;
        this.lastTimestamp = lastTimestamp;
    }

    /**
     * Opens the market: a journal that holds one is checked (changing nothing if it cannot be continued), then the
     * files are opened (rewritten from it, or fresh, an earlier run's set aside) and the journal replayed.
     *
     * @param startTime the new journal's start time (the wall clock, or a lockstep battle's virtual start)
     * @param newOnly   refuse to continue a market the journal holds (a lockstep battle always starts afresh)
     * @param output    where the wire messages go, besides events.jsonl
     */
    public static Market open(TickScale scale, EngineConfig config, Storage storage, long startTime, boolean newOnly,
                              WireOutput output) throws MarketException {
        Path journalPath = storage.journal();
        boolean recovering = journalPath != null && !storage.fresh() && !isNewJournal(journalPath);
        if (journalPath != null && storage.fresh() && !isNewJournal(journalPath)) {
            setAside(journalPath);
        }
        if (newOnly && recovering) {
            throw new MarketException("a lockstep battle starts a new market, and " + journalPath + " holds one: "
                    + "pass --fresh (the old journal is kept aside) or another --journal");
        }
        JournalHeader header = JournalHeader.of(BourseVersion.current(), scale, config, startTime);
        try {
            // before any file is touched
            if (recovering) {
                Journal.check(journalPath, header);
            } else if (journalPath != null) {
                Journal.checkWritable(journalPath);
            }
        } catch (JournalException e) {
            throw new MarketException(e.getMessage());
        }
        FileExport files;
        try {
            files = FileExport.open(new FileExport.Paths(storage.tradesCsv(), storage.performanceCsv(),
                    storage.events()), scale, journalPath != null, recovering, 0);
        } catch (ExportException e) {
            throw new MarketException(e.getMessage());
        }
        WireMapping mapping = new WireMapping(scale, new WithEvents(output, files));
        Engine engine = new Engine(config, Tee.of(mapping, new CsvExport(files)));
        mapping.attach(engine);
        if (journalPath == null) {
            return new Market(engine, mapping, files, null, 0);
        }
        try {
            long started = System.nanoTime();
            Journal.Opened opened = Journal.open(journalPath, header, storage.fsync(), new Journal.Replayer() {
                @Override
                public void apply(Command command) {
                    engine.apply(command);
                }

                @Override
                public void endOfBatch() {
                    files.commit();
                }
            });
            logOpened(journalPath, storage.fsync(), opened.recovered(), engine, System.nanoTime() - started);
            return new Market(engine, mapping, files, opened.writer(),
                    opened.recovered() == null ? 0 : opened.recovered().lastTimestamp());
        } catch (JournalException e) {
            files.close();
            throw new MarketException(e.getMessage());
        }
    }

    private static void logOpened(Path path, FsyncPolicy fsync, Journal.Recovered recovered, Engine engine,
                                  long nanos) {
        String policy = "fsync " + fsync.name().toLowerCase(Locale.ROOT);
        if (recovered == null) {
            LOG.info("Journal {} ({}): a new market", path, policy);
            return;
        }
        if (recovered.tail() != null) {
            LOG.warn("Journal {}: cut off a torn tail of {} byte(s) at byte {} (a write cut short by a crash; no "
                    + "client was told of it)", path, recovered.tail().bytes(), recovered.tail().offset());
        }
        // the accounts, orders and numbering of an earlier run carry over: said at start, so nobody is surprised
        LOG.info("Journal {} ({}): recovered {} commands in {} ms; continuing market: {} traders, seq {}, {} trades "
                        + "(--fresh starts a new one)", path, policy, recovered.commands(),
                TimeUnit.NANOSECONDS.toMillis(nanos), engine.accountCount(), engine.lastSeq(), engine.tradeCount());
    }

    private static boolean isNewJournal(Path path) throws MarketException {
        try {
            return Journal.isNew(path);
        } catch (JournalException e) {
            throw new MarketException(e.getMessage());
        }
    }

    private static void setAside(Path path) throws MarketException {
        try {
            Path aside = SetAside.move(path);
            LOG.info("{} held an earlier market: kept as {}; starting a new market (--fresh)", path,
                    aside.getFileName());
        } catch (IOException e) {
            throw new MarketException("cannot move the earlier journal " + path + " aside ("
                    + FileProblems.describe(e) + "): move it yourself or pass another --journal");
        }
    }

    /** Journals the command (if there is a journal), then applies it. */
    public void apply(Command command) throws JournalException {
        if (journal != null) {
            journal.append(command);
        }
        engine.apply(command);
    }

    /**
     * Writes the batch to the journal (synced per policy) and hands its rows to the files: after this, what the
     * batch made may leave the process.
     */
    public void commit() throws JournalException {
        if (journal != null) {
            journal.commit();
        }
        files.commit();
    }

    /** Drops the batch's rows: its commands never reached the journal (the market cannot go on after this). */
    public void discard() {
        files.discard();
    }

    public Engine engine() {
        return engine;
    }

    public WireMapping mapping() {
        return mapping;
    }

    public FileExport files() {
        return files;
    }

    /** The journal the commands go to, or null when the market keeps none. */
    public JournalWriter journal() {
        return journal;
    }

    /** The timestamp of the last command recovered from the journal (0 for a new market). */
    public long lastTimestamp() {
        return lastTimestamp;
    }

    /** The hash of every public event ({@link org.bourse.protocol.SessionHash}), once closed; null without. */
    public String sessionHash() {
        return files.sessionHash();
    }

    /** Syncs and closes the journal, then completes the files. */
    @Override
    public void close() {
        if (journal != null) {
            try {
                journal.close();
            } catch (JournalException e) {
                LOG.error("{}", e.getMessage());
            }
        }
        files.close();
    }

    /** The public events go to events.jsonl (and the session hash) as well as to the output. */
    private record WithEvents(WireOutput output, FileExport files) implements WireOutput {
        @Override
        public boolean deliversPrivate() {
            return output.deliversPrivate();
        }

        @Override
        public void reply(byte[] message) {
            output.reply(message);
        }

        @Override
        public void replyAndCopy(String traderId, byte[] message) {
            output.replyAndCopy(traderId, message);
        }

        @Override
        public void toTrader(String traderId, byte[] message) {
            output.toTrader(traderId, message);
        }

        @Override
        public boolean wantsEvents() {
            return files.recordsEvents() || output.wantsEvents();
        }

        @Override
        public void publish(byte[] event) {
            if (files.recordsEvents()) {
                files.event(event);
            }
            if (output.wantsEvents()) {
                output.publish(event);
            }
        }
    }
}
