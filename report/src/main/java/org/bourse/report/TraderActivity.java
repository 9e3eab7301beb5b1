package org.bourse.report;

import java.util.SortedMap;

/**
 * What a trader sent the order gateway, which only the journal records (orders and their rejects are private to
 * the trader's connection: the public events and the CSVs know only what traded).
 *
 * @param ordersSent       orders (new orders, not cancels or replaces) the trader sent
 * @param quantitySent     their quantity, in lots
 * @param rejectsByReason  reject reason → how many of its messages were rejected for it
 */
public record TraderActivity(long ordersSent, long quantitySent, SortedMap<String, Long> rejectsByReason) {
}
