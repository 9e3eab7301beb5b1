package org.bourse.exchange.journal;

/** A journal that cannot be opened, read or written; the message is one line that names the file and what to do. */
public final class JournalException extends Exception {
    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
