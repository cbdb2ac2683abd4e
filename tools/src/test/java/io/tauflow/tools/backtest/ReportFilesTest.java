package io.tauflow.tools.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

    static final long T0 = 1_704_205_800_000L; // 2024-01-02T14:30:00Z
    static final long MINUTE = 60_000L;
    static final int POINTS = 100;

    @TempDir Path dir;

    /** Two symbols, four round trips, 100 equity points, undefined figures, odd text. */
    static BacktestResult result() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("input", "data/candles.csv");
        settings.put("symbols", "IBM SPY");
        settings.put("bar interval", "1m");
        settings.put("fee bps per side", "1");
        settings.put("starting capital", "100000");
        settings.put("options", "--tauflow.sizing.confidence-threshold=0.5");
        Metrics spy =
                new Metrics(
                        "SPY",
                        POINTS,
                        0.0123,
                        0.25,
                        1.8,
                        2.4,
                        -0.042,
                        -0.3,
                        1.6,
                        3,
                        2.0 / 3,
                        1.9,
                        5 * MINUTE,
                        0.4,
                        1.5,
                        12.5,
                        1230,
                        0.0125);
        // No losing trade: profit factor undefined, so not met.
        Metrics ibm =
                new Metrics(
                        "IBM",
                        POINTS,
                        -0.001,
                        -0.01,
                        0.2,
                        0.3,
                        -0.2,
                        -0.9,
                        0.1,
                        1,
                        0.0,
                        Double.NaN,
                        90 * MINUTE,
                        0.1,
                        0.2,
                        0.00001,
                        -100,
                        0.0125);
        Metrics total =
                new Metrics(
                        "ALL",
                        POINTS,
                        0.0113,
                        0.12,
                        1.51,
                        2.0,
                        -0.05,
                        -0.4,
                        1.2,
                        4,
                        0.5,
                        1.25,
                        26.25 * MINUTE,
                        0.45,
                        1.7,
                        12.50001,
                        1130,
                        0.025);
        Metrics buyAndHold =
                new Metrics(
                        "buy-and-hold",
                        POINTS,
                        0.02,
                        Double.NaN,
                        2.1,
                        3.0,
                        -0.01,
                        Double.NaN,
                        Double.NaN,
                        2,
                        1.0,
                        Double.POSITIVE_INFINITY,
                        99 * MINUTE,
                        1.0,
                        1.0,
                        20,
                        2000,
                        Double.NaN);
        Metrics sma =
                new Metrics(
                        "sma-20-50",
                        POINTS,
                        -0.03,
                        Double.NaN,
                        -0.5,
                        -0.6,
                        -0.16,
                        Double.NaN,
                        Double.NaN,
                        5,
                        0.4,
                        0.8,
                        12 * MINUTE,
                        0.5,
                        3.0,
                        30,
                        -3000,
                        Double.NaN);
        List<Trade> trades =
                List.of(
                        new Trade(
                                "SPY",
                                T0 + 2 * MINUTE,
                                470.12,
                                T0 + 7 * MINUTE,
                                471.5,
                                10,
                                0.94,
                                12.86,
                                "SELL",
                                "NEUTRAL",
                                "Q"),
                        new Trade(
                                "IBM",
                                T0 + 3 * MINUTE,
                                161.25,
                                T0 + 93 * MINUTE,
                                161.0,
                                4,
                                0.00001,
                                -1.00001,
                                "stop-loss",
                                "WORRIED",
                                "mean reversion, \"MR\""),
                        new Trade(
                                "SPY",
                                T0 + 10 * MINUTE,
                                471,
                                T0 + 15 * MINUTE + 500,
                                472,
                                10,
                                0.94,
                                9.06,
                                "SELL",
                                "HAPPY",
                                "momentum"),
                        new Trade(
                                "SPY",
                                T0 + 90 * MINUTE,
                                473.5,
                                T0 + 99 * MINUTE,
                                473.75,
                                1e7,
                                1.5,
                                Double.NaN,
                                "END",
                                "EXCITED",
                                "Q\nline two"));
        List<EquityPoint> equity = new ArrayList<>();
        String[] spyMood = {"NEUTRAL", "HAPPY", "EXCITED", "CAUTIOUS"};
        String[] ibmMood = {"NEUTRAL", "WORRIED", "SCARED", "CAUTIOUS", "NEUTRAL"};
        for (int i = 0; i < POINTS; i++) {
            double agents = 100_000 + 11.3 * i;
            String emotion =
                    i < 5
                            ? "SPY:NEUTRAL"
                            : "IBM:" + ibmMood[i / 20 % 5] + " SPY:" + spyMood[i / 25 % 4];
            equity.add(
                    new EquityPoint(
                            T0 + i * MINUTE,
                            agents,
                            100_000 + 20.0 * i,
                            i == 0 ? Double.NaN : 100_000 - 30.0 * i,
                            i % 10 == 0 ? -0.0 : -0.001 * (i % 10),
                            i % 3 == 0 ? 0 : 4710.5,
                            emotion));
        }
        return new BacktestResult(
                settings,
                List.of(ibm, spy),
                total,
                List.of(buyAndHold, sma),
                trades,
                equity,
                List.of("tauflow.candles: bad close -1", "tauflow.candles: </script><b>x</b>"));
    }

    @Test
    void theSameResultGivesTheSameBytes() throws Exception {
        BacktestResult r = result();
        ReportFiles.write(dir.resolve("one"), r);
        ReportFiles.write(dir.resolve("two/nested"), result());
        for (String f : List.of("trades.csv", "equity.csv", "summary.json", "report.html")) {
            byte[] one = Files.readAllBytes(dir.resolve("one").resolve(f));
            assertThat(one).as(f).isNotEmpty();
            assertThat(one)
                    .as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("two/nested").resolve(f)));
            String text = new String(one, StandardCharsets.UTF_8);
            assertThat(text).as(f + " has \\n line ends").doesNotContain("\r").endsWith("\n");
        }
    }

    @Test
    void tradesCsvReadsBack() throws Exception {
        ReportFiles.write(dir, result());
        List<List<String>> rows = parseCsv(Files.readString(dir.resolve("trades.csv")));
        assertThat(rows.get(0))
                .containsExactly(
                        "symbol",
                        "entry_time",
                        "entry_time_ms",
                        "entry_price",
                        "exit_time",
                        "exit_time_ms",
                        "exit_price",
                        "quantity",
                        "fees",
                        "pnl",
                        "exit_reason",
                        "emotion_at_entry",
                        "decision_source");
        assertThat(rows).hasSize(5);
        assertThat(rows.get(1))
                .containsExactly(
                        "SPY",
                        "2024-01-02T14:32:00Z",
                        Long.toString(T0 + 2 * MINUTE),
                        "470.12",
                        "2024-01-02T14:37:00Z",
                        Long.toString(T0 + 7 * MINUTE),
                        "471.5",
                        "10",
                        "0.94",
                        "12.86",
                        "SELL",
                        "NEUTRAL",
                        "Q");
        // Quoting, small numbers without exponent.
        assertThat(rows.get(2).get(8)).isEqualTo("0.00001");
        assertThat(rows.get(2).get(9)).isEqualTo("-1.00001");
        assertThat(rows.get(2).get(12)).isEqualTo("mean reversion, \"MR\"");
        // Milliseconds in the ISO time only when there are some.
        assertThat(rows.get(3).get(4)).isEqualTo("2024-01-02T14:45:00.500Z");
        // Large numbers without exponent, NaN as empty, a line break inside a quoted field.
        assertThat(rows.get(4).get(7)).isEqualTo("10000000");
        assertThat(rows.get(4).get(9)).isEmpty();
        assertThat(rows.get(4).get(12)).isEqualTo("Q\nline two");
        assertThat(Files.readString(dir.resolve("trades.csv")))
                .contains(",\"mean reversion, \"\"MR\"\"\"\n")
                .doesNotContainPattern("[0-9]E[-+0-9]");
    }

    @Test
    void equityCsvReadsBack() throws Exception {
        ReportFiles.write(dir, result());
        String text = Files.readString(dir.resolve("equity.csv"));
        List<List<String>> rows = parseCsv(text);
        assertThat(rows.get(0))
                .containsExactly(
                        "time",
                        "time_ms",
                        "agents",
                        "buy_and_hold",
                        "baseline",
                        "drawdown",
                        "position_value",
                        "emotion");
        assertThat(rows).hasSize(POINTS + 1);
        assertThat(rows.get(1))
                .containsExactly(
                        "2024-01-02T14:30:00Z",
                        Long.toString(T0),
                        "100000",
                        "100000",
                        "",
                        "0",
                        "0",
                        "SPY:NEUTRAL");
        assertThat(rows.get(8))
                .containsExactly(
                        "2024-01-02T14:37:00Z",
                        Long.toString(T0 + 7 * MINUTE),
                        "100079.1",
                        "100140",
                        "99790",
                        "-0.007",
                        "4710.5",
                        "IBM:NEUTRAL SPY:NEUTRAL");
        for (List<String> row : rows) {
            assertThat(row).hasSize(8);
        }
        assertThat(text).doesNotContainPattern("[0-9]E[-+0-9]");
    }

    @Test
    void summaryJsonHasTheFiguresAndTargets() throws Exception {
        ReportFiles.write(dir, result());
        String text = Files.readString(dir.resolve("summary.json"));
        JsonNode s = new ObjectMapper().readTree(text);

        assertThat(s.path("settings").path("starting capital").asText()).isEqualTo("100000");
        assertThat(s.path("settings").size()).isEqualTo(6);
        // Per symbol by name, keys sorted.
        assertThat(fieldNames(s.path("symbols"))).containsExactly("IBM", "SPY");
        assertThat(fieldNames(s)).isSortedAccordingTo(String::compareTo);
        assertThat(fieldNames(s.path("total"))).isSortedAccordingTo(String::compareTo);

        JsonNode spy = s.path("symbols").path("SPY");
        assertThat(spy.path("sharpe").decimalValue()).isEqualByComparingTo("1.8");
        assertThat(spy.path("avgHoldingMs").asLong()).isEqualTo(300_000);
        assertThat(spy.path("trades").asInt()).isEqualTo(3);
        assertThat(spy.path("targets").path("sharpe").asBoolean()).isTrue();
        assertThat(spy.path("targets").path("maxDrawdown").asBoolean()).isTrue();
        assertThat(spy.path("targets").path("winRate").asBoolean()).isTrue();
        assertThat(spy.path("targets").path("profitFactor").asBoolean()).isTrue();
        assertThat(spy.path("targets").path("coverage").asBoolean()).isTrue();

        JsonNode ibm = s.path("symbols").path("IBM");
        assertThat(ibm.path("profitFactor").isNull()).as("NaN is null").isTrue();
        assertThat(ibm.path("fees").decimalValue()).isEqualByComparingTo("0.00001");
        assertThat(text).contains("\"fees\": 0.00001,", "\"avgHoldingMs\": 5400000,");
        assertThat(ibm.path("targets").path("profitFactor").asBoolean()).isFalse();
        assertThat(ibm.path("targets").path("maxDrawdown").asBoolean()).isFalse();
        assertThat(ibm.path("targets").path("sharpe").asBoolean()).isFalse();

        JsonNode total = s.path("total");
        assertThat(total.path("name").asText()).isEqualTo("ALL");
        assertThat(total.path("fees").toString()).isEqualTo("12.50001");
        assertThat(total.path("targets").path("sharpe").asBoolean()).isTrue();
        assertThat(total.path("targets").path("winRate").asBoolean()).isTrue();
        assertThat(total.path("targets").path("profitFactor").asBoolean()).isTrue();

        JsonNode bh = s.path("benchmarks").path("buy-and-hold");
        assertThat(bh.path("profitFactor").isNull()).as("infinity is null").isTrue();
        assertThat(bh.path("coverage").isNull()).isTrue();
        assertThat(bh.path("targets").path("coverage").asBoolean()).isFalse();
        assertThat(bh.path("pnl").toString()).isEqualTo("2000");
        assertThat(
                        s.path("benchmarks")
                                .path("sma-20-50")
                                .path("targets")
                                .path("maxDrawdown")
                                .asBoolean())
                .isFalse();

        assertThat(s.path("counts").path("trades").asInt()).isEqualTo(4);
        assertThat(s.path("counts").path("deadLetters").asInt()).isEqualTo(2);
        assertThat(s.path("counts").path("equityPoints").asInt()).isEqualTo(POINTS);
        assertThat(s.path("deadLetters").get(0).asText())
                .isEqualTo("tauflow.candles: bad close -1");
        assertThat(text).doesNotContain("NaN", "Infinity").doesNotContainPattern("[0-9]E[-+0-9]");
        assertThat(text).startsWith("{\n  \"benchmarks\": {\n");
    }

    @Test
    void reportHtmlIsSelfContainedAndEmbedsTheData() throws Exception {
        ReportFiles.write(dir, result());
        String html = Files.readString(dir.resolve("report.html"));

        assertThat(html)
                .doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//")
                .doesNotContainPattern("(?i)<link\\b")
                .doesNotContainPattern("(?i)@import")
                .doesNotContainPattern("(?i)url\\(\\s*[\"']?\\s*(https?:)?//");
        // uPlot inlined, with its licence.
        assertThat(html).contains("var uPlot=", ".uplot", "Copyright (c) 2022 Leon Sorokin");

        // The data block reads back; "</" inside it is escaped.
        Matcher m =
                Pattern.compile(
                                "<script type=\"application/json\" id=\"report-data\">"
                                        + "(.*?)</script>",
                                Pattern.DOTALL)
                        .matcher(html);
        assertThat(m.find()).isTrue();
        JsonNode data = new ObjectMapper().readTree(m.group(1));
        assertThat(data.path("timeMs").size()).isEqualTo(POINTS);
        assertThat(data.path("timeMs").get(1).asLong()).isEqualTo(T0 + MINUTE);
        assertThat(data.path("agents").size()).isEqualTo(POINTS);
        assertThat(data.path("baseline").get(0).isNull()).isTrue();
        assertThat(data.path("drawdown").get(7).decimalValue()).isEqualByComparingTo("-0.007");
        JsonNode emotion = data.path("emotion");
        assertThat(emotion.path("names").toString())
                .isEqualTo(
                        "[\"SCARED\",\"WORRIED\",\"CAUTIOUS\",\"NEUTRAL\",\"HAPPY\",\"EXCITED\"]");
        assertThat(emotion.path("lowest").asInt()).isEqualTo(-3);
        assertThat(fieldNames(emotion.path("symbols"))).containsExactly("IBM", "SPY");
        JsonNode ibm = emotion.path("symbols").path("IBM");
        assertThat(ibm.size()).isEqualTo(POINTS);
        assertThat(ibm.get(0).isNull()).as("IBM has no emotion before point 5").isTrue();
        assertThat(ibm.get(5).asInt()).isEqualTo(0); // NEUTRAL
        assertThat(ibm.get(20).asInt()).isEqualTo(-2); // WORRIED
        assertThat(ibm.get(40).asInt()).isEqualTo(-3); // SCARED
        assertThat(emotion.path("symbols").path("SPY").get(50).asInt()).isEqualTo(2); // EXCITED

        // Text from the result is escaped, in the page and in the data.
        assertThat(html).contains("tauflow.candles: &lt;/script&gt;&lt;b&gt;x&lt;/b&gt;");
        assertThat(html.split("</script>", -1)).hasSize(4); // data, uPlot, page script

        // The figures table with each seed target met or not.
        assertThat(html)
                .contains("data-book=\"SPY\"", "data-book=\"ALL\"", "data-book=\"buy-and-hold\"")
                .contains("data-book=\"sma-20-50\"")
                .contains(
                        "data-target=\"profitFactor\" data-met=\"false\">\u2013 <span>\u2717 not"
                                + " met</span>")
                .contains("data-target=\"sharpe\" data-met=\"true\">1.80 <span>\u2713 met")
                .contains("<th>starting capital</th><td>100000</td>");
        assertThat(html)
                .contains("id=\"chart-equity\"", "id=\"chart-drawdown\"")
                .contains("id=\"chart-position\"", "id=\"chart-emotion\"", "id=\"drawn\"");
    }

    @Test
    void anEmptyResultStillWrites() throws Exception {
        Metrics none =
                new Metrics(
                        "ALL",
                        0,
                        0,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        0,
                        Double.NaN,
                        Double.NaN,
                        0,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        0,
                        0,
                        0,
                        0,
                        0);
        BacktestResult r =
                new BacktestResult(
                        Map.of(), List.of(), none, List.of(), List.of(), List.of(), List.of());
        ReportFiles.write(dir, r);
        assertThat(Files.readString(dir.resolve("trades.csv"))).hasLineCount(1);
        assertThat(Files.readString(dir.resolve("equity.csv"))).hasLineCount(1);
        assertThat(
                        new ObjectMapper()
                                .readTree(dir.resolve("summary.json").toFile())
                                .path("counts")
                                .path("trades")
                                .asInt())
                .isZero();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("\"timeMs\":[]");
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        assertThat(quoted).as("unterminated quote").isFalse();
        assertThat(field.length() == 0 && row.isEmpty()).as("last line ends in \\n").isTrue();
        return rows;
    }
}
