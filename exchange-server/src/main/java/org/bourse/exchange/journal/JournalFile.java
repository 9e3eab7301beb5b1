package org.bourse.exchange.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.bourse.protocol.WireJson;

/**
 * The layout of a journal file (docs/JOURNAL.md), shared by the writer and the reader:
 * <pre>
 * header: "BOURSE-J" | u32 format version | u32 n | n bytes of header JSON | u32 CRC-32C of the JSON
 * blocks: u32 length | u32 CRC-32C of (the length's 4 bytes and the payload) | payload: commands
 * </pre>
 * Integers are big-endian. One block is one engine batch (group commit): whole or, after a crash mid-write, cut
 * short at the end of the file, where recovery drops it.
 */
final class JournalFile {
    static final byte[] MAGIC = "BOURSE-J".getBytes(StandardCharsets.US_ASCII);
    static final int BLOCK_HEADER = 8;
    /** Larger than any block the writer makes (it starts a new block at half this); a larger length is damage. */
    static final int MAX_BLOCK = 1 << 20;
    static final int MAX_HEADER = 64 * 1024;

    private JournalFile() {
    }

    /** The file's first bytes: magic, version, the header as JSON and its checksum. */
    static ByteBuffer encodeHeader(JournalHeader header) {
        byte[] json;
        try {
            json = WireJson.mapper().writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the journal header", e);
        }
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 12 + json.length);
        out.put(MAGIC).putInt(header.formatVersion()).putInt(json.length).put(json).putInt(crc(json));
        return out.flip();
    }

    static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** The checksum of the block at {@code start}: its length field and its payload, so a damaged length shows. */
    static int blockCrc(ByteBuffer buffer, int start, int payloadLength) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(start, 4));
        crc.update(buffer.slice(start + BLOCK_HEADER, payloadLength));
        return (int) crc.getValue();
    }
}
