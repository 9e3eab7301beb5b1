package org.bourse.exchange.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Formats the lines of one CSV file with Commons CSV (quoting where a value needs it), each ending in \n. */
final class CsvLines {
    private final CsvKind kind;
    private final StringBuilder formatted = new StringBuilder(128);
    private final CSVPrinter printer;

    CsvLines(CsvKind kind) {
        this.kind = kind;
        CSVFormat format = CSVFormat.DEFAULT.builder()
                // The files are for the user's tools on this machine; one line ending everywhere keeps them diffable.
                .setRecordSeparator('\n')
                .get();
        try {
            this.printer = new CSVPrinter(formatted, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: it prints into a StringBuilder
        }
    }

    byte[] header() {
        return line((Object[]) kind.columns());
    }

    /** One row; each value is a String or null (an empty cell). */
    byte[] line(Object... values) {
        try {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: it prints into a StringBuilder
        }
        byte[] bytes = formatted.toString().getBytes(StandardCharsets.UTF_8);
        formatted.setLength(0);
        return bytes;
    }
}
