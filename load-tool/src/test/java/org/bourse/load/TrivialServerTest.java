package org.bourse.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.WireJson;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TrivialServerTest {

    /** A plain client that queues every frame it receives. */
    static final class Client extends WebSocketClient {
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

        Client(String uri) {
            super(URI.create(uri));
            setTcpNoDelay(true);
        }

        String next() throws InterruptedException {
            return received.poll(5, TimeUnit.SECONDS);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
            received.add(message);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception ex) {
        }
    }

    @Test
    void answersAnOrderWithOrderAcceptedEchoingItsIds() throws Exception {
        TrivialServer server = new TrivialServer("127.0.0.1", 0).open(5_000);
        Client client = new Client(server.uri());
        try {
            assertThat(server.getPort()).isPositive();
            assertThat(client.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
            long before = System.currentTimeMillis();
            client.send("{\"type\":\"order\",\"trader_id\":\"maker_1\",\"side\":\"buy\",\"order_type\":\"limit\","
                    + "\"price\":100.05,\"qty\":2,\"client_order_id\":\"maker_1-001\"}");
            String reply = client.next();
            assertThat(reply).as("reply").isNotNull();
            ServerMessage message = WireJson.decodeServerMessage(reply);
            assertThat(message).isInstanceOf(ServerMessage.OrderAccepted.class);
            ServerMessage.OrderAccepted accepted = (ServerMessage.OrderAccepted) message;
            assertThat(accepted.traderId()).isEqualTo("maker_1");
            assertThat(accepted.clientOrderId()).isEqualTo("maker_1-001");
            assertThat(accepted.orderId()).isPositive();
            assertThat(accepted.timestamp()).isBetween(before, System.currentTimeMillis());
            assertThat(reply).startsWith("{\"type\":\"order_accepted\"");

            // a second order: a higher order id; a null client_order_id echoed as null; unknown keys ignored
            client.send("{\"type\":\"order\",\"trader_id\":\"t2\",\"side\":\"sell\",\"price\":99,\"qty\":1,"
                    + "\"client_order_id\":null,\"extra\":[1,{\"a\":2}]}");
            ServerMessage.OrderAccepted second = (ServerMessage.OrderAccepted) WireJson.decodeServerMessage(client.next());
            assertThat(second.orderId()).isGreaterThan(accepted.orderId());
            assertThat(second.traderId()).isEqualTo("t2");
            assertThat(second.clientOrderId()).isNull();

            // not JSON: a reject, as the reference does
            client.send("not json");
            ServerMessage.OrderRejected rejected = (ServerMessage.OrderRejected) WireJson.decodeServerMessage(client.next());
            assertThat(rejected.reason()).isEqualTo("invalid_json");
            assertThat(server.replies()).isEqualTo(3);
        } finally {
            client.closeBlocking();
            server.close();
        }
    }

    /** Many connections, each waiting for every single reply before sending again: no reply may get stuck. */
    @Test
    void closedLoopClientsNeverWaitLongForAReply() throws Exception {
        TrivialServer server = new TrivialServer("127.0.0.1", 0).open(5_000);
        int connections = 4;
        int roundTrips = 2_000;
        AtomicInteger slowest = new AtomicInteger();
        Thread[] threads = new Thread[connections];
        Client[] clients = new Client[connections];
        try {
            for (int c = 0; c < connections; c++) {
                Client client = new Client(server.uri());
                clients[c] = client;
                assertThat(client.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
                int id = c;
                threads[c] = new Thread(() -> {
                    try {
                        for (int i = 0; i < roundTrips; i++) {
                            long start = System.nanoTime();
                            client.send("{\"type\":\"order\",\"trader_id\":\"t" + id + "\",\"side\":\"buy\",\"price\":100,"
                                    + "\"qty\":1,\"client_order_id\":\"" + i + "\"}");
                            String reply = client.received.poll(3, TimeUnit.SECONDS);
                            if (reply == null || !reply.contains("\"client_order_id\":\"" + i + "\"")) {
                                slowest.set(Integer.MAX_VALUE);
                                return;
                            }
                            slowest.accumulateAndGet((int) ((System.nanoTime() - start) / 1_000_000), Math::max);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                threads[c].start();
            }
            for (Thread t : threads) {
                t.join(20_000);
            }
            assertThat(slowest.get()).as("slowest round trip, ms").isLessThan(3_000);
            assertThat(server.replies()).isEqualTo((long) connections * roundTrips);
        } finally {
            for (Client client : clients) {
                if (client != null) {
                    client.closeBlocking();
                }
            }
            server.close();
        }
    }

    @Test
    void aPortInUseIsOneClearLineAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Cli cli = Cli.run("trivial-server", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(cli.exitCode).as(cli.toString()).isEqualTo(1);
            assertThat(cli.err.strip()).as(cli.toString())
                    .isEqualTo("bourse load: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": the port is already in use (pick another with --port, or 0 for any free port)");
            assertThat(cli.out).isEmpty();
        }
    }

    @Test
    void theCommandPrintsTheActualPortAndServesUntilStopped() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cmd = LoadMain.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        int[] exit = {-1};
        Thread serverThread = new Thread(() -> exit[0] = cmd.execute("trivial-server", "--port", "0"));
        serverThread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!out.toString().contains("\n") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String line = out.toString().lines().findFirst().orElse("");
        assertThat(line).matches("trivial server listening on ws://127\\.0\\.0\\.1:[1-9][0-9]*");
        String uri = line.substring("trivial server listening on ".length());

        Client client = new Client(uri);
        assertThat(client.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
        client.send("{\"type\":\"order\",\"trader_id\":\"a\",\"side\":\"buy\",\"price\":1,\"qty\":1,"
                + "\"client_order_id\":\"x\"}");
        assertThat(client.next()).contains("\"order_accepted\"").contains("\"client_order_id\":\"x\"");
        client.closeBlocking();

        serverThread.interrupt(); // what Ctrl+C does, without ending the test JVM
        serverThread.join(5_000);
        assertThat(serverThread.isAlive()).isFalse();
        assertThat(exit[0]).isZero();
        assertThat(out.toString()).contains("trivial server stopped after 1 reply");
    }
}
