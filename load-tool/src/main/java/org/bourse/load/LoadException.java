package org.bourse.load;


/** A failure the user can act on; its message is one line, printed as is, and the tool exits with status 1. */
public final class LoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LoadException(String message) {
        super(message, null, false, false);
    }
}
