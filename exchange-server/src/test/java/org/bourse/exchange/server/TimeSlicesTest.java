package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.testkit.Scheduling;
import org.bourse.testkit.TestClient;
import org.bourse.transport.TimeSlice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine thread, woken for every order, runs in short time slices where the kernel allows it. */
class TimeSlicesTest {

    @TempDir
    Path dir;

    @Test
    void theEngineThreadRunsInShortSlices() throws Exception {
        assumeTrue(Scheduling.customSlicesSupported(), "needs Linux 6.12 or later");
        Exchange.Settings settings = new Exchange.Settings("127.0.0.1", 0, 0, 0, TickScale.cents(),
                EngineConfig.defaults(), dir.resolve("trades.csv"), dir.resolve("performance.csv"), null, 0,
                64 * 1024, 4L << 20);
        try (Exchange exchange = Exchange.start(settings);
             TestClient trader = TestClient.connect(exchange.gatewayUri())) {
            trader.send(Harness.limit("slices_1", "buy", "99.00", 1, "s-1"));
            assertThat(trader.next()).isInstanceOf(ServerMessage.OrderAccepted.class);

            assertThat(Scheduling.slicesOfThreadsNamed("engine")).isNotEmpty().containsOnly(TimeSlice.SHORT_NANOS);
        }
    }
}
