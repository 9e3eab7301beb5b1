package org.bourse.exchange.journal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.protocol.TickScale;

/**
 * What a journal says about itself, at its start: enough to replay it without any other input (the engine's
 * settings and the tick size) and to refuse continuing it with other settings.
 *
 * @param formatVersion the layout of the file; a reader refuses a version it does not know
 * @param bourseVersion the Bourse that wrote it (a replay by another version is exact only if the rules are equal)
 * @param tickSize      the price increment, as the decimal the exchange was given
 * @param engine        the engine's settings, in engine units
 * @param startTime     when the market opened (epoch ms)
 */
public record JournalHeader(int formatVersion, String bourseVersion, String tickSize, EngineConfig engine,
                            long startTime) {

    /** The format this version writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public static JournalHeader of(String bourseVersion, TickScale scale, EngineConfig engine, long startTime) {
        return new JournalHeader(FORMAT_VERSION, bourseVersion, scale.tickSize().toPlainString(), engine, startTime);
    }

    public TickScale scale() {
        return new TickScale(new BigDecimal(tickSize));
    }

    /**
     * How this journal's market differs from one with {@code scale} and {@code engine}, as the exchange's options
     * ({@code --tick-size 0.05 here, 0.01 now}); empty when they are equal.
     */
    public List<String> differencesFrom(TickScale scale, EngineConfig engine) {
        List<String> differences = new ArrayList<>();
        TickScale own = scale();
        if (own.tickSize().compareTo(scale.tickSize()) != 0) {
            differences.add("--tick-size " + own.tickSize().toPlainString() + " (now " + scale.tickSize().toPlainString()
                    + ")");
            return differences; // every other value is in ticks, so they would all differ
        }
        EngineConfig mine = this.engine;
        money(differences, "--starting-cash", own, mine.startingCash(), engine.startingCash());
        money(differences, "--reference-price", own, mine.initialReferencePrice(), engine.initialReferencePrice());
        fraction(differences, "--initial-margin", mine.initialMarginBps(), engine.initialMarginBps());
        fraction(differences, "--maintenance-margin", mine.maintenanceMarginBps(), engine.maintenanceMarginBps());
        if (mine.selfTradePrevention() != engine.selfTradePrevention()) {
            differences.add("--self-trade " + mine.selfTradePrevention().wireName() + " (now "
                    + engine.selfTradePrevention().wireName() + ")");
        }
        whole(differences, "--max-order-qty", mine.maxOrderQuantity(), engine.maxOrderQuantity());
        whole(differences, "--max-position", mine.maxPosition(), engine.maxPosition());
        fraction(differences, "--price-band", mine.priceBandBps(), engine.priceBandBps());
        whole(differences, "--max-open-orders", mine.maxOpenOrders(), engine.maxOpenOrders());
        whole(differences, "--liquidation-cooldown-ms", mine.liquidationCooldownMillis(),
                engine.liquidationCooldownMillis());
        return differences;
    }

    private static void money(List<String> out, String option, TickScale scale, long journal, long now) {
        if (journal != now) {
            out.add(option + " " + scale.decimal(journal).toPlainString() + " (now " + scale.decimal(now).toPlainString()
                    + ")");
        }
    }

    private static void fraction(List<String> out, String option, long journalBps, long nowBps) {
        if (journalBps != nowBps) {
            out.add(option + " " + BigDecimal.valueOf(journalBps, 4).stripTrailingZeros().toPlainString() + " (now "
                    + BigDecimal.valueOf(nowBps, 4).stripTrailingZeros().toPlainString() + ")");
        }
    }

    private static void whole(List<String> out, String option, long journal, long now) {
        if (journal != now) {
            out.add(option + " " + journal + " (now " + now + ")");
        }
    }
}
