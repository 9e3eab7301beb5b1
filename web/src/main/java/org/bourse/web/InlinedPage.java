package org.bourse.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A self-contained HTML page, the way every Bourse page is made (the battle page, the tournament report): a template
 * whose {@code {{slots}}} are filled, with its styles and scripts inlined from the classpath (uPlot from its WebJar
 * among them), so that it opens from disk with no network at all. A Content-Security-Policy lets only these very
 * scripts run, by their hashes, and lets the page connect only where it says.
 *
 * <p>The template's slots: {@code {{csp}}}, {@code {{title}}}, {@code {{style}}}, {@code {{scripts}}}, and any
 * other the page names (its data: {@link #json}).
 */
public final class InlinedPage {
    /** uPlot's files, vendored by Maven from its WebJar. */
    public static final String UPLOT_SCRIPT = "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js";
    public static final String UPLOT_STYLE = "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css";

    private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)}}");

    private final String template;
    private final String style;
    private final List<String> scripts;
    private final String scriptHashes;

    /**
     * @param template the page's resource path
     * @param styles   resource paths of its styles, in order
     * @param scripts  resource paths of its scripts, in the order they run
     */
    public InlinedPage(String template, List<String> styles, List<String> scripts) {
        this.template = resource(template);
        this.style = String.join("\n", styles.stream().map(InlinedPage::resource).toList());
        this.scripts = scripts.stream().map(InlinedPage::resource).toList();
        StringBuilder hashes = new StringBuilder();
        for (String script : this.scripts) {
            if (script.toLowerCase(Locale.ROOT).contains("</script")) {
                throw new IllegalStateException("a page script contains </script and cannot be inlined");
            }
            hashes.append(" 'sha256-").append(base64Sha256(script)).append('\'');
        }
        this.scriptHashes = hashes.toString();
    }

    /**
     * The page.
     *
     * @param connect the CSP's {@code connect-src} sources: {@code 'none'}, or {@code ws: wss:} for a live page
     * @param slots   the page's other slots and their values, inserted as they are (see {@link #json})
     */
    public String render(String title, String connect, Map<String, String> slots) {
        String csp = "default-src 'none'; script-src" + scriptHashes + "; style-src 'unsafe-inline'; img-src data:; "
                + "connect-src " + connect + "; base-uri 'none'; form-action 'none'";
        Matcher slot = SLOT.matcher(template);
        StringBuilder html = new StringBuilder(template.length() + style.length() + 4096);
        while (slot.find()) {
            String name = slot.group(1);
            String value = switch (name) {
                case "csp" -> csp;
                case "title" -> title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
                case "style" -> style;
                case "scripts" -> String.join("\n", scripts.stream().map(s -> "<script>" + s + "</script>").toList());
                default -> {
                    String given = slots.get(name);
                    if (given == null) {
                        throw new IllegalStateException("the page has a slot " + slot.group() + " with no value");
                    }
                    yield given;
                }
            };
            slot.appendReplacement(html, Matcher.quoteReplacement(value));
        }
        slot.appendTail(html);
        return html.toString();
    }

    /**
     * A JSON text made safe to inline in a script: in JSON '<' only occurs inside strings, where {@code \u003c}
     * means the same, so no {@code </script>} can end the script early.
     */
    public static String json(String jsonText) {
        return jsonText.replace("<", "\\u003c");
    }

    private static String base64Sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return Base64.getEncoder().encodeToString(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = InlinedPage.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath: the build is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
