package org.bourse.exchange.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bourse.exchange.engine.Command;
import org.bourse.exchange.engine.Engine;
import org.bourse.exchange.engine.EngineListener;
import org.bourse.exchange.engine.Tee;
import org.bourse.exchange.export.CsvExport;
import org.bourse.exchange.export.ExportException;
import org.bourse.exchange.export.FileExport;
import org.bourse.exchange.files.FileProblems;
import org.bourse.exchange.journal.JournalException;
import org.bourse.exchange.journal.JournalHeader;
import org.bourse.exchange.journal.JournalReader;
import org.bourse.exchange.wire.WireMapping;
import org.bourse.exchange.wire.WireOutput;
import org.bourse.protocol.ServerMessage;

/**
 * Runs a journal through a fresh engine, offline (no sockets), with the same mapping and the same CSV export as the
 * live exchange, writing trades.csv, performance.csv and events.jsonl: byte for byte what the live exchange wrote
 * for the same commands, and so the same session hash.
 */
public final class Replay {
    /** Batches of rows that may wait for the file writer before the replay waits for it. */
    private static final int QUEUED_BATCHES = 8;
    private static final int BATCH = 512;

    /** Where a replay stops: after the command that published {@code seq}, or before the first one after {@code time}. */
    public record Until(long seq, long time) {
        public static final Until END = new Until(Long.MAX_VALUE, Long.MAX_VALUE);

        public static Until seq(long seq) {
            return new Until(seq, Long.MAX_VALUE);
        }

        public static Until time(long epochMillis) {
            return new Until(Long.MAX_VALUE, epochMillis);
        }
    }

    /**
     * What a replay did.
     *
     * @param damage    why it stopped before the journal's end (a damaged block), or null
     * @param snapshot  the market where it stopped
     */
    public record Result(JournalHeader header, long commands, long lastSeq, long trades, long lastTimestamp,
                         boolean stoppedEarly, JournalReader.Tail tail, String damage, String sessionHash,
                         FileExport.Paths files, ServerMessage.Snapshot snapshot) {
    }

    private Replay() {
    }

    /**
     * Replays {@code journal} into {@code outDir} (created if missing); {@code extra} listeners see every engine event
     * too (a report's own counts, say).
     *
     * @throws JournalException if the journal cannot be opened (not a journal, another format version)
     * @throws ExportException  if the output files cannot be written
     */
    public static Result run(Path journal, Path outDir, Until until, EngineListener... extra)
            throws JournalException, ExportException {
        try (JournalReader reader = JournalReader.open(journal)) {
            JournalHeader header = reader.header();
            try {
                Files.createDirectories(outDir);
            } catch (IOException e) {
                throw new ExportException("cannot create " + outDir + ": " + FileProblems.describe(e), e);
            }
            FileExport.Paths paths = new FileExport.Paths(outDir.resolve("trades.csv"),
                    outDir.resolve("performance.csv"), outDir.resolve("events.jsonl"));
            FileExport files = FileExport.open(paths, header.scale(), true, true, QUEUED_BATCHES);
            WireMapping mapping = new WireMapping(header.scale(), WireOutput.publicEvents(files::event));
            EngineListener[] listeners = new EngineListener[extra.length + 2];
            listeners[0] = mapping;
            listeners[1] = new CsvExport(files);
            System.arraycopy(extra, 0, listeners, 2, extra.length);
            Engine engine = new Engine(header.engine(), Tee.of(listeners));
            mapping.attach(engine);
            boolean early = false;
            String damage = null;
            long lastTimestamp = header.startTime();
            try {
                int inBatch = 0;
                for (Command command; (command = reader.next()) != null; ) {
                    if (engine.lastSeq() >= until.seq() || command.timestamp() > until.time()) {
                        early = true;
                        break;
                    }
                    engine.apply(command);
                    lastTimestamp = command.timestamp();
                    if (++inBatch == BATCH) {
                        files.commit();
                        inBatch = 0;
                    }
                }
            } catch (JournalException e) {
                damage = e.getMessage();
            } finally {
                files.commit();
                files.close();
            }
            return new Result(header, reader.commandCount() - (early ? 1 : 0), engine.lastSeq(),
                    engine.tradeCount(), lastTimestamp, early, reader.tail(), damage, files.sessionHash(), paths,
                    mapping.snapshot(lastTimestamp));
        }
    }
}
