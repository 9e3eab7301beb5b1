package org.bourse.relay;

/** Why the relay could not start, as one sentence for the user. */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        super(message, null, false, false);
    }
}
