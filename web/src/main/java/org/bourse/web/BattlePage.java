package org.bourse.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bourse.protocol.TraderIds;

/**
 * The battle page as one HTML document: the live dashboard and the battle report are the same page, told which
 * it is by the data inlined in it. Everything is inlined — styles, uPlot (from its WebJar on the classpath), the
 * page's scripts and its data — so a report opens from disk with no network at all, and the dashboard is one
 * request. A Content-Security-Policy lets only these very scripts run (by their hashes) and lets the page connect
 * to nothing (a report) or to WebSockets only (the dashboard, for the feed).
 */
public final class BattlePage {
    private static final InlinedPage PAGE = new InlinedPage("org/bourse/web/page.html",
            List.of(InlinedPage.UPLOT_STYLE, "org/bourse/web/page.css"),
            Stream.concat(Stream.of(InlinedPage.UPLOT_SCRIPT), Stream.of("market.js", "view.js", "live.js",
                    "report.js", "main.js").map(name -> "org/bourse/web/" + name)).toList());

    private BattlePage() {
    }

    /**
     * The live dashboard, which connects to the feed on {@code feedPort} of the host it was loaded from.
     *
     * @param decimals the tick's decimals, to print prices as the exchange does
     * @param botEndings whether the page follows the battle's bot endings ({@link Dashboard#BOT_ENDINGS_PATH}, from
     *                   the page's own origin)
     */
    public static String live(int feedPort, int decimals, boolean botEndings) {
        String boot = "{\"mode\":\"live\",\"feedPort\":" + feedPort + ",\"decimals\":" + decimals
                + ",\"backgroundPrefix\":\"" + TraderIds.BACKGROUND_PREFIX + "\",\"botEndings\":" + botEndings + "}";
        return page("Bourse — live", boot, botEndings ? "'self' ws: wss:" : "ws: wss:");
    }

    /**
     * A battle report with {@code dataJson} (the report's data, a JSON object with {@code "mode":"report"} and
     * {@code "backgroundPrefix"}, the start of the crowd's trader ids).
     */
    public static String report(String title, String dataJson) {
        return page(title, dataJson, "'none'");
    }

    private static String page(String title, String bootJson, String connect) {
        return PAGE.render(title, connect, Map.of("boot", InlinedPage.json(bootJson)));
    }
}
