package org.bourse.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bourse.protocol.TraderIds;

/**
 * The battle page as one HTML document: the live dashboard and the battle report are the same page, told which
 * it is by the data inlined in it. Everything is inlined — styles, uPlot (from its WebJar on the classpath), the
 * page's scripts and its data — so a report opens from disk with no network at all, and the dashboard is one
 * request. A Content-Security-Policy lets only these very scripts run (by their hashes) and lets the page connect
 * to nothing (a report) or to WebSockets only (the dashboard, for the feed).
 */
public final class BattlePage {
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final List<String> SCRIPTS = List.of("market.js", "view.js", "live.js", "report.js", "main.js");
    private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)}}");

    private static final String TEMPLATE = resource("org/bourse/web/page.html");
    private static final String STYLE = resource(UPLOT + "uPlot.min.css") + "\n" + resource("org/bourse/web/page.css");
    private static final List<String> SCRIPT_TEXTS = scriptTexts();

    private BattlePage() {
    }

    /**
     * The live dashboard, which connects to the feed on {@code feedPort} of the host it was loaded from.
     *
     * @param decimals the tick's decimals, to print prices as the exchange does
     */
    public static String live(int feedPort, int decimals) {
        String boot = "{\"mode\":\"live\",\"feedPort\":" + feedPort + ",\"decimals\":" + decimals
                + ",\"backgroundPrefix\":\"" + TraderIds.BACKGROUND_PREFIX + "\"}";
        return page("Bourse — live", boot, "connect-src ws: wss:");
    }

    /**
     * A battle report with {@code dataJson} (the report's data, a JSON object with {@code "mode":"report"} and
     * {@code "backgroundPrefix"}, the start of the crowd's trader ids).
     */
    public static String report(String title, String dataJson) {
        return page(title, dataJson, "connect-src 'none'");
    }

    private static String page(String title, String bootJson, String connect) {
        StringBuilder scripts = new StringBuilder();
        StringBuilder hashes = new StringBuilder();
        for (String script : SCRIPT_TEXTS) {
            scripts.append("<script>").append(script).append("</script>\n");
            hashes.append(" 'sha256-").append(sha256(script)).append('\'');
        }
        String csp = "default-src 'none'; script-src" + hashes + "; style-src 'unsafe-inline'; img-src data:; "
                + connect + "; base-uri 'none'; form-action 'none'";
        // in a JSON text '<' only occurs inside strings, where \u003c means the same: no "</script>" can end it
        String boot = bootJson.replace("<", "\\u003c");
        Matcher slot = SLOT.matcher(TEMPLATE);
        StringBuilder html = new StringBuilder(TEMPLATE.length() + bootJson.length() + scripts.length() + 4096);
        while (slot.find()) {
            String value = switch (slot.group(1)) {
                case "csp" -> csp;
                case "title" -> escapeText(title);
                case "style" -> STYLE;
                case "boot" -> boot;
                case "scripts" -> scripts.toString();
                default -> throw new IllegalStateException("page.html has an unknown slot " + slot.group());
            };
            slot.appendReplacement(html, Matcher.quoteReplacement(value));
        }
        slot.appendTail(html);
        return html.toString();
    }

    private static List<String> scriptTexts() {
        List<String> texts = new ArrayList<>();
        texts.add(resource(UPLOT + "uPlot.iife.min.js"));
        SCRIPTS.forEach(name -> texts.add(resource("org/bourse/web/" + name)));
        for (String text : texts) {
            if (text.toLowerCase().contains("</script")) {
                throw new IllegalStateException("a page script contains </script and cannot be inlined");
            }
        }
        return List.copyOf(texts);
    }

    private static String escapeText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return Base64.getEncoder().encodeToString(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = BattlePage.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath: the build is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
