package io.tauflow.tools.cli;

import io.tauflow.jobs.JobSettings;
import io.tauflow.risk.VarConfig;
import io.tauflow.risk.VarEstimate;
import io.tauflow.risk.VarOptions;
import io.tauflow.risk.VarWindow;
import io.tauflow.schema.Candle;
import io.tauflow.schema.Regime;
import io.tauflow.tools.demo.data.CandleCsv;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/tauflow risk}: the job's per-window risk figures over a candle CSV file, without Flink
 * or Kafka. Per symbol, one-bar log returns {@code ln(close_t / close_t-1)} of consecutive bars
 * fill count-based sliding windows of {@code --window} returns, advancing {@code --slide} returns;
 * each window is estimated by the same {@link VarWindow} the job's VaR window function uses, and
 * printed as one CSV row, ordered by window end time and symbol. The window end is the open time of
 * the window's last bar (the job's event time of a bar).
 *
 * <p>Exit status 0 on success, 2 on a usage or input error (with the reason on stderr).
 */
@Command(
        name = "risk",
        header = "Per-window risk figures (VaR, CVaR, Monte Carlo, level) of a candle CSV.",
        mixinStandardHelpOptions = true,
        description = {
            "Per symbol and sliding window of one-bar log returns of a candle CSV (no Flink, no"
                    + " Kafka): volatility, historical VaR/CVaR 95/99, parametric VaR, Monte Carlo"
                    + " VaR/CVaR and the risk level, as CSV on stdout (docs/RISK.md). The"
                    + " tauflow.var.* options apply."
        })
public final class RiskCommand extends CliCommand {

    /** One US equity session of minute bars. */
    static final int DEFAULT_WINDOW = 390;

