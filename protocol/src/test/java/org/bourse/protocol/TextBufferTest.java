package org.bourse.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A text buffer that starts with room for one byte writes exactly what Java's own encoders write, however it has to
 * grow: every kind of piece, appended in a seeded random order.
 */
class TextBufferTest {
    private static final String[] TEXTS = {"", "a", "trader_1", "é", "ß€", "\u07ff", "\u0800", "\uffff", "😀",
        "a😀b", "\ud83d", "\ude00x", "x\ud83d", "日本語", "\u007f\u0080"};

    @Test
    void growingFromOneByteItWritesWhatJavaWrites() {
        SplittableRandom random = new SplittableRandom(42);
        int pieces = 0;
        for (int round = 0; round < 300; round++) {
            TextBuffer buffer = new TextBuffer(1);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (int i = random.nextInt(1, 40); i > 0; i--, pieces++) {
                switch (random.nextInt(6)) {
                    case 0 -> {
                        String text = TEXTS[random.nextInt(TEXTS.length)];
                        buffer.utf8(text);
                        expected.writeBytes(text.getBytes(StandardCharsets.UTF_8));
                    }
                    case 1 -> {
                        String ascii = "k".repeat(random.nextInt(0, 50));
                        buffer.ascii(ascii);
                        expected.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
                    }
                    case 2 -> {
                        long value = switch (random.nextInt(4)) {
                            case 0 -> random.nextLong();
                            case 1 -> random.nextLong(-10, 10);
                            case 2 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
                            default -> random.nextLong(0, 1L << random.nextInt(1, 62));
                        };
                        buffer.number(value);
                        expected.writeBytes(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
                    }
                    case 3 -> {
                        long value = random.nextLong(0, Long.MAX_VALUE) >> random.nextInt(63);
                        int minimum = random.nextInt(1, 22);
                        buffer.digits(value, minimum);
                        String digits = Long.toString(value);
                        expected.writeBytes(("0".repeat(Math.max(0, minimum - digits.length())) + digits)
                                .getBytes(StandardCharsets.US_ASCII));
                    }
                    case 4 -> {
                        byte[] bytes = new byte[random.nextInt(0, 70)];
                        random.nextBytes(bytes);
                        buffer.append(bytes);
                        expected.writeBytes(bytes);
                    }
                    default -> {
                        byte b = (byte) random.nextInt(32, 127);
                        buffer.append(b);
                        expected.write(b);
                    }
                }
            }
            assertThat(buffer.take()).isEqualTo(expected.toByteArray());
        }
        assertThat(pieces).as("pieces appended").isGreaterThan(5_000);
    }

    @Test
    void piecesChain() {
        assertThat(new String(new TextBuffer(1).utf8("é").ascii("-").number(-7).take(), StandardCharsets.UTF_8))
                .isEqualTo("é--7");
    }

    @Test
    void levelsChainIntoOneMessage() {
        byte[] message = new JsonWriter(TickScale.cents()).begin("book_update").beginLevels("bids").level(10_005, 2)
                .level(10_004, 1).endLevels().end();
        assertThat(new String(message, StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"book_update\",\"bids\":[[100.05,2],[100.04,1]]}");
    }

    @Test
    void everyDigitCountIsWrittenWhole() {
        for (long power = 1, count = 1; count <= 19; power *= 10, count++) {
            for (long value : new long[] {power - 1, power, power + 1}) {
                if (value >= 0) {
                    assertThat(new String(new TextBuffer(1).number(value).take(), StandardCharsets.US_ASCII))
                            .isEqualTo(Long.toString(value));
                }
            }
        }
    }
}
