package org.bourse.exchange.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import org.bourse.cli.CredentialsFile;

/**
 * Trader tokens and the event stream's, from a {@link CredentialsFile}. Without a file anyone may trade as anyone
 * and subscribe to the stream (fine on loopback, where only the user's own processes connect; a session always
 * writes one).
 */
final class Credentials {
    private final Map<String, byte[]> tokens;
    private final byte[] streamToken;

    private Credentials(Map<String, byte[]> tokens, byte[] streamToken) {
        this.tokens = tokens;
        this.streamToken = streamToken;
    }

    static Credentials none() {
        return new Credentials(null, null);
    }

    static Credentials load(Path file) throws StartupException {
        Map<String, String> lines;
        try {
            lines = CredentialsFile.read(file);
        } catch (IOException e) {
            throw new StartupException(e.getMessage());
        }
        Map<String, byte[]> tokens = new HashMap<>();
        lines.forEach((id, token) -> {
            if (!id.startsWith("@")) {
                tokens.put(id, bytes(token));
            }
        });
        if (tokens.isEmpty()) {
            throw new StartupException("the credentials file " + file
                    + " has no trader: write one 'trader_id=token' line per trader");
        }
        String stream = lines.get(CredentialsFile.STREAM);
        if (stream == null) {
            throw new StartupException("the credentials file " + file + " has no '" + CredentialsFile.STREAM
                    + "=token' line: the event stream tells every account, so it needs a token of its own "
                    + "(the relay's --credentials reads it from the same file)");
        }
        return new Credentials(tokens, bytes(stream));
    }

    boolean required() {
        return tokens != null;
    }

    int traderCount() {
        return tokens == null ? 0 : tokens.size();
    }

    boolean accepts(String traderId, String token) {
        return tokens == null || matches(tokens.get(traderId), token);
    }

    /** Whether a subscriber may read the event stream with this token (null: it sent none). */
    boolean acceptsSubscriber(String token) {
        return streamToken == null || matches(streamToken, token);
    }

    private static boolean matches(byte[] expected, String token) {
        // constant-time comparison, so that response time says nothing about the token
        return expected != null && token != null && MessageDigest.isEqual(expected, bytes(token));
    }

    private static byte[] bytes(String token) {
        return token.getBytes(StandardCharsets.UTF_8);
    }
}
