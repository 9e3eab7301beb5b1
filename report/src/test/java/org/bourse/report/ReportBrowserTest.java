package org.bourse.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bourse.protocol.WireJson;
import org.bourse.testkit.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The report of a real run, opened from disk in headless Chromium with the network cut off: it loads nothing,
 * draws its charts, its metrics equal what this test computes from the CSV files by itself, and its replay shows
 * the book at a chosen event.
 */
class ReportBrowserTest {
    private static final BigDecimal STARTING_CASH = new BigDecimal("10000.00");

    @TempDir
    static Path dir;

    private static Path run;
    private static HeadlessChromium browser;

    @BeforeAll
    static void recordAndOpen() throws Exception {
        run = RecordedRun.record(dir.resolve("run"));
        Report.write(run, null, Report.DEFAULT_STARTING_CASH, JournalActivity.of(run));
        browser = HeadlessChromium.start(1500, 1200);
        browser.goOffline();
        browser.driver().get(run.resolve("report.html").toUri().toString());
        browser.waitAtMost(Duration.ofSeconds(20))
                .until(d -> !d.findElements(By.cssSelector("#metrics tbody tr")).isEmpty());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    private static String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    @Test
    void itLoadsNothingAndDrawsEveryChart() {
        Object requests = browser.driver().executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat((List<?>) requests).as("requests the page made").isEmpty();
        for (String chart : List.of("price-chart", "equity-chart", "drawdown-chart", "position-chart")) {
            Object drawn = browser.driver().executeScript("""
                    const canvas = document.querySelector('#' + arguments[0] + ' canvas');
                    if (!canvas || canvas.width === 0) return false;
                    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                    for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) return true; }
                    return false;""", chart);
            assertThat(drawn).as(chart + " drew something").isEqualTo(true);
        }
        assertThat(browser.console()).as("no errors in the page").noneMatch(line -> line.contains("SEVERE"));
        assertThat(text("notes")).doesNotContain("journal");
    }

    @Test
    void theMetricsAreWhatTheCsvFilesSay() throws Exception {
        List<String[]> trades = RecordedRun.rows(run.resolve("trades.csv"));
        List<String[]> performance = RecordedRun.rows(run.resolve("performance.csv"));
        Map<String, List<String[]>> updates = new TreeMap<>();
        performance.forEach(row -> updates.computeIfAbsent(row[1], t -> new ArrayList<>()).add(row));
        assertThat(updates.keySet()).containsExactlyInAnyOrder("maker_1", "taker_1", "scalper_1", "bg_mm_1",
                "bg_noise_1");
        long first = Long.parseLong(trades.get(0)[0]);
        long last = Long.parseLong(trades.get(trades.size() - 1)[0]);

        for (var entry : updates.entrySet()) {
            String trader = entry.getKey();
            List<String[]> rows = entry.getValue();
            BigDecimal finalEquity = new BigDecimal(rows.get(rows.size() - 1)[5]);
            BigDecimal pnl = finalEquity.subtract(STARTING_CASH);
            long count = trades.stream().filter(t -> t[3].equals(trader) || t[4].equals(trader)).count();
            long volume = trades.stream().filter(t -> t[3].equals(trader) || t[4].equals(trader))
                    .mapToLong(t -> Long.parseLong(t[2])).sum();
            BigDecimal peak = STARTING_CASH;
            BigDecimal drawdown = BigDecimal.ZERO;
            for (String[] row : rows) {
                BigDecimal equity = new BigDecimal(row[5]);
                peak = peak.max(equity);
                drawdown = drawdown.max(peak.subtract(equity));
            }
            // equity sampled each second from the first trade, as last stated at or before the sample
            List<Double> increments = new ArrayList<>();
            BigDecimal previous = null;
            for (long t = first; t <= last; t += 1_000) {
                BigDecimal equity = STARTING_CASH;
                for (String[] row : rows) {
                    if (Long.parseLong(row[0]) <= t) {
                        equity = new BigDecimal(row[5]);
                    }
                }
                if (previous != null) {
                    increments.add(equity.subtract(previous).doubleValue());
                }
                previous = equity;
            }
            double mean = increments.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double variance = increments.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum()
                    / (increments.size() - 1);
            String sharpe = variance == 0 ? "n/a" : BigDecimal.valueOf(mean / Math.sqrt(variance))
                    .setScale(3, RoundingMode.HALF_EVEN).toPlainString();

            Map<String, String> shown = metricsOf(trader);
            assertThat(shown.get("final_equity")).as(trader).isEqualTo(finalEquity.toPlainString());
            assertThat(shown.get("pnl")).as(trader).isEqualTo((pnl.signum() > 0 ? "+" : "") + pnl.toPlainString());
            assertThat(shown.get("return")).as(trader).startsWith((pnl.signum() > 0 ? "+" : "")
                    + pnl.multiply(BigDecimal.valueOf(100)).divide(STARTING_CASH, 3, RoundingMode.HALF_EVEN));
            assertThat(shown.get("trades")).as(trader).isEqualTo(Long.toString(count));
            assertThat(shown.get("volume")).as(trader).isEqualTo(Long.toString(volume));
            assertThat(shown.get("max_drawdown")).as(trader).startsWith(drawdown.toPlainString() + " (");
            assertThat(shown.get("sharpe")).as(trader).isEqualTo(sharpe);
            // what the script sent and was answered, against what the report took from the journal
            TraderActivity sent = RecordedRun.SENT.get(trader);
            assertThat(shown.get("fill_ratio")).as(trader).isEqualTo(BigDecimal.valueOf(volume * 100)
                    .divide(BigDecimal.valueOf(sent.quantitySent()), 1, RoundingMode.HALF_EVEN) + " %");
            assertThat(shown.get("order_to_trade")).as(trader).isEqualTo(BigDecimal.valueOf(sent.ordersSent())
                    .divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN).toPlainString());
            assertThat(shown.get("rejects")).as(trader).isEqualTo(sent.rejectsByReason().isEmpty() ? "none"
                    : TraderMetrics.rejects(sent));
        }
        assertThat(increments(first, last)).as("several 1-second intervals were measured").isGreaterThanOrEqualTo(3);
        assertThat(metricsOf("maker_1").get("maker_share")).isEqualTo("100.0 %");
        assertThat(metricsOf("taker_1").get("maker_share")).isNotEqualTo("n/a");
        assertThat(metricsOf("maker_1").get("markout_1s")).isNotEqualTo("n/a");
    }

