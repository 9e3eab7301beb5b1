package org.bourse.load;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bourse.cli.LogFormatOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

@Command(name = "trivial-server", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "A WebSocket server that answers every order frame at once with an order_accepted echoing its trader_id "
                    + "and client_order_id (parsing just those fields, as any server must). Load it like an exchange "
                    + "to see what the WebSocket stack, the JSON and this machine cost by themselves; 'load compare' "
                    + "divides the exchange's figures by these. Runs until Ctrl+C."},
        footer = {
            "",
            "Examples:",
            "  load trivial-server                      # ws://127.0.0.1:9101",
            "  load trivial-server --port 0             # any free port, printed on start",
            "  load run --uri ws://127.0.0.1:9101 --connections 8 --duration 10s",
            "",
            "Exit status: 0 stopped by Ctrl+C; 1 cannot listen (e.g. the port is in use); 2 bad options."})
final class TrivialServerCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "9101", paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--worker-decoding",
            description = "Decode frames and reply on Java-WebSocket's worker thread (the library default) instead of "
                    + "the selector thread: shows the reply stall described in the README.")
    boolean workerDecoding;

    @Mixin
    LogFormatOption logFormat;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535");
        }
        PrintWriter out = spec.commandLine().getOut();
        TrivialServer server = new TrivialServer(host, port, workerDecoding).open(5_000);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            out.println("trivial server stopped after " + LoadReport.count(server.replies())
                    + (server.replies() == 1 ? " reply" : " replies"));
            out.flush();
            stopped.countDown();
        }, "trivial-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("trivial server listening on " + server.uri()
                + (server.workerDecoding() ? " (decoding on worker threads)" : ""));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // stopped by the caller (a test, an embedding program): the same as Ctrl+C
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                return 0;
            }
            hook.run();
        }
        return 0;
    }
}
