package org.bourse.bot;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bourse.api.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A trader's rejections in its log at INFO, readable at any rate: the first {@value #VERBATIM} one line each, with
 * the reason and its details, then counts per reason, at most one line per 10 s and one more when the bot stops.
 * The 10 s are the trader's time: a turn's virtual time in lockstep (the same lines every run), the wall clock's in
 * real time. Every rejection is still at DEBUG. Used by one thread at a time, as the {@link Trader} is.
 */
final class RejectionLog {
    private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);
    static final int VERBATIM = 5;
    static final long SUMMARY_MILLIS = 10_000;

    private final String traderId;
    /** Reasons in alphabetical order: a summary line reads the same for the same counts. */
    private final SortedMap<String, Long> counted = new TreeMap<>();
    private long shown;
    private long lastLineAt;

    RejectionLog(String traderId) {
        this.traderId = traderId;
    }

    void rejected(Rejection rejection, long now) {
        String line = rejection.what() + " rejected: " + rejection.reason()
                + (rejection.detail() == null ? "" : " (" + rejection.detail() + ")");
        if (shown < VERBATIM) {
            shown++;
            LoggingEventBuilder event = LOG.atInfo().addKeyValue("trader", traderId)
                    .addKeyValue("reason", rejection.reason());
            if (rejection.orderId() > 0) { // a refused new order has none
                event = event.addKeyValue("order_id", rejection.orderId());
            }
            if (rejection.clientOrderId() != null) {
                event = event.addKeyValue("client_order_id", rejection.clientOrderId());
            }
            event.log("{}: {}{}", traderId, line, shown == VERBATIM
                    ? "; further rejections are counted by reason, one line every 10 s" : "");
            lastLineAt = now;
            return;
        }
        LOG.debug("{}: {}", traderId, line);
        counted.merge(rejection.reason(), 1L, Long::sum);
        summarizeIfDue(now);
    }

    /** The counts since the last line, once 10 s have passed since it. */
    void summarizeIfDue(long now) {
        if (!counted.isEmpty() && now - lastLineAt >= SUMMARY_MILLIS) {
            summarize();
            lastLineAt = now;
        }
    }

    /** The counts since the last line, if any: when the bot stops. */
    void summarize() {
        if (counted.isEmpty()) {
            return;
        }
        long total = counted.values().stream().mapToLong(Long::longValue).sum();
        String byReason = counted.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
        LOG.info("{}: {} more {}: {}", traderId, total, total == 1 ? "rejection" : "rejections", byReason);
        counted.clear();
    }
}
