package org.bourse.cli;

import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --log-format text|json}, the option every Bourse command has ({@code @Mixin}). Picocli sets it while it
 * parses the command line, and setting it switches this process's log ({@link LogOutput}), so no command has to
 * remember to. A value other than text or json is a bad flag: one line and exit code 2.
 */
public final class LogFormatOption {
    /** The option's name, for a command that passes it on to the processes it starts. */
    public static final String NAME = "--log-format";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private LogOutput.Format format = LogOutput.Format.TEXT;

    @Option(names = NAME, defaultValue = "text", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "The log's format: text (one line per event, for people) or json (one JSON object per "
                    + "line, for jq and log shippers; README \"Operations\") (default: ${DEFAULT-VALUE}).")
    void format(LogOutput.Format format) {
        this.format = format;
        LogOutput.use(format, process());
    }

    public LogOutput.Format format() {
        return format;
    }

    /** text or json, in any case, whether or not the command line takes enum values in any case. */
    static final class FormatConverter implements CommandLine.ITypeConverter<LogOutput.Format> {
        @Override
        public LogOutput.Format convert(String value) {
            try {
                return LogOutput.Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected text or json, not '" + value + "'");
            }
        }
    }

    /** The command's name without the launcher's: "exchange", "load run". */
    private String process() {
        String name = command.qualifiedName();
        return name.startsWith("bourse ") ? name.substring("bourse ".length()) : name;
    }
}
