package io.tauflow.jobs.cli;

import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.demo.data.CandleCsv;
import io.tauflow.risk.VarConfig;
import io.tauflow.risk.VarEstimate;
import io.tauflow.risk.VarOptions;
import io.tauflow.risk.VarWindow;
import io.tauflow.schema.Candle;
import io.tauflow.schema.Regime;
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
import java.nio.file.Paths;
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
public final class RiskCommand {

    /** One US equity session of minute bars. */
    static final int DEFAULT_WINDOW = 390;

    static final String HEADER =
            "time_utc,time_ms,symbol,returns,volatility,annualised_volatility,hist_var95,"
                    + "hist_var99,cvar95,cvar99,param_var95,param_var99,mc_var95,mc_var99,"
                    + "mc_cvar95,mc_cvar99,mc_level,risk_score,risk_level";

    static final String USAGE =
            """
            Usage: bin/tauflow risk --input FILE.csv[.gz] [options]

            Per symbol and sliding window of one-bar log returns: volatility, historical VaR/CVaR
            95/99, parametric VaR, Monte Carlo VaR/CVaR and the risk level, as CSV on stdout.

              --input FILE     candle CSV, plain or gzipped (columns: symbol, open_time_ms or
                               open_time_utc/time_utc/date, open, high, low, close, volume)
              --window N       returns per window (default 390: one US equity session of 1m bars)
              --slide N        returns the window advances by (default max(1, window / 10))
              --paths P        Monte Carlo paths (default tauflow.var.mc-paths, 1000)
              --steps S        Monte Carlo steps = horizon in bars (default tauflow.var.mc-steps, 50)
              --level L        Monte Carlo level 1, 2, 4 or 5 (default tauflow.var.mc-level, 1)
              --seed N         configured part of the seed (default tauflow.var.seed)
              --symbol S       only this symbol (and the symbol of files without a symbol column)
              --regime R       regime for Monte Carlo level 2+ (BULL_TRENDING, BULL_VOLATILE,
                               BEAR_TRENDING, BEAR_VOLATILE, RANGE_BOUND); default none (neutral)
              --conf-dir DIR   read tauflow.var.* options from DIR/config.yaml
              --tauflow.var.x=V  any tauflow.var.* option of docs/CONFIGURATION.md
              --help           this text
            """;

    private RiskCommand() {}

    public static void main(String[] args) {
        CliMain.exit(args, RiskCommand::run);
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("tauflow risk: " + e.getMessage());
            err.println("run 'bin/tauflow risk --help' for the options");
            return 2;
        }
        if (o.help) {
            out.print(USAGE);
            return 0;
        }
        try {
            List<Candle> candles = read(o.input, o.symbol);
            List<VarEstimate> rows = estimate(candles, o);
            out.println(HEADER);
            for (VarEstimate v : rows) {
                out.println(row(v));
            }
            for (String note : o.notes) {
                err.println("tauflow risk: " + note);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("tauflow risk: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("tauflow risk: cannot read " + o.input + ": " + e);
            return 2;
        }
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
                v.riskLevel);
    }

    /** The shortest decimal that reads back as the same double, without an exponent. */
    private static String num(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }

    /** Parsed command line. */
    static final class Options {
        Path input;
        int window = DEFAULT_WINDOW;
        int slide;
        String symbol;
        Regime regime;
        VarConfig config;
        boolean help;
        final List<String> notes = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            Integer slide = null;
            List<String> rest = new ArrayList<>();
            Map<String, String> overrides = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String flag = a;
                String inline = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0 && !a.startsWith("--tauflow.")) {
                    flag = a.substring(0, eq);
                    inline = a.substring(eq + 1);
                }
                switch (flag) {
                    case "-h", "--help" -> o.help = true;
                    case "--input" -> o.input = Paths.get(value(args, i, flag, inline));
                    case "--window" -> o.window = positiveInt(value(args, i, flag, inline), flag);
                    case "--slide" -> slide = positiveInt(value(args, i, flag, inline), flag);
                    case "--symbol" -> o.symbol = value(args, i, flag, inline);
                    case "--regime" -> o.regime = regime(value(args, i, flag, inline));
                    case "--paths" ->
                            overrides.put(VarOptions.MC_PATHS.key(), value(args, i, flag, inline));
                    case "--steps" ->
                            overrides.put(VarOptions.MC_STEPS.key(), value(args, i, flag, inline));
                    case "--level" ->
                            overrides.put(VarOptions.MC_LEVEL.key(), value(args, i, flag, inline));
                    case "--seed" ->
                            overrides.put(VarOptions.SEED.key(), value(args, i, flag, inline));
                    default -> {
                        if (a.startsWith("--conf-dir") || a.startsWith("--tauflow.")) {
                            rest.add(a);
                            if (!a.contains("=") && i + 1 < args.length) {
                                rest.add(args[++i]);
                            }
                            continue;
                        }
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                    }
                }
                if (inline == null && takesValue(flag)) {
                    i++;
                }
            }
            if (o.help) {
                return o;
            }
            if (o.input == null) {
                throw new IllegalArgumentException("--input FILE is required");
            }
            if (o.window < 2) {
                throw new IllegalArgumentException(
                        "--window must be at least 2 returns, got " + o.window);
            }
            o.slide = slide != null ? slide : Math.max(1, o.window / 10);
            Configuration conf = JobSettings.parseArgs(rest.toArray(new String[0]));
            overrides.forEach(conf::setString);
            o.config = JobSettings.from(conf).var;
            return o;
        }

        private static boolean takesValue(String flag) {
            return !flag.equals("--help") && !flag.equals("-h");
        }

        private static String value(String[] args, int i, String flag, String inline) {
            if (inline != null) {
                return inline;
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i + 1];
        }

        private static int positiveInt(String v, String flag) {
            try {
                int n = Integer.parseInt(v.trim());
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        flag + " must be a positive integer, got '" + v + "'");
            }
        }

        private static Regime regime(String v) {
            try {
                return Regime.valueOf(v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--regime must be one of "
                                + Arrays.toString(Regime.values())
                                + ", got '"
                                + v
                                + "'");
            }
        }
    }
}
