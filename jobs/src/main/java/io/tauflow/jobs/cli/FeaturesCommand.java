package io.tauflow.jobs.cli;

import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureState;
import io.tauflow.features.FeatureVector;
import io.tauflow.jobs.JobSettings;
import io.tauflow.jobs.demo.data.CandleCsv;
import io.tauflow.schema.Candle;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code bin/tauflow features}: runs the feature calculator of the job over a candle CSV and prints
 * every feature of every bar as CSV, so the indicators can be checked against one's own tools.
 *
 * <p>Reads the columns of the bundled data and of Binance/LEAN candle exports (see {@link
 * CandleCsv}: {@code open_time_ms} or an ISO {@code open_time_utc}/{@code open_time}/{@code
 * time_utc}/{@code time}/{@code date} column, {@code open, high, low, close, volume}, optional
 * {@code symbol} and {@code taker_buy_volume}). Each symbol has its own state, as in the job; rows
 * come out in (time, symbol) order. Periods and regime thresholds are the job's options ({@code
 * --tauflow.features.*}, {@code --tauflow.regime.*}, or {@code --conf-dir}).
 *
 * <p>Exit codes: 0 done, 2 bad arguments or input (the message names the problem).
 */
public final class FeaturesCommand {

    static final String USAGE =
            """
            Usage: bin/tauflow features --input FILE.csv[.gz] [--symbol S] [--tauflow.x.y=V ...]

            Prints, per bar, the time and every feature of the job as CSV with a header.
              --input FILE     candle CSV, plain or gzipped: open_time_ms or an ISO time column
                               (open_time_utc, open_time, time_utc, time, date), open, high, low,
                               close, volume; optional symbol, taker_buy_volume
              --symbol S       only this symbol's rows; the symbol of every row if the file has no
                               symbol column
              --tauflow.features.*, --tauflow.regime.*
                               indicator periods and regime thresholds (docs/CONFIGURATION.md)
              --help           this text
            Formulas and definitions: docs/FEATURES.md.
            """;

    private FeaturesCommand() {}

    public static void main(String[] args) {
        CliMain.exit(args, FeaturesCommand::run);
    }

    /**
     * Runs the command; returns the exit code. Output goes to {@code out}, messages to {@code err}.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String input = null;
        String symbol = null;
        List<String> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.print(USAGE);
                return 0;
            } else if (a.equals("--input") || a.equals("--symbol")) {
                if (i + 1 >= args.length) {
                    return fail(err, a + " needs a value");
                }
                if (a.equals("--input")) {
                    input = args[++i];
                } else {
                    symbol = args[++i];
                }
            } else if (a.startsWith("--input=")) {
                input = a.substring("--input=".length());
            } else if (a.startsWith("--symbol=")) {
                symbol = a.substring("--symbol=".length());
            } else {
                options.add(a);
            }
        }
        if (input == null || input.isBlank()) {
            return fail(err, "--input FILE.csv is required");
        }
        if (symbol != null && symbol.isBlank()) {
            return fail(err, "--symbol needs a non-empty value");
        }
        Path file = Paths.get(input);
        if (!Files.isRegularFile(file)) {
            return fail(err, "no such file: " + input);
        }
        JobSettings settings;
        List<Candle> candles;
        try {
            settings = JobSettings.from(JobSettings.parseArgs(options.toArray(new String[0])));
            candles = CandleCsv.readFile(file, "CSV", symbol);
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            return fail(err, e.getMessage());
        }
        if (symbol != null) {
            String wanted = symbol;
            TreeSet<String> seen = new TreeSet<>();
            candles.forEach(c -> seen.add(c.getSymbol()));
            candles.removeIf(c -> !c.getSymbol().equals(wanted));
            if (candles.isEmpty()) {
                return fail(err, input + ": no rows for symbol " + wanted + "; symbols: " + seen);
            }
        }
        if (candles.isEmpty()) {
            return fail(err, input + ": no data rows");
        }

        FeatureCalculator calculator = new FeatureCalculator(settings.features, settings.regime);
        Map<String, FeatureState> states = new HashMap<>();
        out.println(String.join(",", COLUMN_NAMES));
        StringBuilder row = new StringBuilder(512);
        for (Candle c : candles) {
            FeatureState s = states.computeIfAbsent(c.getSymbol(), k -> new FeatureState());
            FeatureVector v = calculator.onCandle(s, c);
            row.setLength(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (i > 0) {
                    row.append(',');
                }
                row.append(COLUMNS.get(i).value().apply(v));
            }
            out.println(row);
        }
        return 0;
    }

    private static int fail(PrintStream err, String message) {
        err.println("tauflow features: " + message);
        err.println("run 'bin/tauflow features --help' for usage");
        return 2;
    }

    /** One output column: its header name and how to print it from a vector. */
    record Column(String name, Function<FeatureVector, Object> value) {}

    /** The output columns in order: the bar's identity, then every feature. */
    static final List<Column> COLUMNS =
            List.of(
                    new Column("time", v -> Instant.ofEpochMilli(v.eventTimeMs)),
                    new Column("open_time_ms", v -> v.eventTimeMs),
                    new Column("symbol", v -> v.symbol),
                    new Column("interval_ms", v -> v.intervalMs),
                    new Column("high", v -> v.high),
                    new Column("low", v -> v.low),
                    new Column("close", v -> v.close),
                    new Column("volume", v -> v.volume),
                    new Column("has_previous", v -> v.hasPrevious),
                    new Column("log_return", v -> v.logReturn),
                    new Column("momentum_short", v -> v.momentumShort),
                    new Column("momentum_mid", v -> v.momentumMid),
                    new Column("momentum_long", v -> v.momentumLong),
                    new Column("volatility", v -> v.volatility),
                    new Column("volatility_ratio", v -> v.volatilityRatio),
                    new Column("rsi", v -> v.rsi),
                    new Column("atr", v -> v.atr),
                    new Column("adx", v -> v.adx),
                    new Column("plus_di", v -> v.plusDi),
                    new Column("minus_di", v -> v.minusDi),
                    new Column("macd", v -> v.macd),
                    new Column("macd_signal", v -> v.macdSignal),
                    new Column("macd_histogram", v -> v.macdHistogram),
                    new Column("bollinger_percent_b", v -> v.bollingerPercentB),
                    new Column("bollinger_bandwidth", v -> v.bollingerBandwidth),
                    new Column("trend_ma", v -> v.trendMa),
                    new Column("volume_z", v -> v.volumeZ),
                    new Column("vpin", v -> v.vpin),
                    new Column("sentiment", v -> v.sentiment),
                    new Column("book_imbalance", v -> v.bookImbalance),
                    new Column("book_spread_bps", v -> v.bookSpreadBps),
                    new Column("book_depth", v -> v.bookDepth),
                    new Column("regime", v -> v.regime),
                    new Column("warm", v -> v.warm));

    static final List<String> COLUMN_NAMES = COLUMNS.stream().map(Column::name).toList();
}
