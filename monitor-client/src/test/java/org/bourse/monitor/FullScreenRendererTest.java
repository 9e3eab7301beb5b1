package org.bourse.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bourse.monitor.Feeds.position;
import static org.bourse.monitor.Feeds.snapshot;
import static org.bourse.monitor.Feeds.status;

import java.time.ZoneOffset;
import java.util.List;
import org.bourse.protocol.ServerMessage;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FullScreenRendererTest {

    private static final long NOW = Feeds.T0 + 60_000;

    private final MarketModel model = new MarketModel("ws://127.0.0.1:9010", () -> NOW);
    private final FullScreenRenderer renderer = new FullScreenRenderer(ZoneOffset.UTC, 5, new Palette(true));

    @Test
    void aStandardTerminalShowsStatusBookTapeAndTraders() {
        model.apply(snapshot(5));

        List<String> screen = text(renderer.frame(model.picture(5), NOW, 1234, 80, 24));

        assertThat(screen.get(0)).startsWith("STATUS: CONNECTED  ws://127.0.0.1:9010").endsWith("q: quit");
        assertThat(screen.get(1)).contains("seq 5", "events 1234/s", "mark 100.00", "trading active");
        assertThat(screen).anySatisfy(line -> assertThat(line)
                .contains("BID 99.95 x 3", "ASK 100.05 x 2", "SPREAD 0.10", "MID 100.00", "TRADES 1"));
        // the ladder, with the tape beside it: the last trade, buyer and seller
        assertThat(screen).anySatisfy(line -> assertThat(line)
                .matches("\\s+3\\s+99\\.95 \\| 100\\.05\\s+2\\s+15:46:40\\.002\\s+100\\.05\\s+2\\s+taker_1 / maker_1\\s*"));
        assertThat(screen).anySatisfy(line -> assertThat(line).matches("\\s+5\\s+99\\.90 \\| 100\\.10\\s+4\\s*"));
        assertThat(screen).anySatisfy(line -> assertThat(line)
                .matches("maker_1\\s+-2\\s+10200\\.10\\s+0\\.00\\s+0\\.10\\s+0\\.10\\s+10000\\.10\\s*"));
        assertThat(screen).anySatisfy(line -> assertThat(line)
                .matches("taker_1\\s+\\+2\\s+9799\\.90\\s+0\\.00\\s+-0\\.10\\s+-0\\.10\\s+9999\\.90\\s*"));
        assertThat(screen).anySatisfy(line -> assertThat(line)
                .contains("TRADER", "POS", "CASH", "REALIZED", "UNREALIZED", "TOTAL PNL", "EQUITY"));
    }

    @Test
    void aLargeTerminalAddsTheAverageEntry() {
        model.apply(snapshot(5));

        List<String> screen = text(renderer.frame(model.picture(5), NOW, 0, 120, 40));

        assertThat(screen).anySatisfy(line -> assertThat(line).contains("AVG ENTRY"));
        assertThat(screen).anySatisfy(line -> assertThat(line).matches("maker_1\\s+-2\\s+100\\.05\\s+10200\\.10.*"));
    }

    @ParameterizedTest
    @CsvSource({"80, 24", "120, 40", "40, 12", "20, 5", "200, 60", "1, 1"})
    void everyFrameFillsTheScreenAndStaysClearOfTheLastColumn(int columns, int rows) {
        model.apply(snapshot(5));
        for (int i = 0; i < 30; i++) {
            model.apply(position(6 + i, "trader_with_a_rather_long_name_" + i, i, "10000.00", "100.00", "0.00",
                    "0.00", "10000.00", "100.00"));
        }
        for (int i = 0; i < 10; i++) {
            model.apply(new ServerMessage.TradingStatus(36 + i, i % 2 == 0, Feeds.T0 + i));
        }

        List<AttributedString> frame = renderer.frame(model.picture(5), NOW, 0, columns, rows);

        assertThat(frame).hasSize(rows);
        assertThat(frame).allSatisfy(line -> assertThat(line.columnLength()).isLessThan(Math.max(1, columns)));
        assertThat(frame.get(0).toString()).startsWith("STATUS: CONNECTED".substring(0, Math.min(17, columns - 1)));
    }

    @Test
    void tooManyTradersToShowAreCounted() {
        model.apply(snapshot(5));
        for (int i = 0; i < 30; i++) {
            model.apply(position(6 + i, String.format("t%02d", i), 0, "10000.00", null, "0.00", "0.00",
                    "10000.00", "100.00"));
        }

        List<String> screen = text(renderer.frame(model.picture(5), NOW, 0, 80, 24));

        assertThat(screen.get(23)).isEqualTo("... and " + (32 - 11) + " more");
        assertThat(screen).anySatisfy(line -> assertThat(line).startsWith("maker_1"));
    }

    @Test
    void aShortScreenKeepsTheTradersBeforeDepthAndNotices() {
        model.apply(snapshot(5));
        model.apply(new ServerMessage.TradingStatus(6, true, Feeds.T0));

        List<String> screen = text(renderer.frame(model.picture(5), NOW, 0, 80, 10));

        assertThat(screen).anySatisfy(line -> assertThat(line).startsWith("maker_1"));
        assertThat(screen).anySatisfy(line -> assertThat(line).startsWith("taker_1"));
        assertThat(screen).anySatisfy(line -> assertThat(line).contains("99.95 | 100.05"));
        assertThat(screen).noneSatisfy(line -> assertThat(line).contains("99.90 | 100.10"));
        assertThat(screen).noneSatisfy(line -> assertThat(line).contains("LIQUIDATIONS, HALTS & BOTS"));
    }

    @Test
    void aMidSizedScreenShowsTheLatestNoticeBeforeTheFullLadder() {
        model.apply(snapshot(5));
        model.apply(new ServerMessage.TradingStatus(6, true, Feeds.T0));

        List<String> screen = text(renderer.frame(model.picture(5), NOW, 0, 80, 16));

        assertThat(screen).contains("LIQUIDATIONS, HALTS & BOTS (latest first)");
        assertThat(screen).anySatisfy(line -> assertThat(line).startsWith("taker_1"));
    }

    @Test
    void aNarrowScreenDropsTheTapeButKeepsTheLastTrade() {
        model.apply(snapshot(5));

        List<String> screen = text(renderer.frame(model.picture(5), NOW, 0, 60, 24));

        assertThat(screen).noneSatisfy(line -> assertThat(line).contains("BUYER / SELLER"));
        assertThat(screen).anySatisfy(line -> assertThat(line)
                .isEqualTo("LAST 100.05 x 2  taker_1 / maker_1  15:46:40.002"));
        assertThat(screen).anySatisfy(line -> assertThat(line).startsWith("maker_1").contains("10000.10"));
    }

    @Test
    void notConnectedSaysWhyAndHowOldTheFiguresAre() {
        model.apply(snapshot(5));
        model.apply(status(false, "connection refused; retrying in 2 s"));
        List<String> down = text(renderer.frame(model.picture(5), NOW, 0, 120, 40));
        assertThat(down.get(0)).startsWith("STATUS: EXCHANGE DOWN");
        assertThat(down.get(2)).isEqualTo("Relay up, exchange down: connection refused; retrying in 2 s"
                + "  (as of seq 5)");

        long[] now = {NOW};
        MarketModel silent = new MarketModel("ws://127.0.0.1:9010", () -> now[0]);
        silent.apply(snapshot(5));
        now[0] += MarketModel.DEFAULT_STALE_AFTER.toMillis() + 2_000;
        List<String> stale = text(renderer.frame(silent.picture(5), now[0], 0, 120, 40));
        assertThat(stale.get(0)).startsWith("STATUS: STALE");
        assertThat(stale.get(2)).isEqualTo("Stale: nothing from the feed for 5 s, not even a heartbeat  (as of seq 5)");

        model.disconnected("cannot connect: Connection refused", NOW + 2100);
        List<String> lost = text(renderer.frame(model.picture(5), NOW, 0, 120, 40));
        assertThat(lost.get(0)).startsWith("STATUS: DISCONNECTED");
        assertThat(lost.get(2)).isEqualTo("cannot connect: Connection refused; retry in 3 s  (as of seq 5)");
    }

    @Test
    void liquidationsAndHaltsAreListedNewestFirst() {
        model.apply(snapshot(5));
        model.apply(new ServerMessage.Liquidation(6, "taker_1", "maintenance_margin_breach", 2, "sell", 47,
                Feeds.T0 + 3123));
        model.apply(new ServerMessage.TradingStatus(7, true, Feeds.T0 + 4000));

        List<String> screen = text(renderer.frame(model.picture(5), NOW, 0, 80, 24));

        int header = screen.indexOf("LIQUIDATIONS, HALTS & BOTS (latest first)");
        assertThat(header).isPositive();
        assertThat(screen.get(header + 1)).isEqualTo("15:46:44.000  HALT         trading halted");
        assertThat(screen.get(header + 2))
                .isEqualTo("15:46:43.123  LIQUIDATION  taker_1  maintenance_margin_breach  sell 2");
        assertThat(screen.get(1)).contains("trading HALTED");
    }

    @Test
    void coloursMarkDirectionsUnlessTurnedOff() {
        model.apply(snapshot(5));
        FullScreenRenderer plain = new FullScreenRenderer(ZoneOffset.UTC, 5, new Palette(false));

        List<AttributedString> coloured = renderer.frame(model.picture(5), NOW, 0, 80, 24);
        List<AttributedString> monochrome = plain.frame(model.picture(5), NOW, 0, 80, 24);

        assertThat(text(coloured)).isEqualTo(text(monochrome));
        assertThat(styleOf(coloured, "99.95")).isEqualTo(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN));
        assertThat(styleOf(coloured, "100.05")).isEqualTo(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED));
        assertThat(styleOf(monochrome, "99.95")).isEqualTo(AttributedStyle.DEFAULT);
    }

    @ParameterizedTest
    @CsvSource({
        "taker_1, maker_1, 17, taker_1 / maker_1",
        "taker_1, mean_reversion_bot_7, 17, taker_1 / mean_r~",
        "mean_reversion_bot_7, taker_1, 17, mean_r~ / taker_1",
        "momentum_bot_1, mean_reversion_bot_7, 17, moment~ / mean_r~",
        "a, mean_reversion_bot_7, 17, a / mean_reversi~"})
    void longNamesOnTheTapeShareTheRoom(String buyer, String seller, int width, String shown) {
        MarketPicture.TradeRow trade = new MarketPicture.TradeRow(Feeds.d("100.00"), 1, buyer, seller, 0, 0);

        assertThat(FullScreenRenderer.parties(trade, width)).isEqualTo(shown).hasSizeLessThanOrEqualTo(width);
    }

    /** The style of the first character of the first occurrence of {@code text} below the header. */
    private static AttributedStyle styleOf(List<AttributedString> frame, String text) {
        for (AttributedString line : frame.subList(3, frame.size())) {
            int at = line.toString().indexOf(text);
            if (at >= 0) {
                return line.styleAt(at);
            }
        }
        throw new AssertionError(text + " is not on screen");
    }

    static List<String> text(List<AttributedString> frame) {
        return frame.stream().map(line -> line.toString().stripTrailing()).toList();
    }
}
