package org.bourse.exchange.files;

import java.nio.file.FileSystemException;

/** File errors as the one-line reasons the exchange's messages end with. */
public final class FileProblems {
    private FileProblems() {
    }

    /** The exception's message on one line, for messages that already name the file ("No space left on device"). */
    public static String describe(Throwable e) {
        String message;
        if (e instanceof FileSystemException fileError) {
            // Its getMessage() repeats the path; the reason alone reads better after ours.
            message = fileError.getReason() != null ? fileError.getReason() : e.getClass().getSimpleName();
        } else {
            message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return message.replaceAll("\\s+", " ").trim();
    }
}
