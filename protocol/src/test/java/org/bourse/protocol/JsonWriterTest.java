package org.bourse.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link JsonWriter} and {@link TickScale}'s fast formatting write is exactly what {@link WireJson} (Jackson's
 * data binding, the definition of the wire format) and {@code BigDecimal.toPlainString} write.
 */
class JsonWriterTest {
    private static final String SPECIAL = "\"\\/\b\t\n\f\r\u0000\u0001\u001f\u007f";

    private static String text(TextBuffer buffer) {
        return new String(buffer.array(), 0, buffer.length(), StandardCharsets.UTF_8);
    }

    /** Values of every size and sign, the edges of a long included. */
    private static long value(SplittableRandom random) {
        return switch (random.nextInt(12)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE - random.nextInt(3);
            case 2 -> Long.MIN_VALUE + random.nextInt(3);
            case 3 -> random.nextLong();
            case 4 -> -random.nextLong(1, 1_000);
            case 5 -> random.nextLong(1, 1L << 40) * (random.nextBoolean() ? 1 : -1);
            default -> random.nextLong(0, 100_000_000);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.01", "0.05", "1", "10", "0.0001", "0.25", "0.5", "0.00000000000001",
        "0.0000000000000001", "1000000000000000000000", "7"})
    void decimalsAndRatiosAreTheBigDecimalsPlainStrings(String tick) {
        TickScale scale = new TickScale(new BigDecimal(tick));
        SplittableRandom random = new SplittableRandom(tick.hashCode());
        TextBuffer out = new TextBuffer(8);
        for (int i = 0; i < 20_000; i++) {
            long units = value(random);
            assertThat(text(scale.appendDecimal(out.clear(), units))).as("%s ticks of %s", units, tick)
                    .isEqualTo(scale.decimal(units).toPlainString());
            long divisor = switch (random.nextInt(4)) {
                case 0 -> value(random);
                case 1 -> 2 * random.nextLong(1, 50); // exact halves come up with even divisors
                default -> random.nextLong(1, 2_000) * (random.nextBoolean() ? 1 : -1);
            };
            if (divisor != 0) {
                assertThat(text(scale.appendRatio(out.clear(), units, divisor)))
                        .as("%s / %s ticks of %s", units, divisor, tick)
                        .isEqualTo(scale.ratio(units, divisor).toPlainString());
            }
        }
    }

    @Test
    void halvesRoundToEven() {
        TickScale cents = TickScale.cents();
        TextBuffer out = new TextBuffer(8);
        // six decimals: 0.01 / 32 = 0.0003125 -> 0.000312 (2 is even); 0.03 / 32 = 0.0009375 -> 0.000938
        assertThat(text(cents.appendRatio(out.clear(), 1, 32))).isEqualTo("0.000312");
        assertThat(text(cents.appendRatio(out.clear(), 3, 32))).isEqualTo("0.000938");
        assertThat(text(cents.appendRatio(out.clear(), -3, 32))).isEqualTo("-0.000938");
        assertThat(text(cents.appendRatio(out.clear(), 0, -7))).isEqualTo("0.00");
        assertThat(text(cents.appendRatio(out.clear(), 30_000, 3))).isEqualTo("100.00");
    }

    @Test
    void stringsAreEscapedAndEncodedAsJacksonAndUtf8Do() {
        SplittableRandom random = new SplittableRandom(20261207);
        JsonWriter json = new JsonWriter(TickScale.cents());
        List<String> samples = new ArrayList<>(List.of("", SPECIAL, "trader-é", "トレーダー", "😀 smile",
                "lone \uD800 high", "lone \uDC00 low", "\uDBFF\uDFFF"));
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(switch (random.nextInt(5)) {
                    case 0 -> SPECIAL.charAt(random.nextInt(SPECIAL.length()));
                    case 1 -> (char) random.nextInt(0x20);
                    case 2 -> (char) random.nextInt(0x10000);
                    default -> (char) ('a' + random.nextInt(26));
                });
            }
            samples.add(text.toString());
        }
        for (String sample : samples) {
            ServerMessage.OrderCancelled record = new ServerMessage.OrderCancelled(7, sample, null, 3, "requested", 9);
            byte[] written = json.begin("order_cancelled").field("order_id", 7L).field("client_order_id", sample)
                    .field("trader_id", (String) null).field("qty", 3L).field("reason", "requested")
                    .field("timestamp", 9L).end();
            assertThat(written).as("%s", sample).isEqualTo(WireJson.encodeUtf8(record));
        }
    }

    @Test
    void everyKindOfFieldMatchesDataBinding() {
        SplittableRandom random = new SplittableRandom(7);
        TickScale scale = new TickScale(new BigDecimal("0.05"));
        JsonWriter json = new JsonWriter(scale);
        for (int i = 0; i < 5_000; i++) {
            long seq = value(random);
            long bid = value(random);
            boolean flag = random.nextBoolean();
            List<ServerMessage.Level> levels = new ArrayList<>();
            json.begin("book_update").field("seq", seq).decimal("best_bid", bid).nullField("best_ask")
                    .beginLevels("bids");
            for (int n = random.nextInt(4); n > 0; n--) {
                long price = value(random);
                long qty = value(random);
                levels.add(new ServerMessage.Level(scale.decimal(price), qty));
                json.level(price, qty);
            }
            json.endLevels().beginLevels("asks").endLevels().price("mark_price", bid).field("timestamp", seq ^ 5);
            byte[] written = json.end();
            ServerMessage.BookUpdate record = new ServerMessage.BookUpdate(seq, scale.decimal(bid), null, levels,
                    List.of(), scale.decimal(bid), seq ^ 5);
            assertThat(written).isEqualTo(WireJson.encodeUtf8(record));

            byte[] accepted = json.begin("order_accepted").field("order_id", seq).field("trader_id", "t")
                    .field("client_order_id", (String) null).field("side", "buy").field("order_type", "limit")
                    .ratio("price", bid, 3).field("qty", 1L).field("tif", "gtc").field("post_only", flag)
                    .field("timestamp", 2L).end();
            assertThat(accepted).isEqualTo(WireJson.encodeUtf8(new ServerMessage.OrderAccepted(seq, "t", null, "buy",
                    "limit", scale.ratio(bid, 3), 1, "gtc", flag, 2)));
        }
    }
}
