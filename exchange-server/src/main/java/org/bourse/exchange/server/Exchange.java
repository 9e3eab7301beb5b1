package org.bourse.exchange.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
import org.bourse.protocol.TickScale;
import org.bourse.transport.ListenException;
import org.bourse.transport.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange process: the engine on its own thread, the order gateway and the event stream in front of it, the
 * journal and the output files behind it. With a journal it starts where the journal ends (recovery), or as a new
 * market. {@link #close} stops in the order that loses nothing: stop taking orders, finish the queued ones, close
 * the stream, sync the journal, flush the files.
 */
public final class Exchange implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    /** Everything the exchange needs to start; ports may be 0 (any free port). */
    public record Settings(String host, int gatewayPort, int streamPort, int adminPort, TickScale scale,
                           EngineConfig engine, Storage storage, Path credentialsFile, int messagesPerSecond,
                           int maxFrameBytes, long maxUnsentBytes, Lockstep lockstep) {

        /** In real time. */
        public Settings(String host, int gatewayPort, int streamPort, int adminPort, TickScale scale,
                        EngineConfig engine, Storage storage, Path credentialsFile, int messagesPerSecond,
                        int maxFrameBytes, long maxUnsentBytes) {
            this(host, gatewayPort, streamPort, adminPort, scale, engine, storage, credentialsFile, messagesPerSecond,
                    maxFrameBytes, maxUnsentBytes, null);
        }

        /** In real time, with the two CSV files alone: no journal, no events file. */
        public Settings(String host, int gatewayPort, int streamPort, int adminPort, TickScale scale,
                        EngineConfig engine, Path tradesCsv, Path performanceCsv, Path credentialsFile,
                        int messagesPerSecond, int maxFrameBytes, long maxUnsentBytes) {
            this(host, gatewayPort, streamPort, adminPort, scale, engine, Storage.csvOnly(tradesCsv, performanceCsv),
                    credentialsFile, messagesPerSecond, maxFrameBytes, maxUnsentBytes, null);
        }
    }

    /**
     * A lockstep battle: the exchange's virtual clock runs from {@code startTime} for {@code duration} (null: until
     * stopped), once every trader of the {@code roster} has joined.
     */
    public record Lockstep(Set<String> roster, long seed, long startTime, Duration duration,
                           Duration decisionTimeout, Duration startupTimeout) {
        LockstepTurns.Settings turns() {
            return new LockstepTurns.Settings(roster, seed, startTime,
                    duration == null ? Long.MAX_VALUE : startTime + duration.toMillis(), decisionTimeout,
                    startupTimeout);
        }
    }

    /**
     * What the exchange keeps on disk.
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

    private final FileExport files;
    private final JournalWriter journal;
    private final Sequencer sequencer;
    private final EventStream stream;
    private final OrderGateway gateway;
    private final AdminEndpoint admin;
    private final CompletableFuture<String> failure;
    private boolean closed;

    private Exchange(FileExport files, JournalWriter journal, Sequencer sequencer, EventStream stream,
                     OrderGateway gateway, AdminEndpoint admin, CompletableFuture<String> failure) {
        this.files = files;
        this.journal = journal;
        this.sequencer = sequencer;
        this.stream = stream;
        this.gateway = gateway;
        this.admin = admin;
        this.failure = failure;
    }

    /** Starts everything, or nothing: on failure what was started is stopped again. */
    public static Exchange start(Settings settings) throws StartupException {
        Credentials credentials = settings.credentialsFile() == null ? Credentials.none()
                : Credentials.load(settings.credentialsFile());
        if (!credentials.required() && !isLoopback(settings.host())) {
            throw new StartupException("refusing to listen on " + settings.host() + " without a credentials file: "
                    + "anyone on the network could trade as any trader (pass --credentials FILE, or use 127.0.0.1)");
        }
        Storage storage = settings.storage();
        boolean recovering = storage.journal() != null && !storage.fresh() && !isNewJournal(storage.journal());
        if (storage.journal() != null && storage.fresh() && !isNewJournal(storage.journal())) {
            setAsideJournal(storage.journal());
        }
        if (settings.lockstep() != null && recovering) {
            throw new StartupException("a lockstep battle starts a new market, and " + storage.journal() + " holds "
                    + "one: pass --fresh (the old journal is kept aside) or another --journal");
        }
        // a lockstep battle's files are the same bytes every run: its journal starts at the virtual start time
        JournalHeader header = JournalHeader.of(BourseVersion.current(), settings.scale(), settings.engine(),
                settings.lockstep() != null ? settings.lockstep().startTime() : System.currentTimeMillis());
        try {
            // before any file is touched
            if (recovering) {
                Journal.check(storage.journal(), header);
            } else if (storage.journal() != null) {
                Journal.checkWritable(storage.journal());
            }
        } catch (JournalException e) {
            throw new StartupException(e.getMessage());
        }
        FileExport files;
        try {
            files = FileExport.open(new FileExport.Paths(storage.tradesCsv(), storage.performanceCsv(),
                    storage.events()), settings.scale(), storage.journal() != null, recovering, 0);
        } catch (ExportException e) {
            throw new StartupException(e.getMessage());
        }
        Delivery delivery = new Delivery(files);
        WireMapping mapping = new WireMapping(settings.scale(), delivery);
        Engine engine = new Engine(settings.engine(), Tee.of(mapping, new CsvExport(files)));
        mapping.attach(engine);
        JournalWriter journal = null;
        long resumeAfter = 0;
        if (storage.journal() != null) {
            try {
                Journal.Opened opened = openJournal(settings, header, engine, files);
                journal = opened.writer();
                if (opened.recovered() != null) {
                    resumeAfter = opened.recovered().lastTimestamp();
                }
            } catch (JournalException e) {
                files.close();
                throw new StartupException(e.getMessage());
            }
        }
        CompletableFuture<String> failure = new CompletableFuture<>();
        Sequencer sequencer = new Sequencer(engine, mapping, delivery, files, journal,
                new ClientRequests(settings.scale()), settings.lockstep() == null ? null : settings.lockstep().turns(),
                failure::complete);
        sequencer.resumeAfter(resumeAfter);
        EventStream stream = new EventStream(new InetSocketAddress(settings.host(), settings.streamPort()),
                settings.maxFrameBytes(), sequencer, settings.maxUnsentBytes());
        OrderGateway gateway = new OrderGateway(new InetSocketAddress(settings.host(), settings.gatewayPort()),
                settings.maxFrameBytes(), sequencer, settings.scale(), credentials, settings.messagesPerSecond(),
                settings.maxUnsentBytes());
        sequencer.start();
        AdminEndpoint admin = null;
        try {
            startListening(stream);
            startListening(gateway);
            // Always loopback: the kill switch has no credentials of its own.
            admin = AdminEndpoint.start("127.0.0.1", settings.adminPort(), sequencer, engine, settings.scale());
        } catch (StartupException e) {
            stopQuietly(gateway);
            stopQuietly(stream);
            try {
                sequencer.stopAndDrain();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            closeJournal(journal);
            files.close();
            throw e;
        }
        Exchange exchange = new Exchange(files, journal, sequencer, stream, gateway, admin, failure);
        LOG.info("Order gateway listening on {}", exchange.gatewayUri());
        LOG.info("Internal event stream on {}", exchange.streamUri());
        LOG.info("Admin endpoint on {} (POST /halt, POST /resume, GET /status)", admin.uri());
        LOG.info("Writing trades to {}, performance to {}{}", files.tradesFile(), files.performanceFile(),
                files.eventsFile() == null ? "" : ", events to " + files.eventsFile());
        if (credentials.required()) {
            LOG.info("Credentials required: {} traders in {}", credentials.traderCount(), settings.credentialsFile());
        }
        return exchange;
    }

    /** Opens (or creates) the journal, replaying what it holds into the engine and the files. */
    private static Journal.Opened openJournal(Settings settings, JournalHeader header, Engine engine,
                                              FileExport files) throws JournalException {
        Path path = settings.storage().journal();
        long started = System.nanoTime();
        Journal.Opened opened = Journal.open(path, header, settings.storage().fsync(), new Journal.Replayer() {
            @Override
            public void apply(Command command) {
                engine.apply(command);
            }

            @Override
            public void endOfBatch() {
                files.commit();
            }
        });
        String policy = "fsync " + settings.storage().fsync().name().toLowerCase(java.util.Locale.ROOT);
        Journal.Recovered recovered = opened.recovered();
        if (recovered == null) {
            LOG.info("Journal {} ({}): a new market", path, policy);
            return opened;
        }
        if (recovered.tail() != null) {
            LOG.warn("Journal {}: cut off a torn tail of {} byte(s) at byte {} (a write cut short by a crash; no "
                    + "client was told of it)", path, recovered.tail().bytes(), recovered.tail().offset());
        }
        LOG.info("Journal {} ({}): recovered {} commands (seq {}, {} trades, {} traders) in {} ms; continuing that "
                        + "market", path, policy, recovered.commands(), engine.lastSeq(), engine.tradeCount(),
                engine.accountCount(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return opened;
    }

    private static boolean isNewJournal(Path path) throws StartupException {
        try {
            return Journal.isNew(path);
        } catch (JournalException e) {
            throw new StartupException(e.getMessage());
        }
    }

    private static void setAsideJournal(Path path) throws StartupException {
        try {
            Path aside = SetAside.move(path);
            LOG.info("{} held an earlier market: kept as {}; starting a new market (--fresh)", path,
                    aside.getFileName());
        } catch (IOException e) {
            throw new StartupException("cannot move the earlier journal " + path + " aside ("
                    + FileProblems.describe(e) + "): move it yourself or pass another --journal");
        }
    }

    public String gatewayUri() {
        return gateway.uri();
    }

    public String streamUri() {
        return stream.uri();
    }

    /** {@code http://host:port} of the admin endpoint. */
    public String adminUri() {
        return admin.uri();
    }

    public int gatewayPort() {
        return gateway.getPort();
    }

    public int streamPort() {
        return stream.getPort();
    }

    /**
     * Completes, with a one-line reason, if the exchange can no longer apply commands (its journal cannot be
     * written, or the engine failed): it then refuses everything and must be stopped.
     */
    public CompletableFuture<String> failure() {
        return failure;
    }

    /** The hash of every public event of the market ({@link org.bourse.protocol.SessionHash}), once closed. */
    public String sessionHash() {
        return files.sessionHash();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Shutting down: no new orders; finishing the queued ones");
        admin.stop();
        stopQuietly(gateway);
        try {
            sequencer.stopAndDrain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopQuietly(stream);
        closeJournal(journal);
        files.close();
        LOG.info("Exchange stopped; {} and {} are complete{}", files.tradesFile(), files.performanceFile(),
                files.eventsFile() == null ? "" : ", and " + files.eventsFile());
        if (files.sessionHash() != null) {
            LOG.info("session hash: {}", files.sessionHash());
        }
    }

    private static void closeJournal(JournalWriter journal) {
        if (journal == null) {
            return;
        }
        try {
            journal.close();
        } catch (JournalException e) {
            LOG.error("{}", e.getMessage());
        }
    }

    private static void startListening(WebSocketListener listener) throws StartupException {
        try {
            listener.startAndWait();
        } catch (ListenException e) {
            throw new StartupException(e.getMessage());
        }
    }

    private static void stopQuietly(WebSocketListener listener) {
        try {
            // closes every connection with 1001 (going away)
            listener.stop(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
