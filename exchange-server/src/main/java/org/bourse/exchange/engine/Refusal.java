package org.bourse.exchange.engine;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Why the engine refused an order or a replace: the reason and its details, named and ordered by the reason's
 * {@link RejectReason#details()}. The engine owns one and the check that refuses fills it, so that a refusal
 * allocates nothing; like the engine's other arguments it is valid only during the listener's call.
 */
public final class Refusal {
    private RejectReason reason;
    private long first;
    private long second;
    private long third;

    Refusal of(RejectReason reason) {
        return of(reason, 0, 0, 0);
    }

    Refusal of(RejectReason reason, long first) {
        return of(reason, first, 0, 0);
    }

    Refusal of(RejectReason reason, long first, long second) {
        return of(reason, first, second, 0);
    }

    Refusal of(RejectReason reason, long first, long second, long third) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.first = first;
        this.second = second;
        this.third = third;
        return this;
    }

    public RejectReason reason() {
        return reason;
    }

    /** Every detail by name, in the reason's order, each value formatted by its unit (what goes on the wire). */
    public <V> Map<String, V> details(BiFunction<RejectReason.Unit, Long, V> format) {
        return reason.details(first, second, third, format);
    }
}
