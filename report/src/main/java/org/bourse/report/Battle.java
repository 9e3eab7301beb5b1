package org.bourse.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a run folder tells about a battle, in the exchange's own numbers: its trades, every account update and,
 * when the folder has the event stream, the top of the book after each change and the events themselves (for the
 * replay). Lists are in the order the exchange produced them.
 *
 * @param eventLines  each line of events.jsonl, exactly as the stream sent it; empty without events
 * @param quotes      the best bid and ask after each book change; empty without events
 * @param decimals    the tick's decimals, as the files print prices
 * @param startingCash each trader's cash before its first trade, from the events, else as assumed
 * @param notes       what the folder lacks or held that the reader should know, one line each
 */
public record Battle(List<String> eventLines, List<Trade> trades, List<AccountUpdate> updates, List<Quote> quotes,
                     int decimals, StartingCash startingCash, List<String> notes) {

    /** One trade; {@code aggressor} ("buy" or "sell") is null when only trades.csv told of it. */
    public record Trade(long timestamp, BigDecimal price, long qty, String buyer, String seller, String aggressor) {
    }

    /** A trader's account as the exchange stated it after a trade (a position_update, a performance.csv row). */
    public record AccountUpdate(long timestamp, String trader, long position, BigDecimal cash,
                                BigDecimal realizedPnl, BigDecimal totalEquity) {
    }

    /** The best bid and ask (either may be null) from {@code timestamp} on. */
    public record Quote(long timestamp, BigDecimal bestBid, BigDecimal bestAsk) {
    }

    public boolean hasEvents() {
        return !eventLines.isEmpty();
    }
}
