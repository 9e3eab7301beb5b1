package org.bourse.protocol;

/** What a trader id may be, and which ids belong to the background crowd. */
public final class TraderIds {
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
}
