package org.bourse.protocol;

/**
 * What a trader id may be, and which ids belong to the background crowd: the one rule the exchange's decoder, the
 * battle config, the bot's command line and every other reader apply.
 */
public final class TraderIds {
    /** The longest id the exchange takes: a trader's, or a client order's. */
    public static final int MAX_LENGTH = 64;
    /**
     * The ids of the background crowd's traders start with this: only a crowd connection that names them in its
     * hello may trade as them, and the leaderboard can tell them from the user's bots.
     */
    public static final String BACKGROUND_PREFIX = "bg_";
    /** The trader id of a battle's background crowd connection (a lockstep participant like any bot). */
    public static final String CROWD = "crowd";
    /** How many background traders one crowd connection may speak for. */
    public static final int MAX_CROWD = 1000;

    private TraderIds() {
    }

    public static boolean isBackground(String traderId) {
        return traderId.startsWith(BACKGROUND_PREFIX);
    }

    /** Whether the id is the background crowd's (its connection's, or one of its traders'): no bot may take it. */
    public static boolean isReserved(String traderId) {
        return isBackground(traderId) || traderId.equals(CROWD);
    }

    /**
     * Why {@code id} cannot be an id on the wire (a trader's or a client order's), or null if it can. Whether an
     * empty one is allowed is the caller's to say.
     */
    public static String problem(String id) {
        if (id.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                return "must not contain control characters";
            }
        }
        return wellFormed(id) ? null : "must not contain an unpaired surrogate (half a UTF-16 character)";
    }

    /**
     * Whether the text holds whole characters only: a JSON escape such as {@code "\ud800"} can carry half a
     * character, which no UTF-8 frame can send back (a reply would name another id, {@code ?} in its place).
     */
    public static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
