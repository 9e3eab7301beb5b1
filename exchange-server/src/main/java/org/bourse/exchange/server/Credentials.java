package org.bourse.exchange.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Trader tokens, from a properties file of {@code trader_id=token} lines. Without a file anyone may trade as anyone
 * (fine on loopback, where only the user's own processes connect).
 */
final class Credentials {
    private final Map<String, byte[]> tokens;

    private Credentials(Map<String, byte[]> tokens) {
        this.tokens = tokens;
    }

    static Credentials none() {
        return new Credentials(null);
    }

    static Credentials load(Path file) throws StartupException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new StartupException("cannot read the credentials file " + file + ": " + e.getMessage());
        }
        if (properties.isEmpty()) {
            throw new StartupException("the credentials file " + file
                    + " has no trader: write one 'trader_id=token' line per trader");
        }
        Map<String, byte[]> tokens = new HashMap<>();
        for (String trader : properties.stringPropertyNames()) {
            String token = properties.getProperty(trader).trim();
            if (token.isEmpty()) {
                throw new StartupException("the credentials file " + file + " gives trader '" + trader
                        + "' an empty token");
            }
            tokens.put(trader, token.getBytes(StandardCharsets.UTF_8));
        }
        return new Credentials(tokens);
    }

    boolean required() {
        return tokens != null;
    }

    int traderCount() {
        return tokens == null ? 0 : tokens.size();
    }

    boolean accepts(String traderId, String token) {
        if (tokens == null) {
            return true;
        }
        byte[] expected = tokens.get(traderId);
        // constant-time comparison, so that response time says nothing about the token
        return expected != null && token != null
                && MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8));
    }
}
