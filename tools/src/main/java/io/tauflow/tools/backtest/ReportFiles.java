package io.tauflow.tools.backtest;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tauflow.schema.RiskEstimate;
import io.tauflow.schema.RiskScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes a backtest's report files: {@code trades.csv}, {@code equity.csv}, {@code summary.json}
 * and {@code report.html}. The same {@link BacktestResult} always gives the same bytes: numbers are
 * written as the shortest decimal that reads back as the same double, without exponent or locale;
 * nothing depends on the clock; lines end in {@code \n}; the text is UTF-8.
 */
public final class ReportFiles {

    /** Columns of {@code trades.csv}, one row per round trip. */
    static final List<String> TRADE_COLUMNS =
            List.of(
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

    /** Columns of {@code equity.csv}, one row per bar time. */
    static final List<String> EQUITY_COLUMNS =
            List.of(
                    "time",
                    "time_ms",
                    "agents",
                    "buy_and_hold",
                    "baseline",
                    "drawdown",
                    "position_value",
                    "emotion");

    /** Columns of {@code risk-estimates.csv}, one row per estimate (the topic's fields). */
    static final List<String> RISK_COLUMNS =
            List.of(
                    "window_end_utc",
                    "window_end_ms",
                    "scope",
                    "account",
                    "symbol",
                    "observations",
                    "gross_exposure",
                    "diversified",
                    "hist_var95",
                    "hist_var99",
                    "hist_cvar95",
                    "hist_cvar99",
                    "param_var95",
                    "param_var99",
                    "param_cvar95",
                    "param_cvar99",
                    "mc_var95",
                    "mc_var99",
                    "mc_cvar95",
                    "mc_cvar99",
                    "horizon_bars",
                    "volatility",
                    "annualised_volatility",
                    "risk_score",
                    "risk_level");

    /** Sorts map entries by key; writes BigDecimals plain (no exponent). */
    static final ObjectMapper JSON =
            JsonMapper.builder()
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .build();

    private ReportFiles() {}

    /**
     * Creates {@code outDir} (and its parents) and writes the four report files into it, replacing
     * files of the same names.
     */
    public static void write(Path outDir, BacktestResult r) throws IOException {
        Files.createDirectories(outDir);
        writeUtf8(outDir.resolve("trades.csv"), tradesCsv(r));
        writeUtf8(outDir.resolve("equity.csv"), equityCsv(r));
        writeUtf8(outDir.resolve("summary.json"), summaryJson(r));
        writeUtf8(outDir.resolve("report.html"), ReportHtml.render(r));
    }

    /**
     * Writes {@code risk-estimates.csv} into {@code outDir}: every risk estimate of the run, by
     * window end, then accounts before symbols, then symbol.
     */
    public static void writeRiskEstimates(Path outDir, List<RiskEstimate> estimates)
            throws IOException {
        Files.createDirectories(outDir);
        writeUtf8(outDir.resolve("risk-estimates.csv"), riskEstimatesCsv(estimates));
    }

    static String riskEstimatesCsv(List<RiskEstimate> estimates) {
        List<RiskEstimate> sorted = new ArrayList<>(estimates);
        sorted.sort(
                Comparator.comparingLong(RiskEstimate::getWindowEndMs)
                        .thenComparing(e -> e.getScope() == RiskScope.SYMBOL)
                        .thenComparing(e -> e.getAccount())
                        .thenComparing(e -> e.getSymbol() == null ? "" : e.getSymbol()));
        StringBuilder out = new StringBuilder();
        csvRow(out, RISK_COLUMNS);
        for (RiskEstimate e : sorted) {
            csvRow(
                    out,
                    List.of(
                            isoUtc(e.getWindowEndMs()),
                            Long.toString(e.getWindowEndMs()),
                            e.getScope().name(),
                            text(e.getAccount()),
                            text(e.getSymbol() == null ? "" : e.getSymbol()),
                            Integer.toString(e.getObservations()),
                            plain(e.getGrossExposure()),
                            Boolean.toString(e.getDiversified()),
                            plain(e.getHistoricalVar95()),
                            plain(e.getHistoricalVar99()),
                            plain(e.getHistoricalCvar95()),
                            plain(e.getHistoricalCvar99()),
                            plain(e.getParametricVar95()),
                            plain(e.getParametricVar99()),
                            plain(e.getParametricCvar95()),
                            plain(e.getParametricCvar99()),
                            plain(e.getMonteCarloVar95()),
                            plain(e.getMonteCarloVar99()),
                            plain(e.getMonteCarloCvar95()),
                            plain(e.getMonteCarloCvar99()),
                            Integer.toString(e.getHorizonBars()),
                            plain(e.getVolatility()),
                            plain(e.getAnnualisedVolatility()),
                            plain(e.getRiskScore()),
                            e.getRiskLevel().name()));
        }
        return out.toString();
    }

    static String tradesCsv(BacktestResult r) {
        StringBuilder out = new StringBuilder();
        csvRow(out, TRADE_COLUMNS);
        for (Trade t : r.trades()) {
            csvRow(
                    out,
                    List.of(
                            text(t.symbol()),
                            isoUtc(t.entryTimeMs()),
                            Long.toString(t.entryTimeMs()),
                            plain(t.entryPrice()),
                            isoUtc(t.exitTimeMs()),
                            Long.toString(t.exitTimeMs()),
                            plain(t.exitPrice()),
                            plain(t.quantity()),
                            plain(t.fees()),
                            plain(t.pnl()),
                            text(t.exitReason()),
                            text(t.emotionAtEntry()),
                            text(t.decisionSource())));
        }
        return out.toString();
    }

    static String equityCsv(BacktestResult r) {
        StringBuilder out = new StringBuilder();
        csvRow(out, EQUITY_COLUMNS);
        for (EquityPoint p : r.equity()) {
            csvRow(
                    out,
                    List.of(
                            isoUtc(p.timeMs()),
                            Long.toString(p.timeMs()),
                            plain(p.agents()),
                            plain(p.buyAndHold()),
                            plain(p.baseline()),
                            plain(p.drawdown()),
                            plain(p.positionValue()),
                            text(p.emotion())));
        }
        return out.toString();
    }

    /**
     * The summary: settings, the figures of each symbol (by name), of all agents and of each
     * benchmark (by name), each with the seed targets it meets, the counts and the dead letters.
     * Map entries are written sorted by key; undefined figures (NaN, infinite) as {@code null}.
     */
    static String summaryJson(BacktestResult r) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("settings", r.settings());
        summary.put("symbols", byName(r.symbols()));
        summary.put("total", metrics(r.total()));
        summary.put("benchmarks", byName(r.benchmarks()));
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("trades", r.trades().size());
        counts.put("deadLetters", r.deadLetters().size());
        counts.put("equityPoints", r.equity().size());
        summary.put("counts", counts);
        summary.put("deadLetters", r.deadLetters());
        DefaultPrettyPrinter pretty =
                new DefaultPrettyPrinter(
                                Separators.createDefaultInstance()
                                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer(pretty).writeValueAsString(summary) + "\n";
    }

    private static Map<String, Object> byName(List<Metrics> all) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Metrics m : all) {
            if (out.put(m.name(), metrics(m)) != null) {
                throw new IllegalArgumentException("two sets of figures named " + m.name());
            }
        }
        return out;
    }

    /** Every figure of the record, by its component name, and the seed targets met. */
    static Map<String, Object> metrics(Metrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : Metrics.class.getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(m);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read Metrics." + c.getName(), e);
            }
            out.put(c.getName(), v instanceof Double d ? jsonNum(d) : v);
        }
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("sharpe", m.meetsSharpe());
        targets.put("maxDrawdown", m.meetsMaxDrawdown());
        targets.put("winRate", m.meetsWinRate());
        targets.put("profitFactor", m.meetsProfitFactor());
        targets.put("coverage", m.meetsCoverage());
        out.put("targets", targets);
        return out;
    }

    /**
     * The shortest decimal that reads back as {@code x}, plain (no exponent), without trailing
     * zeros; {@code null} when {@code x} is NaN or infinite. Minus zero is 0.
     */
    static BigDecimal jsonNum(double x) {
        if (!Double.isFinite(x)) {
            return null;
        }
        return new BigDecimal(Double.toString(x)).stripTrailingZeros();
    }

    /** {@link #jsonNum} as text; the empty string when {@code x} is NaN or infinite. */
    static String plain(double x) {
        BigDecimal d = jsonNum(x);
        return d == null ? "" : d.toPlainString();
    }

    /** ISO-8601 in UTC, e.g. {@code 2024-01-02T14:30:00Z} (milliseconds only when not zero). */
    static String isoUtc(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** RFC 4180 records ending in {@code \n}, fields quoted only where they need it. */
    private static final CSVFormat CSV =
            CSVFormat.RFC4180
                    .builder()
                    .setRecordSeparator('\n')
                    .setQuoteMode(QuoteMode.MINIMAL)
                    .get();

    /** One record (Apache Commons CSV). */
    private static void csvRow(StringBuilder out, List<String> fields) {
        try {
            CSV.printRecord(out, fields.toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
    }

    private static void writeUtf8(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
