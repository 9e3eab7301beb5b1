package org.bourse.report;

/** A report cannot be made; the message is one line for the user. */
public final class ReportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message, null, false, false);
    }
}
