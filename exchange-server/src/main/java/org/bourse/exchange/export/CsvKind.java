package org.bourse.exchange.export;

/** The two CSV files Bourse writes, with the columns the user's tools expect and the option that names each. */
enum CsvKind {
    TRADES("--trades-csv", "timestamp", "price", "qty", "buy_trader", "sell_trader"),
    PERFORMANCE("--performance-csv", "timestamp", "trader_id", "position", "cash", "realized_pnl",
            "total_equity");

    private final String option;
    private final String[] columns;

    CsvKind(String option, String... columns) {
        this.option = option;
        this.columns = columns;
    }

    /** The server option the user changes to pick another file; error messages point at it. */
    String option() {
        return option;
    }

    String[] columns() {
        return columns.clone();
    }

    /** The header exactly as it appears as the first line of the file. */
    String headerLine() {
        return String.join(",", columns);
    }
}
