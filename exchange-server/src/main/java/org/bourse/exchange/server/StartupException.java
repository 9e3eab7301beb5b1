package org.bourse.exchange.server;

/** Why the exchange could not start, as one sentence for the user. */
final class StartupException extends Exception {
    StartupException(String message) {
        super(message, null, false, false);
    }
}
