package org.bourse.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.bourse.api.Action;
import org.bourse.api.OrderRequest;
import org.bourse.api.OrderType;
import org.bourse.api.Side;
import org.bourse.api.TimeInForce;
import org.junit.jupiter.api.Test;

/** Each frame as docs/PROTOCOL.md shows it, and as the exchange's own decoder reads it back. */
class ClientFramesTest {
    private final ClientMessageDecoder decoder = new ClientMessageDecoder();

    @Test
    void anOrderCarriesTheSevenReferenceKeysThenTifAndPostOnly() {
        String frame = ClientFrames.order("maker_1", OrderRequest.limit(Side.BUY, "100.05", 2), "maker_1-001");
        assertThat(frame).isEqualTo("{\"type\":\"order\",\"trader_id\":\"maker_1\",\"side\":\"buy\","
                + "\"order_type\":\"limit\",\"price\":100.05,\"qty\":2,\"client_order_id\":\"maker_1-001\","
                + "\"tif\":\"gtc\",\"post_only\":false}");
        assertDecodes(frame, new ClientMessage.Order("maker_1", Side.BUY, OrderType.LIMIT,
                new BigDecimal("100.05"), 2, "maker_1-001", TimeInForce.GTC, false));

        String extended = ClientFrames.order("maker_1",
                OrderRequest.limit(Side.SELL, "100.15", 1).ioc().asPostOnly(), "x");
        assertDecodes(extended, new ClientMessage.Order("maker_1", Side.SELL, OrderType.LIMIT,
                new BigDecimal("100.15"), 1, "x", TimeInForce.IOC, true));
    }

    @Test
    void aMarketOrderHasANullPrice() {
        String frame = ClientFrames.order("taker_1", OrderRequest.market(Side.SELL, 5), "taker_1-9");
        assertThat(frame).contains("\"order_type\":\"market\",\"price\":null,\"qty\":5");
        assertDecodes(frame, new ClientMessage.Order("taker_1", Side.SELL, OrderType.MARKET, null, 5,
                "taker_1-9", TimeInForce.GTC, false));
    }

    @Test
    void aPriceIsWrittenExactlyAndNeverInExponentForm() {
        String frame = ClientFrames.order("t", OrderRequest.limit(Side.BUY, new BigDecimal("1E+2"), 1), null);
        assertThat(frame).contains("\"price\":100,").contains("\"client_order_id\":null");
    }

    @Test
    void aCancelNamesOneOrderByOneOfItsIds() {
        String byId = ClientFrames.cancel("maker_1", Action.cancel(42));
        assertThat(byId).isEqualTo("{\"type\":\"cancel\",\"trader_id\":\"maker_1\",\"order_id\":42}");
        assertDecodes(byId, new ClientMessage.Cancel("maker_1", 42, null));

        String byClientId = ClientFrames.cancel("maker_1", Action.cancelByClientOrderId("maker_1-001"));
        assertThat(byClientId)
                .isEqualTo("{\"type\":\"cancel\",\"trader_id\":\"maker_1\",\"client_order_id\":\"maker_1-001\"}");
        assertDecodes(byClientId, new ClientMessage.Cancel("maker_1", 0, "maker_1-001"));
    }

    @Test
    void cancelAll() {
        String frame = ClientFrames.cancelAll("maker_1");
        assertThat(frame).isEqualTo("{\"type\":\"cancel_all\",\"trader_id\":\"maker_1\"}");
        assertDecodes(frame, new ClientMessage.CancelAll("maker_1"));
    }

    @Test
    void aReplaceLeavesOutWhatItDoesNotChange() {
        String both = ClientFrames.replace("maker_1", Action.replace(42, new BigDecimal("100.10"), 5));
        assertThat(both).isEqualTo(
                "{\"type\":\"replace\",\"trader_id\":\"maker_1\",\"order_id\":42,\"price\":100.10,\"qty\":5}");
        assertDecodes(both, new ClientMessage.Replace("maker_1", 42, null, new BigDecimal("100.10"), 5));

        String qtyOnly = ClientFrames.replace("maker_1", Action.replace(42, null, 1));
        assertThat(qtyOnly).isEqualTo("{\"type\":\"replace\",\"trader_id\":\"maker_1\",\"order_id\":42,\"qty\":1}");
        assertDecodes(qtyOnly, new ClientMessage.Replace("maker_1", 42, null, null, 1));

        String priceOnly = ClientFrames.replace("maker_1", Action.replace(42, new BigDecimal("99.95"), 0));
        assertDecodes(priceOnly, new ClientMessage.Replace("maker_1", 42, null, new BigDecimal("99.95"), 0));
    }

    @Test
    void helloWithAndWithoutAToken() {
        assertThat(ClientFrames.hello("maker_1", "s3cr3t", 0, 0))
                .isEqualTo("{\"type\":\"hello\",\"trader_id\":\"maker_1\",\"token\":\"s3cr3t\",\"protocol_version\":1}");
        assertThat(ClientFrames.hello("maker_1", null, 0, 0))
                .isEqualTo("{\"type\":\"hello\",\"trader_id\":\"maker_1\",\"protocol_version\":1}");
        assertDecodes(ClientFrames.hello("maker_1", "s3cr3t", 0, 0), new ClientMessage.Hello("maker_1", "s3cr3t"));
    }

    @Test
    void aLockstepHelloAndDone() {
        String hello = ClientFrames.hello("maker_1", null, 500, 5);
        assertThat(hello).isEqualTo("{\"type\":\"hello\",\"trader_id\":\"maker_1\","
                + "\"lockstep\":{\"decision_interval_ms\":500,\"latency_ms\":5},\"protocol_version\":1}");
        assertDecodes(hello, new ClientMessage.Hello("maker_1", null, new ClientMessage.Lockstep(500, 5)));

        String done = ClientFrames.done("maker_1", 1767225600250L);
        assertThat(done).isEqualTo("{\"type\":\"done\",\"trader_id\":\"maker_1\",\"timestamp\":1767225600250}");
        assertDecodes(done, new ClientMessage.Done("maker_1", 1767225600250L));
    }

    @Test
    void aCrowdsHello() {
        String hello = ClientFrames.hello("crowd", null, 100, 0, List.of("bg_value_1", "bg_mm_1"));
        assertThat(hello).isEqualTo("{\"type\":\"hello\",\"trader_id\":\"crowd\",\"lockstep\":"
                + "{\"decision_interval_ms\":100,\"latency_ms\":0},\"crowd\":[\"bg_value_1\",\"bg_mm_1\"],\"protocol_version\":1}");
        assertDecodes(hello, new ClientMessage.Hello("crowd", null, new ClientMessage.Lockstep(100, 0),
                List.of("bg_value_1", "bg_mm_1")));
    }

    /** Prices compared as numbers: the decoder may drop trailing zeros. */
    private void assertDecodes(String frame, ClientMessage expected) {
        assertThat(decoded(frame)).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(expected);
    }

    private ClientMessage decoded(String frame) {
        ClientMessageDecoder.Decoded decoded = decoder.decode(frame);
        assertThat(decoded).as(frame).isInstanceOf(ClientMessageDecoder.Valid.class);
        return ((ClientMessageDecoder.Valid) decoded).message();
    }
}
