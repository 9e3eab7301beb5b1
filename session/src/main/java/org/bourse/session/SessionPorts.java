package org.bourse.session;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The HTTP ports a running session's exchange and relay answer on, in its run folder ({@value #FILE}) while it runs:
 * how {@code ./bourse status} finds them. Written once the processes are started, removed when the session ends.
 *
 * @param exchangeAdmin the exchange's admin endpoint ({@code /health}, {@code /status}, the kill switch)
 * @param relayHttp     the relay's dashboard, {@code /health} and {@code /status}
 */
record SessionPorts(int exchangeAdmin, int relayHttp) {
    static final String FILE = "ports.properties";
    private static final String EXCHANGE_ADMIN = "exchange.admin";
    private static final String RELAY_HTTP = "relay.http";

    void writeTo(Path folder) throws IOException {
        Files.writeString(folder.resolve(FILE), "# the running session's HTTP ports, for ./bourse status (removed when "
                + "it ends)\n" + EXCHANGE_ADMIN + "=" + exchangeAdmin + "\n" + RELAY_HTTP + "=" + relayHttp + "\n",
                StandardCharsets.UTF_8);
    }

    static void removeFrom(Path folder) throws IOException {
        Files.deleteIfExists(folder.resolve(FILE));
    }

    /**
     * The ports recorded in {@code folder}.
     *
     * @throws IOException when there are none (no session runs there) or they cannot be read
     */
    static SessionPorts readFrom(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no session runs in " + folder + " (it has no " + FILE + ")");
        }
        Properties ports = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ports.load(reader);
        }
        return new SessionPorts(port(ports, EXCHANGE_ADMIN, file), port(ports, RELAY_HTTP, file));
    }

    private static int port(Properties ports, String key, Path file) throws IOException {
        String value = ports.getProperty(key);
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new IOException(file + ": " + key + " is not a port: " + value);
        }
    }
}
