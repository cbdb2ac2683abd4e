package io.tauflow.tools.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tauflow.schema.Candle;
import io.tauflow.tools.cli.Tauflow;
import io.tauflow.tools.demo.data.CandleCsv;
import io.tauflow.tools.demo.data.DataResources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tauflow backtest} end to end on the embedded default over a candle file written like a
 * user's (real bundled bars of two symbols): the report files are written, consistent with each
 * other, and byte-identical when the same input runs again.
 */
class BacktestITCase {

    @TempDir Path dir;

    private String run(Path out, Path input, Path sentiment, Path books, int parallelism) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code =
                Tauflow.execute(
                        new PrintStream(stdout, true, StandardCharsets.UTF_8),
                        new PrintStream(stderr, true, StandardCharsets.UTF_8),
                        "backtest",
                        "--input",
                        input.toString(),
                        "--sentiment",
                        sentiment.toString(),
                        "--order-book",
                        books.toString(),
                        "--out",
                        out.toString(),
                        "--run-dir",
                        dir.resolve("work").toString(),
                        "--parallelism",
                        Integer.toString(parallelism),
                        // open on every BUY the agent makes, exploratory ones too, so that the
                        // run trades
                        "--tauflow.sizing.confidence-threshold=0.5",
                        "--tauflow.sizing.trade-exploration=true");
        assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCandleFileGivesTheReportAndTheSameInputTheSameBytes() throws Exception {
        StringBuilder csv = new StringBuilder("symbol,open_time_ms,open,high,low,close,volume\n");
        int bars = 0;
        for (Candle c :
                CandleCsv.readResource(DataResources.LEAN_US_EQUITY_1M, "LEAN").subList(0, 2400)) {
            if (c.getSymbol().equals("SPY") || c.getSymbol().equals("IBM")) {
                csv.append(
                                String.join(
                                        ",",
                                        c.getSymbol(),
                                        Long.toString(c.getOpenTimeMs()),
                                        Double.toString(c.getOpen()),
                                        Double.toString(c.getHigh()),
                                        Double.toString(c.getLow()),
                                        Double.toString(c.getClose()),
                                        Double.toString(c.getVolume())))
                        .append('\n');
                bars++;
            }
        }
        Path input = Files.writeString(dir.resolve("candles.csv"), csv);
        long t0 = 1_380_895_200_000L; // 2013-10-04T14:00Z, within the bars
        Path sentiment =
                Files.writeString(
                        dir.resolve("sentiment.csv"),
                        "open_time_ms,symbol,score\n"
                                + t0
                                + ",SPY,0.4\n"
                                + (t0 + 600_000)
                                + ",IBM,-0.3\n");
        Path books =
                Files.writeString(
                        dir.resolve("books.csv"),
                        "open_time_ms,symbol,side,price,quantity\n"
                                + t0
                                + ",SPY,bid,167.9,100\n"
                                + t0
                                + ",SPY,ask,168.0,80\n");

        String first = run(dir.resolve("one"), input, sentiment, books, 2);
        run(dir.resolve("two"), input, sentiment, books, 1);

        assertThat(first)
                .contains("bars " + String.format(java.util.Locale.ROOT, "%,d", bars) + " of");
        assertThat(first).contains("buy-and-hold", "sma-20-50", "seed targets", "report: ");
        for (String f :
                List.of(
                        "trades.csv",
                        "equity.csv",
                        "summary.json",
                        "report.html",
                        "risk-estimates.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("one").resolve(f)))
                    .as(f + " is byte-identical for the same input at parallelism 2 and 1")
                    .isEqualTo(Files.readAllBytes(dir.resolve("two").resolve(f)));
        }
        List<String> trades = Files.readAllLines(dir.resolve("one/trades.csv"));
        List<String> equity = Files.readAllLines(dir.resolve("one/equity.csv"));
        assertThat(trades.size() - 1).as("round trips").isGreaterThan(5);
        // every risk estimate of the run, per symbol and for the account's book
        List<String> risk = Files.readAllLines(dir.resolve("one/risk-estimates.csv"));
        assertThat(risk.get(0)).startsWith("window_end_utc,window_end_ms,scope,account,symbol");
        assertThat(risk.stream().skip(1).map(l -> l.split(",")[2]).distinct())
                .containsExactlyInAnyOrder("SYMBOL", "ACCOUNT");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("one/summary.json").toFile());
        assertThat(summary.toString())
                .contains("buy-and-hold", "US_EQUITIES", "(2 readings)", "(1 snapshots)");
        // One equity point per bar time; the summary's P&L is the curve's last point.
        long times = equity.stream().skip(1).map(l -> l.split(",")[1]).distinct().count();
        assertThat(equity.size() - 1).isEqualTo((int) times);
        double lastAgents = Double.parseDouble(equity.get(equity.size() - 1).split(",")[2]);
        assertThat(summary.at("/total/pnl").asDouble())
                .isCloseTo(lastAgents - 10_000, org.assertj.core.api.Assertions.within(1e-6));
    }
}