    private static long increments(long first, long last) {
        return (last - first) / 1_000;
    }

    /** A row of the metrics table, by its text (whether or not it is shown: the crowd's are in a closed section). */
    private static Map<String, String> metricsOf(String trader) {
        return cellsOf(browser.driver().findElement(By.cssSelector("#metrics tr[data-trader='" + trader + "']")));
    }

    private static Map<String, String> cellsOf(WebElement row) {
        Map<String, String> cells = new TreeMap<>();
        for (WebElement cell : row.findElements(By.cssSelector("td[data-metric]"))) {
            cells.put(cell.getAttribute("data-metric"), cell.getAttribute("textContent"));
        }
        return cells;
    }

    /** The labels of a chart's series, as its legend shows them. */
    private static List<String> legendOf(String chart) {
        Object labels = browser.driver().executeScript("return Array.from(document.querySelectorAll("
                + "'#' + arguments[0] + ' .u-legend .u-series .u-label')).map(e => e.textContent);", chart);
        return ((List<?>) labels).stream().map(String::valueOf).toList();
    }

    @Test
    void theCrowdIsOneRowThatAddsUpItsTradersWhoAreListedInAClosedSectionAndTheChartsShowTheBots()
            throws Exception {
        List<String[]> trades = RecordedRun.rows(run.resolve("trades.csv"));
        Map<String, String> lastEquity = new TreeMap<>();
        RecordedRun.rows(run.resolve("performance.csv")).forEach(row -> lastEquity.put(row[1], row[5]));
        BigDecimal equity = BigDecimal.ZERO;
        long count = 0;
        long volume = 0;
        for (String trader : RecordedRun.CROWD) {
            equity = equity.add(new BigDecimal(lastEquity.get(trader)));
            for (String[] t : trades) {
                if (t[3].equals(trader) || t[4].equals(trader)) {
                    count++;
                    volume += Long.parseLong(t[2]);
                }
            }
        }
        BigDecimal pnl = equity.subtract(STARTING_CASH.multiply(BigDecimal.valueOf(RecordedRun.CROWD.size())));

        // the table: the bots, then the crowd's one row
        List<String> rows = new ArrayList<>();
        browser.driver().findElements(By.cssSelector("#metrics > table > tbody > tr"))
                .forEach(row -> rows.add(row.getAttribute("data-trader")));
        assertThat(rows).hasSize(4).endsWith("crowd (2 traders)")
                .contains("maker_1", "taker_1", "scalper_1");
        Map<String, String> total = cellsOf(browser.driver().findElement(By.cssSelector("#metrics tr.crowd-total")));
        assertThat(total).containsEntry("final_equity", equity.toPlainString())
                .containsEntry("pnl", (pnl.signum() > 0 ? "+" : "") + pnl.toPlainString())
                .containsEntry("trades", Long.toString(count)).containsEntry("volume", Long.toString(volume))
                .containsEntry("sharpe", "—");
        // its traders, each with its own figures, in a section that opens on demand
        WebElement details = browser.driver().findElement(By.id("crowd-metrics"));
        assertThat(details.getAttribute("open")).isNull();
        List<WebElement> members = details.findElements(By.cssSelector("tbody tr"));
        assertThat(members).allMatch(row -> !row.isDisplayed());
        details.findElement(By.tagName("summary")).click();
        assertThat(members).allMatch(WebElement::isDisplayed);
        assertThat(members.stream().map(row -> row.getAttribute("data-trader")))
                .containsExactlyInAnyOrderElementsOf(RecordedRun.CROWD);
        for (String trader : RecordedRun.CROWD) {
            assertThat(metricsOf(trader).get("final_equity")).as(trader).isEqualTo(lastEquity.get(trader));
        }
        details.findElement(By.tagName("summary")).click();

        // the charts' lines are the bots'
        for (String chart : List.of("equity-chart", "position-chart")) {
            assertThat(legendOf(chart)).as(chart).containsExactlyInAnyOrder("Time", "maker_1", "taker_1",
                    "scalper_1");
        }

        // the replay's accounts: the bots, the crowd's row, and its traders when asked
        assertThat(browser.driver().findElements(By.cssSelector("#replay-accounts tbody tr")).stream()
                .map(row -> row.getAttribute("data-trader")).toList()).doesNotContain("bg_mm_1", "bg_noise_1");
        WebElement toggle = browser.driver().findElement(By.cssSelector("#replay-accounts tr.crowd-total button"));
        assertThat(toggle.getText()).contains("crowd (2 bg_ traders)");
        toggle.click();
        assertThat(browser.driver().findElements(By.cssSelector("#replay-accounts tr.crowd-member")).stream()
                .map(row -> row.getAttribute("data-trader")).toList())
                .containsExactlyInAnyOrderElementsOf(RecordedRun.CROWD);
        browser.driver().findElement(By.cssSelector("#replay-accounts tr.crowd-total button")).click();
        assertThat(browser.driver().findElements(By.cssSelector("#replay-accounts tr.crowd-member"))).isEmpty();
    }

