package org.bourse.bot.crowd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.bourse.protocol.MarketView;
import org.bourse.protocol.ServerMessage;
import org.bourse.protocol.TickScale;
import org.bourse.scenario.Crowd;
import org.bourse.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** The crowd as an agent: what the feed said before its welcome counts, and its market starts at the welcome. */
class CrowdAgentTest {
    private static final long START = 1_767_225_600_000L;
    private static final BigDecimal CASH = new BigDecimal("10000.00");

    private static CrowdAgent agent() {
        return new CrowdAgent(Scenario.preset("lively"), 7, TickScale.cents(), Crowd.Limits.EXCHANGE_DEFAULTS);
    }

    private static ServerMessage.Snapshot snapshot() {
        return new ServerMessage.Snapshot(3, null, null, List.of(), List.of(), new BigDecimal("100.00"), null, 0,
                List.of(), List.of(), false, START);
    }

    private static ServerMessage.BookUpdate book(long seq) {
        return new ServerMessage.BookUpdate(seq, new BigDecimal("99.90"), new BigDecimal("100.10"),
                List.of(new ServerMessage.Level(new BigDecimal("99.90"), 5)),
                List.of(new ServerMessage.Level(new BigDecimal("100.10"), 5)), new BigDecimal("100.00"), START);
    }

    private static void welcomeAll(CrowdAgent crowd) {
        for (String trader : crowd.traders()) {
            crowd.welcome(new ServerMessage.Welcome(trader, 0, CASH, null, BigDecimal.ZERO, BigDecimal.ZERO, CASH,
                    new BigDecimal("100.00"), false, List.of(), START));
        }
    }

    @Test
    void theFeedBeforeTheWelcomeIsKeptForTheCrowd() {
        CrowdAgent early = agent();
        assertThat(early.feed(snapshot())).isEqualTo(MarketView.Outcome.APPLIED);
        assertThat(early.feed(book(4))).isEqualTo(MarketView.Outcome.APPLIED);
        assertThat(early.isLive()).as("not before its welcome").isFalse();
        assertThat(early.lastSeq()).isEqualTo(4);
        welcomeAll(early);
        assertThat(early.isLive()).isTrue();
        assertThat(early.lastSeq()).isEqualTo(4);

        CrowdAgent late = agent();
        welcomeAll(late);
        late.feed(snapshot());
        late.feed(book(4));

        // the same market whichever came first: the same frames, turn after turn
        List<String> fromEarly = new ArrayList<>();
        List<String> fromLate = new ArrayList<>();
        for (long t = START; t < START + 5_000; t += early.decisionIntervalMillis()) {
            fromEarly.addAll(early.decide(t));
            fromLate.addAll(late.decide(t));
        }
        assertThat(fromEarly).isNotEmpty().isEqualTo(fromLate);
        assertThat(fromEarly).allSatisfy(frame -> assertThat(frame).contains("\"trader_id\":\"bg_"));
    }

    @Test
    void itsHelloNamesEveryBackgroundTraderAndItWritesTheFundamentalItTradedOn() throws Exception {
        CrowdAgent crowd = agent();
        assertThat(crowd.hello(null, 100, 0)).startsWith("{\"type\":\"hello\",\"trader_id\":\"crowd\",\"lockstep\":")
                .contains("\"crowd\":[\"bg_mm_1\",");
        assertThat(crowd.traders()).hasSize(Scenario.preset("lively").crowd().size());

        welcomeAll(crowd);
        crowd.feed(snapshot());
        crowd.decide(START + 1_000);
        StringWriter csv = new StringWriter();
        crowd.writeFundamental(csv);
        List<String> lines = csv.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("timestamp,fundamental");
        assertThat(lines.get(1)).isEqualTo(START + ",100.00");
        assertThat(lines).hasSize(1 + 11).last().asString().startsWith((START + 1_000) + ",");
    }
}
