package org.bourse.exchange.server;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bourse.exchange.engine.Engine;

/**
 * How many traders the exchange serves ({@code --max-traders}): every trader with an account, and every trader a
 * connection speaks for that has none yet (it may open one with its first order). A connection's traders are
 * admitted together when it binds — a crowd's hello counts its own id and each trader it names — or not at all; a
 * trader without an account stops counting when its last connection closes. So however many made-up ids a client
 * tries, the accounts, the routing tables and the snapshot every subscriber first receives stay bounded. Engine
 * thread only.
 */
final class Admission {
    /** The reject reason of everything a turned-away connection sends. */
    static final String REFUSED = "max_traders_exceeded";

    private final int maxTraders;
    private final Engine engine;
    /** Every trader with an account or a connection. */
    private final Set<String> admitted = new HashSet<>();

    Admission(int maxTraders, Engine engine) {
        this.maxTraders = maxTraders;
        this.engine = engine;
        for (int i = 0; i < engine.accountCount(); i++) {
            admitted.add(engine.accountAt(i).traderId());
        }
    }

    /** Admits all these traders, or none if there is no room for all that are new. */
    boolean admit(List<String> traders) {
        int fresh = 0;
        for (String trader : traders) {
            if (!admitted.contains(trader)) {
                fresh++;
            }
        }
        if (fresh > 0 && admitted.size() + fresh > maxTraders) {
            return false;
        }
        admitted.addAll(traders);
        return true;
    }

    /** No connection speaks for {@code trader} any more: without an account it leaves nothing behind. */
    void left(String trader) {
        if (engine.findAccount(trader) == null) {
            admitted.remove(trader);
        }
    }

    /** The details of a refusal. */
    Map<String, Object> details() {
        return Map.of("max_traders", maxTraders);
    }
}
