package org.bourse.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Server-to-client WebSocket frames (RFC 6455 §5.2: unmasked, no extension), encoded directly. Java-WebSocket's
 * {@code Draft.createFrames} and {@code createBinaryFrame} do the same in several objects and copies per frame,
 * which showed up in profiles of the order gateway.
 */
public final class FrameEncoder {
    private static final int FIN_TEXT = 0x81;

    private FrameEncoder() {
    }

    /**
     * One final text frame carrying {@code text}, ready to write. The buffer is shared freely by callers that
     * {@code duplicate()} it before writing.
     */
    public static ByteBuffer text(String text) {
        return text(text.getBytes(StandardCharsets.UTF_8));
    }

    /** One final text frame carrying {@code utf8}, the UTF-8 bytes of a text. */
    public static ByteBuffer text(byte[] utf8) {
        byte[] payload = utf8;
        int length = payload.length;
        int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + length);
        frame.put((byte) FIN_TEXT);
        if (length <= 125) {
            frame.put((byte) length);
        } else if (length <= 0xFFFF) {
            frame.put((byte) 126);
            frame.putShort((short) length);
        } else {
            frame.put((byte) 127);
            frame.putLong(length);
        }
        frame.put(payload);
        return frame.flip();
    }
}
