package org.bourse.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.monitor.Feeds.snapshot;
import static org.bourse.monitor.Feeds.status;

import java.time.ZoneOffset;
import java.util.List;
import org.bourse.protocol.ServerMessage;
import org.junit.jupiter.api.Test;

class PlainRendererTest {

    private static final long NOW = Feeds.T0 + 60_000;
    private static final String FEED = "ws://127.0.0.1:9010";

    private final MarketModel model = new MarketModel(FEED, () -> NOW);
    private final PlainRenderer renderer = new PlainRenderer(ZoneOffset.UTC, 3);

    @Test
    void aConnectedBlockHasOneFactPerLine() {
        model.apply(snapshot(5));

        assertThat(renderer.text(model.picture(3), NOW, 42)).isEqualTo("""
                STATUS: CONNECTED feed=ws://127.0.0.1:9010 seq=5
                BOOK bid 99.95 x 3 | ask 100.05 x 2 | spread 0.10 | mid 100.00
                LEVEL 1 bid 99.95 x 3 | ask 100.05 x 2
                LEVEL 2 bid 99.90 x 5 | ask 100.10 x 4
                LEVEL 3 bid - | ask -
                MARKET mark=100.00 trading=active
                TRADES count=1 last=100.05 x 2 buyer=taker_1 seller=maker_1 at 15:46:40.002
                EVENTS applied=0 rate=42/s resyncs=0
                TRADER maker_1 position=-2 cash=10200.10 realized=0.00 unrealized=0.10 total_pnl=0.10 equity=10000.10 status=active
                TRADER taker_1 position=2 cash=9799.90 realized=0.00 unrealized=-0.10 total_pnl=-0.10 equity=9999.90 status=active

                """);
    }

    @Test
    void beforeTheFirstSnapshotEverythingIsADash() {
        model.connecting("connecting");

        assertThat(renderer.lines(model.picture(3), NOW, 0)).containsExactly(
                "STATUS: CONNECTING feed=ws://127.0.0.1:9010 seq=- detail=connecting",
                "BOOK bid - | ask - | spread - | mid -",
                "LEVEL 1 bid - | ask -",
                "LEVEL 2 bid - | ask -",
                "LEVEL 3 bid - | ask -",
                "MARKET mark=- trading=unknown",
                "TRADES count=0 last=-",
                "EVENTS applied=0 rate=0/s resyncs=0");
    }

    @Test
    void disconnectedShowsTheRetryAndTheReason() {
        model.apply(snapshot(5));
        model.disconnected("cannot connect: Connection refused", NOW + 1500);

        List<String> lines = renderer.lines(model.picture(3), NOW, 0);
        assertThat(lines.get(0)).isEqualTo(
                "STATUS: DISCONNECTED feed=ws://127.0.0.1:9010 seq=5 retry_in=1500ms "
                        + "detail=cannot connect: Connection refused");
        assertThat(lines).as("the last state heard may no longer hold").contains("MARKET mark=100.00 trading=unknown");
    }

    @Test
    void exchangeDownShowsTheRelaysDetail() {
        model.apply(snapshot(5));
        model.apply(status(false, "connection refused; retrying in 2 s"));

        List<String> lines = renderer.lines(model.picture(3), NOW, 0);
        assertThat(lines.get(0)).isEqualTo(
                "STATUS: EXCHANGE DOWN feed=ws://127.0.0.1:9010 seq=5 detail=connection refused; retrying in 2 s");
        assertThat(lines).contains("MARKET mark=100.00 trading=unknown");
    }

    @Test
    void liquidationsHaltsAndGapsFollowTheTraders() {
        model.apply(snapshot(5));
        model.apply(new ServerMessage.Liquidation(6, "taker_1", "maintenance_margin_breach", 2, "sell", 47,
                Feeds.T0 + 3123));
        model.apply(new ServerMessage.TradingStatus(7, true, Feeds.T0 + 4000));
        assertThat(renderer.lines(model.picture(3), NOW, 0)).contains("MARKET mark=100.00 trading=halted");
        model.apply(new ServerMessage.TradingStatus(9, false, Feeds.T0 + 5000));

        assertThat(renderer.lines(model.picture(3), NOW, 0)).containsSubsequence(
                "MARKET mark=100.00 trading=unknown", // fetching a new snapshot after the gap
                "TRADER taker_1 position=2 cash=9799.90 realized=0.00 unrealized=-0.10 total_pnl=-0.10 "
                        + "equity=9999.90 status=active",
                "LIQUIDATION at 15:46:43.123 trader=taker_1 reason=maintenance_margin_breach side=sell qty=2 "
                        + "order_id=47",
                "HALT at 15:46:44.000 halted=true",
                "GAP at 15:47:40.000 expected=8 got=9");
    }

    @Test
    void onlyTheLatestNoticesAreListed() {
        model.apply(snapshot(5));
        for (int i = 0; i < 8; i++) {
            model.apply(new ServerMessage.TradingStatus(6 + i, i % 2 == 0, Feeds.T0 + i * 1000));
        }

        assertThat(renderer.lines(model.picture(3), NOW, 0).stream().filter(line -> line.startsWith("HALT ")))
                .containsExactly(
                        "HALT at 15:46:43.000 halted=false",
                        "HALT at 15:46:44.000 halted=true",
                        "HALT at 15:46:45.000 halted=false",
                        "HALT at 15:46:46.000 halted=true",
                        "HALT at 15:46:47.000 halted=false");
    }
}
