package org.bourse.load;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.bourse.cli.DurationConverter;

/**
 * A checked set of load settings. {@code rate} 0 means closed loop ({@code inFlight} 1) or pipelined
 * ({@code inFlight} above 1); a positive rate means paced, with at most {@code maxOutstanding} orders awaiting
 * their ack per connection.
 */
record LoadPlan(URI uri, int connections, Duration warmup, Duration duration, int inFlight, double rate,
                int maxOutstanding, URI feedUri, int subscribers, Duration connectTimeout, Duration drainTimeout,
                long maxOrders) {

    enum Mode {
        CLOSED_LOOP("closed_loop"), PIPELINED("pipelined"), PACED("paced");

        final String key;

        Mode(String key) {
            this.key = key;
        }
    }

    Mode mode() {
        return rate > 0 ? Mode.PACED : inFlight > 1 ? Mode.PIPELINED : Mode.CLOSED_LOOP;
    }

    /** The same load against another gateway, without the feed (a baseline server has none). */
    LoadPlan against(URI target, boolean withFeed) {
        return new LoadPlan(target, connections, warmup, duration, inFlight, rate, maxOutstanding,
                withFeed ? feedUri : null, withFeed ? subscribers : 0, connectTimeout, drainTimeout, maxOrders);
    }

    /** A throwaway run of {@code length}, all of it measured (nothing is reported): warms the load tool up. */
    LoadPlan primer(Duration length) {
        return new LoadPlan(uri, connections, Duration.ZERO, length, inFlight, rate, maxOutstanding, null, 0,
                connectTimeout, drainTimeout, maxOrders);
    }

    /** The most outstanding orders one connection may have. */
    int window() {
        return mode() == Mode.PACED ? maxOutstanding : inFlight;
    }

    /** The order budget of one connection. */
    long ordersPerConnection() {
        return (maxOrders + connections - 1) / connections;
    }

    String describeMode() {
        return switch (mode()) {
            case CLOSED_LOOP -> "closed loop: each connection sends its next order when the previous one is acked";
            case PIPELINED -> "pipelined: " + inFlight + " orders in flight per connection";
            case PACED -> String.format(Locale.ROOT,
                    "paced: %s orders/s in total, latency from the intended send time, at most %d awaiting their"
                            + " ack per connection", LoadReport.number(rate), maxOutstanding);
        };
    }

    /** One line for the progress output. */
    String summary() {
        String what = switch (mode()) {
            case CLOSED_LOOP -> "closed loop";
            case PIPELINED -> "pipelined, " + inFlight + " in flight per connection";
            case PACED -> "paced at " + LoadReport.number(rate) + " orders/s";
        };
        return uri + ": " + connections + " connection" + (connections == 1 ? "" : "s") + ", " + what
                + ", warm-up " + DurationConverter.format(warmup) + ", measuring " + DurationConverter.format(duration)
                + (feedUri == null ? "" : ", " + subscribers + " feed subscriber" + (subscribers == 1 ? "" : "s")
                + " on " + feedUri);
    }
}
