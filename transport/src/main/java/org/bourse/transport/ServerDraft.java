package org.bourse.transport;

import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.protocols.Protocol;

/**
 * RFC 6455 as a Bourse server speaks it: no extension (no permessage-deflate, so no decompression bombs), no
 * subprotocol (the empty {@code Protocol("")} is what accepts clients that ask for none), frames up to a limit, and
 * every client frame masked. Java-WebSocket 1.6.0 reads an unmasked frame as if it were masked; RFC 6455 §5.1 says a
 * server must close the connection on one, so this reads each frame's header as the bytes pass and closes with
 * 1002 (protocol error) at the first frame without its mask bit.
 */
final class ServerDraft extends Draft_6455 {
    private static final int LONGEST_HEADER = 2 + 8 + 4;

    /** The header of the frame being read, so far (a header may arrive split across reads). */
    private final byte[] header = new byte[LONGEST_HEADER];
    private int headerLength;
    /** Payload bytes of the current frame still to pass before the next header. */
    private long payloadLeft;

    ServerDraft(int maxFrameBytes) {
        super(List.of(), List.of(new Protocol("")), maxFrameBytes);
    }

    @Override
    public Draft copyInstance() {
        return new ServerDraft(getMaxFrameSize());
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        checkMasks(buffer);
        return super.translateFrame(buffer);
    }

    @Override
    public void reset() {
        super.reset();
        headerLength = 0;
        payloadLeft = 0;
    }

    /** Walks the frames in {@code buffer} (leaving its position alone), refusing one whose mask bit is not set. */
    private void checkMasks(ByteBuffer buffer) throws InvalidDataException {
        int at = buffer.position();
        int end = buffer.limit();
        while (at < end) {
            if (payloadLeft > 0) {
                int skipped = (int) Math.min(payloadLeft, end - at);
                at += skipped;
                payloadLeft -= skipped;
                continue;
            }
            header[headerLength++] = buffer.get(at++);
            if (headerLength < 2) {
                continue;
            }
            if ((header[1] & 0x80) == 0) {
                throw new InvalidDataException(CloseFrame.PROTOCOL_ERROR, "client frames must be masked");
            }
            int shortLength = header[1] & 0x7f;
            int lengthBytes = shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0;
            if (headerLength < 2 + lengthBytes + 4) {
                continue; // the extended length or the mask key is still to come
            }
            long length = shortLength;
            if (lengthBytes > 0) {
                length = 0;
                for (int i = 0; i < lengthBytes; i++) {
                    length = length << 8 | (header[2 + i] & 0xff);
                }
            }
            // a negative (over 2^63) length is refused by the library as too large before it matters here
            payloadLeft = Math.max(0, length);
            headerLength = 0;
        }
    }
}
