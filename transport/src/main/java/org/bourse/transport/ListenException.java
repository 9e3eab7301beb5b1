package org.bourse.transport;

/** A listener cannot serve (its port is taken, say); the message is one sentence for the user. */
public final class ListenException extends Exception {
    public ListenException(String message) {
        super(message);
    }
}
