package org.bourse.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.java_websocket.drafts.Draft_6455;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A frame from {@link FrameEncoder} is byte for byte the one Java-WebSocket's own encoder makes, at every length class. */
class FrameEncoderTest {
    private final Draft_6455 library = new Draft_6455();

    private ByteBuffer libraryFrame(String text) {
        return library.createBinaryFrame(library.createFrames(text, false).get(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void everyLengthClassIsEncodedAsTheLibraryDoes(int length) {
        String text = "x".repeat(length);
        assertThat(FrameEncoder.text(text)).isEqualTo(libraryFrame(text));
    }

    @Test
    void theLengthCountsUtf8BytesNotCharacters() {
        // 63 three-byte characters: 189 bytes, a 16-bit length although there are fewer than 126 characters
        String text = "€".repeat(63);
        ByteBuffer frame = FrameEncoder.text(text);
        assertThat(frame.get(1)).isEqualTo((byte) 126);
        assertThat(frame).isEqualTo(libraryFrame(text));
    }

    @Test
    void seededRandomTextsMatchTheLibrary() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(random.nextBoolean() ? 200 : 70_000);
            for (int c = 0; c < length; c++) {
                // mostly ASCII, some two- and three-byte characters (no surrogates)
                text.appendCodePoint(random.nextInt(8) == 0 ? 0x80 + random.nextInt(0xD800 - 0x80)
                        : 0x20 + random.nextInt(0x5F));
            }
            assertThat(FrameEncoder.text(text.toString())).as("text %d", i).isEqualTo(libraryFrame(text.toString()));
        }
    }
}
