package org.bourse.exchange.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The exchange process as {@code ./bourse exchange} runs it, with one addition for tests: the line {@code fail N} on
 * its stdin makes the engine thread throw, as a bug in the engine would, once {@code N} more items wait in its queue
 * (so that they are in flight when it fails). It prints {@code armed} once the failure is queued.
 */
public final class EngineFailureMain {
    private EngineFailureMain() {
    }

    public static void main(String[] args) throws Exception {
        Exchange exchange = Exchange.start(ExchangeMain.settingsOf(List.of(args)));
        Thread trigger = new Thread(() -> {
            String line;
            try {
                line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                return;
            }
            if (line == null || !line.startsWith("fail ")) {
                return;
            }
            int inFlight = Integer.parseInt(line.substring(5).trim());
            EngineThread engineThread = exchange.engineThread();
            engineThread.submit(new EngineInput.Query<>(() -> {
                while (engineThread.queued() < inFlight) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                throw new IllegalStateException("injected failure");
            }, new CompletableFuture<>()));
            System.out.println("armed");
            System.out.flush();
        }, "failure-trigger");
        trigger.setDaemon(true);
        trigger.start();
        System.exit(ExchangeMain.serve(exchange));
    }
}
