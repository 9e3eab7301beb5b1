package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewaySmokeTest {

    @TempDir
    Path dir;

    @Test
    void referenceOrdersTradeAndEveryoneHearsOfIt() throws Exception {
        Exchange.Settings settings = new Exchange.Settings("127.0.0.1", 0, 0, 0, TickScale.cents(),
                EngineConfig.defaults(), dir.resolve("trades.csv"), dir.resolve("performance.csv"), null, 0,
                64 * 1024, 4L << 20);
        try (Exchange exchange = Exchange.start(settings)) {
            TestClient feed = TestClient.connect(exchange.streamUri());
            ServerMessage.Snapshot snapshot = feed.next(ServerMessage.Snapshot.class);
            assertThat(snapshot.seq()).isZero();

            TestClient maker = TestClient.connect(exchange.gatewayUri());
            TestClient taker = TestClient.connect(exchange.gatewayUri());
            maker.send("{\"type\":\"order\",\"trader_id\":\"maker_1\",\"side\":\"sell\",\"order_type\":\"limit\","
                    + "\"price\":100.05,\"qty\":2,\"client_order_id\":\"maker_1-001\"}");
            ServerMessage.OrderAccepted accepted = maker.next(ServerMessage.OrderAccepted.class);
            assertThat(accepted.clientOrderId()).isEqualTo("maker_1-001");

            taker.send("{\"type\":\"order\",\"trader_id\":\"taker_1\",\"side\":\"BUY\",\"order_type\":\"market\","
                    + "\"price\":null,\"qty\":1,\"client_order_id\":null}");
            assertThat(taker.next()).isInstanceOf(ServerMessage.OrderAccepted.class);
            ServerMessage.Fill fill = taker.next(ServerMessage.Fill.class);
            assertThat(fill.price()).isEqualByComparingTo(new BigDecimal("100.05"));
            assertThat(fill.liquidity()).isEqualTo("taker");
            assertThat(maker.next(ServerMessage.Fill.class).leavesQty()).isEqualTo(1);

            ServerMessage.Trade trade = feed.next(ServerMessage.Trade.class);
            assertThat(trade.buyTraderId()).isEqualTo("taker_1");
            assertThat(trade.sellTraderId()).isEqualTo("maker_1");
            assertThat(trade.aggressorSide()).isEqualTo("buy");
        }
    }
}
