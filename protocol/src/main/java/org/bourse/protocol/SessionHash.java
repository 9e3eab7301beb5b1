package org.bourse.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of a session: SHA-256 over its public events exactly as the event stream sent them, one per line
 * ({@code events.jsonl}: each event's JSON text followed by {@code \n}, in {@code seq} order). Two runs with equal
 * hashes published the same market, byte for byte. The live exchange, {@code replay} and the session summary all
 * compute it this way, so one glance tells whether a replay matched.
 */
public final class SessionHash {
    private final MessageDigest digest;

    public SessionHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Adds one line of events.jsonl: the event's UTF-8 bytes and the newline. */
    public void update(byte[] line, int offset, int length) {
        digest.update(line, offset, length);
    }

    /** The hash of everything added, as lowercase hex; the hash cannot be added to afterwards. */
    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The hash of an events.jsonl file. */
    public static String ofFile(Path eventsJsonl) throws IOException {
        SessionHash hash = new SessionHash();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(eventsJsonl)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                hash.update(buffer, 0, n);
            }
        }
        return hash.hex();
    }

    /** The hash of these events (each one's JSON text), as if they were the lines of an events.jsonl file. */
    public static String of(Iterable<String> events) {
        SessionHash hash = new SessionHash();
        for (String event : events) {
            byte[] line = (event + "\n").getBytes(StandardCharsets.UTF_8);
            hash.update(line, 0, line.length);
        }
        return hash.hex();
    }
}
