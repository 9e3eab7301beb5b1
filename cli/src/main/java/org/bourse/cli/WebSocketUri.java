package org.bourse.cli;

import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine;

/** A WebSocket address option ({@code ws://host:port} or {@code wss://...}): anything else is one clear error. */
public final class WebSocketUri implements CommandLine.ITypeConverter<URI> {

    @Override
    public URI convert(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /**
     * @throws IllegalArgumentException naming the text and the form expected
     */
    public static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw notWebSocket(text);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))
                || uri.getHost() == null) {
            throw notWebSocket(text);
        }
        return uri;
    }

    private static IllegalArgumentException notWebSocket(String text) {
        return new IllegalArgumentException("'" + text + "' is not a WebSocket address like ws://127.0.0.1:9001");
    }
}
