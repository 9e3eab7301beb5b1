package org.bourse.monitor;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.bourse.protocol.ServerMessage.Level;

/** How numbers and times are written, the same way on screen and in plain text. */
final class Formats {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Formats() {
    }

    /** A price or an amount exactly as the feed printed it (never in exponent form); "-" when there is none. */
    static String decimal(BigDecimal value) {
        return value == null ? "-" : value.toPlainString();
    }

    /** "99.95 x 3", or "-" for a missing level. */
    static String level(Level level) {
        return level == null ? "-" : decimal(level.price()) + " x " + level.qty();
    }

    /** A position with its sign: +4, -4, 0. */
    static String position(long position) {
        return position > 0 ? "+" + position : Long.toString(position);
    }

    /** HH:mm:ss.SSS in {@code zone}. */
    static String time(long epochMillis, ZoneId zone) {
        return CLOCK.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** Whole seconds left until {@code atMillis}, rounded up: "3 s". */
    static String countdown(long atMillis, long nowMillis) {
        long left = Math.max(0, atMillis - nowMillis);
        return (left + 999) / 1000 + " s";
    }
}