    @Test
    void theFundamentalIsDrawnOnThePriceChartAndItsTrackingIsWhatTheCsvFilesSay() throws Exception {
        List<String[]> fundamental = RecordedRun.rows(run.resolve(RunFolder.FUNDAMENTAL));
        BigDecimal gaps = BigDecimal.ZERO;
        int counted = 0;
        for (String[] trade : RecordedRun.rows(run.resolve("trades.csv"))) {
            String value = null;
            for (String[] row : fundamental) {
                if (Long.parseLong(row[0]) <= Long.parseLong(trade[0])) {
                    value = row[1];
                }
            }
            if (value != null) {
                gaps = gaps.add(new BigDecimal(trade[1]).subtract(new BigDecimal(value)).abs());
                counted++;
            }
        }
        assertThat(counted).isPositive();
        assertThat(text("tracking-gap")).isEqualTo(gaps.divide(BigDecimal.valueOf(counted), 4,
                RoundingMode.HALF_EVEN).toPlainString());

        Object steps = browser.driver().executeScript(
                "return JSON.parse(document.getElementById('boot').textContent).fundamental.t.length;");
        assertThat(((Number) steps).intValue()).isEqualTo(fundamental.size());
        assertThat(legendOf("price-chart")).contains("fundamental (hidden)");
        // the dashed line's colour (only the fundamental is drawn in it) is on the canvas
        Object orange = browser.driver().executeScript("""
                const canvas = document.querySelector('#price-chart canvas');
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let n = 0;
                for (let i = 0; i < pixels.length; i += 4) {
                  if (Math.abs(pixels[i] - 240) < 12 && Math.abs(pixels[i + 1] - 136) < 12
                      && Math.abs(pixels[i + 2] - 62) < 12 && pixels[i + 3] > 200) n++;
                }
                return n;""");
        assertThat(((Number) orange).intValue()).as("pixels of the fundamental's line").isGreaterThan(50);
    }

