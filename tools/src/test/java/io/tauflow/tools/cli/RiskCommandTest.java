package io.tauflow.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tauflow.risk.HistoricalVar;
import io.tauflow.risk.VarConfig;
import io.tauflow.risk.VarEstimate;
import io.tauflow.risk.VarWindow;
import io.tauflow.risk.var.MonteCarloConfig;
import io.tauflow.risk.var.RiskScore;
import io.tauflow.schema.Candle;
import io.tauflow.tools.demo.data.CandleCsv;
import io.tauflow.tools.demo.data.DataResources;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskCommandTest {

    @TempDir static Path dir;
    static Path lean;

    /** Exit status, stdout lines and stderr of one run. */
    record Run(int status, List<String> out, String err) {}

    @BeforeAll
    static void copyBundledData() throws Exception {
        lean = dir.resolve("lean.csv.gz");
        try (InputStream in =
                RiskCommandTest.class
                        .getClassLoader()
                        .getResourceAsStream(DataResources.LEAN_US_EQUITY_1M)) {
            Files.copy(in, lean);
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                RiskCommand.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        List<String> lines = text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
        return new Run(status, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsAHeaderAndOneRowPerSymbolAndWindowEnd() {
        Run r = run("--input", lean.toString(), "--window", "390", "--slide", "390");

        assertThat(r.status()).isZero();
        assertThat(r.out().get(0)).isEqualTo(RiskCommand.HEADER);
        List<String> rows = r.out().subList(1, r.out().size());
        assertThat(rows).isNotEmpty();
        long previous = Long.MIN_VALUE;
        for (String row : rows) {
            String[] f = row.split(",");
            assertThat(f).hasSize(21);
            long t = Long.parseLong(f[1]);
            assertThat(t).isGreaterThanOrEqualTo(previous);
            previous = t;
            assertThat(f[2]).isIn("SPY", "IBM", "BAC", "AIG");
            assertThat(f[3]).isEqualTo("390");
            assertThat(Double.parseDouble(f[7])).isGreaterThanOrEqualTo(Double.parseDouble(f[6]));
            assertThat(Double.parseDouble(f[9])).isGreaterThanOrEqualTo(Double.parseDouble(f[7]));
            assertThat(f[16]).isEqualTo("1");
            assertThat(f[18]).isIn("LOW", "MEDIUM", "HIGH", "CRITICAL");
            // the normal expected shortfall is beyond the normal VaR
            assertThat(Double.parseDouble(f[20])).isGreaterThanOrEqualTo(Double.parseDouble(f[11]));
        }
        assertThat(rows).extracting(row -> row.split(",")[2]).contains("SPY", "IBM", "BAC", "AIG");
    }

    @Test
    void figuresMatchThePureClassesOnTheSameReturns() throws Exception {
        Run r =
                run(
                        "--input", lean.toString(),
                        "--symbol", "IBM",
                        "--window", "200",
                        "--slide", "500",
                        "--paths", "2000",
                        "--steps", "20",
                        "--level", "5",
                        "--seed", "99");
        assertThat(r.status()).isZero();

        // the first IBM window: returns 1..200 of IBM's closes
        List<Candle> ibm = new ArrayList<>();
        for (Candle c : CandleCsv.readResource(DataResources.LEAN_US_EQUITY_1M, "x")) {
            if (c.getSymbol().equals("IBM")) {
                ibm.add(c);
            }
        }
        double[] returns = new double[200];
        for (int i = 0; i < 200; i++) {
            returns[i] = Math.log(ibm.get(i + 1).getClose() / ibm.get(i).getClose());
        }
        VarConfig config =
                new VarConfig(
                        MonteCarloConfig.defaults()
                                .withLevel(5)
                                .withPathsAndSteps(2000, 20)
                                .withSeed(99),
                        RiskScore.defaults(),
                        VarConfig.DEFAULT_TRADING_TIME_PER_YEAR_MS);
        Candle last = ibm.get(200);
        VarEstimate expected =
                new VarWindow(config)
                        .estimate("IBM", last.getOpenTimeMs(), returns, last.getIntervalMs(), null);

        String[] f = r.out().get(1).split(",");
        assertThat(f[2]).isEqualTo("IBM");
        assertThat(Long.parseLong(f[1])).isEqualTo(last.getOpenTimeMs());
        assertThat(f[0]).isEqualTo(java.time.Instant.ofEpochMilli(last.getOpenTimeMs()).toString());
        assertThat(Double.parseDouble(f[7]))
                .isEqualTo(HistoricalVar.estimate(returns, new VarEstimate()).var99);
        assertThat(Double.parseDouble(f[4])).isEqualTo(expected.volatility);
        assertThat(Double.parseDouble(f[11])).isEqualTo(expected.parametricVar99);
        assertThat(Double.parseDouble(f[13])).isEqualTo(expected.mcVar99);
        assertThat(Double.parseDouble(f[15])).isEqualTo(expected.mcCvar99);
        assertThat(Double.parseDouble(f[20])).isEqualTo(expected.parametricCvar99);
        assertThat(Double.parseDouble(f[17])).isCloseTo(expected.riskScore, within(0.0005));
        assertThat(f[18]).isEqualTo(expected.riskLevel);
        // 1 + (1,000 - 200 - 1) / 500 windows fit if IBM has at least 1,000 returns
        assertThat(r.out()).hasSize(1 + 1 + (ibm.size() - 1 - 200) / 500);
    }

    @Test
    void readsPlainCsvWithoutASymbolColumnAndDefaultsTheSlide() throws Exception {
        Path plain = dir.resolve("plain.csv");
        StringBuilder csv = new StringBuilder("open_time_ms,open,high,low,close,volume\n");
        double price = 100;
        for (int i = 0; i < 60; i++) {
            price *= 1 + 0.001 * Math.sin(i * 1.7);
            csv.append(i * 60_000L).append(",1,1,1,").append(price).append(",10\n");
        }
        Files.writeString(plain, csv);

        Run r = run("--input", plain.toString(), "--symbol", "XYZ", "--window", "20");

        assertThat(r.status()).isZero();
        // 59 returns, window 20, default slide 2: ends at returns 19, 21, ..., 57
        assertThat(r.out()).hasSize(1 + 20);
        assertThat(r.out().get(1).split(",")[2]).isEqualTo("XYZ");
        assertThat(r.out().get(1).split(",")[1]).isEqualTo(Long.toString(20 * 60_000L));
    }

    @Test
    void helpAndErrors() {
        Run help = run("--help");
        assertThat(help.status()).isZero();
        assertThat(String.join("\n", help.out())).contains("--input", "--window", "--paths");

        assertError(run(), "Missing required option: '--input=FILE'");
        assertError(run("--input", dir.resolve("missing.csv").toString()), "no such file");
        assertError(
                run("--input", lean.toString(), "--window", "0"),
                "Invalid value for option '--window': must be >= 2, got 0");
        assertError(
                run("--input", lean.toString(), "--window"),
                "Missing required parameter for option '--window'");
        assertError(run("--input", lean.toString(), "--level", "3"), "tauflow.var.mc-level");
        assertError(
                run("--input", lean.toString(), "--paths", "many"),
                "Invalid value for option '--paths': 'many' is not an int");
        assertError(run("--input", lean.toString(), "--paths", "50"), "tauflow.var.mc-paths");
        assertError(
                run("--input", lean.toString(), "--regime", "SIDEWAYS"),
                "Invalid value for option '--regime': expected one of");
        assertError(
                run("--input", lean.toString(), "--frobnicate"), "Unknown option: '--frobnicate'");
        assertError(run("--input", lean.toString(), "--symbol", "TSLA"), "no rows for symbol TSLA");
    }

    @Test
    void badCsvIsAnErrorNamingTheProblem() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(
                bad, "symbol,open_time_ms,open,high,low,close,volume\nA,0,1,1,1,oops,1\n");
        assertError(run("--input", bad.toString()), "close");
        Path noSymbol = dir.resolve("nosymbol.csv");
        Files.writeString(noSymbol, "open_time_ms,open,high,low,close,volume\n0,1,1,1,1,1\n");
        assertError(run("--input", noSymbol.toString()), "symbol");
    }

    private static void assertError(Run r, String message) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.out()).isEmpty();
    }
}
