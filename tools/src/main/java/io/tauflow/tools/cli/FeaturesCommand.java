package io.tauflow.tools.cli;

import io.tauflow.features.FeatureCalculator;
import io.tauflow.features.FeatureState;
import io.tauflow.features.FeatureVector;
import io.tauflow.jobs.JobSettings;
import io.tauflow.schema.Candle;
import io.tauflow.tools.demo.data.CandleCsv;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
@Command(
        name = "features",
        header = "Print every feature of the job, per bar, for a candle CSV.",
        mixinStandardHelpOptions = true,
        description = {
            "Print every feature of the job, per bar, for a candle CSV, to check the indicators"
                    + " against your own tools: time, symbol, close, momentum, volatility, RSI,"
                    + " ATR, ADX/DI, MACD, Bollinger %%b and bandwidth, trend MA, volume z-score,"
                    + " VPIN, regime, warm. Indicator periods and regime thresholds are the job's"
                    + " options (tauflow.features.*, tauflow.regime.*). Formulas:"
                    + " docs/FEATURES.md."
        })
public final class FeaturesCommand extends CliCommand {

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description =
                    "Candle CSV, plain or gzipped: open_time_ms or an ISO time column"
                            + " (open_time_utc, open_time, time_utc, time, date), open, high, low,"
                            + " close, volume; optional symbol, taker_buy_volume.")
    Path input;

    @Option(
            names = "--symbol",
            paramLabel = "S",
            description =
                    "Only this symbol's rows; the symbol of every row if the file has no symbol"
                            + " column.")
    String symbol;

    @Mixin ConfigMixin config;

    FeaturesCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    /** Runs {@code bin/tauflow features ARGS}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String[] all = new String[args.length + 1];
        all[0] = "features";
        System.arraycopy(args, 0, all, 1, args.length);
        return Tauflow.execute(out, err, all);
    }

    @Override
    public Integer call() throws IOException {
        if (symbol != null && symbol.isBlank()) {
            throw usage("Invalid value for option '--symbol': must not be empty");
        }
        JobSettings settings = config.settings();
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("no such file: " + input);
        }
        List<Candle> candles;
        try {
            candles = CandleCsv.readFile(input, "CSV", symbol);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read " + input + ": " + e.getMessage(), e);
        }
        if (symbol != null) {
            String wanted = symbol;
            TreeSet<String> seen = new TreeSet<>();
            candles.forEach(c -> seen.add(c.getSymbol()));
            candles.removeIf(c -> !c.getSymbol().equals(wanted));
            if (candles.isEmpty()) {
                throw new IllegalArgumentException(
                        input + ": no rows for symbol " + wanted + "; symbols: " + seen);
            }
        }
        if (candles.isEmpty()) {
            throw new IllegalArgumentException(input + ": no data rows");
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
