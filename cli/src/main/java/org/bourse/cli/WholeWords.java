package org.bourse.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Keeps words whole in help text. Picocli wraps lines where {@link java.text.BreakIterator} allows a break, which
 * includes after a '.', '/' or ':' inside a word ({@code bots_config.} / {@code json}). A zero-width no-break
 * space (U+FEFF), which that iterator treats as glue, goes after each such character in every description, header
 * and footer; the rendered help has them removed again.
 */
final class WholeWords {
    private static final char GLUE = '\uFEFF';
    /** A '.', '/' or ':' followed by more of the word, outside picocli's ${...} variables. */
    private static final Pattern INSIDE_A_WORD = Pattern.compile("\\$\\{[^}]*}|[./:](?=\\S)");

    private WholeWords() {
    }

    static void apply(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        CommandLine.Model.UsageMessageSpec usage = spec.usageMessage();
        usage.description(glued(usage.description()));
        usage.header(glued(usage.header()));
        usage.footer(glued(usage.footer()));
        // options are immutable: each is replaced by a copy, all of them, so that their order stays
        List<OptionSpec> options = new ArrayList<>(spec.options());
        options.forEach(spec::remove);
        options.forEach(option -> spec.addOption(option.toBuilder().description(glued(option.description())).build()));
        Map<String, CommandLine.IHelpSectionRenderer> sections = new LinkedHashMap<>(usage.sectionMap());
        sections.replaceAll((key, renderer) -> help -> renderer.render(help).replace(String.valueOf(GLUE), ""));
        usage.sectionMap(sections);
        commandLine.getSubcommands().values().forEach(WholeWords::apply);
    }

    private static String[] glued(String[] lines) {
        String[] glued = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            Matcher m = INSIDE_A_WORD.matcher(lines[i]);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group().startsWith("${") ? m.group()
                        : m.group() + GLUE));
            }
            glued[i] = m.appendTail(out).toString();
        }
        return glued;
    }
}
