package org.bourse.exchange.replay;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bourse.cli.BourseVersion;
import org.bourse.cli.Commands;
import org.bourse.cli.LogFormatOption;
import org.bourse.exchange.export.ExportException;
import org.bourse.exchange.journal.JournalException;
import org.bourse.exchange.journal.JournalHeader;
import org.bourse.protocol.ServerMessage;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code replay} command: a journal through the engine, offline, into the files the live exchange wrote. */
@Command(name = "bourse replay", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BourseVersion.class,
        description = {
            "Replays an exchange journal offline (no sockets, no bots) and writes trades.csv, performance.csv and "
                + "events.jsonl: byte for byte what the live exchange wrote for the same commands. Prints the "
                + "session hash, which the live exchange and the session summary print too: equal hashes, equal "
                + "markets.",
            "With --until it stops early and prints the book and every account at that moment."},
        footer = {"", "Examples:",
            "  replay runs/2026-12-07_10-30-00/journal.bin --out /tmp/r",
            "  replay market.journal --out /tmp/r --until 5000          stop after the event with seq 5000",
            "  replay market.journal --out /tmp/r --until 10:31:02      stop at that time of day (local time)",
            "  replay market.journal --out /tmp/r --until 2026-12-07T10:31:02Z"})
public final class ReplayMain implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "JOURNAL", description = "The journal (an exchange's --journal file).")
    Path journal;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the files go (created if missing; Bourse's own files there are rewritten).")
    Path out;

    @Option(names = "--until", paramLabel = "SEQ|TIME",
            description = "Stop early: a number is a seq (stop after the command that published it); a time is "
                + "HH:MM:SS[.mmm] (local time, on the journal's first day), a local date-time "
                + "2026-12-07T10:31:02 or an instant 2026-12-07T10:31:02Z. Prints the book and the accounts there.")
    String until;

    @Mixin
    LogFormatOption logFormat;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(Commands.execute(new ReplayMain(), args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Replay.Result result;
        long started = System.nanoTime();
        try {
            result = Replay.run(journal, this.out, parseUntil());
        } catch (JournalException | ExportException e) {
            err.println("bourse replay: " + e.getMessage());
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        JournalHeader header = result.header();
        if (!header.bourseVersion().equals(BourseVersion.current())) {
            out.println("note: the journal was written by Bourse " + header.bourseVersion() + ", this is "
                    + BourseVersion.current() + ": the replay is exact only if the engine's rules did not change");
        }
        out.printf(Locale.ROOT, "replayed %d commands of %s (seq %d, %d trades) in %.2f s (%,.0f commands/s)%n",
                result.commands(), journal, result.lastSeq(), result.trades(), seconds,
                result.commands() / Math.max(seconds, 1e-9));
        out.println("wrote " + result.files().trades() + ", " + result.files().performance() + ", "
                + result.files().events());
        if (result.tail() != null) {
            out.println("the journal ends with a torn block at byte " + result.tail().offset() + " ("
                    + result.tail().bytes() + " bytes, a write cut short by a crash): replayed what is whole");
        }
        if (result.stoppedEarly()) {
            printMarket(out, result);
        }
        if (!result.stoppedEarly()) {
            out.println("session hash: " + result.sessionHash());
        } else {
            out.println("session hash of the events up to here: " + result.sessionHash());
        }
        if (result.damage() != null) {
            err.println("bourse replay: stopped at damage: " + result.damage());
            return 1;
        }
        return 0;
    }

    private Replay.Until parseUntil() {
        if (until == null) {
            return Replay.Until.END;
        }
        String text = until.trim();
        if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
            return Replay.Until.seq(Long.parseLong(text));
        }
        try {
            return Replay.Until.time(parseTime(text));
        } catch (DateTimeParseException | JournalException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--until: '" + until + "' is neither a seq "
                    + "(a number) nor a time (10:31:02, 2026-12-07T10:31:02 or 2026-12-07T10:31:02Z)");
        }
    }

    private long parseTime(String text) throws JournalException {
        ZoneId zone = ZoneId.systemDefault();
        if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        }
        if (text.contains("T")) {
            return LocalDateTime.parse(text).atZone(zone).toInstant().toEpochMilli();
        }
        LocalTime time = LocalTime.parse(text);
        long start;
        try (var reader = org.bourse.exchange.journal.JournalReader.open(journal)) {
            start = reader.header().startTime();
        }
        LocalDate day = Instant.ofEpochMilli(start).atZone(zone).toLocalDate();
        return day.atTime(time).atZone(zone).toInstant().toEpochMilli();
    }

    /** The book (ten levels a side) and every account, where the replay stopped. */
    private static void printMarket(PrintWriter out, Replay.Result result) {
        ServerMessage.Snapshot market = result.snapshot();
        out.println();
        out.println("The market after seq " + market.seq() + " (" + Instant.ofEpochMilli(result.lastTimestamp())
                + ", " + result.commands() + " commands):");
        out.println("  mark " + plain(market.markPrice()) + ", last trade " + plain(market.lastTradePrice())
                + ", trading " + (market.tradingHalted() ? "HALTED" : "active"));
        out.printf(Locale.ROOT, "  %22s   %-22s%n", "bids", "asks");
        List<ServerMessage.Level> bids = market.bids();
        List<ServerMessage.Level> asks = market.asks();
        int rows = Math.min(10, Math.max(bids.size(), asks.size()));
        for (int i = 0; i < rows; i++) {
            out.printf(Locale.ROOT, "  %22s   %-22s%n", i < bids.size() ? level(bids.get(i)) : "",
                    i < asks.size() ? level(asks.get(i)) : "");
        }
        if (rows == 0) {
            out.println("  (the book is empty)");
        }
        out.println();
        out.printf(Locale.ROOT, "  %-20s %9s %14s %12s %14s %14s %14s%n", "trader", "position", "cash", "avg_entry",
                "realized_pnl", "unrealized_pnl", "total_equity");
        for (ServerMessage.AccountState account : market.accounts()) {
            out.printf(Locale.ROOT, "  %-20s %9d %14s %12s %14s %14s %14s%n", account.traderId(), account.position(),
                    plain(account.cash()), plain(account.avgEntryPrice()), plain(account.realizedPnl()),
                    plain(account.unrealizedPnl()), plain(account.totalEquity()));
        }
        out.println();
    }

    private static String level(ServerMessage.Level level) {
        return level.qty() + " @ " + level.price().toPlainString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.toPlainString();
    }
}
