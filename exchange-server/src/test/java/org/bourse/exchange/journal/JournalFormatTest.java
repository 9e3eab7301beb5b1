package org.bourse.exchange.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.EngineConfig;
import org.bourse.protocol.TickScale;
import org.bourse.protocol.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file layout of docs/JOURNAL.md, built byte by byte here (not by the journal's own code), and its edges: the
 * smallest and largest header and block a reader takes.
 */
class JournalFormatTest {
    private static final JournalHeader HEADER = JournalHeader.of("test", TickScale.cents(), EngineConfig.defaults(),
            1_739_980_000_000L);

    @TempDir
    Path dir;

    private static byte[] json() throws Exception {
        return WireJson.mapper().writeValueAsBytes(HEADER);
    }

    /** "BOURSE-J" | u32 version | u32 n | n bytes of JSON | u32 CRC-32C of the JSON. */
    private static byte[] header(byte[] json) {
        return ByteBuffer.allocate(8 + 12 + json.length).put("BOURSE-J".getBytes(StandardCharsets.US_ASCII))
                .putInt(1).putInt(json.length).put(json).putInt(crc(json)).array();
    }

    /** u32 length | u32 CRC-32C of the length's 4 bytes and the payload | payload. */
    private static byte[] block(byte[] payload) {
        byte[] length = ByteBuffer.allocate(4).putInt(payload.length).array();
        return ByteBuffer.allocate(8 + payload.length).put(length).putInt(crc(length, payload)).put(payload).array();
    }

    private static int crc(byte[]... parts) {
        CRC32C crc = new CRC32C();
        for (byte[] part : parts) {
            crc.update(part);
        }
        return (int) crc.getValue();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private Path file(byte[]... parts) throws Exception {
        return Files.write(dir.resolve("j"), concat(parts));
    }

    @Test
    void aJournalIsItsHeaderThenOneBlockPerBatch() throws Exception {
        Path path = dir.resolve("written");
        try (JournalWriter writer = JournalWriter.create(path, HEADER, FsyncPolicy.NONE)) {
            writer.append(new Command.MarkToMarket(5));
            writer.append(new Command.CancelAllOrders(7, "x"));
            writer.commit();
            writer.append(new Command.MarkToMarket(6));
            writer.commit();
        }
        // MARK_TO_MARKET, zig-zag +5; TRADER "x"; CANCEL_ALL, zig-zag +2, trader 0 | MARK_TO_MARKET, zig-zag -1
        byte[] expected = concat(header(json()), block(new byte[] {7, 10, 0, 1, 'x', 3, 4, 0}), block(new byte[] {7, 1}));
        assertThat(Files.readAllBytes(path)).isEqualTo(expected);
        try (JournalReader reader = JournalReader.open(file(expected))) {
            assertThat(reader.next()).isEqualTo(new Command.MarkToMarket(5));
            assertThat(reader.next()).isEqualTo(new Command.CancelAllOrders(7, "x"));
            assertThat(reader.next()).isEqualTo(new Command.MarkToMarket(6));
            assertThat(reader.next()).isNull();
            assertThat(reader.tail()).isNull();
        }
    }

    @Test
    void aJournalWithoutCommandsIsItsHeaderAlone() throws Exception {
        Path path = file(header(json()));
        try (JournalReader reader = JournalReader.open(path)) {
            assertThat(reader.header()).isEqualTo(HEADER);
            assertThat(reader.next()).isNull();
            assertThat(reader.tail()).isNull();
            assertThat(reader.size()).isEqualTo(Files.size(path));
            assertThat(reader.wholeEnd()).isEqualTo(Files.size(path));
            assertThat(reader.lastTimestamp()).isZero();
        }
    }

    @Test
    void theLargestHeaderIsRead() throws Exception {
        byte[] json = json();
        byte[] padded = Arrays.copyOf(json, JournalFile.MAX_HEADER);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        try (JournalReader reader = JournalReader.open(file(header(padded), block(new byte[] {7, 2})))) {
            assertThat(reader.header()).isEqualTo(HEADER);
            assertThat(reader.next()).isEqualTo(new Command.MarkToMarket(1));
        }
    }

    @Test
    void aHeaderCutShortOrDamagedIsSaidSo() throws Exception {
        byte[] whole = header(json());
        String incomplete = ": the journal's header is incomplete (%d bytes in all): the exchange that created it was "
                + "stopped while starting; move it away or start with --fresh";

        Path path = file(ByteBuffer.allocate(16).put(whole, 0, 12).putInt(0).array()); // a length, no checksum
        assertThatThrownBy(() -> JournalReader.open(path)).hasMessage(path + incomplete.formatted(16));

        file(Arrays.copyOf(whole, whole.length - 2)); // the checksum cut
        assertThatThrownBy(() -> JournalReader.open(path)).hasMessage(path + incomplete.formatted(whole.length - 2));

        byte[] negative = whole.clone();
        ByteBuffer.wrap(negative).putInt(12, -1);
        file(negative);
        assertThatThrownBy(() -> JournalReader.open(path)).hasMessage(path + incomplete.formatted(whole.length));

        byte[] damaged = whole.clone();
        damaged[20] ^= 1;
        file(damaged);
        assertThatThrownBy(() -> JournalReader.open(path))
                .hasMessage(path + ": the journal's header is damaged (checksum mismatch at byte 16)");

        file(header(new byte[0]));
        assertThatThrownBy(() -> JournalReader.open(path))
                .hasMessage(path + ": the journal's header cannot be read: No content to map due to end-of-input");
    }

    @Test
    void theLargestBlockIsReadAndALargerOneIsDamage() throws Exception {
        byte[] marks = new byte[JournalFile.MAX_BLOCK]; // MARK_TO_MARKET, +0, over and over
        for (int i = 0; i < marks.length; i += 2) {
            marks[i] = 7;
        }
        byte[] header = header(json());
        try (JournalReader reader = JournalReader.open(file(header, block(marks), block(new byte[] {7, 18})))) {
            long count = 0;
            Command command;
            while ((command = reader.next()) != null && command.equals(new Command.MarkToMarket(0))) {
                count++;
            }
            assertThat(count).isEqualTo(JournalFile.MAX_BLOCK / 2);
            assertThat(command).isEqualTo(new Command.MarkToMarket(9));
            assertThat(reader.next()).isNull();
            assertThat(reader.tail()).isNull();
        }

        byte[] larger = block(Arrays.copyOf(marks, JournalFile.MAX_BLOCK + 1));
        Path path = file(header, larger);
        try (JournalReader reader = JournalReader.open(path)) {
            assertThatThrownBy(reader::next).hasMessage(path + ": damaged block at byte " + header.length
                    + " (impossible length 1048577), " + larger.length + " bytes before the end");
        }
    }
}
