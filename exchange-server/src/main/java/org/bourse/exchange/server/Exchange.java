package org.bourse.exchange.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.bourse.exchange.csv.CsvExportException;
import org.bourse.exchange.csv.CsvExporter;
import org.bourse.exchange.engine.Engine;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.protocol.TickScale;
import org.bourse.transport.ListenException;
import org.bourse.transport.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange process: the engine on its own thread, the order gateway and the event stream in front of it, and
 * the CSV export behind it. {@link #close} stops in the order that loses nothing: stop taking orders, finish the
 * queued ones, close the stream, flush the files.
 */
public final class Exchange implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    /** Everything the exchange needs to start; ports may be 0 (any free port). */
    public record Settings(String host, int gatewayPort, int streamPort, int adminPort, TickScale scale,
                           EngineConfig engine,
                           Path tradesCsv, Path performanceCsv, Path credentialsFile, int messagesPerSecond,
                           int maxFrameBytes, long maxUnsentBytes) {
    }

    private final CsvExporter csv;
    private final Sequencer sequencer;
    private final EventStream stream;
    private final OrderGateway gateway;
    private final AdminEndpoint admin;
    private boolean closed;

    private Exchange(CsvExporter csv, Sequencer sequencer, EventStream stream, OrderGateway gateway,
                     AdminEndpoint admin) {
        this.csv = csv;
        this.sequencer = sequencer;
        this.stream = stream;
        this.gateway = gateway;
        this.admin = admin;
    }

    /** Starts everything, or nothing: on failure what was started is stopped again. */
    public static Exchange start(Settings settings) throws StartupException {
        Credentials credentials = settings.credentialsFile() == null ? Credentials.none()
                : Credentials.load(settings.credentialsFile());
        if (!credentials.required() && !isLoopback(settings.host())) {
            throw new StartupException("refusing to listen on " + settings.host() + " without a credentials file: "
                    + "anyone on the network could trade as any trader (pass --credentials FILE, or use 127.0.0.1)");
        }
        CsvExporter csv;
        try {
            csv = CsvExporter.open(settings.tradesCsv(), settings.performanceCsv());
        } catch (CsvExportException e) {
            throw new StartupException(e.getMessage());
        }
        WirePublisher publisher = new WirePublisher(settings.scale(), csv);
        Engine engine = new Engine(settings.engine(), publisher);
        publisher.attach(engine);
        Sequencer sequencer = new Sequencer(engine, publisher);
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
            csv.close();
            throw e;
        }
        Exchange exchange = new Exchange(csv, sequencer, stream, gateway, admin);
        LOG.info("Order gateway listening on {}", exchange.gatewayUri());
        LOG.info("Internal event stream on {}", exchange.streamUri());
        LOG.info("Admin endpoint on {} (POST /halt, POST /resume, GET /status)", admin.uri());
        LOG.info("CSV export active: trades to {}, performance to {}", csv.tradesFile(), csv.performanceFile());
        if (credentials.required()) {
            LOG.info("Credentials required: {} traders in {}", credentials.traderCount(), settings.credentialsFile());
        }
        return exchange;
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
        csv.close();
        LOG.info("Exchange stopped; {} and {} are complete", csv.tradesFile(), csv.performanceFile());
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
