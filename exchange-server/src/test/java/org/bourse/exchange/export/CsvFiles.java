package org.bourse.exchange.export;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Test helpers that read the files back the way a user's tool would. */
final class CsvFiles {

    static final String TRADES_HEADER = "timestamp,price,qty,buy_trader,sell_trader";
    static final String PERFORMANCE_HEADER = "timestamp,trader_id,position,cash,realized_pnl,total_equity";

    private CsvFiles() {
    }

    static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The data rows, parsed by Commons CSV with the file's first line as header. */
    static List<CSVRecord> records(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            return parser.getRecords();
        }
    }

    static List<String> headerOf(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            return parser.getHeaderNames();
        }
    }
}
