package org.bourse.scenario;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bourse.api.OrderType;
import org.bourse.api.TimeInForce;
import org.bourse.protocol.ClientMessage;
import org.bourse.protocol.ClientMessageDecoder;
import org.bourse.protocol.ServerMessage;

/**
 * Answers a crowd's frames as the exchange's gateway would, without a book: every order is accepted, and fills as
 * the test says (never, only if it takes liquidity, or always, whole); cancels and replaces of a resting order
 * succeed. Along the way it checks each frame against the exchange's default limits and the sender's own, and
 * lists every breach: the crowd under test must leave that list empty.
 */
final class ToyGateway {
    enum Fills { NEVER, TAKERS, ALL }

    /** One resting order. */
    record Resting(long orderId, String clientOrderId, String side, BigDecimal price, long qty) {
    }

    private final ClientMessageDecoder decoder = new ClientMessageDecoder();
    private final Map<String, Map<Long, Resting>> resting = new TreeMap<>();
    private final Map<String, Long> positions = new TreeMap<>();
    private final Map<String, Long> ownLimits;
    private final List<String> breaches = new ArrayList<>();
    private final List<ClientMessage> received = new ArrayList<>();
    private Fills fills = Fills.NEVER;
    private BigDecimal mark = new BigDecimal("100.00");
    private long orderIds;
    private long tradeIds;

    /** @param ownLimits each trader's own position limit (by trader id prefix, e.g. bg_mm_ → 100) */
    ToyGateway(Map<String, Long> ownLimits) {
        this.ownLimits = ownLimits;
    }

    void fills(Fills value) {
        fills = value;
    }

    /** The mark the band is checked around, and the price a market order fills at. */
    void mark(BigDecimal value) {
        mark = value;
    }

    List<String> breaches() {
        return breaches;
    }

    /** Every message received, in order. */
    List<ClientMessage> received() {
        return received;
    }

    Map<Long, Resting> resting(String traderId) {
        return resting.getOrDefault(traderId, Map.of());
    }

    long position(String traderId) {
        return positions.getOrDefault(traderId, 0L);
    }

    /** The answers to one frame, in the order the exchange sends them. */
    List<ServerMessage> answer(String frame, long time) {
        ClientMessageDecoder.Decoded decoded = decoder.decode(frame);
        if (!(decoded instanceof ClientMessageDecoder.Valid valid)) {
            breaches.add("invalid frame " + frame + ": " + decoded);
            return List.of();
        }
        ClientMessage message = valid.message();
        received.add(message);
        Map<Long, Resting> own = resting.computeIfAbsent(message.traderId(), id -> new TreeMap<>());
        if (message instanceof ClientMessage.Order order) {
            return order(order, own, time);
        }
        if (message instanceof ClientMessage.Cancel cancel) {
            Resting gone = own.remove(cancel.orderId());
            return List.of(gone == null
                    ? new ServerMessage.CancelRejected(cancel.orderId(), null, cancel.traderId(), "unknown_order",
                    Map.of(), time)
                    : new ServerMessage.OrderCancelled(gone.orderId(), gone.clientOrderId(), cancel.traderId(),
                    gone.qty(), "requested", time));
        }
        if (message instanceof ClientMessage.Replace replace) {
            Resting old = own.get(replace.orderId());
            if (old == null) {
                return List.of(new ServerMessage.ReplaceRejected(replace.orderId(), null, replace.traderId(),
                        "unknown_order", Map.of(), time));
            }
            Resting now = new Resting(old.orderId(), old.clientOrderId(), old.side(),
                    replace.price() == null ? old.price() : replace.price(),
                    replace.qty() == 0 ? old.qty() : replace.qty());
            if (replace.price() != null) {
                checkBand(replace.traderId(), now.price());
            }
            own.put(now.orderId(), now);
            checkExposure(replace.traderId(), now.side());
            return List.of(new ServerMessage.OrderReplaced(now.orderId(), now.clientOrderId(), replace.traderId(),
                    now.price(), now.qty(), time));
        }
        breaches.add("unexpected message " + message);
        return List.of();
    }

    private List<ServerMessage> order(ClientMessage.Order order, Map<Long, Resting> own, long time) {
        String trader = order.traderId();
        String side = order.side().wireName();
        if (order.qty() > 1000) {
            breaches.add(trader + ": qty " + order.qty() + " over the exchange's 1000");
        }
        if (order.price() != null) {
            checkBand(trader, order.price());
        }
        String prefix = trader.replaceAll("\\d+$", "");
        if (order.clientOrderId() == null || !order.clientOrderId().matches(trader + "-\\d+")) {
            breaches.add(trader + ": client order id " + order.clientOrderId());
        }
        long id = ++orderIds;
        List<ServerMessage> answers = new ArrayList<>();
        answers.add(new ServerMessage.OrderAccepted(id, trader, order.clientOrderId(), side,
                order.orderType().wireName(), order.price(), order.qty(), order.tif().wireName(), order.postOnly(),
                time));
        boolean takes = order.orderType() == OrderType.MARKET || order.tif() == TimeInForce.IOC;
        BigDecimal price = order.price() == null ? mark : order.price();
        if (fills == Fills.ALL || takes && fills == Fills.TAKERS) {
            long signed = order.side().sign() * order.qty();
            long position = positions.merge(trader, signed, Long::sum);
            if (Math.abs(position) > ownLimits.getOrDefault(prefix, 1000L)) {
                breaches.add(trader + ": position " + position + " over its limit");
            }
            answers.add(new ServerMessage.Fill(id, order.clientOrderId(), trader, ++tradeIds, side, price,
                    order.qty(), 0, takes ? "taker" : "maker", time));
        } else if (takes) {
            answers.add(new ServerMessage.OrderCancelled(id, order.clientOrderId(), trader, order.qty(),
                    order.orderType() == OrderType.MARKET ? "market_remainder" : "ioc_remainder", time));
        } else {
            own.put(id, new Resting(id, order.clientOrderId(), side, order.price(), order.qty()));
            if (own.size() > 200) {
                breaches.add(trader + ": " + own.size() + " resting orders");
            }
            checkExposure(trader, side);
        }
        return answers;
    }

    private void checkBand(String trader, BigDecimal price) {
        BigDecimal band = mark.multiply(new BigDecimal("0.10")).setScale(2, RoundingMode.DOWN);
        if (price.compareTo(mark.subtract(band)) < 0 || price.compareTo(mark.add(band)) > 0) {
            breaches.add(trader + ": price " + price + " outside the band around " + mark);
        }
    }

    /** The position if every resting order of that side filled: within the trader's own limit. */
    private void checkExposure(String trader, String side) {
        long sign = side.equals("buy") ? 1 : -1;
        long projected = position(trader) + sign * resting(trader).values().stream()
                .filter(order -> order.side().equals(side)).mapToLong(Resting::qty).sum();
        String prefix = trader.replaceAll("\\d+$", "");
        if (Math.abs(projected) > ownLimits.getOrDefault(prefix, 1000L)) {
            breaches.add(trader + ": projected position " + projected + " over its limit");
        }
    }
}
