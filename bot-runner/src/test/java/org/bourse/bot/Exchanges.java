package org.bourse.bot;

import java.nio.file.Path;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.exchange.server.Exchange;
import org.bourse.exchange.market.Market;
import org.bourse.protocol.TickScale;

/** Real exchanges for the tests: on loopback, default engine, CSV files in a temporary directory. */
final class Exchanges {

    private Exchanges() {
    }

    /** On any free ports. */
    static Exchange start(Path dir) throws Exception {
        return start(dir, 0, 0, null);
    }

    /** On any free ports, leaving a trader's resting orders when its connection drops (--keep-orders-on-disconnect). */
    static Exchange startKeepingOrders(Path dir) throws Exception {
        return Exchange.start(new Exchange.Settings("127.0.0.1", 0, 0, 0, TickScale.cents(), EngineConfig.defaults(),
                Market.Storage.csvOnly(dir.resolve("trades.csv"), dir.resolve("performance.csv")), null, 0,
                64 * 1024, 4L << 20, null, Exchange.Access.defaults(), true));
    }

    /** On the given ports (0: any free one), with tokens if {@code credentials} is not null; no rate limit. */
    static Exchange start(Path dir, int gatewayPort, int streamPort, Path credentials) throws Exception {
        return Exchange.start(new Exchange.Settings("127.0.0.1", gatewayPort, streamPort, 0, TickScale.cents(),
                EngineConfig.defaults(), dir.resolve("trades.csv"), dir.resolve("performance.csv"), credentials, 0,
                64 * 1024, 4L << 20));
    }
}
