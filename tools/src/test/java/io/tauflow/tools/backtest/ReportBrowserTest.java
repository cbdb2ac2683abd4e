package io.tauflow.tools.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in a headless Chromium (no network needed: everything is inlined) and reads
 * back from the rendered DOM what the page drew: {@code <body data-charts="equity:3:100,...">} is
 * set by uPlot's draw hook with the series it painted and the points it was given. Skipped, with
 * how to install it, where no Chromium is on the PATH.
 */
class ReportBrowserTest {

    static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");

    @TempDir Path dir;

    @Test
    void everyChartDrawsItsSeries() throws Exception {
        String dom = render(ReportFilesTest.result());
        int n = ReportFilesTest.POINTS;
        assertThat(charts(dom))
                .isEqualTo(
                        "equity:3:"
                                + n
                                + ",drawdown:1:"
                                + n
                                + ",position:1:"
                                + n
                                + ",emotion:2:"
                                + n);
        assertThat(dom).contains("<pre id=\"drawn\">equity:3:" + n + "\n");
        // uPlot made its plots: one per chart, each with a canvas and a legend.
        assertThat(count(dom, "<canvas")).isEqualTo(4);
        assertThat(count(dom, "class=\"uplot")).isEqualTo(4);
    }

    @Test
    void fiftyThousandPointsDraw() throws Exception {
        BacktestResult small = ReportFilesTest.result();
        int n = 50_000;
        List<EquityPoint> equity = new ArrayList<>(n);
        String[] moods = {"NEUTRAL", "HAPPY", "EXCITED", "CAUTIOUS", "WORRIED", "SCARED"};
        for (int i = 0; i < n; i++) {
            double wave = Math.sin(i / 500.0);
            equity.add(
                    new EquityPoint(
                            ReportFilesTest.T0 + i * 60_000L,
                            100_000 + 2_000 * wave + i * 0.01,
                            100_000 + i * 0.05,
                            100_000 - i * 0.02,
                            Math.min(0, wave) / 50,
                            i % 7 == 0 ? 0 : 10_000 + 100 * wave,
                            "AAA:"
                                    + moods[i / 700 % 6]
                                    + " BBB:"
                                    + moods[i / 900 % 6]
                                    + " CCC:"
                                    + moods[i / 1100 % 6]));
        }
        BacktestResult big =
                new BacktestResult(
                        small.settings(),
                        small.symbols(),
                        small.total(),
                        small.benchmarks(),
                        small.trades(),
                        equity,
                        small.deadLetters());
        String dom = render(big);
        assertThat(charts(dom))
                .isEqualTo(
                        "equity:3:"
                                + n
                                + ",drawdown:1:"
                                + n
                                + ",position:1:"
                                + n
                                + ",emotion:3:"
                                + n);
    }

    /** Writes the report, dumps the DOM Chromium rendered from it. */
    private String render(BacktestResult r) throws Exception {
        Optional<Path> browser = findBrowser();
        Assumptions.assumeTrue(
                browser.isPresent(),
                "no Chromium on PATH: apt-get install chromium (Debian) to run this test");
        Path out = dir.resolve("report");
        ReportFiles.write(out, r);
        Path html = out.resolve("report.html");
        Path dom = dir.resolve("dom.html");
        Path log = dir.resolve("chromium.log");
        Process p =
                new ProcessBuilder(
                                browser.get().toString(),
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-dev-shm-usage",
                                "--no-first-run",
                                "--user-data-dir="
                                        + Files.createDirectories(dir.resolve("profile")),
                                "--window-size=1200,900",
                                "--virtual-time-budget=5000",
                                "--dump-dom",
                                html.toUri().toString())
                        .redirectOutput(dom.toFile())
                        .redirectError(log.toFile())
                        .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(
                    "Chromium did not finish within 60 s:\n" + Files.readString(log));
        }
        String text = Files.readString(dom, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        assertThat(text)
                .as("dumped DOM; chromium log:\n" + Files.readString(log))
                .contains("<body");
        Matcher error = Pattern.compile("data-error=\"([^\"]*)\"").matcher(text);
        if (error.find()) {
            throw new AssertionError("the page's script failed: " + error.group(1));
        }
        return text;
    }

    private static String charts(String dom) {
        Matcher m = Pattern.compile("<body[^>]*\\sdata-charts=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find()).as("<body data-charts> set by the page after drawing").isTrue();
        return m.group(1);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    static Optional<Path> findBrowser() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : BROWSERS) {
            for (String d : path.split(File.pathSeparator)) {
                if (d.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(d, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
