package org.bourse.exchange.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Why the engine refused a command, with the names and units of the up to three values it reports in
 * {@code details}. Wire names of the reference protocol are kept verbatim.
 */
public enum RejectReason {
    INITIAL_MARGIN_INSUFFICIENT("initial_margin_insufficient",
            Detail.money("equity"), Detail.money("required_margin")),
    NO_LIQUIDITY("no_liquidity"),
    ACCOUNT_FROZEN("account_frozen", Detail.time("frozen_until")),
    ACCOUNT_BANKRUPT("account_bankrupt"),
    TRADING_HALTED("trading_halted"),
    INVALID_PRICE("invalid_price", Detail.price("price")),
    INVALID_QUANTITY("invalid_quantity", Detail.quantity("qty")),
    POST_ONLY_WOULD_TAKE("post_only_would_take", Detail.price("best_opposite_price")),
    FOK_NOT_FILLABLE("fok_not_fillable", Detail.quantity("qty"), Detail.quantity("fillable_qty")),
    MAX_ORDER_QTY_EXCEEDED("max_order_qty_exceeded", Detail.quantity("qty"), Detail.quantity("max_order_qty")),
    MAX_POSITION_EXCEEDED("max_position_exceeded",
            Detail.quantity("projected_position"), Detail.quantity("max_position")),
    PRICE_OUT_OF_BAND("price_out_of_band",
            Detail.price("reference_price"), Detail.price("min_price"), Detail.price("max_price")),
    MAX_OPEN_ORDERS_EXCEEDED("max_open_orders_exceeded",
            Detail.count("open_orders"), Detail.count("max_open_orders")),
    /** No resting order of this trader has that id (an order of another trader is answered the same way). */
    UNKNOWN_ORDER("unknown_order");

    /** What a detail value measures, so that the edge can print it in the right unit. */
    public enum Unit { MONEY, PRICE, QUANTITY, COUNT, TIME }

    /** The name and unit of one detail value. */
    public record Detail(String name, Unit unit) {
        static Detail money(String name) {
            return new Detail(name, Unit.MONEY);
        }

        static Detail price(String name) {
            return new Detail(name, Unit.PRICE);
        }

        static Detail quantity(String name) {
            return new Detail(name, Unit.QUANTITY);
        }

        static Detail count(String name) {
            return new Detail(name, Unit.COUNT);
        }

        static Detail time(String name) {
            return new Detail(name, Unit.TIME);
        }
    }

    private final String wireName;
    private final List<Detail> details;

    RejectReason(String wireName, Detail... details) {
        this.wireName = wireName;
        this.details = List.of(details);
    }

    public String wireName() {
        return wireName;
    }

    /** The detail values this reason reports, in the order of the listener's {@code detail0..2}. */
    public List<Detail> details() {
        return details;
    }

    /**
     * The reported values by name, in the reason's order, each turned into what the caller prints by
     * {@code format} (given the detail's unit and raw value).
     */
    public <V> Map<String, V> details(long detail0, long detail1, long detail2, BiFunction<Unit, Long, V> format) {
        long[] values = {detail0, detail1, detail2};
        Map<String, V> named = new LinkedHashMap<>();
        for (int i = 0; i < details.size(); i++) {
            named.put(details.get(i).name(), format.apply(details.get(i).unit(), values[i]));
        }
        return Collections.unmodifiableMap(named);
    }
}
