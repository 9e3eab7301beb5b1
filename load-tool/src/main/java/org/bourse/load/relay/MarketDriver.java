package org.bourse.load.relay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.bourse.load.LoadException;
import org.bourse.protocol.WireJson;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * Makes the exchange publish a known number of events a second. Each round, a maker rests a qty-1 order (one
 * {@code book_update}) and, once it is accepted, a taker takes it with an IOC (a {@code trade}, a
 * {@code book_update} and two {@code position_update}s): {@value #EVENTS_PER_ROUND} events. Rounds alternate
 * sides (sell at 100.01, buy at 99.99), so both traders stay within a lot of flat; the maker first rests ten levels
 * a side, away from those prices, so that book updates have the size they have in a real session.
 */
final class MarketDriver implements AutoCloseable {
    static final int EVENTS_PER_ROUND = 5;
    private static final int DEPTH_LEVELS = 10;
    /**
     * Rounds whose order rests, not yet taken, at most: a lagging exchange (or client) holds the pacer back rather
     * than make the maker exceed the exchange's limit of resting orders (200 by default).
     */
    private static final int MAX_ROUNDS_IN_FLIGHT = 100;
    private static final JsonFactory JSON = WireJson.mapper().getFactory();

    private final Trader maker;
    private final Trader taker;
    private final CountDownLatch depthPlaced = new CountDownLatch(2 * DEPTH_LEVELS);
    private final AtomicLong roundsTaken = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile String firstRefusal;
    private volatile long roundsSent;

    MarketDriver(URI gateway, String runId, int connectTimeoutMillis) {
        this.maker = new Trader(gateway, "relaybench-" + runId + "-maker", connectTimeoutMillis, this::makerGot);
        this.taker = new Trader(gateway, "relaybench-" + runId + "-taker", connectTimeoutMillis, this::takerGot);
    }

    void connect(long deadlineNanos) throws InterruptedException {
        maker.connect();
        taker.connect();
        for (Trader trader : List.of(maker, taker)) {
            if (!trader.opened.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS) || !trader.isOpen()) {
                throw new LoadException("cannot connect to the gateway at " + trader.getURI() + ": "
                        + (trader.failure == null ? "no answer in time" : trader.failure));
            }
        }
    }

    /** Rests the maker's ten levels a side and waits for them to be accepted. */
    void placeDepth(long deadlineNanos) throws InterruptedException {
        for (int i = 0; i < DEPTH_LEVELS; i++) {
            BigDecimal cents = BigDecimal.valueOf(i, 2);
            maker.send(maker.order("d" + (2 * i), "buy", new BigDecimal("99.00").subtract(cents), false));
            maker.send(maker.order("d" + (2 * i + 1), "sell", new BigDecimal("101.00").add(cents), false));
        }
        if (!depthPlaced.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            throw new LoadException("the gateway at " + maker.getURI() + " did not accept the maker's resting orders"
                    + (firstRefusal == null ? " in time" : ": " + firstRefusal));
        }
    }

    /**
     * Starts round k at {@code start + k / roundsPerSecond} until {@code end}, on this thread, or later when
     * {@value #MAX_ROUNDS_IN_FLIGHT} rounds wait for their taker.
     *
     * @return how late (ns) the latest round started
     */
    long pace(double roundsPerSecond, long start, long end) {
        double interval = 1e9 / roundsPerSecond;
        long maxLate = 0;
        for (long k = 0; ; k++) {
            long intended = start + (long) (k * interval);
            if (intended >= end) {
                return maxLate;
            }
            long now;
            while ((now = System.nanoTime()) < intended) {
                LockSupport.parkNanos(intended - now);
            }
            while (k - roundsTaken.get() - refused.get() >= MAX_ROUNDS_IN_FLIGHT && (now = System.nanoTime()) < end) {
                LockSupport.parkNanos(50_000);
            }
            boolean sell = (k & 1) == 0;
            try {
                maker.send(maker.order("r" + k, sell ? "sell" : "buy", price(sell), false));
            } catch (WebsocketNotConnectedException e) {
                throw new LoadException("the gateway closed the maker's connection: " + maker.failure);
            }
            roundsSent = k + 1;
            maxLate = Math.max(maxLate, now - intended);
        }
    }

    private static BigDecimal price(boolean sell) {
        return new BigDecimal(sell ? "100.01" : "99.99");
    }

    long roundsSent() {
        return roundsSent;
    }

    /** Rounds whose resting order the taker took. */
    long roundsTaken() {
        return roundsTaken.get();
    }

    long refused() {
        return refused.get();
    }

    String firstRefusal() {
        return firstRefusal;
    }

    /** The maker's order k was accepted: the taker takes it. */
    private void makerGot(Reply reply) {
        if ("order_accepted".equals(reply.type) && reply.clientOrderId != null) {
            if (reply.clientOrderId.startsWith("d")) {
                depthPlaced.countDown();
            } else if (reply.clientOrderId.startsWith("r")) {
                long k = Long.parseLong(reply.clientOrderId.substring(1));
                boolean makerSold = (k & 1) == 0;
                try {
                    taker.send(taker.order("r" + k, makerSold ? "buy" : "sell", price(makerSold), true));
                } catch (WebsocketNotConnectedException e) {
                    refuse("the gateway closed the taker's connection");
                }
            }
        } else if ("order_rejected".equals(reply.type)) {
            refuse("the maker's order " + reply.clientOrderId + " was rejected: " + reply.reason);
        }
    }

    private void takerGot(Reply reply) {
        switch (reply.type == null ? "" : reply.type) {
            case "fill" -> roundsTaken.incrementAndGet();
            case "order_rejected" -> refuse("the taker's IOC " + reply.clientOrderId + " was rejected: " + reply.reason);
            case "order_cancelled" -> refuse("the taker's IOC " + reply.clientOrderId + " found nothing to take");
            default -> {
                // its acceptances
            }
        }
    }

    private void refuse(String what) {
        refused.incrementAndGet();
        if (firstRefusal == null) {
            firstRefusal = what;
        }
    }

    /** Cancels what the maker still rests (its depth), then hangs up, waiting at most a couple of seconds. */
    @Override
    public void close() throws InterruptedException {
        if (maker.isOpen()) {
            maker.send("{\"type\":\"cancel_all\",\"trader_id\":\"" + maker.traderId + "\"}");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        maker.hangUp(deadline);
        taker.hangUp(deadline);
    }

    /** The few fields of a reply the driver needs. */
    private static final class Reply {
        String type;
        String clientOrderId;
        String reason;

        static Reply parse(String text) {
            Reply reply = new Reply();
            try (JsonParser p = JSON.createParser(text)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return reply;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "type" -> reply.type = p.getValueAsString();
                        case "client_order_id" -> reply.clientOrderId = p.getValueAsString();
                        case "reason" -> reply.reason = p.getValueAsString();
                        default -> p.skipChildren();
                    }
                }
            } catch (IOException e) {
                reply.type = null;
            }
            return reply;
        }
    }

    /** One gateway connection, trading as one trader. */
    private static final class Trader extends WebSocketClient {
        final String traderId;
        final CountDownLatch opened = new CountDownLatch(1);
        private final CountDownLatch closed = new CountDownLatch(1);
        private final java.util.function.Consumer<Reply> onReply;
        volatile String failure;

        Trader(URI gateway, String traderId, int connectTimeoutMillis, java.util.function.Consumer<Reply> onReply) {
            super(gateway, new Draft_6455(), Map.of(), connectTimeoutMillis);
            this.traderId = traderId;
            this.onReply = onReply;
            setTcpNoDelay(true);
            setConnectionLostTimeout(0);
            setDaemon(true);
        }

        String order(String clientOrderId, String side, BigDecimal price, boolean ioc) {
            return "{\"type\":\"order\",\"trader_id\":\"" + traderId + "\",\"side\":\"" + side
                    + "\",\"order_type\":\"limit\",\"price\":" + price.toPlainString() + ",\"qty\":1,"
                    + "\"client_order_id\":\"" + clientOrderId + "\"" + (ioc ? ",\"tif\":\"ioc\"" : "") + "}";
        }

        /** Closes the connection if it is open, waiting for the closing handshake until {@code deadline}. */
        void hangUp(long deadlineNanos) throws InterruptedException {
            if (isOpen()) {
                close(CloseFrame.NORMAL, "benchmark finished");
                if (!closed.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    closeConnection(CloseFrame.ABNORMAL_CLOSE, "no close reply in time");
                }
            }
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            opened.countDown();
        }

        @Override
        public void onMessage(String text) {
            onReply.accept(Reply.parse(text));
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            if (failure == null) {
                failure = reason == null || reason.isBlank() ? "closed (" + code + ")" : reason.replace('\n', ' ');
            }
            opened.countDown();
            closed.countDown();
        }

        @Override
        public void onError(Exception e) {
            if (failure == null && e.getMessage() != null) {
                failure = e.getMessage().replace('\n', ' ');
            }
        }
    }
}
