package org.bourse.exchange.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.bourse.cli.Secrets;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.export.FileExport;
import org.bourse.exchange.market.Market;
import org.bourse.exchange.market.MarketException;
import org.bourse.protocol.TickScale;
import org.bourse.transport.AllowedOrigins;
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
    /** The admin token's file name, in the folder of the exchange's files. */
    public static final String ADMIN_TOKEN_FILE = "admin.token";

    /**
     * Everything the exchange needs to start; ports may be 0 (any free port).
     *
     * @param keepOrdersOnDisconnect leave a trader's resting orders in the book when its last gateway connection
     *                               closes (by default they are cancelled)
     */
    public record Settings(String host, int gatewayPort, int streamPort, int adminPort, TickScale scale,
                           EngineConfig engine, Market.Storage storage, Path credentialsFile, int messagesPerSecond,
                           int maxFrameBytes, long maxUnsentBytes, Lockstep lockstep, Access access,
                           boolean keepOrdersOnDisconnect) {

        /** Cancelling the orders of a trader whose last connection closes. */
        public Settings(String host, int gatewayPort, int streamPort, int adminPort, TickScale scale,
                        EngineConfig engine, Market.Storage storage, Path credentialsFile, int messagesPerSecond,
                        int maxFrameBytes, long maxUnsentBytes, Lockstep lockstep, Access access) {
            this(host, gatewayPort, streamPort, adminPort, scale, engine, storage, credentialsFile, messagesPerSecond,
                    maxFrameBytes, maxUnsentBytes, lockstep, access, false);
        }

        /** With the default access, cancelling the orders of a trader whose last connection closes. */
        public Settings(String host, int gatewayPort, int streamPort, int adminPort, TickScale scale,
                        EngineConfig engine, Market.Storage storage, Path credentialsFile, int messagesPerSecond,
                        int maxFrameBytes, long maxUnsentBytes, Lockstep lockstep) {
            this(host, gatewayPort, streamPort, adminPort, scale, engine, storage, credentialsFile, messagesPerSecond,
                    maxFrameBytes, maxUnsentBytes, lockstep, Access.defaults(), false);
        }

        /** In real time, with the default access. */
        public Settings(String host, int gatewayPort, int streamPort, int adminPort, TickScale scale,
                        EngineConfig engine, Market.Storage storage, Path credentialsFile, int messagesPerSecond,
                        int maxFrameBytes, long maxUnsentBytes) {
            this(host, gatewayPort, streamPort, adminPort, scale, engine, storage, credentialsFile, messagesPerSecond,
                    maxFrameBytes, maxUnsentBytes, null, Access.defaults());
        }

        /** In real time, with the two CSV files alone (no journal, no events file) and the default access. */
        public Settings(String host, int gatewayPort, int streamPort, int adminPort, TickScale scale,
                        EngineConfig engine, Path tradesCsv, Path performanceCsv, Path credentialsFile,
                        int messagesPerSecond, int maxFrameBytes, long maxUnsentBytes) {
            this(host, gatewayPort, streamPort, adminPort, scale, engine, Market.Storage.csvOnly(tradesCsv, performanceCsv),
                    credentialsFile, messagesPerSecond, maxFrameBytes, maxUnsentBytes, null, Access.defaults());
        }
    }

    /**
     * Who may use the exchange besides what the credentials decide: the web pages that may open its WebSockets
     * ({@code --allowed-origin}), and how many traders it serves at once ({@code --max-traders}, see
     * {@link Admission}).
     */
    public record Access(AllowedOrigins origins, int maxTraders) {
        public static final int DEFAULT_MAX_TRADERS = 10_000;
        /**
         * The most {@code --max-traders} may be: an account with the longest trader id takes about 250 bytes of a
         * snapshot, so 25 000 make about 6 MB, within what the relay reads in one frame (16 MiB) and lets wait for
         * one subscriber (8 MiB).
         */
        public static final int MOST_TRADERS = 25_000;

        public Access {
            if (maxTraders < 1 || maxTraders > MOST_TRADERS) {
                throw new IllegalArgumentException("--max-traders must be 1 to " + MOST_TRADERS + ", not "
                        + maxTraders);
            }
        }

        /** Pages of this machine only, {@value #DEFAULT_MAX_TRADERS} traders. */
        public static Access defaults() {
            return new Access(AllowedOrigins.LOOPBACK, DEFAULT_MAX_TRADERS);
        }
    }

    /**
     * A lockstep battle: the exchange's virtual clock runs from {@code startTime} for {@code duration} (null: until
     * stopped), once every trader of the {@code roster} has joined.
     */
    public record Lockstep(Set<String> roster, long seed, long startTime, Duration duration,
                           Duration decisionTimeout, Duration startupTimeout) {
        /** The first virtual time no longer part of the battle ({@code Long.MAX_VALUE}: none). */
        public long endTime() {
            return duration == null ? Long.MAX_VALUE : startTime + duration.toMillis();
        }

        LockstepTurns.Settings turns() {
            return new LockstepTurns.Settings(roster, seed, startTime, endTime(), decisionTimeout, startupTimeout);
        }
    }


    private final Market market;
    private final EngineThread engineThread;
    private final EventStream stream;
    private final OrderGateway gateway;
    private final AdminEndpoint admin;
    private final String adminToken;
    private final CompletableFuture<String> failure;
    private boolean closed;

    private Exchange(Market market, EngineThread engineThread, EventStream stream, OrderGateway gateway,
                     AdminEndpoint admin, String adminToken, CompletableFuture<String> failure) {
        this.market = market;
        this.engineThread = engineThread;
        this.stream = stream;
        this.gateway = gateway;
        this.admin = admin;
        this.adminToken = adminToken;
        this.failure = failure;
    }

    /**
     * Where the admin token goes: {@value #ADMIN_TOKEN_FILE} in the folder of the exchange's files (a session's run
     * folder), made afresh at every start.
     */
    static Path adminTokenFile(Market.Storage storage) {
        Path folder = storage.tradesCsv().toAbsolutePath().getParent();
        return folder.resolve(ADMIN_TOKEN_FILE);
    }

    private static void writeAdminToken(Path file, String token) throws StartupException {
        try {
            Secrets.writeOwnerOnly(file, token + "\n");
        } catch (IOException e) {
            throw new StartupException("cannot write the admin token to " + file + ": " + e.getMessage());
        }
    }

    /** Starts everything, or nothing: on failure what was started is stopped again. */
    public static Exchange start(Settings settings) throws StartupException {
        Credentials credentials = settings.credentialsFile() == null ? Credentials.none()
                : Credentials.load(settings.credentialsFile());
        if (!credentials.required() && !isLoopback(settings.host())) {
            throw new StartupException("refusing to listen on " + settings.host() + " without a credentials file: "
                    + "anyone on the network could trade as any trader (pass --credentials FILE, or use 127.0.0.1)");
        }
        Delivery delivery = new Delivery();
        Market market;
        try {
            // a lockstep battle's files are the same bytes every run: its journal starts at the virtual start time
            market = Market.open(settings.scale(), settings.engine(), settings.storage(),
                    settings.lockstep() != null ? settings.lockstep().startTime() : System.currentTimeMillis(),
                    settings.lockstep() != null, delivery);
        } catch (MarketException e) {
            throw new StartupException(e.getMessage());
        }
        CompletableFuture<String> failure = new CompletableFuture<>();
        EngineThread engineThread = new EngineThread(market, delivery, new ClientRequests(settings.scale()),
                settings.access().maxTraders(), settings.lockstep() == null ? null : settings.lockstep().turns(),
                !settings.keepOrdersOnDisconnect(),
                failure::complete);
        engineThread.resumeAfter(market.lastTimestamp());
        EventStream stream = new EventStream(new InetSocketAddress(settings.host(), settings.streamPort()),
                settings.maxFrameBytes(), engineThread, settings.maxUnsentBytes(), credentials);
        OrderGateway gateway = new OrderGateway(new InetSocketAddress(settings.host(), settings.gatewayPort()),
                settings.maxFrameBytes(), engineThread, settings.scale(), credentials, settings.messagesPerSecond(),
                settings.maxUnsentBytes());
        stream.allowOrigins(settings.access().origins());
        gateway.allowOrigins(settings.access().origins());
        engineThread.start();
        AdminEndpoint admin = null;
        String adminToken = Secrets.newToken();
        Path adminTokenFile = adminTokenFile(settings.storage());
        try {
            writeAdminToken(adminTokenFile, adminToken);
            startListening(stream);
            startListening(gateway);
            // always loopback, whatever --host says: the kill switch is for the operator on this machine
            admin = AdminEndpoint.start("127.0.0.1", settings.adminPort(), engineThread, market, settings.scale(),
                    new AdminEndpoint.Connections() {
                        @Override
                        public int gateway() {
                            return gateway.getConnections().size();
                        }

                        @Override
                        public int stream() {
                            return stream.getConnections().size();
                        }
                    }, adminToken, adminTokenFile.toString());
        } catch (StartupException e) {
            stopQuietly(gateway);
            stopQuietly(stream);
            try {
                engineThread.stopAndDrain();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            market.close();
            throw e;
        }
        Exchange exchange = new Exchange(market, engineThread, stream, gateway, admin, adminToken, failure);
        FileExport files = market.files();
        LOG.atInfo().addKeyValue("uri", exchange.gatewayUri()).log("Order gateway listening on {}",
                exchange.gatewayUri());
        LOG.atInfo().addKeyValue("uri", exchange.streamUri()).log("Internal event stream on {}", exchange.streamUri());
        LOG.atInfo().addKeyValue("uri", admin.uri()).log("Admin endpoint on {} (GET /health and /status; POST /halt "
                + "and POST /resume need the admin token in {})", admin.uri(), adminTokenFile);
        LOG.info("Writing trades to {}, performance to {}{}", files.tradesFile(), files.performanceFile(),
                files.eventsFile() == null ? "" : ", events to " + files.eventsFile());
        if (credentials.required()) {
            LOG.info("Credentials required: {} traders in {}, and the stream's token for subscribers",
                    credentials.traderCount(), settings.credentialsFile());
        }
        return exchange;
    }

    public String gatewayUri() {
        return gateway.uri();
    }

    public String streamUri() {
        return stream.uri();
    }

    /** What {@code POST /halt} and {@code POST /resume} must carry (also in {@link #adminTokenFile}). */
    public String adminToken() {
        return adminToken;
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

    /** The engine's thread and its queue (tests inject a failure there, as a bug in the engine would). */
    EngineThread engineThread() {
        return engineThread;
    }

    /** The hash of every public event of the market ({@link org.bourse.protocol.SessionHash}), once closed. */
    public String sessionHash() {
        return market.sessionHash();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Shutting down: no new orders; finishing the queued ones");
        admin.stop();
        engineThread.leaving();
        stopQuietly(gateway);
        try {
            engineThread.stopAndDrain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopQuietly(stream);
        market.close();
        FileExport files = market.files();
        LOG.info("Exchange stopped; {} and {} are complete{}", files.tradesFile(), files.performanceFile(),
                files.eventsFile() == null ? "" : ", and " + files.eventsFile());
        if (market.sessionHash() != null) {
            LOG.atInfo().addKeyValue("session_hash", market.sessionHash()).log("session hash: {}", market.sessionHash());
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
