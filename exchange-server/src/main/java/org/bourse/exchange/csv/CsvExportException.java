package org.bourse.exchange.csv;

/**
 * A CSV file cannot be used. The message is one sentence that names the file and says what to do, so the
 * server can print it as is and exit.
 */
public final class CsvExportException extends Exception {

    private static final long serialVersionUID = 1L;

    public CsvExportException(String message) {
        super(message);
    }

    public CsvExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
