package org.bourse.exchange.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bourse.cli.CredentialsFile;

/**
 * Trader tokens and the event stream's, from a {@link CredentialsFile}. Without a file, a trader is claimed by the
 * first hello that carries a token for it: from then on, until the exchange stops, only a hello with that token
 * speaks for it (a battle makes up a token for each bot, so no other local program can act as one of its bots). A
 * trader nobody claimed is open to anyone, as clients of the reference protocol expect, and so is the stream (fine
 * on loopback, where only the user's own processes connect; a session always writes a file).
 */
final class Credentials {
    /** The file's tokens; null without a file. */
    private final Map<String, byte[]> tokens;
    private final byte[] streamToken;
    /** Without a file: the tokens traders claimed with their first hello (gateway threads). */
    private final ConcurrentMap<String, byte[]> claimed = new ConcurrentHashMap<>();

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

    /**
     * Whether a hello with this token (null: it sent none) may speak for this trader. Without a file, a token
     * claims a trader nobody claimed yet.
     */
    boolean accepts(String traderId, String token) {
        if (tokens != null) {
            return matches(tokens.get(traderId), token);
        }
        if (token == null) {
            return !claimed.containsKey(traderId);
        }
        return matches(claimed.computeIfAbsent(traderId, id -> bytes(token)), token);
    }

    /** Whether a connection must say hello with a token before it may speak for this trader. */
    boolean requiresHello(String traderId) {
        return tokens != null || claimed.containsKey(traderId);
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
