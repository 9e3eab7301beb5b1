package org.bourse.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;
import org.bourse.api.Action;
import org.bourse.api.OrderRequest;

/**
 * The frames a client sends to the order gateway, exactly as docs/PROTOCOL.md shows them, from the strategy API's
 * actions: the encoder that matches {@link ClientMessageDecoder}, for every client written in Java (the bot, the
 * background crowd). Written from small records with the shared {@link WireJson#mapper()}: snake_case names,
 * {@code type} first, exact decimals.
 */
public final class ClientFrames {

    private ClientFrames() {
    }

    /** All seven keys of the reference protocol, then Bourse's {@code tif} and {@code post_only}. */
    @JsonPropertyOrder({"type", "trader_id", "side", "order_type", "price", "qty", "client_order_id", "tif",
        "post_only"})
    record OrderFrame(String type, String traderId, String side, String orderType, BigDecimal price, long qty,
                      String clientOrderId, String tif, boolean postOnly) {
    }

    /** By {@code order_id} or else by {@code client_order_id}; the one not used is left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "trader_id", "order_id", "client_order_id"})
    record CancelFrame(String type, String traderId, Long orderId, String clientOrderId) {
    }

    @JsonPropertyOrder({"type", "trader_id"})
    record CancelAllFrame(String type, String traderId) {
    }

    /** The new price and/or the new open quantity; one left unchanged is left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "trader_id", "order_id", "price", "qty"})
    record ReplaceFrame(String type, String traderId, Long orderId, BigDecimal price, Long qty) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    /** Names the protocol version this code speaks, so that an exchange that speaks another says so at once. */
    @JsonPropertyOrder({"type", "trader_id", "token", "lockstep", "crowd", "protocol_version"})
    record HelloFrame(String type, String traderId, String token, LockstepFrame lockstep, List<String> crowd,
                      int protocolVersion) {
    }

    /** A lockstep participant's timing, in virtual milliseconds. */
    @JsonPropertyOrder({"decision_interval_ms", "latency_ms"})
    record LockstepFrame(long decisionIntervalMs, long latencyMs) {
    }

    @JsonPropertyOrder({"type", "trader_id", "timestamp"})
    record DoneFrame(String type, String traderId, long timestamp) {
    }

    /**
     * The first frame of a connection.
     *
     * @param decisionIntervalMillis 0 in real time; in a lockstep battle, how often (virtual ms) the bot decides
     */
    public static String hello(String traderId, String token, long decisionIntervalMillis, long latencyMillis) {
        return hello(traderId, token, decisionIntervalMillis, latencyMillis, List.of());
    }

    /** The hello of a background crowd's connection, speaking for the traders of {@code crowd}. */
    public static String hello(String traderId, String token, long decisionIntervalMillis, long latencyMillis,
                               List<String> crowd) {
        return WireJson.encode(new HelloFrame("hello", traderId, token, decisionIntervalMillis == 0 ? null
                : new LockstepFrame(decisionIntervalMillis, latencyMillis), crowd, ProtocolVersion.CURRENT));
    }

    /** The end of a lockstep turn: everything the bot decided at {@code timestamp} has been sent. */
    public static String done(String traderId, long timestamp) {
        return WireJson.encode(new DoneFrame("done", traderId, timestamp));
    }

    /** An order with the given client order id (the request's own, or one the bot chose). */
    public static String order(String traderId, OrderRequest order, String clientOrderId) {
        return WireJson.encode(new OrderFrame("order", traderId, order.side().wireName(), order.type().wireName(),
                order.price(), order.qty(), clientOrderId, order.tif().wireName(), order.postOnly()));
    }

    public static String cancel(String traderId, Action.Cancel cancel) {
        return WireJson.encode(cancel.orderId() > 0
                ? new CancelFrame("cancel", traderId, cancel.orderId(), null)
                : new CancelFrame("cancel", traderId, null, cancel.clientOrderId()));
    }

    public static String cancelAll(String traderId) {
        return WireJson.encode(new CancelAllFrame("cancel_all", traderId));
    }

    public static String replace(String traderId, Action.Replace replace) {
        return WireJson.encode(new ReplaceFrame("replace", traderId, replace.orderId(), replace.price(),
                replace.qty() == 0 ? null : replace.qty()));
    }
}
