package org.bourse.relay;

import java.util.ArrayList;
import java.util.List;

/** What a test opened (exchanges, relays, clients), closed after it, last opened first. */
final class Opened implements AutoCloseable {
    private final List<AutoCloseable> all = new ArrayList<>();

    <T extends AutoCloseable> T keep(T closeable) {
        all.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).close();
        }
    }
}
