package org.bourse.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which web pages may talk to a Bourse listener. A browser names the page behind every WebSocket handshake and
 * every cross-origin request in an {@code Origin} header; without this rule any web site the user visits could
 * open {@code ws://127.0.0.1:9010} from its own script and read the feed. Allowed: pages served from this machine
 * ({@code http(s)://127.0.0.1}, {@code localhost} or {@code [::1]}, any port) and the origins added with
 * {@link #with}. A request without an {@code Origin} comes from a program, not a page (bots, the monitor,
 * {@code curl}), and is not concerned.
 */
public final class AllowedOrigins {
    /** Pages of this machine only: the default of every listener. */
    public static final AllowedOrigins LOOPBACK = new AllowedOrigins(Set.of(), true);
    /** No web page at all, not even this machine's: for what only programs use (the admin endpoint). */
    public static final AllowedOrigins NONE = new AllowedOrigins(Set.of(), false);

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    /** The added origins, normalised ({@code scheme://host[:port]}, lower case). */
    private final Set<String> added;
    private final boolean loopbackPages;

    private AllowedOrigins(Set<String> added, boolean loopbackPages) {
        this.added = Set.copyOf(added);
        this.loopbackPages = loopbackPages;
    }

    /**
     * This rule plus {@code origin}, such as {@code http://192.168.1.5:9011}.
     *
     * @throws IllegalArgumentException if it is not an origin (a scheme, a host, perhaps a port, nothing else)
     */
    public AllowedOrigins with(String origin) {
        String normalised = normalise(origin);
        if (normalised == null) {
            throw new IllegalArgumentException("'" + origin + "' is not an origin: write it as a browser sends it, "
                    + "like http://192.168.1.5:9011 (a scheme, a host, perhaps a port, no path)");
        }
        Set<String> more = new TreeSet<>(added);
        more.add(normalised);
        return new AllowedOrigins(more, loopbackPages);
    }

    /**
     * Pages of this machine and {@code origins} (a command line's {@code --allowed-origin} values).
     *
     * @throws IllegalArgumentException if one is not an origin
     */
    public static AllowedOrigins loopbackAnd(List<String> origins) {
        AllowedOrigins allowed = LOOPBACK;
        for (String origin : origins) {
            allowed = allowed.with(origin);
        }
        return allowed;
    }

    /** Whether a request with this {@code Origin} header (null when it has none) may proceed. */
    public boolean allows(String originHeader) {
        if (originHeader == null) {
            return true;
        }
        String origin = normalise(originHeader.trim());
        if (origin == null) {
            return false; // "null" (a file or a sandboxed page), or garbage
        }
        if (added.contains(origin)) {
            return true;
        }
        return loopbackPages && LOOPBACK_HOSTS.contains(URI.create(origin).getHost());
    }

    /** Whether {@code hostHeader} (a request's {@code Host}, perhaps with a port) names this machine. */
    public static boolean isLoopbackHost(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon > host.lastIndexOf(']')) {
            host = host.substring(0, colon);
        }
        return LOOPBACK_HOSTS.contains(host);
    }

    /** {@code scheme://host[:port]} in lower case, or null if {@code text} is not an http(s) origin. */
    private static String normalise(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return null;
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":"
                    + uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return added.isEmpty() ? "loopback pages" : "loopback pages and " + String.join(", ", added);
    }
}
