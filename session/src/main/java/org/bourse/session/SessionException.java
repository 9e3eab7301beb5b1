package org.bourse.session;

/** Something stops the session from going on; the message is one sentence for the user. */
final class SessionException extends Exception {
    SessionException(String message) {
        super(message);
    }
}
