package org.bourse.report;

import java.util.SortedMap;

/** The traders' order activity for a report: known (from a journal) or not, and then why not. */
public sealed interface Activity {

    /** Activity of every trader who sent anything, by trader id. */
    record Known(SortedMap<String, TraderActivity> byTrader) implements Activity {
    }

    /** Not available; {@code why} is one line for the report. */
    record Unknown(String why) implements Activity {
    }

    /** What a run folder without a journal gets. */
    Activity NO_JOURNAL = new Unknown("no journal in this folder: fill ratio, order-to-trade ratio and rejects by "
            + "reason need every order each trader sent, which only the journal records");
}
