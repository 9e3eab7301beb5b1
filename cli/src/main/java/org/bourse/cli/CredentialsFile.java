package org.bourse.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A credentials file: one {@code id=token} line per trader, and {@code @stream=token} for whoever subscribes to the
 * exchange's event stream (the relay). Ids starting with {@code @} are not traders: no hello can use them. The
 * exchange reads every line; a bot, the crowd or the relay reads its own. A session writes one per run (0600).
 */
public final class CredentialsFile {
    /** The line of the event stream's token. */
    public static final String STREAM = "@stream";

    private CredentialsFile() {
    }

    /**
     * Every line of {@code file}, by id.
     *
     * @throws IOException with one line fit for the user when it cannot be read or a token is empty
     */
    public static Map<String, String> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IOException("cannot read the credentials file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> tokens = new TreeMap<>();
        for (String id : properties.stringPropertyNames()) {
            String token = properties.getProperty(id).trim();
            if (token.isEmpty()) {
                throw new IOException("the credentials file " + file + " gives '" + id + "' an empty token");
            }
            tokens.put(id, token);
        }
        return tokens;
    }

    /**
     * The token of {@code id} in {@code file}.
     *
     * @throws IOException with one line fit for the user when the file has none for it
     */
    public static String tokenOf(Path file, String id) throws IOException {
        String token = read(file).get(id);
        if (token == null) {
            throw new IOException("the credentials file " + file + " has no line for '" + id + "'");
        }
        return token;
    }

    /** Writes a fresh token for each of {@code ids} to {@code file}, readable by its owner only. */
    public static void writeNew(Path file, Iterable<String> ids) throws IOException {
        Properties properties = new Properties();
        for (String id : ids) {
            properties.setProperty(id, Secrets.newToken());
        }
        StringWriter text = new StringWriter();
        properties.store(text, "Bourse credentials: id=token, one per line; keep this file private");
        Secrets.writeOwnerOnly(file, text.toString());
    }
}
