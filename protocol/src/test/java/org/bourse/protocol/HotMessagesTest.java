package org.bourse.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The hand-written encoders of the per-order messages give exactly the text Jackson's data binding gives, which
 * defines the wire format for every other message.
 */
class HotMessagesTest {

    private static String databind(ServerMessage message) throws JsonProcessingException {
        return WireJson.mapper().writeValueAsString(message);
    }

    @Test
    void theDocumentedExamplesAreEncodedAsDataBindingEncodesThem() throws Exception {
        int hot = 0;
        for (ServerMessage message : Examples.all()) {
            String text = HotMessages.encode(message);
            if (text != null) {
                hot++;
                assertThat(text).as(message.getClass().getSimpleName()).isEqualTo(databind(message));
            }
            assertThat(WireJson.encode(message)).isEqualTo(databind(message));
        }
        assertThat(hot).as("examples of hand-written messages").isGreaterThanOrEqualTo(6);
    }

    @Test
    void seededRandomMessagesOfEveryHandWrittenTypeMatchDataBinding() throws Exception {
        SplittableRandom random = new SplittableRandom(20261122);
        List<Function<SplittableRandom, ServerMessage>> makers = List.of(
                r -> new ServerMessage.OrderAccepted(r.nextLong(), text(r), text(r), text(r), text(r), decimal(r),
                        r.nextLong(), text(r), r.nextBoolean(), r.nextLong()),
                r -> new ServerMessage.Fill(r.nextLong(), text(r), text(r), r.nextLong(), text(r), decimal(r),
                        r.nextLong(), r.nextLong(), text(r), r.nextLong()),
                r -> new ServerMessage.OrderCancelled(r.nextLong(), text(r), text(r), r.nextLong(), text(r),
                        r.nextLong()),
                r -> new ServerMessage.Trade(r.nextLong(), r.nextLong(), decimal(r), r.nextLong(), text(r), text(r),
                        text(r), r.nextLong(), r.nextLong(), r.nextLong()),
                r -> new ServerMessage.BookUpdate(r.nextLong(), decimal(r), decimal(r), levels(r), levels(r),
                        r.nextLong()),
                r -> new ServerMessage.PositionUpdate(r.nextLong(), text(r), r.nextLong(), decimal(r), decimal(r),
                        decimal(r), decimal(r), decimal(r), decimal(r), r.nextLong()));
        for (int i = 0; i < 20_000; i++) {
            ServerMessage message = makers.get(i % makers.size()).apply(random);
            assertThat(HotMessages.encode(message)).as("message %d: %s", i, message).isEqualTo(databind(message));
        }
    }

    private static final String SPECIAL = "\"\\/\b\t\n\f\r\u0000\u0001\u001f\u007f";

    /** Null now and then; otherwise ASCII with quotes, backslashes and control characters, or any BMP text. */
    private static String text(SplittableRandom random) {
        if (random.nextInt(10) == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            int c = switch (random.nextInt(6)) {
                case 0 -> SPECIAL.charAt(random.nextInt(SPECIAL.length()));
                case 1 -> 0x80 + random.nextInt(0xD800 - 0x80);
                default -> 0x20 + random.nextInt(0x5F);
            };
            text.appendCodePoint(c);
        }
        return text.toString();
    }

    /** Null now and then; otherwise any sign, any scale from -3 to 12, up to 30 digits. */
    private static BigDecimal decimal(SplittableRandom random) {
        if (random.nextInt(10) == 0) {
            return null;
        }
        BigInteger unscaled = new BigInteger(1 + random.nextInt(100), new java.util.Random(random.nextLong()));
        return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(16) - 3);
    }

    private static List<ServerMessage.Level> levels(SplittableRandom random) {
        List<ServerMessage.Level> levels = new ArrayList<>();
        for (int n = random.nextInt(12); n > 0; n--) {
            levels.add(new ServerMessage.Level(decimal(random), random.nextLong()));
        }
        return levels;
    }
}
