package org.bourse.exchange.export;

/** An output file that cannot be used; the message is one line naming the file, what is wrong and what to do. */
public final class ExportException extends Exception {

    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
