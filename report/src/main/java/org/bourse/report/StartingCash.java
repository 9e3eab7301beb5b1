package org.bourse.report;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Each trader's cash before its first trade. The events state it exactly (any account update's total equity minus
 * its realized and unrealized PnL); the CSVs do not, so a report made from them assumes the exchange's setting.
 *
 * @param known   the traders whose starting cash the events stated
 * @param assumed everyone else's
 */
public record StartingCash(Map<String, BigDecimal> known, BigDecimal assumed) {

    public BigDecimal of(String trader) {
        return known.getOrDefault(trader, assumed);
    }
}
