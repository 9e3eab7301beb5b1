package org.bourse.exchange.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV forms of what the files hold, by Commons CSV's rules (a value is quoted only where it must be): the header,
 * and each text value as it is written after the first column — worked out once per distinct value (trader ids
 * repeat on every row), so that writing a row is a few copies. Numbers never need quoting.
 */
final class CsvLines {
    private final StringBuilder formatted = new StringBuilder(128);
    private final CSVPrinter printer;
    private final Map<String, byte[]> fields = new HashMap<>();

    CsvLines() {
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

    /** The header line of {@code kind}, with its newline. */
    byte[] header(CsvKind kind) {
        return line((Object[]) kind.columns());
    }

    /** {@code value} as it is written in any column but the first (which has quoting rules of its own). */
    byte[] field(String value) {
        byte[] known = fields.get(value);
        if (known == null) {
            byte[] row = line("0", value); // "0," + value as written + "\n"
            known = Arrays.copyOfRange(row, 2, row.length - 1);
            fields.put(value, known);
        }
        return known;
    }

    private byte[] line(Object... values) {
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
