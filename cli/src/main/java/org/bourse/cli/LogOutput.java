package org.bourse.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The format of this process's log, switched in one place. Logback starts with the module's {@code logback.xml}
 * (one line of text per event) at the first logger a class asks for — before the command line is parsed — so the
 * switch happens afterwards, on the root logger's appenders: in {@link Format#JSON} each gets Logback's own
 * {@link JsonEncoder} (one JSON object per line: {@code timestamp}, {@code level}, {@code loggerName},
 * {@code formattedMessage}, the event's key-value pairs in {@code kvpList}, the process's name in
 * {@code context.properties.process}); back in {@link Format#TEXT} each gets its configured encoder again.
 */
public final class LogOutput {
    /** The context property that names the process in every JSON line. */
    public static final String PROCESS = "process";

    /** How a process writes its log. */
    public enum Format {
        /** One line of text per event, as the module's logback.xml says: for people. */
        TEXT,
        /** One JSON object per line: for jq and log shippers. */
        JSON
    }

    /** The encoders of the configuration, kept while JSON replaces them. */
    private static final Map<OutputStreamAppender<ILoggingEvent>, Encoder<ILoggingEvent>> TEXT_ENCODERS =
            new IdentityHashMap<>();
    private static Format current = Format.TEXT;

    private LogOutput() {
    }

    /** From now on, this process logs in {@code format}, as {@code process} ("exchange", "bot"). */
    public static synchronized void use(Format format, String process) {
        current = format;
        if (format == Format.TEXT && TEXT_ENCODERS.isEmpty()) {
            // the configuration's text already: Logback is left to start when a class first logs, if one does
            return;
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.putProperty(PROCESS, process);
        }
        apply();
    }

    /**
     * Names something every JSON line of this process carries in {@code context.properties}: a bot's trader, so
     * that the merged output of many bots can be told apart.
     */
    public static void describe(String key, String value) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.putProperty(key, value);
        }
    }

    /** Applies the current format again: for a caller that has just given the root logger a new appender. */
    public static synchronized void apply() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding: it logs as it is configured to
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                use(appender, context);
            }
        }
    }

    private static void use(OutputStreamAppender<ILoggingEvent> appender, LoggerContext context) {
        Encoder<ILoggingEvent> encoder = appender.getEncoder();
        if (current == Format.JSON && !(encoder instanceof JsonEncoder)) {
            TEXT_ENCODERS.put(appender, encoder);
            appender.setEncoder(json(context));
        } else if (current == Format.TEXT && TEXT_ENCODERS.containsKey(appender)) {
            appender.setEncoder(TEXT_ENCODERS.remove(appender));
        }
    }

    private static JsonEncoder json(LoggerContext context) {
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        // the message as a reader sees it, not its template and arguments; no counters that only Logback needs
        json.setWithFormattedMessage(true);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.start();
        return json;
    }
}