    @Test
    void aRunWithoutAFundamentalSaysSo() throws Exception {
        Path old = Files.createDirectories(dir.resolve("old"));
        for (String file : List.of(RunFolder.EVENTS, RunFolder.TRADES, RunFolder.PERFORMANCE)) {
            Files.copy(run.resolve(file), old.resolve(file));
        }
        Report.write(old, null, Report.DEFAULT_STARTING_CASH, JournalActivity.of(old));
        String reportTab = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        try {
            browser.driver().get(old.resolve("report.html").toUri().toString());
            browser.waitAtMost(Duration.ofSeconds(20))
                    .until(d -> !d.findElements(By.cssSelector("#metrics tbody tr")).isEmpty());
            assertThat(text("tracking")).contains("no fundamental.csv");
            assertThat(legendOf("price-chart")).doesNotContain("fundamental (hidden)");
            assertThat(browser.console()).noneMatch(line -> line.contains("SEVERE"));
        } finally {
            browser.driver().close();
            browser.driver().switchTo().window(reportTab);
        }
    }

    @Test
    void theReplayShowsTheBookAtAChosenEvent() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(RunFolder.EVENTS))) {
            events.add(WireJson.mapper().readTree(line));
        }
        // a book change in the middle of the run, and the event just after it (the book is unchanged by a trade)
        List<JsonNode> books = events.stream().filter(e -> e.get("type").asText().equals("book_update")
                && !e.get("best_bid").isNull() && !e.get("best_ask").isNull()).toList();
        JsonNode book = books.get(books.size() / 2);
        long seq = book.get("seq").asLong();

        browser.driver().findElement(By.id("goto-seq")).clear();
        browser.driver().findElement(By.id("goto-seq")).sendKeys(Long.toString(seq));
        browser.driver().findElement(By.cssSelector("#goto button")).click();

        assertThat(text("scrub-position")).contains("seq " + seq);
        List<String> asks = levels("#replay-ladder .level.ask");
        List<String> bids = levels("#replay-ladder .level.bid");
        assertThat(bids).containsExactlyElementsOf(expectedLevels(book.get("bids")));
        // the page lists asks from the deepest shown down to the best
        List<String> expectedAsks = new ArrayList<>(expectedLevels(book.get("asks")));
        java.util.Collections.reverse(expectedAsks);
        assertThat(asks).containsExactlyElementsOf(expectedAsks);
        assertThat(text("best-bid")).isEqualTo(book.get("best_bid").decimalValue().setScale(2).toPlainString());

        // one step on by trade: the tape's newest trade is the next trade after seq
        JsonNode nextTrade = events.stream().filter(e -> e.get("seq").asLong() > seq
                && e.get("type").asText().equals("trade")).findFirst().orElseThrow();
        browser.driver().findElement(By.id("next-trade")).click();
        assertThat(text("scrub-position")).contains("seq " + nextTrade.get("seq").asLong());
        WebElement newest = browser.driver().findElement(By.cssSelector("#replay-tape tbody tr"));
        assertThat(newest.findElement(By.cssSelector("td.price")).getText())
                .isEqualTo(nextTrade.get("price").decimalValue().setScale(2).toPlainString());
    }

    /** The ladder's non-empty rows, as "price qty". */
    private static List<String> levels(String selector) {
        List<String> levels = new ArrayList<>();
        for (WebElement row : browser.driver().findElements(By.cssSelector(selector))) {
            String price = row.findElement(By.cssSelector(".price")).getText();
            if (!price.isEmpty()) {
                levels.add(price + " " + row.findElement(By.cssSelector(".qty")).getText());
            }
        }
        return levels;
    }

    private static List<String> expectedLevels(JsonNode side) {
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < Math.min(10, side.size()); i++) {
            levels.add(side.get(i).get(0).decimalValue().setScale(2).toPlainString() + " " + side.get(i).get(1).asLong());
        }
        return levels;
    }
}
