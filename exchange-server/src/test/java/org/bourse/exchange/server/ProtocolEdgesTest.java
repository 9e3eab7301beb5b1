package org.bourse.exchange.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.bourse.testkit.TestClient;
import org.junit.jupiter.api.Test;

/** The corners of the protocol where the docs and the wire must agree, over real connections. */
class ProtocolEdgesTest extends RunningExchangeTest {

    private static Map<String, JsonNode> byTrader(JsonNode accounts) {
        Map<String, JsonNode> map = new HashMap<>();
        accounts.forEach(account -> map.put(account.get("trader_id").asText(), account));
        return map;
    }

    @Test
    void aFlatAccountHasNoAveragePriceInTheWelcomeTheUpdatesAndTheSnapshot() throws Exception {
        TestClient feed = feed();
        TestClient maker = gateway();
        TestClient taker = gateway();
        JsonNode newcomer = taker.request(Harness.hello("taker"));
        assertThat(newcomer.get("avg_entry_price").isNull()).as("welcome of a new trader: %s", newcomer).isTrue();

        assertThat(maker.request(Harness.limit("maker", "sell", "100.00", 1, "m1")).path("type").asText())
                .isEqualTo("order_accepted");
        feed.nextJson("book_update");
        JsonNode opened = feed.nextJson("position_update");
        assertThat(opened.get("avg_entry_price").isNull()).as("the account a resting order opened: %s", opened)
                .isTrue();

        taker.send(Harness.market("taker", "buy", 1, "t1"));
        taker.nextJson("fill");
        JsonNode takerLong = feed.nextJson(n -> "taker".equals(n.path("trader_id").asText()));
        assertThat(Harness.num(takerLong, "avg_entry_price")).isEqualByComparingTo("100.00");

        // the taker flattens against a bid of the maker
        maker.send(Harness.limit("maker", "buy", "99.00", 1, "m2"));
        maker.nextJson("order_accepted");
        taker.send(Harness.market("taker", "sell", 1, "t2"));
        taker.nextJson("fill");
        JsonNode takerFlat = feed.nextJson(n -> "taker".equals(n.path("trader_id").asText()));
        assertThat(takerFlat.get("position").asLong()).isZero();
        assertThat(takerFlat.get("avg_entry_price").isNull()).as("flat again: %s", takerFlat).isTrue();

        Map<String, JsonNode> accounts = byTrader(connect(exchange.streamUri()).nextJson("snapshot").get("accounts"));
        assertThat(accounts.get("taker").get("avg_entry_price").isNull()).isTrue();
        assertThat(accounts.get("maker").get("avg_entry_price").isNull()).as("maker flat too").isTrue();

        JsonNode back = gateway().request(Harness.hello("taker"));
        assertThat(back.get("position").asLong()).isZero();
        assertThat(back.get("avg_entry_price").isNull()).as("welcome of a flat trader: %s", back).isTrue();
    }
}
