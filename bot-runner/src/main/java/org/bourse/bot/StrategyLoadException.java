package org.bourse.bot;

/** A strategy could not be loaded or created; the message is one line, fit for the user. */
public final class StrategyLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public StrategyLoadException(String message) {
        super(message);
    }
}