    static final String HEADER =
            "time_utc,time_ms,symbol,returns,volatility,annualised_volatility,hist_var95,"
                    + "hist_var99,cvar95,cvar99,param_var95,param_var99,mc_var95,mc_var99,"
                    + "mc_cvar95,mc_cvar99,mc_level,risk_score,risk_level,param_cvar95,param_cvar99";

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description =
                    "Candle CSV, plain or gzipped (columns: symbol, open_time_ms or"
                            + " open_time_utc/time_utc/date, open, high, low, close, volume).")
    Path input;

    @Option(
            names = "--window",
            paramLabel = "N",
            defaultValue = "" + DEFAULT_WINDOW,
            description =
                    "Returns per window, >= 2 (default ${DEFAULT-VALUE}: one US equity session of"
                            + " 1-minute bars).")
    int window;

    @Option(
            names = "--slide",
            paramLabel = "N",
            description = "Returns the window advances by, >= 1 (default max(1, window / 10)).")
    Integer slide;

    @Option(
            names = "--paths",
            paramLabel = "P",
            description = "Monte Carlo paths (default tauflow.var.mc-paths, 1000).")
    Integer paths;

    @Option(
            names = "--steps",
            paramLabel = "S",
            description = "Monte Carlo steps = horizon in bars (default tauflow.var.mc-steps, 50).")
    Integer steps;

    @Option(
            names = "--level",
            paramLabel = "L",
            description = "Monte Carlo level 1, 2, 4 or 5 (default tauflow.var.mc-level, 1).")
    Integer level;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Configured part of the Monte Carlo seed (default tauflow.var.seed).")
    Long seed;

    @Option(
            names = "--symbol",
            paramLabel = "S",
            description = "Only this symbol (and the symbol of files without a symbol column).")
    String symbol;

    @Option(
            names = "--regime",
            paramLabel = "R",
            description =
                    "Regime for Monte Carlo level 2+: ${COMPLETION-CANDIDATES}; default none"
                            + " (neutral).")
    Regime regime;

    @Mixin ConfigMixin config;

    RiskCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    /** Runs {@code bin/tauflow risk ARGS}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String[] all = new String[args.length + 1];
        all[0] = "risk";
        System.arraycopy(args, 0, all, 1, args.length);
        return Tauflow.execute(out, err, all);
    }

    @Override
    public Integer call() {
        Options o = new Options();
        o.input = input;
        o.window = atLeast("--window", window, 2);
        o.slide = slide != null ? atLeast("--slide", slide, 1) : Math.max(1, window / 10);
        if (paths != null) {
            atLeast("--paths", paths, 1);
        }
        if (steps != null) {
            atLeast("--steps", steps, 1);
        }
        o.symbol = symbol;
        o.regime = regime;
        Configuration conf = config.configuration();
        if (paths != null) {
            conf.set(VarOptions.MC_PATHS, paths);
        }
        if (steps != null) {
            conf.set(VarOptions.MC_STEPS, steps);
        }
        if (level != null) {
            conf.set(VarOptions.MC_LEVEL, level);
        }
        if (seed != null) {
            conf.set(VarOptions.SEED, seed);
        }
        o.config = JobSettings.from(conf).var;
        List<VarEstimate> rows;
        try {
            rows = estimate(read(o.input, o.symbol), o);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + o.input + ": " + e, e);
        }
        out.println(HEADER);
        for (VarEstimate v : rows) {
            out.println(row(v));
        }
        for (String note : o.notes) {
            err.println("tauflow risk: " + note);
        }
        return 0;
    }

    static List<Candle> read(Path input, String symbol) throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("no such file: " + input);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(input), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                List<Candle> all =
                        symbol == null
                                ? CandleCsv.read(r, "file")
                                : CandleCsv.read(r, "file", symbol);
                if (symbol == null) {
                    return all;
                }
                List<Candle> one = new ArrayList<>();
                for (Candle c : all) {
                    if (c.getSymbol().equals(symbol)) {
                        one.add(c);
                    }
                }
                if (one.isEmpty()) {
                    throw new IllegalArgumentException(
                            "no rows for symbol " + symbol + " in " + input);
                }
                return one;
            }
        }
    }

    /** The windows of every symbol, ordered by window end and symbol. */
    static List<VarEstimate> estimate(List<Candle> candles, Options o) {
        Map<String, List<Candle>> bySymbol = new LinkedHashMap<>();
        for (Candle c : candles) {
            bySymbol.computeIfAbsent(c.getSymbol(), k -> new ArrayList<>()).add(c);
        }
        VarWindow window = new VarWindow(o.config);
        List<VarEstimate> out = new ArrayList<>();
        for (Map.Entry<String, List<Candle>> e : bySymbol.entrySet()) {
            List<Candle> bars = e.getValue();
            bars.sort(Comparator.comparingLong(Candle::getOpenTimeMs));
            int n = bars.size() - 1;
            double[] returns = new double[Math.max(0, n)];
            for (int i = 1; i < bars.size(); i++) {
                double prev = bars.get(i - 1).getClose();
                double close = bars.get(i).getClose();
                if (!(prev > 0) || !(close > 0)) {
                    throw new IllegalArgumentException(
                            "non-positive close of "
                                    + e.getKey()
                                    + " at "
                                    + Instant.ofEpochMilli(
                                            bars.get(prev > 0 ? i : i - 1).getOpenTimeMs()));
                }
                returns[i - 1] = Math.log(close / prev);
            }
            if (n < o.window) {
                o.notes.add(
                        e.getKey()
                                + ": "
                                + Math.max(0, n)
                                + " returns, fewer than the window of "
                                + o.window
                                + "; no rows");
            }
            for (int end = o.window - 1; end < n; end += o.slide) {
                Candle last = bars.get(end + 1);
                out.add(
                        window.estimate(
                                e.getKey(),
                                last.getOpenTimeMs(),
                                Arrays.copyOfRange(returns, end - o.window + 1, end + 1),
                                last.getIntervalMs(),
                                o.regime));
            }
        }
        out.sort(
                Comparator.comparingLong((VarEstimate v) -> v.windowEndMs)
                        .thenComparing(v -> v.symbol));
        return out;
    }

    static String row(VarEstimate v) {
        return String.join(
                ",",
                Instant.ofEpochMilli(v.windowEndMs).toString(),
                Long.toString(v.windowEndMs),
                v.symbol,
                Integer.toString(v.returns),
                num(v.volatility),
                num(v.annualisedVolatility),
                num(v.var95),
                num(v.var99),
                num(v.cvar95),
                num(v.cvar99),
                num(v.parametricVar95),
                num(v.parametricVar99),
                num(v.mcVar95),
                num(v.mcVar99),
                num(v.mcCvar95),
                num(v.mcCvar99),
                Integer.toString(v.mcLevel),
                String.format(Locale.ROOT, "%.3f", v.riskScore),
                v.riskLevel,
                num(v.parametricCvar95),
                num(v.parametricCvar99));
    }

    /** The shortest decimal that reads back as the same double, without an exponent. */
    private static String num(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }

    /** The settings of one run. */
    static final class Options {
        Path input;
        int window = DEFAULT_WINDOW;
        int slide;
        String symbol;
        Regime regime;
        VarConfig config;
        final List<String> notes = new ArrayList<>();
    }
}
